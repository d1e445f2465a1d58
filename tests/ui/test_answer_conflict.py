"""Two windows on one answer: the stepper asks, once typing pauses, before replacing text saved elsewhere."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Static, TextArea

from myrole.model import Context, Profile, Visibility
from myrole.prompts import load_catalogue
from myrole.store import open_store
from myrole.store.profile import save_profile
from myrole.store.drafts import list_drafts
from myrole.store.reflections import get_answers, save_answer, start_reflection
from myrole.ui.app import MyRoleApp
from myrole.ui.dialogs.confirm import ConfirmDialog
from myrole.ui.screens.reflection import ReflectionScreen


async def until(pilot, condition) -> None:
    """Wait in small steps, a bounded number of times, for condition() to hold.

    Each step lets the app run for 20 ms (asyncio.sleep), not a pilot.pause, which also waits for every
    widget's messages and draws the screen: what is checked is the app's state, and the app draws its
    frames anyway.
    """
    for _ in range(1000):  # generous: a loaded machine is slow, and only a failure waits the whole time
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("waited in vain")


@pytest.fixture(autouse=True)
def migrated(paths, prepared_stores) -> None:
    """Each test's store starts as a copy of an empty one migrated once per test process, not migrated anew."""
    prepared_stores(paths, "empty", lambda source: open_store(source).close())


def one_answer_two_windows(paths):
    """A reflection just started, with the store open twice: this window's connection, the core pack, the
    reflection, and the other window's connection."""
    db = open_store(paths)
    save_profile(db, Profile(onboarded=True))
    pack = load_catalogue().get("core")
    return db, pack, start_reflection(db, pack, Context.SELF), open_store(paths)


async def stepper_then_the_other_window_saves(app, pilot, reflection, pack, other):
    """Open the reflection's stepper in this window, then save its first answer from the other: the screen."""
    await pilot.pause()
    await app.push_screen(ReflectionScreen(reflection.id))
    await pilot.pause()
    save_answer(other, reflection.id, pack.prompts[0], "the other window's text", Visibility.PRIVATE)
    return app.screen


def run_conflict(paths, choice: str) -> tuple[str, str, list[str]]:
    """Type key by key in the stepper after another window saved the same answer, on through the
    moment the autosave finds the conflict; answer the question once it appears.

    Returns what the answer box held when the question appeared, what it shows after the choice,
    and what is stored."""
    db, pack, reflection, other = one_answer_two_windows(paths)
    typed = shown = ""

    async def journey() -> None:
        nonlocal typed, shown
        app = MyRoleApp(paths=paths, db=db)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await stepper_then_the_other_window_saves(app, pilot, reflection, pack, other)
            answer = screen.query_one("#answer", TextArea)
            await pilot.press("m", "i")
            # The autosave runs after a pause in typing and finds the other window's save ...
            await until(pilot, lambda: "Not saved" in str(screen.query_one("#save-status", Static).render()))
            # ... and the person types on: every key goes into the answer, none into a question.
            for key in ("n", "e", "space", "t", "o", "o"):
                await pilot.press(key)
                assert app.screen is screen
            typed = answer.text
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))  # asked once typing pauses
            await pilot.pause()  # the question laid out, so the click finds its button
            await pilot.click(f"#{choice}")
            await until(pilot, lambda: not isinstance(app.screen, ConfirmDialog))
            await pilot.pause(0.6)
            shown = app.screen.query_one("#answer", TextArea).text

    asyncio.run(journey())
    stored = [a.text for a in get_answers(other, reflection.id)]
    other.close()
    return typed, shown, stored


def test_keeping_mine_replaces_the_other_text(paths):
    typed, shown, stored = run_conflict(paths, "yes")
    assert typed == "mine too"
    assert shown == "mine too"
    assert stored == ["mine too"]


def test_loading_the_other_shows_and_keeps_their_text(paths):
    typed, shown, stored = run_conflict(paths, "no")
    assert typed == "mine too"  # every key landed before the question was asked
    assert shown == "the other window's text"
    assert stored == ["the other window's text"]
    drafts = open_store(paths)
    assert [d for d in list_drafts(drafts) if d.form == "answer"] == []  # the kept text goes with the choice
    drafts.close()


def quit_while_the_question_waits(paths) -> tuple[object, object]:
    """Type after another window's save, then quit before the question comes: returns the store and
    the reflection, with the typed text kept as a draft waiting for the question."""
    db, pack, reflection, other = one_answer_two_windows(paths)

    async def journey() -> None:
        app = MyRoleApp(paths=paths, db=db)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await stepper_then_the_other_window_saves(app, pilot, reflection, pack, other)
            await pilot.press("m", "i")
            await until(pilot, lambda: "Not saved" in str(screen.query_one("#save-status", Static).render()))
            await pilot.press("n", "e")
            await app.action_quit()  # ctrl+q at once, the question not yet asked

    asyncio.run(journey())
    return other, reflection


def test_text_typed_while_the_question_waits_survives_a_quit_and_is_asked_about_again(paths):
    other, reflection = quit_while_the_question_waits(paths)
    (draft,) = [d for d in list_drafts(other) if d.form == "answer"]
    assert draft.fields["answer"] == "mine"
    # Reopening does not overwrite the other window's text unasked: it asks again.
    assert [a.text for a in get_answers(other, reflection.id)] == ["the other window's text"]

    async def reopen() -> None:
        app = MyRoleApp(paths=paths, db=open_store(paths))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await app.push_screen(ReflectionScreen(reflection.id))
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            assert [a.text for a in get_answers(other, reflection.id)] == ["the other window's text"]
            await pilot.pause()
            await pilot.click("#yes")
            await until(pilot, lambda: [a.text for a in get_answers(other, reflection.id)] == ["mine"])

    asyncio.run(reopen())
    assert [d for d in list_drafts(other) if d.form == "answer"] == []
    other.close()
