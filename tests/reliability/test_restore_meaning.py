"""`myrole restore` holds every value of every row to the rules `myrole import` holds a document to.

A backup with an impossible date, an over-long title or a line break in one is refused with
one sentence, exit 2, and the store byte for byte as it was; and every column of every table
is checked (a new column with no check fails test_every_column_is_checked).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from myrole.export.stored_rows import COLUMNS, NOT_EXPORTED
from myrole.paths import resolve
from myrole.store.search import INDEX_TABLES
from .helpers import assert_no_traceback, invoke_cli, run_cli, store_files
from .test_restore_schema import assert_refused, backup_of, home  # noqa: F401 - home is a fixture

DRAFT = ("INSERT INTO drafts (form, record, title, fields, context, saved_at) "
         "VALUES ('checkin', '', 'Check-in', '{\"note\": \"typed\", \"progress\": 2}', '{}', '2026-03-01T10:00:00Z')")

# (what is wrong, SQL that makes it so in the backup, a word the sentence names)
BAD = {
    "impossible target date": ("UPDATE commitments SET target_date = '2026-02-30'", "target_date"),
    "title over its limit": ("UPDATE commitments SET title = printf('%.500c', 'a')", "title"),
    "title with a line break": ("UPDATE commitments SET title = 'one' || char(10) || 'two'", "title"),
    "unknown lens": ("UPDATE answers SET lens = 'elsewhere'", "lens"),
    "position as text": ("UPDATE answers SET position = 'first'", "position"),
    "check-in time that is a date": ("UPDATE checkins SET at = '2026-01-01'", "at"),
    "check-in day that is a time": ("UPDATE checkins SET on_date = '2026-01-01T00:00:00Z'", "on_date"),
    "tags not JSON": ("UPDATE commitments SET tags = 'not json'", "tags"),
    "a tag that is a number": ("UPDATE commitments SET tags = '[7]'", "tags"),
    "tag over its limit": ("UPDATE commitments SET tags = json_array(printf('%.51c', 't'))", "tags"),
    "unknown rhythm": ("UPDATE commitments SET cadence = 'sometimes'", "cadence"),
    "version out of range": ("UPDATE commitments SET version = 0", "version"),
    "history reason with a line break": ("UPDATE commitment_events SET reason = 'a' || char(13) || 'b'", "reason"),
    "history kind blank line": ("UPDATE commitment_events SET kind = printf('%.1001c', 'k')", "kind"),
    "onboarded neither yes nor no": ("UPDATE profile SET onboarded = 2", "profile"),
    "profile name with a line break": ("UPDATE profile SET name = 'a' || char(10) || 'b'", "name"),
    "reflection finished on no real day": ("UPDATE reflections SET finished_at = '2025-02-29T10:00:00Z'", "finished_at"),
    "id with a line break": ("UPDATE checkins SET id = id || char(10) WHERE rowid = (SELECT min(rowid) FROM checkins)",
                             "id"),
    "one-to-one item text over its limit": ("UPDATE one_to_one_items SET text = printf('%.100001c', 'a')", "text"),
    "one-to-one held on no real day": ("UPDATE one_to_ones SET held_on = '2026-04-31'", "held_on"),
    "one-to-one agreed without a time": ("UPDATE one_to_ones SET status = 'agreed', agreed_at = NULL", "agreed"),
    "draft fields not an object": ("UPDATE drafts SET fields = '[1, 2]'", "draft"),
    "draft fields holding a list": ("UPDATE drafts SET fields = '{\"note\": [1]}'", "draft"),
    "draft fields not JSON": ("UPDATE drafts SET fields = '{'", "draft"),
    "draft context not text": ("UPDATE drafts SET context = '{\"typed\": 3}'", "draft"),
    "draft saved at no real moment": ("UPDATE drafts SET saved_at = '2026-13-01T00:00:00Z'", "saved_at"),
    "draft title with a line break": ("UPDATE drafts SET title = 'a' || char(10) || 'b'", "title"),
    "draft text of fifty million characters": (
        "UPDATE drafts SET fields = json_object('note', printf('%.50000000c', 'a'))", "more than the 10,000,000"),
    "a draft of two fields just under the limit each": (
        "UPDATE drafts SET fields = json_object('a', printf('%.9999999c', 'a'), 'b', printf('%.9999999c', 'b'))",
        "more than the 10,000,000"),
    "share key not random hex": ("UPDATE commitments SET share_key = 'abc'", "share"),
    "two commitments with one share key": ("UPDATE commitments SET share_key = printf('%.32c', 'b')", "share key"),
    "submitter key in capitals": ("UPDATE submitter SET key = upper(key) || 'A'", "submitter key"),
    "a topic without its event": ("UPDATE commitments SET topic_id = 'oral-health'", "topic"),
    "an event id with a space": ("UPDATE reflections SET event_id = 'two words'", "event_id"),
    "an event name with an escape": ("UPDATE events SET name = 'W' || char(27) || '[31mX'", "name"),
    "a collective with a direction mark": ("UPDATE events SET collective = 'A' || char(8238)", "collective"),
    "a topic title with a bell": ("UPDATE event_topics SET title = 'T' || char(7)", "title"),
}


def with_draft(backup: Path, *statements: str) -> None:
    conn = sqlite3.connect(backup)
    conn.execute(DRAFT)
    for statement in statements:
        assert conn.execute(statement).rowcount != 0, statement
    conn.commit()
    conn.close()


@pytest.mark.parametrize("name", BAD)
def test_a_backup_holding_a_value_import_would_refuse_is_refused(home, tmp_path, name):  # noqa: F811
    statement, word = BAD[name]
    backup = backup_of(home, tmp_path / "backup.db")
    with_draft(backup, statement)
    before = store_files(resolve(home).store)
    result = invoke_cli("restore", str(backup), home=home)  # a real process refuses in the test below
    assert_refused(result, home, before, "cannot be restored", word, "your store was not changed")
    assert "aaaa" not in result.stderr and "two" not in result.stderr, "what the backup holds is never quoted"


def test_the_reported_backup_no_longer_breaks_the_app(home, tmp_path):  # noqa: F811
    """The tester's steps: after the refused restore, export, calendar and due still work."""
    backup = backup_of(home, tmp_path / "backup.db")
    with_draft(backup, "UPDATE commitments SET target_date = '2026-02-30'")
    assert run_cli("restore", str(backup), home=home).returncode == 2
    for command in (("export",), ("calendar",), ("due",)):
        result = run_cli(*command, home=home)
        assert_no_traceback(result)
        assert result.returncode in (0, 1), (command, result.stderr)


def test_a_sound_backup_with_drafts_is_restored(home, tmp_path):  # noqa: F811
    backup = backup_of(home, tmp_path / "backup.db")
    with_draft(backup)
    result = run_cli("restore", str(backup), home=home)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(resolve(home).store)
    assert conn.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
    conn.close()


def test_every_column_is_checked(home):  # noqa: F811
    """Every column of every myrole table is read into the checked document, or is a link the store checks."""
    conn = sqlite3.connect(resolve(home).store)
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%sqlite%'")
        if row[0] not in INDEX_TABLES]  # the search index is rebuilt from the rows, never carried
    for table in tables:
        columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        checked = {name.strip() for name in COLUMNS[table].split(",")}
        assert columns == checked | {column for t, column in NOT_EXPORTED if t == table}, table
    conn.close()


@pytest.mark.parametrize("kind", ["folder", "device"])
def test_a_path_that_is_not_a_regular_file_is_named_so(home, tmp_path, kind):  # noqa: F811
    target = tmp_path if kind == "folder" else Path("/dev/zero")
    before = store_files(resolve(home).store)
    result = run_cli("restore", str(target), home=home)
    assert_refused(result, home, before, "your store was not changed")
    assert "There is no backup file" not in result.stderr
    assert ("is a folder" if kind == "folder" else "not a regular file") in result.stderr
