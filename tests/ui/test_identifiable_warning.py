"""Tests the identifiable-data warning in the reflection stepper: shown on autosave, never blocks saving."""

from __future__ import annotations

import asyncio

import pytest

from myrole.model import Profile
from myrole.store.profile import save_profile
from myrole.store.reflections import get_answers, unfinished_reflection
from myrole.ui.app import MyRoleApp
from myrole.ui.screens.reflection import ReflectionScreen
from myrole.ui.widgets.identifiable import IdentifiableWarning, identifiable_matches

from .pilot import open_new_reflection, pilot_test, press_quickly, type_text

SIZE = (80, 24)
ANSWER = "Saw Mrs B today, NHS 943 476 5919, about her transport"


def saved_texts(db) -> list[str]:
    reflection = unfinished_reflection(db)
    return [a.text for a in get_answers(db, reflection.id)] if reflection else []


async def until_saved(pilot, db, text: str) -> None:
    """Wait (in small steps, a bounded number of times) for the autosave to store the text."""
    for _ in range(50):
        await pilot.pause(0.1)
        if text in saved_texts(db):
            return
    raise AssertionError(f"the answer was never saved: {saved_texts(db)}")


def warning_text(app) -> str:
    warning = app.screen.query_one(IdentifiableWarning)
    return str(warning.render()) if warning.display else ""


@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_an_nhs_number_in_an_answer_is_warned_about_and_still_saved(paths, db):
    save_profile(db, Profile(name="Sam", onboarded=True))
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_new_reflection(pilot)  # test_reflection_flow starts one through the start dialog
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert warning_text(app) == ""
        await type_text(pilot, ANSWER)
        await until_saved(pilot, db, ANSWER)  # the check warns; the autosave still saves
        await pilot.pause()
        shown = warning_text(app)
        assert "NHS number '943 476 5919'" in shown
        assert "Reflections should be anonymous: edit it out, or keep it if it is not about a person." in shown

        await pilot.press("ctrl+n", "ctrl+b")  # away and back: the saved answer is checked again
        await pilot.pause()
        assert "NHS number '943 476 5919'" in warning_text(app)

        edited = ANSWER.replace(", NHS 943 476 5919", "")
        await press_quickly(pilot, *["left"] * len(", about her transport"), *["backspace"] * len(", NHS 943 476 5919"))
        await until_saved(pilot, db, edited)
        await pilot.pause()
        assert warning_text(app) == ""  # edited out: the warning goes


def test_the_matches_name_the_kind_and_the_text_as_typed():
    assert identifiable_matches("call 01274 123456 or see BD8 7AB") == [
        "phone number '01274 123456'", "postcode 'BD8 7AB'"]
    assert identifiable_matches("NHS 943 476 5918") == []  # a wrong check digit is not an NHS number


def test_a_long_list_of_matches_is_summed_up_not_shown_pages_long():
    from textual.app import App

    class Holder(App):
        def compose(self):
            yield IdentifiableWarning()

    async def scenario():
        app = Holder()
        async with app.run_test() as pilot:
            warning = app.query_one(IdentifiableWarning)
            numbers = " ".join(f"01274 1234{n:02}" for n in range(12))
            assert warning.check(numbers, "Careful", "Edit it.")
            await pilot.pause()
            shown = str(warning.render())
            assert shown.startswith("Careful: phone number '01274 123400'; ")
            assert shown.endswith("; and 7 more. Edit it.") and warning.display
            assert not warning.check("nothing here", "Careful", "Edit it.")
            assert not warning.display

    asyncio.run(scenario())
