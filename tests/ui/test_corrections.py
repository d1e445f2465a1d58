"""Tests correcting in the app as a person would (History, commitment detail, one-to-one), and that edits
save only the fields the person changed."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, OptionList, Static, TextArea

from myrole.model import CheckIn, Commitment, Context, ItemKind, Lens, Mode, Profile, Visibility
from myrole.prompts import load_catalogue
from myrole.store import open_store
from myrole.store import one_to_ones as o2o
from myrole.store.checkins import add_checkin, list_checkins
from myrole.store.commitments import create_commitment, get_commitment, status_history
from myrole.store.profile import get_profile, save_profile
from myrole.store.reflections import finish_reflection, get_answers, save_answer, start_reflection
from myrole.ui.dialogs.choose import ChooseDialog
from myrole.ui.dialogs.commitment import CommitmentEditor
from myrole.ui.dialogs.correct import CorrectionDialog
from myrole.ui.dialogs.one_to_one import ItemDialog
from myrole.ui.dialogs.profile import ProfileDialog
from myrole.ui.screens.commitment import CommitmentScreen
from myrole.ui.screens.history import AnswerView, ReflectionRecord
from myrole.ui.screens.one_to_one import OneToOneScreen

from .pilot import TODAY, one_weekly_commitment, pilot_test, reopened, running

CANARY = "SW1A 1AA canary"
CORE = load_catalogue().get("core")
PADDED = dict(title="  Imported title  ", detail="Line one\r\nLine two\u2028three ", first_step=" step ",
              success="\tsuccess\t", support=" support ")


def finished_reflection(paths) -> str:
    db = open_store(paths)
    save_profile(db, Profile("Sam", onboarded=True))
    reflection = start_reflection(db, CORE, Context.SELF)
    save_answer(db, reflection.id, CORE.prompts[0], f"The patient at {CANARY} missed the letter.",
                Visibility.MANAGER)
    finish_reflection(db, reflection.id)
    db.close()
    return reflection.id


async def save_correction(pilot, field: str, text: str) -> None:
    dialog = pilot.app.screen
    assert isinstance(dialog, CorrectionDialog)
    widget = dialog.query_one(f"#{field}")
    widget.load_text(text) if isinstance(widget, TextArea) else setattr(widget, "value", text)
    await pilot.press("ctrl+s")
    await pilot.pause()


@pilot_test
async def test_an_answer_is_corrected_from_history(paths):
    reflection_id = finished_reflection(paths)
    async with running(paths) as pilot:
        await pilot.press("h", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReflectionRecord)
        await pilot.press("c")  # nothing chosen yet: it says how, and opens nothing
        assert isinstance(pilot.app.screen, ReflectionRecord)
        await pilot.press("tab", "c")
        await pilot.pause()
        await save_correction(pilot, "text", "The patient missed the letter.")
        record = pilot.app.screen
        assert isinstance(record, ReflectionRecord)
        [view] = record.query(AnswerView)
        assert "The patient missed the letter." in str(view.visual) and CANARY not in str(view.visual)
        assert pilot.app.focused is view
    with reopened(paths) as db:
        assert get_answers(db, reflection_id)[0].text == "The patient missed the letter."


@pilot_test
async def test_a_correction_that_still_looks_identifiable_is_warned_about_once(paths):
    reflection_id = finished_reflection(paths)
    async with running(paths) as pilot:
        await pilot.press("h", "enter")
        await pilot.pause()
        await pilot.press("tab", "c")
        await pilot.pause()
        await save_correction(pilot, "text", "The patient at SW1A 2AA missed the letter.")
        assert isinstance(pilot.app.screen, CorrectionDialog)  # warned, not saved
        assert "postcode 'SW1A 2AA'" in str(pilot.app.screen.query_one("#warning", Static).visual)
        await pilot.press("ctrl+s")  # save anyway
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReflectionRecord)
    with reopened(paths) as db:
        assert get_answers(db, reflection_id)[0].text == "The patient at SW1A 2AA missed the letter."


@pilot_test
async def test_a_check_in_is_corrected_from_the_commitment(paths):
    commitment_id = one_weekly_commitment(paths, days_old=3)
    with reopened(paths) as db:
        add_checkin(db, get_commitment(db, commitment_id), CheckIn(
            id="", commitment_id="", at="", on_date=TODAY, progress=1, note=f"Rang {CANARY}",
            barriers="No answer", next_step="Try again"))
    async with running(paths) as pilot:
        await pilot.app.push_screen(CommitmentScreen(commitment_id))
        await pilot.pause()
        await pilot.press("w")
        assert isinstance(pilot.app.screen, ChooseDialog)
        await pilot.press("enter")
        await pilot.pause()
        await save_correction(pilot, "note", "Rang the family")
        assert isinstance(pilot.app.screen, CommitmentScreen)
        shown = str(pilot.app.screen.query_one("#detail-checkins", Static).visual)
        assert "Rang the family" in shown and CANARY not in shown
        assert "check-in corrected" in str(pilot.app.screen.query_one("#detail-history", Static).visual)
    with reopened(paths) as db:
        [checkin] = list_checkins(db, commitment_id)
        assert (checkin.note, checkin.barriers, checkin.next_step) == ("Rang the family", "No answer", "Try again")


@pilot_test
async def test_a_one_to_one_note_is_corrected_after_it_was_agreed(paths):
    with reopened(paths) as db:
        save_profile(db, Profile("Sam", manager_name="Alex", onboarded=True))
        record = o2o.add_item(db, o2o.create_one_to_one(db, date(2026, 11, 2)), ItemKind.NOTE,
                              f"Family at {CANARY}")
        record = o2o.mark_agreed(db, record)
    async with running(paths) as pilot:
        await pilot.app.push_screen(OneToOneScreen(record.id))
        await pilot.pause()
        await pilot.press("r")
        await save_correction(pilot, "text", "")  # a correction is never empty
        assert isinstance(pilot.app.screen, CorrectionDialog)
        assert "cannot be empty" in str(pilot.app.screen.query_one("#error", Static).visual)
        await save_correction(pilot, "text", "The family's housing")
        assert isinstance(pilot.app.screen, OneToOneScreen)
        listing = pilot.app.screen.query_one(OptionList)
        shown = "\n".join(str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count))
        assert "The family's housing" in shown and CANARY not in shown
    with reopened(paths) as db:
        assert o2o.get_one_to_one(db, record.id).items[0].text == "The family's housing"


@pilot_test
async def test_the_commitment_shows_the_answer_it_came_from_and_the_editor_shows_it_briefly(paths):
    finished_reflection(paths)
    with reopened(paths) as db:
        [answer] = get_answers(db, db.execute("SELECT id FROM reflections").fetchone()[0])
        commitment = create_commitment(db, Commitment(
            id="", title="Send easy-read letters", lens=answer.lens, mode=answer.mode,
            reflection_id=answer.reflection_id, answer_id=answer.id))
    async with running(paths) as pilot:
        await pilot.app.push_screen(CommitmentScreen(commitment.id))
        await pilot.pause()
        source = str(pilot.app.screen.query_one("#detail-source", Static).visual)
        assert f"From your answer to: {answer.prompt_text}" in source.replace("\n", " ")
        assert answer.text in source
        await pilot.press("e")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, CommitmentEditor)
        assert "From your answer to:" in str(editor.query_one("#linked-answer", Static).visual)


@pilot_test
async def test_the_editor_and_renegotiate_save_only_the_field_that_was_changed(paths):
    commitment_id = one_weekly_commitment(paths, days_old=3)
    with reopened(paths) as db:
        db.execute("UPDATE commitments SET title = ?, detail = ?, first_step = ?, success = ?, support = ? "
                   "WHERE id = ?", [*PADDED.values(), commitment_id])  # as an import may leave them
    async with running(paths) as pilot:
        await pilot.app.push_screen(CommitmentScreen(commitment_id))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        pilot.app.screen.query_one("#success", Input).value = "  Fewer missed letters  "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommitmentScreen)
        await pilot.press("n")
        await pilot.pause()
        pilot.app.screen.query_one("#support", Input).value = "Time with the admin team"
        pilot.app.screen.query_one("#reason", Input).value = "Clearer"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommitmentScreen)
    with reopened(paths) as db:
        saved = get_commitment(db, commitment_id)
        assert [h["kind"] for h in status_history(db, commitment_id)][-2:] == ["edited", "renegotiated"]
    expected = {**PADDED, "success": "Fewer missed letters", "support": "Time with the admin team"}
    assert {name: getattr(saved, name) for name in PADDED} == expected


@pilot_test
async def test_your_details_save_only_the_field_that_was_changed(paths):
    with reopened(paths) as db:
        save_profile(db, Profile(" Sam ", " staff nurse ", "  Trust  ", "Alex ", onboarded=True))
    async with running(paths) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ProfileDialog)
        pilot.app.screen.query_one("#role", Input).value = " ward manager "
        await pilot.press("ctrl+s")
        await pilot.pause()
    with reopened(paths) as db:
        assert get_profile(db) == Profile(" Sam ", "ward manager", "  Trust  ", "Alex ", onboarded=True)


@pilot_test
async def test_saving_a_one_to_one_item_unchanged_keeps_its_text_exactly(paths):
    text = "First line\r\nsecond line\u2028third  "
    with reopened(paths) as db:
        save_profile(db, Profile("Sam", onboarded=True))
        record = o2o.add_item(db, o2o.create_one_to_one(db, date(2026, 11, 2)), ItemKind.TALKING_POINT, text)
    async with running(paths) as pilot:
        await pilot.press("o")
        await pilot.pause()
        listing = pilot.app.screen.query_one(OptionList)
        listing.highlighted = listing.get_option_index(f"item:{record.items[0].id}")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ItemDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, OneToOneScreen)
    with reopened(paths) as db:
        assert o2o.get_one_to_one(db, record.id).items[0].text == text
