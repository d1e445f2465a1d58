"""Tests correcting in the app as a person would (History, commitment detail, one-to-one), that a correction
form keeps a draft like every form (and it goes with the correction, or when thrown away), and that edits
save only the fields the person changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from textual.widgets import Input, OptionList, Static, TextArea

from myrole.model import Answer, CheckIn, Commitment, Context, ItemKind, Lens, Mode, OneToOne, Profile, Visibility
from myrole.prompts import load_catalogue
from myrole.store import open_store
from myrole.store import one_to_ones as o2o
from myrole.store.checkins import add_checkin, list_checkins
from myrole.store.commitments import create_commitment, get_commitment, status_history
from myrole.store.corrections import DRAFT_FORMS
from myrole.store.profile import get_profile, save_profile
from myrole.store.reflections import finish_reflection, get_answers, save_answer, start_reflection
from myrole.ui.dialogs.choose import ChooseDialog
from myrole.ui.dialogs.commitment import CommitmentEditor
from myrole.ui.dialogs.confirm import ConfirmDialog
from myrole.ui.dialogs.correct import CorrectionDialog
from myrole.ui.dialogs.one_to_one import ItemDialog
from myrole.ui.dialogs.profile import ProfileDialog
from myrole.ui.screens.commitment import CommitmentScreen
from myrole.ui.screens.history import AnswerView, ReflectionRecord
from myrole.ui.screens.one_to_one import OneToOneScreen

from .pilot import TODAY, one_weekly_commitment, pilot_test, reopened, running, stored_drafts, type_text, until

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


@dataclass(frozen=True)
class Canaries:
    """A store where an answer, a check-in (all three texts) and an agreed one-to-one's note hold the canary."""

    reflection_id: str
    commitment_id: str
    record_id: str
    item_id: str


def canary_everywhere(paths) -> Canaries:
    reflection_id = finished_reflection(paths)
    with reopened(paths) as db:
        commitment = create_commitment(db, Commitment(id="", title="Easy-read letters", lens=Lens.PATIENTS,
                                                      mode=Mode.ACTION, cadence="weekly"))
        add_checkin(db, commitment, CheckIn(
            id="", commitment_id="", at="", on_date=TODAY, progress=1,
            note=f"Rang {CANARY}. " + "A long note. " * 600,  # spills onto overflow pages
            barriers=f"No answer at {CANARY}", next_step=f"Write to {CANARY}"))
        record = o2o.add_item(db, o2o.create_one_to_one(db, date(2026, 11, 2), "Alex"), ItemKind.NOTE,
                              f"Family at {CANARY}")
        record = o2o.mark_agreed(db, record)
    return Canaries(reflection_id, commitment.id, record.id, record.items[0].id)


CANARIES = "a canary in an answer, a check-in and a one-to-one note"  # the prepared store's name


def a_check_in_with_the_canary(paths) -> str:
    """A weekly commitment with one check-in whose note holds the canary; the commitment's id."""
    commitment_id = one_weekly_commitment(paths, days_old=3)
    with reopened(paths) as db:
        add_checkin(db, get_commitment(db, commitment_id), CheckIn(
            id="", commitment_id="", at="", on_date=TODAY, progress=1, note=f"Rang {CANARY}",
            barriers="No answer", next_step="Try again"))
    return commitment_id


def an_agreed_note_with_the_canary(paths) -> str:
    """An agreed one-to-one whose one note holds the canary; the record's id."""
    with reopened(paths) as db:
        save_profile(db, Profile("Sam", manager_name="Alex", onboarded=True))
        record = o2o.add_item(db, o2o.create_one_to_one(db, date(2026, 11, 2)), ItemKind.NOTE,
                              f"Family at {CANARY}")
        return o2o.mark_agreed(db, record).id


def a_commitment_from_an_answer(paths) -> tuple[str, Answer]:
    """A finished reflection and a commitment made from its answer; the commitment's id and the answer."""
    finished_reflection(paths)
    with reopened(paths) as db:
        [answer] = get_answers(db, db.execute("SELECT id FROM reflections").fetchone()[0])
        commitment = create_commitment(db, Commitment(
            id="", title="Send easy-read letters", lens=answer.lens, mode=answer.mode,
            reflection_id=answer.reflection_id, answer_id=answer.id))
    return commitment.id, answer


def a_padded_commitment(paths) -> str:
    """A weekly commitment whose texts have spaces and odd line ends around them, as an import may leave them."""
    commitment_id = one_weekly_commitment(paths, days_old=3)
    with reopened(paths) as db:
        db.execute("UPDATE commitments SET title = ?, detail = ?, first_step = ?, success = ?, support = ? "
                   "WHERE id = ?", [*PADDED.values(), commitment_id])
        db.commit()
    return commitment_id


def padded_details(paths) -> None:
    with reopened(paths) as db:
        save_profile(db, Profile(" Sam ", " staff nurse ", "  Trust  ", "Alex ", onboarded=True))


ODD_LINES = "First line\r\nsecond line\u2028third  "


def a_talking_point_with_odd_lines(paths) -> OneToOne:
    """A one-to-one with one talking point, ODD_LINES; the record."""
    with reopened(paths) as db:
        save_profile(db, Profile("Sam", onboarded=True))
        return o2o.add_item(db, o2o.create_one_to_one(db, date(2026, 11, 2)), ItemKind.TALKING_POINT, ODD_LINES)


@pytest.fixture
def canaries(paths, prepared_stores) -> Canaries:
    """The canary_everywhere store, made once per session and copied into this test's home."""
    return prepared_stores(paths, CANARIES, canary_everywhere)


def drafted(paths, field: str, text: str) -> Callable[[], bool]:
    """Whether a draft in the store holds text in field (the autosave has kept what was typed)."""
    return lambda: any(text in str(fields.get(field)) for _, _, fields in stored_drafts(paths))


# kind (as in DRAFT_FORMS) -> the screen the correction is made from, and the field typed in first
CORRECTIONS = {"answer": (ReflectionRecord, "text"), "checkin": (CommitmentScreen, "note"),
               "item": (OneToOneScreen, "text")}


async def open_correction(pilot, kind: str, store: Canaries) -> CorrectionDialog:
    """Open the correction form as a person does: a reflection's record's c, a commitment's w, a one-to-one's r.

    The reflection's record is opened straight away, not through History's list (what those tests are
    about is the correction form): test_an_answer_is_corrected_from_history goes through History.
    """
    if kind == "answer":
        await pilot.app.push_screen(ReflectionRecord(store.reflection_id))
        await pilot.pause()
        await pilot.press("tab", "c")
    elif kind == "checkin":
        await pilot.app.push_screen(CommitmentScreen(store.commitment_id))
        await pilot.pause()
        await pilot.press("w", "enter")
    else:
        await pilot.app.push_screen(OneToOneScreen(store.record_id))
        await pilot.pause()
        await pilot.press("r")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, CorrectionDialog)
    return dialog


def field_value(screen, field: str) -> str:
    widget = screen.query_one(f"#{field}")
    return widget.text if isinstance(widget, TextArea) else widget.value


@pilot_test
async def test_an_answer_is_corrected_from_history(paths, prepared_stores):
    reflection_id = prepared_stores(paths, "a finished reflection", finished_reflection)
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
async def test_a_correction_that_still_looks_identifiable_is_warned_about_once(paths, prepared_stores):
    reflection_id = prepared_stores(paths, "a finished reflection", finished_reflection)
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
async def test_a_check_in_is_corrected_from_the_commitment(paths, prepared_stores):
    commitment_id = prepared_stores(paths, "a check-in with the canary", a_check_in_with_the_canary)
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
async def test_a_one_to_one_note_is_corrected_after_it_was_agreed(paths, prepared_stores):
    record_id = prepared_stores(paths, "an agreed note with the canary", an_agreed_note_with_the_canary)
    async with running(paths) as pilot:
        await pilot.app.push_screen(OneToOneScreen(record_id))
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
        assert o2o.get_one_to_one(db, record_id).items[0].text == "The family's housing"


@pilot_test
async def test_the_commitment_shows_the_answer_it_came_from_and_the_editor_shows_it_briefly(paths, prepared_stores):
    commitment_id, answer = prepared_stores(paths, "a commitment from an answer", a_commitment_from_an_answer)
    async with running(paths) as pilot:
        await pilot.app.push_screen(CommitmentScreen(commitment_id))
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
async def test_the_editor_and_renegotiate_save_only_the_field_that_was_changed(paths, prepared_stores):
    commitment_id = prepared_stores(paths, "a padded commitment", a_padded_commitment)
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
async def test_your_details_save_only_the_field_that_was_changed(paths, prepared_stores):
    prepared_stores(paths, "padded details", padded_details)
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
async def test_saving_a_one_to_one_item_unchanged_keeps_its_text_exactly(paths, prepared_stores):
    text = ODD_LINES
    record = prepared_stores(paths, "a talking point with odd lines", a_talking_point_with_odd_lines)
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


@pytest.mark.parametrize("kind", list(CORRECTIONS))
@pilot_test
async def test_escape_then_keep_keeps_the_correction_as_a_draft_and_the_form_picks_it_up(paths, canaries, kind):
    store = canaries
    _, field = CORRECTIONS[kind]
    async with running(paths) as pilot:
        await open_correction(pilot, kind, store)
        await type_text(pilot, "zebra ")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("enter")  # "Keep as a draft"
        await pilot.pause()
        [(form, _, fields)] = stored_drafts(paths)
        assert form == DRAFT_FORMS[kind] and "zebra " in fields[field]
        pilot.app.pop_screen()  # back where we started, then the same form again
        await pilot.pause()
        dialog = await open_correction(pilot, kind, store)
        assert field_value(dialog, field).startswith("zebra ") and CANARY in field_value(dialog, field)


@pytest.mark.parametrize("kind", list(CORRECTIONS))
@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_escape_then_throw_away_deletes_the_correction_draft(paths, canaries, kind):
    store = canaries
    async with running(paths) as pilot:
        await open_correction(pilot, kind, store)
        await type_text(pilot, "zebra ")
        await until(pilot, drafted(paths, CORRECTIONS[kind][1], "zebra "))  # kept as a draft after a pause
        assert len(stored_drafts(paths)) == 1
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("tab", "enter")  # "Throw away"
        await pilot.pause()
        assert type(pilot.app.screen) is CORRECTIONS[kind][0]
        assert stored_drafts(paths) == []


@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_saving_deletes_the_draft_and_a_refused_save_keeps_it(paths, canaries):
    store = canaries
    async with running(paths) as pilot:
        dialog = await open_correction(pilot, "item", store)
        dialog.query_one("#text", TextArea).load_text("")
        await pilot.press(*"x")
        await until(pilot, lambda: [fields["text"] for _, _, fields in stored_drafts(paths)] == ["x"])
        assert [fields["text"] for _, _, fields in stored_drafts(paths)] == ["x"]  # kept after a pause in typing
        await pilot.press("backspace", "ctrl+s")  # empty: refused under the field, the form stays open
        await until(pilot, lambda: [fields["text"] for _, _, fields in stored_drafts(paths)] == [""])  # still kept
        assert isinstance(pilot.app.screen, CorrectionDialog)
        assert [form for form, _, _ in stored_drafts(paths)] == [DRAFT_FORMS["item"]]
        await type_text(pilot, "The family's housing")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, OneToOneScreen)
        assert stored_drafts(paths) == []
    with reopened(paths) as db:
        assert o2o.get_one_to_one(db, store.record_id).items[0].text == "The family's housing"


@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_a_correction_that_changes_nothing_throws_its_draft_away(paths, canaries):
    store = canaries
    async with running(paths) as pilot:
        dialog = await open_correction(pilot, "checkin", store)
        dialog.query_one("#barriers", Input).focus()
        await pilot.press("end", *"   ")  # spaces after a one-line text are not kept: nothing to correct
        await until(pilot, lambda: [str(fields["barriers"])[-3:] for _, _, fields in stored_drafts(paths)] == ["   "])
        assert len(stored_drafts(paths)) == 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommitmentScreen)
        assert stored_drafts(paths) == []


def test_the_saved_message_counts_older_backups_in_plain_english(tmp_path):
    from myrole.store.corrections import Correction
    from myrole.ui.dialogs.correct import saved_message

    one = saved_message(Correction(copies=0, journal_cleared=True, older_backups=1, backups_folder=tmp_path))
    two = saved_message(Correction(copies=0, journal_cleared=True, older_backups=2, backups_folder=tmp_path))
    assert f"1 backup in {tmp_path} was made before this" in one and "delete it if you no longer need it." in one
    assert f"2 backups in {tmp_path} were made before this" in two and "delete them if" in two
