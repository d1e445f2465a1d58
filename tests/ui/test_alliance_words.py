"""Tests that every place a person chooses who can see something says what 'alliance' means, and that
the words match what the Alliance summary really holds."""

from __future__ import annotations

from dataclasses import fields

from textual.widgets import Static

from myrole.demo import seed
from myrole.model import Commitment, Lens, Mode, Profile, Visibility
from myrole.privacy import AnonymisedCommitment
from myrole.store import open_store
from myrole.store.commitments import create_commitment
from myrole.store.profile import save_profile
from myrole.ui.dialogs.checkin import CheckInDialog
from myrole.ui.dialogs.commitment import CommitmentEditor
from myrole.ui.dialogs.one_to_one import ItemDialog
from myrole.ui.dialogs.visibility import VisibilityDialog
from myrole.ui.screens.history import ReflectionRecord
from myrole.ui.screens.reflection import ReflectionScreen
from myrole.ui.widgets.choices import alliance_note

from .pilot import TODAY, pilot_test, running, type_text

NAME = "your organisation's inequalities group"  # with no collective_name set
# How the note names each field of what the alliance summary holds for a commitment.
NOTE_WORDS = {"lens": "lens", "mode": "mode", "title": "title", "tags": "tags", "topic": "topic",
              "status": "status", "target_month": "target month", "target_quarter": "quarter",
              "key": "never your name", "event_id": "event", "event_name": "event", "topic_id": "topic",
              "progress": "newest progress", "checkins": "how many check-ins", "last_checkin_month": "month of the last"}


def _shown(screen) -> str:
    return "\n".join(static.content.plain if hasattr(static.content, "plain") else str(static.content)
                     for static in screen.query(Static))


def test_the_commitment_note_names_exactly_what_the_alliance_summary_holds():
    note = alliance_note("commitment")
    assert {f.name for f in fields(AnonymisedCommitment)} == set(NOTE_WORDS)  # a new field needs new words
    assert all(words in note for words in NOTE_WORDS.values())
    assert NAME in note and "never your name" in note and "in a summary you send" in note
    assert "Reducing Inequalities Alliance gets" in alliance_note("commitment", "Reducing Inequalities Alliance")


def test_other_kinds_say_the_alliance_never_gets_them():
    for kind in ("answer", "check-in", "talking point"):
        assert alliance_note(kind) == (f"If you choose alliance, your line manager sees this {kind}; {NAME} "
                                       "only ever gets commitments.")


def _demo(paths):
    """The demo store, as it would be on TODAY."""
    db = open_store(paths)
    seed(db, today=TODAY)
    return db


@pilot_test
async def test_the_commitment_editor_and_the_check_in_dialog_explain_alliance(paths):
    async with running(paths, _demo(paths)) as pilot:
        app = pilot.app
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CheckInDialog)
        assert alliance_note("check-in") in _shown(app.screen)
        await pilot.press("escape", "enter", "e")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentEditor)
        assert alliance_note("commitment") in _shown(app.screen)


@pilot_test
async def test_the_visibility_dialog_for_a_past_answer_explains_alliance(paths):
    async with running(paths, _demo(paths)) as pilot:
        app = pilot.app
        await pilot.press("h", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionRecord)
        await pilot.press("tab", "v")
        await pilot.pause()
        assert isinstance(app.screen, VisibilityDialog)
        assert alliance_note("answer") in _shown(app.screen)


@pilot_test
async def test_a_one_to_one_item_explains_alliance(paths):
    db = open_store(paths)
    save_profile(db, Profile(name="Sam", manager_name="Alex Morgan", onboarded=True))

    async with running(paths, db) as pilot:
        app = pilot.app
        await pilot.press("o", "s")
        await pilot.pause()
        assert isinstance(app.screen, ItemDialog)
        assert alliance_note("request for support") in _shown(app.screen)


@pilot_test
async def test_the_reflection_stepper_explains_alliance_while_it_is_chosen(paths):
    db = open_store(paths)
    save_profile(db, Profile(name="Sam", onboarded=True))
    create_commitment(db, Commitment(id="", title="Something open", lens=Lens.SELF, mode=Mode.ACTION))

    async with running(paths, db) as pilot:
        app = pilot.app
        await pilot.press("r", "tab", "tab", "enter")
        await pilot.pause()
        stepper = app.screen
        assert isinstance(stepper, ReflectionScreen)
        note = stepper.query_one("#alliance-note", Static)
        assert not note.display  # private, the default: nothing to explain
        await type_text(pilot, "I assumed")
        await pilot.press("f3")
        await pilot.pause()
        assert not note.display  # manager
        await pilot.press("f3")
        await pilot.pause()
        assert stepper.query_one("#visibility").value == Visibility.ALLIANCE.value
        assert note.display and note.content.plain == alliance_note("answer")
        await pilot.press("f3")
        await pilot.pause()
        assert not note.display  # back to private
