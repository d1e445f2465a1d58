"""An import indexes its new answers and check-ins once, at its end: the index and the schema end exactly
as the insert triggers, one row at a time, would have left them."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace

import pytest

import myrole.store.merge as merge_module
from myrole.model import Answer, CheckIn, Visibility
from myrole.paths import resolve
from myrole.store import open_store
from myrole.store.bulk_index import IndexOutOfStep, indexed_at_end
from myrole.store.connection import write
from myrole.store.merge import MergeConflict, merge
from myrole.store.schema_check import schema_rows
from myrole.store.search import search
from myrole.store.snapshot import PlacedAnswer, StoreContents
from share_store import contents


def words(db) -> set[tuple]:
    """Every word the index holds: (word, indexed row, column, place in the text), read with fts5vocab."""
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.words USING fts5vocab(main, search_index, instance)")
    return set(db.execute("SELECT term, doc, col, offset FROM temp.words"))


def row_by_row(patch: pytest.MonkeyPatch) -> None:
    """Merge as before the bulk index: every insert trigger fires for its own row."""
    patch.setattr(merge_module, "indexed_at_end", lambda conn, tables: contextlib.nullcontext())


def later_file() -> StoreContents:
    """The fixed contents, and then: a new answer, a new check-in with several lines, an answer rewritten."""
    later = contents()
    first = later.answers[0]
    rewritten = replace(first.answer, text="Café cover: Zoë asks the interpreter\nbefore every visit.",
                        updated_at="2026-12-01T10:00:00Z")
    added = Answer("a" + "9" * 31, first.answer.reflection_id, "systems-action-9", first.answer.lens,
                   first.answer.mode, "Prompt 9?", "A new answer about ward rounds and bus fares.",
                   Visibility.PRIVATE, "2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z")
    later.answers = [PlacedAnswer(rewritten, first.position), *later.answers[1:], PlacedAnswer(added, 9)]
    checkin = later.checkins[0]
    later.checkins.append(CheckIn("k" + "9" * 31, checkin.commitment_id, "2026-10-09T17:00:00Z",
                                  checkin.on_date.replace(day=9), 3, note="Interpreter booked.\nIt went well.",
                                  barriers="Nothing", next_step="Carry on", visibility=Visibility.MANAGER))
    later.commitments = [replace(c, version=c.version + 1, updated_at="2026-12-01T10:00:00Z")
                         if c.id == checkin.commitment_id else c for c in later.commitments]
    return later


def two_imports(monkeypatch, tmp_path, *, bulk: bool) -> tuple[set[tuple], tuple, int]:
    """A store made by two imports (into empty, then into full): its words, schema, and hits for a word."""
    with monkeypatch.context() as patch:
        if not bulk:
            row_by_row(patch)
        db = open_store(resolve(tmp_path / ("bulk" if bulk else "row-by-row")))
        try:
            merge(db, contents())
            merge(db, later_file())
            return words(db), schema_rows(db), search(db, "interpreter").total
        finally:
            db.close()


def test_the_index_is_what_the_triggers_would_have_made(monkeypatch, tmp_path):
    bulk = two_imports(monkeypatch, tmp_path, bulk=True)
    by_row = two_imports(monkeypatch, tmp_path, bulk=False)
    assert bulk[0] == by_row[0] and len(bulk[0]) > 100
    assert any(word == "zoe" for word, *_ in bulk[0])  # the rewritten answer's words, folded as the triggers fold
    assert bulk[1] == by_row[1]
    assert bulk[2] == by_row[2] >= 3


def test_the_schema_is_unchanged_after_an_import_and_after_a_refused_one(db):
    before = schema_rows(db)
    merge(db, contents())
    assert schema_rows(db) == before
    clash = contents()
    clash.answers[0] = PlacedAnswer(replace(clash.answers[0].answer, text="other words",
                                            created_at="2026-08-01T10:00:00Z"), clash.answers[0].position)
    with pytest.raises(MergeConflict):
        merge(db, clash)
    assert schema_rows(db) == before
    db.execute("INSERT INTO answers (id, reflection_id, prompt_id, lens, mode, prompt_text, text, created_at, "
               "updated_at) SELECT 'late', reflection_id, 'late-prompt', lens, mode, '', 'quokka', created_at, "
               "updated_at FROM answers LIMIT 1")
    assert search(db, "quokka").total == 1  # the insert trigger is back and indexes the next answer


def test_a_row_removed_in_a_bulk_write_is_refused_and_nothing_changes(db):
    merge(db, contents())
    highest = db.execute("SELECT id FROM checkins ORDER BY rowid DESC LIMIT 1").fetchone()[0]
    before = (db.execute("SELECT count(*) FROM checkins").fetchone(), words(db), schema_rows(db))

    def remove_the_last_and_add_one() -> None:
        with write(db), indexed_at_end(db, ("checkins",)):
            db.execute("DELETE FROM checkins WHERE id = ?", [highest])
            db.execute("INSERT INTO checkins (id, commitment_id, at, on_date, progress, confidence, note) "
                       "SELECT 'new', commitment_id, at, on_date, progress, confidence, 'words' FROM checkins LIMIT 1")

    with pytest.raises(sqlite3.IntegrityError, match="may be removed"):
        remove_the_last_and_add_one()
    assert (db.execute("SELECT count(*) FROM checkins").fetchone(), words(db), schema_rows(db)) == before


def test_rows_the_table_gained_but_the_index_did_not_are_refused(db):
    """The count behind the guard: a row given a rowid below the highest (as a replaced row can be) is caught."""
    merge(db, contents())
    before = (db.execute("SELECT count(*) FROM answers").fetchone(), words(db), schema_rows(db))

    def add_one_below_the_highest() -> None:
        with write(db), indexed_at_end(db, ("answers",)):
            db.execute("INSERT INTO answers (rowid, id, reflection_id, prompt_id, lens, mode, prompt_text, text, "
                       "created_at, updated_at) SELECT -1, 'low', reflection_id, 'low-prompt', lens, mode, '', "
                       "'quokka', created_at, updated_at FROM answers LIMIT 1")

    with pytest.raises(IndexOutOfStep):
        add_one_below_the_highest()
    assert (db.execute("SELECT count(*) FROM answers").fetchone(), words(db), schema_rows(db)) == before
