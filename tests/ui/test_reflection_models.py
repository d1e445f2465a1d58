"""Tests reflection models (steps with no lens) and the one-lens pack in the app, key by key, against the store."""

from __future__ import annotations

import pytest
from textual.widgets import SelectionList, Static, TextArea
from textual.widgets._footer import FooterKey

from myrole.model import Lens, Mode, Profile
from myrole.prompts import load_catalogue
from myrole.store import open_store
from myrole.store.profile import save_profile
from myrole.store.reflection_lenses import get_tags
from myrole.store.reflections import get_answers, list_reflections
from myrole.ui.app import MyRoleApp
from myrole.ui.dialogs.choose import ChooseDialog
from myrole.ui.dialogs.lens_tags import LensTagDialog
from myrole.ui.dialogs.start import StartReflectionDialog
from myrole.ui.screens.home import HomeScreen
from myrole.ui.screens.reflection import ReflectionScreen
from myrole.ui.widgets.coverage import CoverageGrid

from .pilot import TODAY, pilot_test, reopened, type_text

MODELS = ["gibbs", "what-so-what", "end-of-shift"]


async def started(paths, pack_id: str):
    """The app as `myrole reflect --pack PACK` opens it, with the reflection started (Start pressed)."""
    db = open_store(paths)
    save_profile(db, Profile("Sam", onboarded=True))
    app = MyRoleApp(paths=paths, db=db, reflect_pack=pack_id, today=TODAY)
    return app


def coverage_cell(app, lens: Lens, mode: Mode) -> str:
    """The text of one cell of the home screen's coverage grid."""
    lines = str(app.screen.query_one(CoverageGrid).render()).splitlines()
    row = next(line for line in lines if line.strip().startswith(("Self", "Patients", "Services", "Communities",
                                                                  "Systems", "Future")[list(Lens).index(lens)]))
    return row.split()[1 + list(Mode).index(mode)]


@pytest.mark.parametrize("pack_id", MODELS)
@pilot_test
async def test_a_model_walks_step_by_step_is_tagged_at_the_end_and_counts_on_home(paths, pack_id):
    pack = load_catalogue().get(pack_id)
    app = await started(paths, pack_id)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartReflectionDialog)
        await pilot.press("tab", "tab", "enter")  # start with the chosen pack, on my own
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        for number, prompt in enumerate(pack.prompts, start=1):
            where = str(app.screen.query_one("#where", Static).render())
            assert f"step {number} of {len(pack.prompts)}" in where and "Lens" not in where
            assert prompt.text in str(app.screen.query_one("#prompt-text", Static).render())
            await type_text(pilot, f"step {number}")
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert isinstance(app.screen, LensTagDialog)  # the end offers the optional tags
        await pilot.press("down", "space")  # Patients
        await pilot.press("tab", "down", "space")  # Take action
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.click("#review-finish")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert coverage_cell(app, Lens.PATIENTS, Mode.ACTION) == "1"
        assert coverage_cell(app, Lens.SELF, Mode.ACTION) == "·"
    with reopened(paths) as db:
        [(reflection, answered)] = list_reflections(db)
        assert reflection.pack_id == pack_id and reflection.finished_at and answered == len(pack.prompts)
        assert [a.text for a in get_answers(db, reflection.id)] == [f"step {n}" for n in range(1, answered + 1)]
        assert get_tags(db, reflection.id) == [(Lens.PATIENTS, Mode.ACTION)]


async def at_the_tags(pilot) -> None:
    """Through the start dialog and straight to the end of the reflection, nothing written: the tags are asked for."""
    await pilot.pause()
    await pilot.press("tab", "tab", "enter")
    await pilot.pause()
    await pilot.press("ctrl+f")
    await pilot.pause()
    assert isinstance(pilot.app.screen, LensTagDialog)


@pilot_test
async def test_the_tags_are_optional_and_half_a_choice_is_explained_not_saved(paths):
    app = await started(paths, "what-so-what")
    async with app.run_test(size=(80, 30)) as pilot:
        await at_the_tags(pilot)
        await pilot.press("space", "ctrl+s")  # a lens but no way of contributing
        await pilot.pause()
        assert isinstance(app.screen, LensTagDialog)
        assert "one way of contributing" in str(app.screen.query_one("#tag-error", Static).render())
        await pilot.press("escape")  # skip
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.press("ctrl+l")  # and it can be opened again
        await pilot.pause()
        assert isinstance(app.screen, LensTagDialog)
        assert app.screen.query_one("#tag-lenses", SelectionList).selected == []
        await pilot.press("escape")
    with reopened(paths) as db:
        [(reflection, _)] = list_reflections(db)
        assert reflection.pack_id == "what-so-what" and get_tags(db, reflection.id) == []


@pilot_test
async def test_one_thing_asks_for_one_lens_answers_it_and_leaves_the_others_optional(paths):
    pack = load_catalogue().get("one-thing")
    app = await started(paths, "one-thing")
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)  # the lens comes first
        await pilot.press("down", "down", "enter")  # the third lens: services
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert app.screen.prompt.id == "one-thing-services"
        assert "another lens" in str(app.screen.query_one("#where", Static).render())
        await type_text(pilot, "raise it on Thursday")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.prompt is None  # next goes to the end, not through the other five
        await pilot.press("ctrl+l")  # another lens is still reachable
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)
        await pilot.press("enter")  # the first: self
        await pilot.pause()
        assert app.screen.prompt.id == "one-thing-self"
        assert app.screen.query_one("#answer", TextArea).text == ""
        await pilot.press("ctrl+f")
        await pilot.pause()
        await pilot.click("#review-finish")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    with reopened(paths) as db:
        [(reflection, answered)] = list_reflections(db)
        assert reflection.pack_id == pack.id and answered == 1
        [answer] = [a for a in get_answers(db, reflection.id) if a.text]
        assert (answer.prompt_id, answer.lens, answer.text) == ("one-thing-services", Lens.SERVICES,
                                                                "raise it on Thursday")


def notices(app) -> list[str]:
    """The notifications on screen, as their text."""
    return [str(note.message) for note in app._notifications]


@pilot_test
async def test_tagging_counts_lenses_and_ways_and_finishing_with_no_commitment_names_none(paths):
    app = await started(paths, "what-so-what")
    async with app.run_test(size=(80, 30)) as pilot:
        await at_the_tags(pilot)
        await pilot.press("space", "down", "space")  # Self and Patients
        await pilot.press("tab", "space")  # one way of contributing
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(n.startswith("Tagged with 2 lenses and 1 way of contributing;") for n in notices(app))
        await pilot.click("#review-finish")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        finished = [n for n in notices(app) if n.startswith("Reflection finished.")]
        assert finished and "commitment" not in finished[0]


@pilot_test
async def test_at_the_end_the_footer_drops_the_keys_about_a_question_and_they_come_back(paths):
    app = await started(paths, "what-so-what")
    async with app.run_test(size=(100, 30)) as pilot:
        await at_the_tags(pilot)
        await pilot.press("escape")  # no tags now: the review, where there is no question
        await pilot.pause()
        shown = {key.key for key in app.screen.query(FooterKey)}
        assert shown and not shown & {"f2", "f3", "ctrl+t"}
        await pilot.press("ctrl+b")  # back to the last question: its keys are offered again
        await pilot.pause()
        assert {"f2", "f3", "ctrl+t"} <= {key.key for key in app.screen.query(FooterKey)}
