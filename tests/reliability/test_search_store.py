"""The search index is checked like the rest of the schema: a store or backup whose index, its triggers or its
settings were tampered with is refused; a restore rebuilds the index from the rows and never carries it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from myrole.paths import resolve
from myrole.store.search import INDEX, search
from .helpers import assert_no_traceback, run_cli, store_files
from .test_restore_schema import assert_refused, backup_of, craft, home  # noqa: F401 - home is a fixture


def _tamper_definition(conn: sqlite3.Connection) -> None:
    """The index's own SQL rewritten to keep a copy of everything (an external content table)."""
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, \"content=''\", \"content='answers'\") WHERE name = ?",
                 [INDEX])
    conn.execute(f"PRAGMA schema_version = {version + 1}")
    conn.execute("PRAGMA writable_schema = OFF")


HOSTILE_INDEX = {
    "a trigger copying answers into the index under other rowids": (
        f"CREATE TRIGGER keep_forever AFTER DELETE ON answers BEGIN "
        f"INSERT INTO {INDEX} (rowid, text) VALUES (old.rowid * 8 + 6, old.text); END"),
    "an index trigger dropped (deleted text would stay findable)": f"DROP TRIGGER {INDEX}_answers_removed",
    "the index's definition changed": _tamper_definition,
    "the index's settings changed": f"INSERT INTO {INDEX}_config (k, v) VALUES ('automerge', 0)",
}


@pytest.mark.parametrize("name", HOSTILE_INDEX)
def test_restore_refuses_a_backup_with_a_tampered_index(home, tmp_path, name):  # noqa: F811
    backup = backup_of(home, tmp_path / "backup.db")
    craft(backup, HOSTILE_INDEX[name])
    before = store_files(resolve(home).store)
    assert_refused(run_cli("restore", str(backup), home=home), home, before, "not as myrole makes it")


@pytest.mark.parametrize("name", HOSTILE_INDEX)
def test_a_store_with_a_tampered_index_is_refused_and_left_as_it_was(home, name):  # noqa: F811
    store = resolve(home).store
    craft(store, HOSTILE_INDEX[name])
    before = store_files(store)
    result = run_cli("search", "interpreter", home=home)
    assert result.returncode == 2 and "not as myrole makes it" in result.stderr, result.stderr
    assert_no_traceback(result)
    assert store_files(store) == before


def found(home: Path, word: str) -> int:
    conn = sqlite3.connect(resolve(home).store)
    try:
        return search(conn, word).total
    finally:
        conn.close()


def test_a_restore_rebuilds_the_index_from_the_rows_not_from_the_backup(home, tmp_path):  # noqa: F811
    expected = found(home, "interpreter")
    assert expected > 0
    backup = backup_of(home, tmp_path / "backup.db")
    craft(backup, f"DELETE FROM {INDEX}_data")  # its index emptied: the rows are all still there
    result = run_cli("restore", str(backup), home=home)
    assert result.returncode == 0, result.stderr
    assert found(home, "interpreter") == expected
    conn = sqlite3.connect(resolve(home).store)
    try:
        conn.execute(f"INSERT INTO {INDEX} ({INDEX}) VALUES ('integrity-check')")  # raises if it is not sound
    finally:
        conn.close()


def test_a_store_from_before_search_gets_its_index_when_opened(tmp_path):
    from myrole.store import open_store
    from myrole.store.versions import MIGRATION_NAMES
    from .test_restore_schema import older_store

    home = tmp_path / "old"
    home.mkdir()
    older_store(resolve(home).store, MIGRATION_NAMES.index("m006_search"))
    db = open_store(resolve(home))
    try:
        assert [hit.record_id for hit in search(db, "older").hits] == ["c1"]
    finally:
        db.close()


def _reasons_before_m008(conn: sqlite3.Connection) -> None:
    """History lines as an older myrole kept them, when its reasons were not searchable."""
    conn.execute("UPDATE commitments SET share_key = ?", ["5" * 32])  # as m004 gives each commitment made before it
    conn.execute(
        "INSERT INTO commitment_events (commitment_id, at, kind, from_status, to_status, reason) VALUES "
        "('c1', '2024-02-01T00:00:00Z', 'paused', 'active', 'paused', 'until 2024-03-01: Secondment to Ysbyty Gwynedd'), "
        "('c1', '2024-03-01T00:00:00Z', 'snoozed', 'active', 'active', 'until 2024-03-08'), "
        "('c1', '2024-04-01T00:00:00Z', 'dropped', 'active', 'dropped', 'Clinic moved to Bangor')")


def test_a_store_from_before_reasons_were_searched_finds_them_when_opened(tmp_path):
    from myrole.store import open_store
    from myrole.store.versions import MIGRATION_NAMES
    from .test_restore_schema import older_store

    home = tmp_path / "old"
    home.mkdir()
    older_store(resolve(home).store, MIGRATION_NAMES.index("m008_search_reasons"), _reasons_before_m008)
    db = open_store(resolve(home))
    try:
        assert [(hit.where, hit.text) for hit in search(db, "ysbyty").hits] == [
            ("Reason for pausing From an older myrole", "Secondment to Ysbyty Gwynedd")]
        assert [hit.opens for hit in search(db, "bangor").hits] == ["c1"]
        assert search(db, "until").total == 0
    finally:
        db.close()


def test_a_backup_from_before_reasons_were_searched_is_restored_with_them_found(home, tmp_path):  # noqa: F811
    from myrole.store.versions import MIGRATION_NAMES
    from .test_restore_schema import older_store

    backup = tmp_path / "older.db"
    older_store(backup, MIGRATION_NAMES.index("m008_search_reasons"), _reasons_before_m008)
    result = run_cli("restore", str(backup), home=home)
    assert result.returncode == 0, result.stderr
    assert found(home, "bangor") == 1 and found(home, "ysbyty") == 1
