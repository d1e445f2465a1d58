"""Migrations: all or nothing, never leaking what they were migrating, and a verified backup first."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from myrole.model import Profile
from myrole.paths import resolve
from myrole.store.connection import write
from myrole.store import StoreWriteError, open_store
from myrole.store import connection
from myrole.store import migrations as schema
from myrole.store.migrations import MIGRATION_SET, migrations as real_set
from myrole.store.profile import save_profile
from .helpers import folder_bytes

CANARY = "canary-7f3a: my private note about a patient"


def migration_set(*extra, keep: int | None = None) -> Migrations:
    """A copy of the real migration set: its first `keep` migrations, then `extra` functions."""
    copy = Migrations(MIGRATION_SET)
    for migration in real_set.pending(Database(memory=True))[:keep]:
        copy(name=migration.name)(migration.fn)
    for function in extra:
        copy(name=function.__name__)(function)
    return copy


def m900_fails_half_way(db: Database) -> None:
    db.execute("CREATE TABLE half_made (x TEXT)")
    db.execute("UPDATE commitments SET title = 'rewritten by a broken migration'")
    raise RuntimeError(f"broken migration while handling {CANARY}")


@pytest.fixture
def older_store(paths, monkeypatch):
    """A store made by a version that knew only the first migration, holding a person's data."""
    monkeypatch.setattr(schema, "migrations", migration_set(keep=1))
    db = open_store(paths)
    save_profile(db, Profile(name="Sam", onboarded=True))
    with write(db):  # only m001's columns: the store functions of today write later ones too
        db.execute("INSERT INTO commitments (id, title, lens, mode, created_at, updated_at) "
                   "VALUES ('c1', ?, 'self', 'action', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z')", [CANARY])
    db.close()
    monkeypatch.undo()
    return paths


def read(store, query):
    """Read a closed store without creating side files beside it."""
    conn = sqlite3.connect(f"file:{store}?immutable=1", uri=True)
    try:
        return query(conn)
    finally:
        conn.close()


def dump(store) -> list[str]:
    return read(store, lambda conn: list(conn.iterdump()))


def applied(store) -> list[str]:
    return read(store, lambda conn: [m.name for m in real_set.applied(Database(conn))])


def test_a_failing_migration_leaves_the_store_exactly_as_it_was(older_store, monkeypatch):
    paths = older_store
    before_dump, before_bytes = dump(paths.store), paths.store.read_bytes()
    # The real pending migration, then one that fails: neither may stick (one outer transaction).
    monkeypatch.setattr(schema, "migrations", migration_set(m900_fails_half_way))
    with pytest.raises(StoreWriteError) as refused:
        open_store(paths)
    message = str(refused.value)
    assert "could not be updated" in message and "left as it was" in message
    assert CANARY not in message, "a migration's error must not repeat a person's words"
    assert dump(paths.store) == before_dump
    assert paths.store.read_bytes() == before_bytes
    assert applied(paths.store) == ["m001_initial"]
    assert not any(p.name.endswith(("-wal", "-shm")) for p in paths.data.iterdir())


def test_each_migration_runs_inside_a_transaction(monkeypatch, paths):
    seen = []

    def m901_records_its_transaction(db: Database) -> None:
        seen.append(db.conn.in_transaction)

    extended = migration_set(m901_records_its_transaction)
    monkeypatch.setattr(schema, "migrations", extended)
    monkeypatch.setattr(connection, "known_names", lambda: {m.name for m in extended.pending(Database(memory=True))})
    open_store(paths).close()
    assert seen == [True]


def test_a_verified_backup_is_taken_before_migrating_a_used_store(older_store):
    paths = older_store
    before = dump(paths.store)
    db = open_store(paths)
    try:
        assert {m.name for m in real_set.applied(Database(db))} == {m.name for m in real_set.pending(Database(memory=True))}
    finally:
        db.close()
    backups = sorted(paths.backups.glob("*.db"))
    assert len(backups) == 1 and "before-m002" in backups[0].name
    assert backups[0].stat().st_mode & 0o777 == 0o600
    assert paths.backups.stat().st_mode & 0o777 == 0o700
    assert read(backups[0], lambda conn: conn.execute("PRAGMA integrity_check").fetchone()[0]) == "ok"
    assert dump(backups[0]) == before, "the backup is the store as it was before migrating"


def test_a_new_store_needs_no_backup(paths):
    open_store(paths).close()
    assert not paths.backups.exists()


def test_no_migration_without_a_backup(older_store):
    """If the backup cannot be made, nothing is migrated."""
    paths = older_store
    paths.backups.write_text("a file where the backups folder should be")
    before = folder_bytes(paths.data)
    with pytest.raises(StoreWriteError) as refused:
        open_store(paths)
    assert "backups folder" in str(refused.value)
    assert folder_bytes(paths.data) == before
    assert applied(paths.store) == ["m001_initial"]


def test_a_migration_killed_half_way_leaves_the_older_store(older_store, tmp_path):
    """A process killed in the middle of migrating: on reopening, the store is whole and migrates again."""
    import os
    import signal
    import subprocess
    import sys

    from .helpers import REPO

    script = (
        "import os, signal, sys\n"
        "from sqlite_utils import Database\n"
        "from myrole.paths import resolve\n"
        "from myrole.store import connection, migrations as schema\n"
        "from tests.reliability.test_migrations import migration_set\n"
        "def m902_killed(db: Database) -> None:\n"
        "    db.execute('UPDATE commitments SET title = \\'half\\'')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "schema.migrations = migration_set(m902_killed)\n"
        "connection.open_store(resolve(sys.argv[1]))\n"
    )
    before = dump(older_store.store)
    result = subprocess.run([sys.executable, "-c", script, str(older_store.data)], cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True)
    assert result.returncode == -signal.SIGKILL, result.stderr
    db = open_store(resolve(older_store.data))
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT title FROM commitments").fetchall() == [(CANARY,)]
    finally:
        db.close()
    assert "m002_one_to_ones" in applied(older_store.store)
    assert any("before-m002" in p.name for p in older_store.backups.glob("*.db"))
    assert before  # the older store had content to protect
