"""Tests corrections in the store (answers, check-ins, one-to-one items) and that edits keep untouched fields exactly."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from myrole.limits import TEXT_CHARS
from myrole.model import Answer, CheckIn, Commitment, Context, ItemKind, Lens, Mode, Visibility
from myrole.prompts import load_catalogue
from myrole.store import StaleEditError
from myrole.store import one_to_ones as o2o
from myrole.store.checkins import add_checkin, correct_checkin, list_checkins
from myrole.store.commitments import create_commitment, get_commitment, status_history
from myrole.store.reflections import correct_answer, get_answer, save_answer, start_reflection
from myrole.store.status import change_cadence, drop, mark_done, pause, resume, snooze
from myrole.ui.dialogs.commitment import draft_from_answer
from myrole.ui.forms import edited

TODAY = date(2026, 11, 26)
CORE = load_catalogue().get("core")


@pytest.fixture
def db(empty_db):
    """Here, as everywhere, an open, migrated, empty store; for these tests a copy of one migrated once."""
    return empty_db


def an_answer(db, text: str = "The family at SW1A 1AA had no interpreter.") -> Answer:
    reflection = start_reflection(db, CORE, Context.SELF)
    return save_answer(db, reflection.id, CORE.prompts[0], text, Visibility.PRIVATE)


def test_an_answer_is_corrected_in_place(db):
    answer = an_answer(db)
    correct_answer(db, answer, "The family had no interpreter.")
    assert get_answer(db, answer.id).text == "The family had no interpreter."


def test_an_answer_corrected_to_nothing_is_removed_from_the_record(db):
    answer = an_answer(db)
    correct_answer(db, answer, "")
    assert get_answer(db, answer.id).text == ""


def test_an_answer_changed_in_another_window_is_not_overwritten(db):
    answer = an_answer(db)
    save_answer(db, answer.reflection_id, CORE.prompts[0], "Written elsewhere", Visibility.PRIVATE)
    with pytest.raises(StaleEditError):
        correct_answer(db, answer, "corrected")
    assert get_answer(db, answer.id).text == "Written elsewhere"


def test_a_correction_over_the_size_limit_is_refused_and_nothing_changes(db):
    answer = an_answer(db)
    with pytest.raises(ValueError, match="the most myrole keeps is 100,000"):
        correct_answer(db, answer, "x" * (TEXT_CHARS + 1))
    assert get_answer(db, answer.id) == answer


def test_only_a_whole_copy_of_the_answer_in_a_commitment_is_corrected_with_it(db):
    answer = an_answer(db)
    copied = create_commitment(db, Commitment(id="", title="t", lens=Lens.SELF, mode=Mode.ACTION,
                                              answer_id=answer.id, detail=answer.text))
    own = create_commitment(db, Commitment(id="", title="t", lens=Lens.SELF, mode=Mode.ACTION,
                                           answer_id=answer.id, detail="My own words"))
    result = correct_answer(db, answer, "corrected")
    assert result.copies == 1
    assert get_commitment(db, copied.id).detail == "corrected"
    assert get_commitment(db, copied.id).version == copied.version + 1
    assert get_commitment(db, own.id) == own


def test_make_a_commitment_links_the_answer_and_copies_none_of_its_words():
    answer = Answer("a1", "r1", "p1", Lens.PATIENTS, Mode.ACTION, "A prompt?", "Line one\nLine two",
                    Visibility.MANAGER)
    draft = draft_from_answer(answer)
    assert (draft.title, draft.detail) == ("", "")
    assert (draft.answer_id, draft.reflection_id, draft.lens, draft.mode, draft.visibility) == (
        "a1", "r1", Lens.PATIENTS, Mode.ACTION, Visibility.MANAGER)


def a_checkin(db) -> tuple[Commitment, CheckIn]:
    commitment = create_commitment(db, Commitment(id="", title="t", lens=Lens.SELF, mode=Mode.ACTION))
    checkin = add_checkin(db, commitment, CheckIn(id="", commitment_id="", at="", on_date=TODAY, progress=2,
                                                  note="Saw Mrs X at SW1A 1AA", barriers="  kept  ",
                                                  next_step="call back"))
    return get_commitment(db, commitment.id), checkin


def test_a_check_in_is_corrected_and_its_history_says_so_without_either_text(db):
    commitment, checkin = a_checkin(db)
    correct_checkin(db, checkin, note="Saw a patient", barriers=checkin.barriers, next_step="call back")
    [saved] = list_checkins(db, commitment.id)
    assert (saved.note, saved.barriers, saved.next_step) == ("Saw a patient", "  kept  ", "call back")
    assert (saved.progress, saved.confidence, saved.on_date) == (checkin.progress, checkin.confidence, TODAY)
    last = status_history(db, commitment.id)[-1]
    assert last["kind"] == "check-in corrected" and "SW1A" not in last["reason"]
    assert last["reason"] == f"the check-in of {TODAY.isoformat()}"


def test_a_check_in_changed_elsewhere_is_not_overwritten(db):
    _, checkin = a_checkin(db)
    correct_checkin(db, checkin, note="first", barriers="", next_step="")
    with pytest.raises(StaleEditError):
        correct_checkin(db, checkin, note="second", barriers="", next_step="")


def test_a_one_line_check_in_field_must_stay_on_one_line(db):
    _, checkin = a_checkin(db)
    with pytest.raises(ValueError, match="What got in the way must be on one line"):
        correct_checkin(db, checkin, note="", barriers="a\nb", next_step="")


def agreed_then_carried(db):
    record = o2o.create_one_to_one(db, date(2026, 1, 5), "Alex")
    record = o2o.add_item(db, record, ItemKind.TALKING_POINT, "Ask about SW1A 1AA")
    record = o2o.add_item(db, record, ItemKind.TALKING_POINT, "Another point")
    agreed = o2o.mark_agreed(db, record)
    draft = o2o.create_one_to_one(db, date(2026, 2, 5))
    return agreed, draft


def test_correcting_a_point_corrects_its_carried_copies_that_say_the_same(db):
    agreed, draft = agreed_then_carried(db)
    draft = o2o.edit_item(db, draft, draft.items[1].id, text="Another point, reworded")
    result = o2o.correct_item(db, draft, draft.items[0].id, "Ask about the referral")
    assert result.copies == 1
    assert o2o.get_one_to_one(db, agreed.id).items[0].text == "Ask about the referral"
    assert o2o.current_draft(db).items[0].text == "Ask about the referral"
    # A reworded copy is the person's own newer words: a correction elsewhere leaves it alone.
    o2o.correct_item(db, o2o.get_one_to_one(db, agreed.id), agreed.items[1].id, "Another point, fixed")
    assert o2o.current_draft(db).items[1].text == "Another point, reworded"
    assert o2o.get_one_to_one(db, agreed.id).locked


def test_a_correction_to_an_item_of_a_stale_copy_is_refused(db):
    agreed, _ = agreed_then_carried(db)
    o2o.correct_item(db, agreed, agreed.items[0].id, "first")
    with pytest.raises(StaleEditError):
        o2o.correct_item(db, agreed, agreed.items[0].id, "second")


# -- Edits change only what the person changed -------------------------------------------------

PADDED = dict(title="  Imported title  ", detail="Line one\r\nLine two\u2028three ", first_step=" step ",
              success="\tsuccess\t", support=" support ", tags=("  spaced tag ", "é"))


def test_form_fields_left_as_shown_keep_their_stored_text_byte_for_byte():
    assert edited("  padded  ", "  padded  ") == "  padded  "
    assert edited("  padded  ", "  changed  ") == "changed"
    assert edited("a\r\nb\u2028c", "a\r\nb\r\nc\r\n"[:-2], multi_line=True) == "a\r\nb\u2028c"  # as a text box shows it
    assert edited("a\r\nb", "a\r\nb and more", multi_line=True) == "a\r\nb and more"


@pytest.mark.parametrize("change", [
    lambda db, c: pause(db, c, date(2026, 12, 24), "leave", today=TODAY),
    lambda db, c: snooze(db, c, 7, today=TODAY),
    lambda db, c: change_cadence(db, c, "monthly"),
    lambda db, c: mark_done(db, c, "finished"),
    lambda db, c: drop(db, c, "no longer needed"),
    lambda db, c: resume(db, pause(db, c, date(2026, 12, 1), "", today=TODAY), "", today=TODAY),
])
def test_status_changes_keep_every_text_field_byte_for_byte(db, change):
    commitment = create_commitment(db, Commitment(id="", lens=Lens.SELF, mode=Mode.ACTION, **PADDED))
    change(db, commitment)
    after = get_commitment(db, commitment.id)
    assert {name: getattr(after, name) for name in PADDED} == PADDED
    raw = db.execute("SELECT tags FROM commitments WHERE id = ?", [commitment.id]).fetchone()[0]
    assert raw == '["  spaced tag ", "é"]'
    assert replace(after, status=commitment.status) != commitment  # something did change
