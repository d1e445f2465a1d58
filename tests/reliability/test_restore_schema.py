"""A backup or store whose schema is not exactly myrole's is refused; a good backup comes back whole.

The crafted files are what an attacker (or a well-meaning tinkerer) could hand a person as a
"backup": a real myrole store with one thing added, removed or changed. Each is refused by
`myrole restore` with one sentence and exit status 2, the current store byte for byte as it
was; the same file as the live store is refused when opened (tests in test_bad_stores.py).
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from myrole.paths import resolve
from myrole.store.schema_check import EXPECTED_FILE, render
from myrole.store.search import INDEX_TABLES
from myrole.store.versions import MIGRATION_NAMES
from .helpers import assert_no_traceback, invoke_cli, run_cli, store_files
from .stores import used_store

VISIBILITY_CHECK = "CHECK (visibility IN ('private', 'manager', 'alliance'))"


def _change_a_check(conn: sqlite3.Connection) -> None:
    """The commitments table's visibility CHECK widened, written straight into the schema."""
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE name = 'commitments'",
                 [VISIBILITY_CHECK, VISIBILITY_CHECK.replace("'alliance'", "'alliance', 'everyone'")])
    conn.execute(f"PRAGMA schema_version = {version + 1}")
    conn.execute("PRAGMA writable_schema = OFF")


# Each change, as SQL run on a real store (or a function for the one SQL cannot do plainly).
FOREIGN = {
    "extra_trigger_sharing_commitments": (
        "CREATE TRIGGER share_everything AFTER INSERT ON commitments BEGIN "
        "UPDATE commitments SET visibility = 'alliance' WHERE id = new.id; END"),
    "extra_trigger_deleting_reflections": (
        "CREATE TRIGGER forget AFTER INSERT ON one_to_one_items BEGIN DELETE FROM reflections; END"),
    "extra_view": "CREATE VIEW everything AS SELECT text FROM answers",
    "extra_index": "CREATE INDEX answers_by_text ON answers (text)",
    "extra_table": "CREATE TABLE notes (text TEXT)",
    "missing_table": "DROP TABLE checkins",
    "missing_column": "ALTER TABLE commitments DROP COLUMN snoozed_until",
    "changed_check": _change_a_check,
}
# Words of the foreign SQL that a refusal must never repeat.
FOREIGN_WORDS = ("CREATE", "share_everything", "forget", "everything", "answers_by_text", "notes", "everyone")


def craft(path: Path, change) -> None:  # noqa: ANN001 - SQL text or a function of a connection
    conn = sqlite3.connect(path)
    try:
        change(conn) if callable(change) else conn.execute(change)
        conn.commit()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"  # sound, only not myrole's
    finally:
        conn.close()


def foreign_store(name: str):
    """A damage for test_bad_stores: the live store (with a sound backup beside it) changed so."""
    def damage(home: Path, rng: random.Random) -> None:
        craft(used_store(home, backup=True), FOREIGN[name])
    damage.__name__ = f"foreign_schema_{name}"
    return damage


FOREIGN_STORES = [foreign_store(name) for name in FOREIGN]


def test_the_expected_schema_file_is_what_the_migrations_make():
    assert EXPECTED_FILE.read_text(encoding="utf-8") == render(), (
        "schema_expected.json is out of date: run `python -m myrole.store.schema_check`")


@pytest.fixture
def home(tmp_path, prepared_stores) -> Path:
    """A home holding a used store (a copy of one made once: the demo's data, closed cleanly)."""
    folder = tmp_path / "home"
    prepared_stores(resolve(folder), "used", lambda paths: used_store(paths.data))
    return folder


def backup_of(home: Path, target: Path) -> Path:
    """A backup of home's store, made by `myrole backup` (in this process: the backup is not what is tested)."""
    result = invoke_cli("backup", str(target), home=home)
    assert result.returncode == 0, result.stderr
    return target


def assert_refused(result, home: Path, before: dict[str, bytes], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert_no_traceback(result)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("myrole: "), result.stderr
    for word in words:
        assert word in lines[0]
    assert store_files(resolve(home).store) == before, "the store is byte for byte as it was"
    assert not list(resolve(home).backups.glob("*before-restore*")), "nothing was kept aside: nothing changed"
    assert not [p for p in resolve(home).data.iterdir() if p.name.startswith(".myrole-restore")]


@pytest.mark.parametrize("name", FOREIGN)
def test_restore_refuses_a_backup_whose_schema_is_not_myroles(home, tmp_path, name):
    backup = backup_of(home, tmp_path / "backup.db")
    craft(backup, FOREIGN[name])
    crafted = backup.read_bytes()
    before = store_files(resolve(home).store)
    result = invoke_cli("restore", str(backup), home=home)  # a real process refuses in the tests below
    assert_refused(result, home, before, "is not as myrole makes it", "your store was not changed")
    for word in FOREIGN_WORDS:
        assert word not in result.stderr, "the foreign SQL is never quoted"
    assert backup.read_bytes() == crafted, "the backup itself is never changed"


def test_a_trigger_in_a_refused_backup_never_runs_later(home, tmp_path):
    """The reported attack: after the refused restore, a new private commitment stays private."""
    from myrole.model import Commitment, Lens, Mode
    from myrole.store import open_store
    from myrole.store.commitments import create_commitment

    backup = backup_of(home, tmp_path / "backup.db")
    craft(backup, FOREIGN["extra_trigger_sharing_commitments"])
    assert run_cli("restore", str(backup), home=home).returncode == 2
    db = open_store(resolve(home))
    try:
        made = create_commitment(db, Commitment(id="", title="Private", lens=Lens.SELF, mode=Mode.ACTION))
        assert db.execute("SELECT visibility FROM commitments WHERE id = ?", [made.id]).fetchone()[0] == "private"
    finally:
        db.close()


def table_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every myrole table, with its rowid (the migrations' own record aside)."""
    conn = sqlite3.connect(path)
    try:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%sqlite%'")
            if row[0] not in INDEX_TABLES]  # the search index is rebuilt from the rows (test_search_store.py)
        return {table: conn.execute(f'SELECT rowid, * FROM "{table}" ORDER BY rowid').fetchall() for table in tables}
    finally:
        conn.close()


def test_a_good_backup_comes_back_with_every_row_and_rowid(home, tmp_path):
    backup = backup_of(home, tmp_path / "backup.db")
    expected = table_rows(backup)
    assert all(expected[table] for table in ("answers", "commitments", "checkins", "one_to_one_items")), "real data"
    # The store changes after the backup, so the restore has something to undo.
    conn = sqlite3.connect(resolve(home).store)
    conn.execute("DELETE FROM checkins")
    conn.commit()
    conn.close()
    result = run_cli("restore", str(backup), home=home)
    assert result.returncode == 0, result.stderr
    assert table_rows(resolve(home).store) == expected
    assert run_cli("export", home=home).returncode == 0, "the restored store opens"


def test_a_backup_with_records_myrole_would_not_save_is_refused(home, tmp_path):
    """The schema is exact but a check-in points at no commitment (written with foreign keys off)."""
    backup = backup_of(home, tmp_path / "backup.db")
    conn = sqlite3.connect(backup)
    conn.execute("UPDATE checkins SET commitment_id = 'nowhere' WHERE rowid = (SELECT min(rowid) FROM checkins)")
    conn.commit()
    conn.close()
    before = store_files(resolve(home).store)
    result = run_cli("restore", str(backup), home=home)
    assert_refused(result, home, before, "records myrole would not have saved")


def older_store(path: Path, level: int, change=None) -> None:  # noqa: ANN001
    """A store made by an older myrole: only its first `level` migrations, with one commitment and check-in."""
    from sqlite_utils import Database

    from myrole.store.migrations import migrations

    db = Database(path)
    migrations.apply(db, stop_before=list(MIGRATION_NAMES[level:]))
    db.execute("INSERT INTO commitments (id, title, lens, mode, created_at, updated_at) "
               "VALUES ('c1', 'From an older myrole', 'self', 'action', '2024-01-01T00:00:00Z', "
               "'2024-01-01T00:00:00Z')")
    db.execute("INSERT INTO checkins (id, commitment_id, at, on_date, progress, confidence) "
               "VALUES ('k1', 'c1', '2024-01-08T00:00:00Z', '2024-01-08', 2, 3)")
    db.conn.commit()
    db.close()
    if change is not None:
        craft(path, change)


def test_a_backup_from_an_older_myrole_is_checked_at_its_level_then_brought_up_to_date(home, tmp_path):
    backup = tmp_path / "older.db"
    older_store(backup, level=1)
    result = run_cli("restore", str(backup), home=home)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(resolve(home).store)
    try:
        assert conn.execute("SELECT title FROM commitments").fetchall() == [("From an older myrole",)]
        assert conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 1
        applied = {row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")}
        assert applied == set(MIGRATION_NAMES)
    finally:
        conn.close()


def test_a_backup_from_an_older_myrole_with_a_foreign_trigger_is_refused(home, tmp_path):
    backup = tmp_path / "older.db"
    older_store(backup, level=1, change=FOREIGN["extra_trigger_sharing_commitments"])
    before = store_files(resolve(home).store)
    assert_refused(run_cli("restore", str(backup), home=home), home, before, "is not as myrole makes it")


def test_a_backup_claiming_a_later_level_than_its_tables_is_refused(home, tmp_path):
    """Migration records are the file's own word: a level-1 store that claims level 2 lacks its tables."""
    backup = tmp_path / "older.db"
    older_store(backup, level=1, change=(
        f"INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        f"VALUES ('myrole', '{MIGRATION_NAMES[1]}', '2024-01-01')"))
    before = store_files(resolve(home).store)
    assert_refused(run_cli("restore", str(backup), home=home), home, before, "is not as myrole makes it")


def test_a_store_analysed_by_sqlite_is_still_myroles(home):
    """ANALYZE (run by a database browser) adds SQLite's own statistics table: harmless, allowed."""
    store = resolve(home).store
    conn = sqlite3.connect(store)
    conn.execute("ANALYZE")
    conn.commit()
    conn.close()
    result = run_cli("export", home=home)
    assert result.returncode == 0, result.stderr



def test_a_backup_with_a_foreign_schema_is_never_offered(tmp_path):
    """When a store is refused, the offered backup is one restore would take, not a newer crafted one."""
    import os

    from myrole.store import StoreError, open_store

    home = tmp_path / "home"
    store = used_store(home, backup=True)
    [good] = resolve(home).backups.glob("*.db")
    crafted = resolve(home).backups / "myrole-20991231T000000Z.db"
    shutil.copyfile(good, crafted)
    craft(crafted, FOREIGN["extra_trigger_sharing_commitments"])
    os.utime(crafted, (good.stat().st_mtime + 60,) * 2)
    craft(store, FOREIGN["extra_view"])
    with pytest.raises(StoreError) as refused:
        open_store(resolve(home))
    assert f"myrole restore {good}" in str(refused.value)
    assert crafted.name not in str(refused.value)
