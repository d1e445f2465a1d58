"""Tests that a correction removing identifiable data leaves no byte of it in the store, its journal or a later backup,
also when the correction was kept as a draft while typed (after a kill too) and then saved or thrown away."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
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
from myrole.store.corrections import DRAFT_FORMS
from myrole.store.drafts import Draft, delete_draft, list_drafts, save_draft
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
                                            "commitment_events") for row in check.execute(f"SELECT * FROM {table}"))
    assert "SW1A" not in texts and "canary" not in texts
    check.close()


def test_the_answer_copied_into_a_commitment_is_corrected_with_it(paths):
    db, answer, _ = filled_store(paths)
    result = correct_answer(db, answer, "The patient could not read the letter.")
    [(detail,)] = db.execute("SELECT detail FROM commitments").fetchall()
    assert detail == "The patient could not read the letter." and result.copies == 1
    kinds = [kind for (kind,) in db.execute("SELECT kind FROM commitment_events")]
    assert "corrected with its source" in kinds
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


def correction_drafts(db, answer, agreed) -> None:
    """A draft of each correction as the form keeps it while the person types: the old text, part changed."""
    [checkin] = list_checkins(db, db.execute("SELECT id FROM commitments").fetchone()[0])
    carried = o2o.current_draft(db).items[0]  # the point carried forward: a correction of it too
    for kind, record, fields in [
        ("answer", answer.id, {"text": "Typed: " + answer.text}),
        ("checkin", checkin.id, {"note": "Typed: " + checkin.note, "barriers": checkin.barriers,
                                 "next_step": checkin.next_step}),
        ("item", agreed.items[0].id, {"text": "Typed: " + agreed.items[0].text}),
        ("item", carried.id, {"text": "Typed: " + carried.text}),
    ]:
        save_draft(db, Draft(DRAFT_FORMS[kind], record, "Correct", fields, {"typed": next(iter(fields))}))


def test_a_correction_takes_its_drafts_with_the_old_text(paths):
    db, answer, agreed = filled_store(paths)
    correction_drafts(db, answer, agreed)
    assert len(list_drafts(db)) == 4
    correct_everything(db, answer, agreed)
    assert list_drafts(db) == []  # the carried point's correction draft went with the point
    assert files_holding(paths.data, CANARY, "SW1A", "canary") == []  # while open: file and -wal
    backup_beside(db, paths.store, reason="after-correction")
    db.close()
    assert files_holding(paths.data, CANARY, "SW1A", "canary") == []


def test_a_correction_draft_left_by_a_killed_app_goes_when_the_correction_is_saved(paths):
    db, answer, agreed = filled_store(paths)
    db.close()
    kill = ("import os; from myrole.paths import resolve; from myrole.store import open_store\n"
            "from myrole.store.drafts import Draft, save_draft\n"
            "db = open_store(resolve())\n"
            f"save_draft(db, Draft({DRAFT_FORMS['answer']!r}, {answer.id!r}, 'Correct', "
            f"{{'text': 'Typed: ' + {answer.text!r}}}, {{'typed': 'text'}}))\n"
            "os._exit(0)  # no close, no checkpoint: as SIGKILL leaves it")
    subprocess.run([sys.executable, "-c", kill], check=True)
    assert CANARY.encode() in Path(f"{paths.store}-wal").read_bytes()  # the draft is in the journal
    db = open_store(paths)
    assert [d.form for d in list_drafts(db)] == [DRAFT_FORMS["answer"]]
    correct_everything(db, answer, agreed)
    assert list_drafts(db) == []
    backup_beside(db, paths.store, reason="after-correction")
    assert files_holding(paths.data, CANARY, "SW1A", "canary") == []
    db.close()


def test_a_thrown_away_correction_draft_leaves_no_byte_in_the_journal(paths):
    db, answer, agreed = filled_store(paths)
    correct_everything(db, answer, agreed)  # the records are clean; only the draft holds the canary now
    save_draft(db, Draft(DRAFT_FORMS["answer"], answer.id, "Correct", {"text": f"Half-corrected {CANARY}"}))
    assert files_holding(paths.data, CANARY)
    delete_draft(db, DRAFT_FORMS["answer"], answer.id)
    assert files_holding(paths.data, CANARY, "SW1A", "canary") == []  # while open: file and -wal
    db.close()


def test_typed_killed_continued_and_saved_in_the_app_leaves_no_byte(paths, quick_autosave):
    import asyncio

    from ui.pilot import running
    from ui.test_corrections import canary_everywhere, open_correction

    async def scenario() -> None:
        store = canary_everywhere(paths)  # the answer and the note keep theirs: only the check-in is corrected
        checkin_texts = (f"Rang {CANARY}", f"No answer at {CANARY}", f"Write to {CANARY}", "the family Rang")
        async with running(paths) as pilot:
            await open_correction(pilot, "checkin", store)
            await pilot.press(*"Rang the family ")
            await pilot.pause(0.3)  # kept as a draft (saved 0.05 s after the last key: quick_autosave)
            pilot.app.exit()  # as after SIGKILL: nothing flushed
        async with running(paths) as pilot:
            await pilot.press("enter")  # continue the draft offered
            await pilot.pause()
            await pilot.pause()
            dialog = pilot.app.screen
            dialog.query_one("#note").load_text("Rang the family")
            dialog.query_one("#barriers").value = "No answer"
            dialog.query_one("#next_step").value = "Write again"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert files_holding(paths.data, *checkin_texts) == []  # the app still open
            backup_beside(pilot.app.db, paths.store, reason="after-correction")
        assert files_holding(paths.data, *checkin_texts) == []
        # and a draft kept, then thrown away from the offer when myrole next starts
        async with running(paths) as pilot:
            await open_correction(pilot, "answer", store)
            await pilot.press(*"zebra ")
            await pilot.pause(0.3)
            pilot.app.exit()
        assert files_holding(paths.data, "zebra")
        async with running(paths) as pilot:
            await pilot.press("d")  # throw away
            await pilot.pause()
            await pilot.press("left", "enter")  # "Throw away" (the confirmation opens on "Keep it")
            await pilot.pause()
            assert files_holding(paths.data, "zebra") == []  # the app still open

    asyncio.run(scenario())


def test_an_agreed_action_made_a_commitment_takes_the_correction_into_its_suggested_title(paths):
    # The third tester's steps: the app suggested the commitment's title from the action, so it is a copy too.
    from myrole.store.commitments import title_from

    db = open_store(paths)
    record = o2o.create_one_to_one(db, date(2026, 11, 2), "Alex")
    record = o2o.add_item(db, record, ItemKind.AGREED_ACTION, f"Draft a leaflet for {CANARY} by January")
    [action] = record.items
    made = create_commitment(db, Commitment(id="", title=title_from(action.text), detail=action.text,
                                            lens=Lens.SELF, mode=Mode.ACTION))
    own = create_commitment(db, Commitment(id="", title="My own title", detail="My own detail",
                                           lens=Lens.SELF, mode=Mode.ACTION))
    record = o2o.link_commitment(db, record, action.id, made.id)
    record = o2o.set_dates(db, record, date(2026, 11, 2), date(2026, 11, 30))
    record = o2o.mark_agreed(db, record)
    result = o2o.correct_item(db, record, action.id, "Draft a leaflet for the ward by January")
    corrected = get_commitment(db, made.id)
    assert (corrected.title, corrected.detail) == ("Draft a leaflet for the ward by January",) * 2
    assert (get_commitment(db, own.id).title, get_commitment(db, own.id).detail) == ("My own title", "My own detail")
    assert result.copies >= 1
    db.close()
    assert files_holding(paths.data, CANARY, "SW1A", "canary") == []


# The search index keeps words as tokens, folded to lower case without accents: these are the canary's.
CANARY_TOKENS = ("sw1a", "1aa", "canary")
# Looked for in the raw bytes: "1aa" alone is not, as hex ids hold it by chance.
TOKEN_BYTES = ("sw1a", "canary")


def index_terms(db) -> set[str]:
    """Every word the search index holds (through FTS5's own vocabulary table)."""
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.words USING fts5vocab(main, search_index, row)")
    return {row[0] for row in db.execute("SELECT term FROM temp.words")}


def test_a_correction_takes_the_old_words_out_of_the_search_index_leaving_no_byte(paths):
    from myrole.store.search import search

    db, answer, agreed = filled_store(paths)
    assert search(db, "canary").total >= 4 and set(CANARY_TOKENS) <= index_terms(db)
    correct_everything(db, answer, agreed)
    assert search(db, "canary").total == 0 and search(db, "sw1a 1aa").total == 0
    assert not set(CANARY_TOKENS) & index_terms(db)
    assert files_holding(paths.data, CANARY, *TOKEN_BYTES) == []  # while open: file and -wal
    backup_beside(db, paths.store, reason="after-correction")
    db.close()
    assert files_holding(paths.data, CANARY, *TOKEN_BYTES) == []
