"""Tests the drafts store: exact text back, one row per form and record, deleted for good, and never in an
export or a calendar."""

from __future__ import annotations

import pytest

from myrole.model import Commitment, Lens, Mode, Visibility
from myrole.store.commitments import create_commitment
from myrole.store.drafts import Draft, delete_draft, get_draft, list_drafts, save_draft

from .helpers import run_cli
from .hostile import HOSTILE

SECRET = "draft-canary-7f3a"


def test_a_draft_keeps_every_text_exactly(db):
    texts = [text for text in HOSTILE.values() if isinstance(text, str)][:12]
    fields = {f"field{n}": text for n, text in enumerate(texts)} | {"progress": 3, "blank": None}
    save_draft(db, Draft("checkin", "c1", "Check-in", fields, {"typed": "field0"}))
    assert get_draft(db, "checkin", "c1").fields == fields


def test_one_draft_per_form_and_record_and_newest_first(db):
    save_draft(db, Draft("commitment", "", "New commitment", {"title": "first"}))
    save_draft(db, Draft("commitment", "", "New commitment", {"title": "second"}))
    save_draft(db, Draft("checkin", "c1", "Check-in", {"note": "a note"}))
    assert [d.fields for d in list_drafts(db) if d.form == "commitment"] == [{"title": "second"}]
    assert len(list_drafts(db)) == 2


def test_first_words_come_from_what_was_typed(db):
    draft = Draft("commitment", "c1", "Edit", {"title": "The old title", "first_step": "one two three four five "
                                                  "six seven eight nine"}, {"typed": "first_step"})
    assert draft.first_words() == "one two three four five six seven eight …"


def test_a_row_this_version_cannot_read_is_left_alone(db):
    db.execute("INSERT INTO drafts (form, record, fields, saved_at) VALUES ('x', '', 'not json', 'now')")
    save_draft(db, Draft("profile", "", "Your details", {"name": "Sam"}))
    assert [d.form for d in list_drafts(db)] == ["profile"]
    assert db.execute("SELECT count(*) FROM drafts").fetchone()[0] == 2


def test_a_thrown_away_draft_is_gone_from_the_file(db, paths):
    save_draft(db, Draft("commitment", "", "New commitment", {"title": SECRET}))
    delete_draft(db, "commitment", "")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert get_draft(db, "commitment", "") is None
    assert SECRET.encode() not in paths.store.read_bytes()


@pytest.mark.parametrize("command", [
    ("export", "--format", "json"), ("export", "--format", "md"), ("export", "--format", "html"),
    ("export", "--format", "json", "--audience", "manager"), ("calendar",),
])
def test_drafts_are_never_exported_or_put_in_a_calendar(db, paths, command):
    create_commitment(db, Commitment(id="", title="Shared", lens=Lens.SELF, mode=Mode.ACTION,
                                     visibility=Visibility.MANAGER))
    save_draft(db, Draft("commitment", "", "New commitment", {"title": SECRET, "detail": SECRET}))
    save_draft(db, Draft("checkin", "x", "Check-in", {"note": SECRET}))
    result = run_cli(*command, home=paths.data)
    assert result.returncode == 0, result.stderr
    assert SECRET not in result.stdout + result.stderr
