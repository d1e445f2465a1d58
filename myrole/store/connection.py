"""Provides opening the store safely: checks, pragmas, private file modes, migrations and write transactions."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from myrole.paths import Paths, ensure_private_folder
from myrole.store.errors import StoreError, StoreWriteError
from myrole.store.migrations import MIGRATION_SET, known_names, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
SIDE_FILES = ("-wal", "-shm", "-journal")


def check_is_sqlite(path: Path) -> None:
    """Refuse a file that is not an SQLite database, before SQLite ever writes to it."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"The store {path} cannot be read ({error.strerror}).") from None
    if header != SQLITE_HEADER:
        raise StoreError(
            f"The file {path} is not a myrole store (it is not an SQLite database); "
            "it has been left exactly as it was."
        )


def private_files(path: Path) -> None:
    """Make the store and its side files readable by their owner only (0600)."""
    for candidate in [path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)]:
        if candidate.exists():
            os.chmod(candidate, 0o600)


def connect(path: Path) -> Database:
    """An sqlite-utils Database with the pragmas myrole relies on."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = Database(conn, execute_plugins=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        conn.close()
        raise StoreError(
            f"The store {path} is damaged or not a database ({error}); "
            "it has been left exactly as it was."
        ) from None
    return db


def check_not_newer(db: Database, path: Path) -> None:
    """Refuse a store that holds migrations this version does not know."""
    unknown = {m.name for m in migrations.applied(db)} - known_names()
    if unknown:
        raise StoreError(
            f"The store {path} was written by a newer version of myrole; "
            "please upgrade myrole to open it (the store has not been changed)."
        )


def open_store(paths: Paths, *, create: bool = True) -> Database:
    """Open (or, when allowed and absent, create) the store and bring its schema up to date."""
    old_umask = os.umask(0o077)
    try:
        path = paths.store
        exists = path.exists()
        if not exists and not create:
            raise StoreError(f"There is no myrole store at {path} yet.")
        ensure_private_folder(paths.data)
        if exists:
            check_is_sqlite(path)
        db = connect(path)
        try:
            check_not_newer(db, path)
            apply_migrations(db, path)
        except BaseException:
            db.close()
            raise
        private_files(path)
        return db
    finally:
        os.umask(old_umask)


def apply_migrations(db: Database, path: Path) -> None:
    """Apply pending migrations, each in its own transaction, after a verified backup if there is data."""
    pending = migrations.pending(db)
    if not pending:
        return
    if migrations.applied(db):
        from myrole.store.backup import backup_beside

        backup_beside(db, path, reason=f"before-{pending[0].name}")
    try:
        migrations.apply(db)
    except sqlite3.Error as error:
        raise StoreWriteError(
            f"The store {path} could not be updated to this version ({error}); it was left as it was."
        ) from None


@contextmanager
def write(db: Database) -> Iterator[Database]:
    """One write transaction, begun IMMEDIATE.

    sqlite-utils' atomic() begins a deferred transaction; a read-then-write in WAL mode
    can then fail at once with SQLITE_BUSY_SNAPSHOT instead of waiting. Beginning
    IMMEDIATE takes the write lock up front, so busy_timeout applies. Nested calls
    become savepoints through atomic().
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        raise StoreWriteError(describe_write_failure(error)) from None
    try:
        yield db
        db.conn.execute("COMMIT")
    except sqlite3.OperationalError as error:
        _rollback(db)
        raise StoreWriteError(describe_write_failure(error)) from None
    except BaseException:
        _rollback(db)
        raise


def _rollback(db: Database) -> None:
    if db.conn.in_transaction:
        db.conn.execute("ROLLBACK")


def describe_write_failure(error: sqlite3.OperationalError) -> str:
    """One sentence about a failed save that never repeats what was being saved."""
    message = str(error).lower()
    if "full" in message:
        return "The disk is full, so nothing was saved; free some space and try again."
    if "readonly" in message or "read-only" in message:
        return "The store's folder is read-only, so nothing was saved."
    if "locked" in message or "busy" in message:
        return "Another myrole window is saving at the moment; nothing was saved, please try again."
    return "The save failed and nothing was changed; please try again."
