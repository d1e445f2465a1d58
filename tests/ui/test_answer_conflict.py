"""Two windows on one answer: the stepper asks before replacing text saved elsewhere."""

from __future__ import annotations

import asyncio

from textual.widgets import TextArea

from myrole.model import Context, Profile, Visibility
from myrole.prompts import load_catalogue
from myrole.store import open_store
from myrole.store.profile import save_profile
from myrole.store.reflections import get_answers, save_answer, start_reflection
from myrole.ui.app import MyRoleApp
from myrole.ui.dialogs.confirm import ConfirmDialog
from myrole.ui.screens.reflection import ReflectionScreen


def run_conflict(paths, choice: str) -> tuple[str, list[str]]:
    """Type in the stepper after another window saved the same answer; answer the question."""
    db = open_store(paths)
    save_profile(db, Profile(onboarded=True))
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.SELF)
    other = open_store(paths)  # the other window
    shown = ""

    async def journey() -> None:
        nonlocal shown
        app = MyRoleApp(paths=paths, db=db)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await app.push_screen(ReflectionScreen(reflection.id))
            await pilot.pause()
            save_answer(other, reflection.id, pack.prompts[0], "the other window's text", Visibility.PRIVATE)
            # The words arrive in one go (as a paste does): under load, a key-by-key typist can be
            # overtaken by the autosave, whose question then takes the keys still to come.
            app.screen.query_one("#answer", TextArea).insert("mine")
            await pilot.pause(0.6)  # let the autosave run
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.click(f"#{choice}")
            await pilot.pause(0.6)
            shown = app.screen.query_one("#answer", TextArea).text

    asyncio.run(journey())
    stored = [a.text for a in get_answers(other, reflection.id)]
    other.close()
    return shown, stored


def test_keeping_mine_replaces_the_other_text(paths):
    shown, stored = run_conflict(paths, "yes")
    assert shown == "mine"
    assert stored == ["mine"]


def test_loading_the_other_shows_and_keeps_their_text(paths):
    shown, stored = run_conflict(paths, "no")
    assert shown == "the other window's text"
    assert stored == ["the other window's text"]
