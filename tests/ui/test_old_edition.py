"""Tests that a reflection started on an earlier edition of a pack carries on with its own questions."""

from __future__ import annotations

from textual.widgets import Static, TextArea

from myrole.model import Context, Profile, Visibility
from myrole.prompts import EDITION_GONE, editions_folder, load_catalogue, load_pack
from myrole.store.profile import save_profile
from myrole.store.reflections import save_answer, set_position, start_reflection
from myrole.ui.screens.reflection import ReflectionScreen

from .pilot import pilot_test, running

FIRST_CORE = load_pack(editions_folder() / "core-1.toml")
RETIRED = "self-advocacy-1"  # a first-edition question that the second edition moved to another mode


def unfinished_first_edition_reflection(db, answer: str) -> int:
    """Sam's store with a core reflection started on the first edition, stopped at RETIRED; its position."""
    save_profile(db, Profile("Sam", onboarded=True))
    position = next(i for i, prompt in enumerate(FIRST_CORE.prompts) if prompt.id == RETIRED)
    reflection = start_reflection(db, FIRST_CORE, Context.SELF)
    save_answer(db, reflection.id, FIRST_CORE.prompts[position], answer, Visibility.PRIVATE, position)
    set_position(db, reflection.id, position)
    return position


def notes(app) -> list[str]:
    """The notifications the app has shown (Textual keeps them on the app while they are on screen)."""
    return [str(note.message) for note in app._notifications]


async def carry_on(pilot) -> ReflectionScreen:
    """Answer 'Carry on where you left off?' with yes; the stepper it opens."""
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReflectionScreen)
    return pilot.app.screen


def test_the_first_edition_differs_from_the_installed_one_where_this_test_looks():
    current = load_catalogue().get("core")
    assert current.version != FIRST_CORE.version
    assert current.prompt(RETIRED) is None


@pilot_test
async def test_a_first_edition_reflection_shows_its_own_questions(db, paths):
    position = unfinished_first_edition_reflection(db, "Tell the porters about the phone line")
    async with running(paths, db) as pilot:
        stepper = await carry_on(pilot)
        assert stepper.pack == FIRST_CORE
        assert stepper.prompt.id == RETIRED
        shown = stepper.query_one("#prompt-text", Static).visual.plain
        assert shown == FIRST_CORE.prompts[position].text
        assert stepper.query_one("#answer", TextArea).text == "Tell the porters about the phone line"
        assert f"question {position + 1} of {len(FIRST_CORE.prompts)}" in stepper.query_one("#where", Static).visual.plain
        assert EDITION_GONE not in notes(pilot.app)


@pilot_test
async def test_an_edition_that_is_gone_opens_today_s_questions_with_a_note(db, paths, monkeypatch):
    monkeypatch.setattr("myrole.prompts.editions_folder", lambda: paths.user_prompts / "nowhere")
    unfinished_first_edition_reflection(db, "Tell the porters about the phone line")
    async with running(paths, db) as pilot:
        stepper = await carry_on(pilot)
        assert stepper.pack == load_catalogue().get("core")
        assert EDITION_GONE in notes(pilot.app)

