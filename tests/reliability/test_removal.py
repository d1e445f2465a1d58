"""Tests that a correction removing identifiable data leaves no byte of it in the store, its journal or a later backup."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from myrole.model import CheckIn, Commitment, Context, ItemKind, Lens, Mode, Visibility
from myrole.prompts import load_catalogue
from myrole.store import StaleEditError, open_store
from myrole.store import one_to_ones as o2o
from myrole.store.backup import backup_beside
from myrole.store.checkins import add_checkin, correct_checkin, list_checkins
from myrole.store.commitments import create_commitment, get_commitment, update_commitment
from myrole.store.reflections import correct_answer, get_answers, save_answer, start_reflection

CANARY = "SW1A 1AA canary"
# The store is UTF-8 (checked below); the other encodings are looked for too, so a copy kept
# in some other form (UTF-16, a JSON escape) would also be found.
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be")


def files_holding(folder: Path, *texts: str) -> list[str]:
    """Every file under folder whose raw bytes hold one of texts in any of ENCODINGS."""
    needles = [text.encode(encoding) for text in texts for encoding in ENCODINGS]
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [f"{path.name} ({needle!r})" for needle in needles if needle in data]
    return found


def filled_store(paths):
    """A store whose answer, check-in note (and barriers, next step) and one-to-one items hold the canary,
    each written, read and changed a few times, as in real use. Returns what to correct."""
    db = open_store(paths)
    pack = load_catalogue().get("core")
    prompt = pack.prompts[0]
    reflection = start_reflection(db, pack, Context.SELF)
    answer = save_answer(db, reflection.id, prompt, f"The patient at {CANARY} could not read the letter.",
                         Visibility.MANAGER)
    commitment = create_commitment(db, Commitment(
        id="", title="Offer easy-read letters", lens=prompt.lens, mode=prompt.mode,
        reflection_id=reflection.id, answer_id=answer.id, detail=answer.text))  # as an older version copied it
    add_checkin(db, commitment, CheckIn(
        id="", commitment_id="", at="", on_date=date(2026, 11, 20), progress=1,
        note=f"Visited {CANARY} today. " + "A long note. " * 600,  # spills onto overflow pages
        barriers=f"No interpreter at {CANARY}", next_step=f"Ring {CANARY} back"))
    record = o2o.create_one_to_one(db, date(2026, 11, 2), "Alex")
    record = o2o.add_item(db, record, ItemKind.NOTE, f"We talked about the family at {CANARY}.")
    record = o2o.add_item(db, record, ItemKind.TALKING_POINT, f"Follow up {CANARY}")
    record = o2o.set_dates(db, record, date(2026, 11, 2), date(2026, 11, 30))
    agreed = o2o.mark_agreed(db, record)
    o2o.create_one_to_one(db, date(2026, 11, 30))  # carries the point forward: a second copy
    return db, answer, agreed


def correct_everything(db, answer, agreed) -> None:
    correct_answer(db, answer, "The patient could not read the letter.")
    [checkin] = list_checkins(db, get_commitment(db, db.execute("SELECT id FROM commitments").fetchone()[0]).id)
    correct_checkin(db, checkin, note="Visited today. " + "A long note. " * 600, barriers="No interpreter",
                    next_step="Ring back")
    note, point = agreed.items
    o2o.correct_item(db, agreed, note.id, "We talked about the family's housing.")
    o2o.correct_item(db, o2o.get_one_to_one(db, agreed.id), point.id, "Follow up the housing referral")


def test_corrected_text_leaves_no_byte_in_the_store_its_journal_or_a_backup_made_after(paths):
    db, answer, agreed = filled_store(paths)
    assert db.execute("PRAGMA encoding").fetchone()[0] == "UTF-8"
    assert files_holding(paths.data, CANARY)  # the canary is really there to begin with
    correct_everything(db, answer, agreed)

    # While the store is still open: not in the file, not in its -wal (nor -shm); not even a part.
    assert Path(f"{paths.store}-wal").exists()
    assert files_holding(paths.data, CANARY, "SW1A", "canary") == []
    backup = backup_beside(db, paths.store, reason="after-correction")
    db.close()
    assert backup.exists()
    assert files_holding(paths.data, CANARY, "SW1A", "canary") == []  # store, journal, backups folder
    check = open_store(paths)
    texts = " ".join(str(row) for table in ("answers", "checkins", "one_to_one_items", "commitments",
                                            "commitment_events") for row in check[table].rows)
    assert "SW1A" not in texts and "canary" not in texts
    check.close()


def test_the_answer_copied_into_a_commitment_is_corrected_with_it(paths):
    db, answer, _ = filled_store(paths)
    result = correct_answer(db, answer, "The patient could not read the letter.")
    [commitment] = db["commitments"].rows
    assert commitment["detail"] == "The patient could not read the letter." and result.copies == 1
    kinds = [row["kind"] for row in db["commitment_events"].rows]
    assert "detail corrected" in kinds
    db.close()


def test_with_another_window_reading_the_correction_is_saved_and_says_the_journal_waits(paths):
    db, answer, _ = filled_store(paths)
    reader = sqlite3.connect(paths.store, timeout=0)
    reader.execute("PRAGMA busy_timeout = 0")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM answers").fetchone()  # holds a snapshot: the journal cannot be emptied
    db.execute("PRAGMA busy_timeout = 100")  # keep the test short; the app waits up to 5 seconds
    result = correct_answer(db, answer, "The patient could not read the letter.")
    assert not result.journal_cleared
    assert get_answers(db, answer.reflection_id)[0].text == "The patient could not read the letter."
    reader.execute("COMMIT")
    reader.close()
    db.close()  # the last window to close empties the journal into the file and removes it
    assert not Path(f"{paths.store}-wal").exists()
    assert files_holding(paths.data, f"The patient at {CANARY}") == []


def test_backups_made_before_the_correction_are_counted_not_touched(paths):
    db, answer, _ = filled_store(paths)
    before = backup_beside(db, paths.store, reason="before-m999_example")
    result = correct_answer(db, answer, "The patient could not read the letter.")
    assert result.older_backups == 1 and result.backups_folder == paths.store.parent / "backups"
    assert CANARY.encode() in before.read_bytes()  # kept as it was: myrole never edits a backup
    db.close()


def test_an_edit_after_a_correction_cannot_bring_the_old_text_back(paths):
    db, answer, agreed = filled_store(paths)
    stale = o2o.get_one_to_one(db, o2o.current_draft(db).id)  # a window showing the draft before
    o2o.correct_item(db, agreed, agreed.items[1].id, "Follow up the housing referral")
    carried = o2o.current_draft(db).items[0]
    assert carried.text == "Follow up the housing referral"
    with pytest.raises(StaleEditError):
        o2o.edit_item(db, stale, carried.id, text=stale.items[0].text)
    commitment = get_commitment(db, db.execute("SELECT id FROM commitments").fetchone()[0])
    assert update_commitment(db, commitment).detail == commitment.detail
    db.close()
