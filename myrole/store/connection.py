"""Provides opening the store safely: checks, pragmas, private file modes, migrations and write transactions."""

from __future__ import annotations

import os
import secrets
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from myrole.durable import sync_folder
from myrole.paths import Paths, ensure_private_folder
from myrole.store.errors import StoreError, StoreWriteError, is_unreadable_text, sqlite_reason
from myrole.store.health import inspect
from myrole.store.versions import applied_names, known_names

BUSY_TIMEOUT_MS = 5000
SIDE_FILES = ("-wal", "-shm", "-journal")
NO_FTS5 = ("This Python's SQLite has no full-text search (FTS5), which myrole's search needs, so your records were "
           "left as they were; install Python from python.org, whose SQLite has it.")


def check_folder(folder: Path) -> None:
    """Refuse a folder myrole cannot write to, before anything is opened or created in it."""
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder} is a file, not a folder, so myrole cannot keep your store there; "
                         "nothing was changed.")
    probe = folder if folder.exists() else next((p for p in folder.parents if p.exists()), folder)
    if not os.access(probe, os.W_OK | os.X_OK):
        raise StoreError(f"The folder {folder} is read-only, so myrole cannot keep your store there; "
                         "nothing was changed.")


def private_files(path: Path) -> None:
    """Make the store and its side files readable by their owner only (0600)."""
    for candidate in [path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)]:
        if candidate.exists():
            os.chmod(candidate, 0o600)  # Windows: no effect (paths.WHO_CAN_READ)


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the pragmas myrole relies on; a failed open removes the side files it created."""
    before = {suffix for suffix in SIDE_FILES if Path(f"{path}{suffix}").exists()}
    try:
        # isolation_level=None: SQLite's own autocommit. A statement outside write() is its own
        # transaction, never an implicit one that holds the write lock and is lost at close.
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as error:
        remove_created_side_files(path, before)
        raise StoreError(f"The store {path} could not be opened ({error}).") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        # macOS: a sync reaches only the drive's cache unless SQLite asks for F_FULLFSYNC (myrole/durable.py);
        # elsewhere SQLite ignores this setting.
        conn.execute("PRAGMA fullfsync = ON")
        # Deleted or replaced text is overwritten with zeros, so a correction that removes
        # identifiable data does not leave it in the file's free pages.
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        conn.close()
        remove_created_side_files(path, before)
        raise StoreError(f"The store {path} could not be opened: {sqlite_reason(error)}; "
                         "it has been left exactly as it was.") from None
    return conn


def remove_created_side_files(path: Path, before: set[str]) -> None:
    """Remove the side files a failed open created (on a full disk: an empty -wal and a few bytes of -shm).

    Only ones that were not there before, and a -wal only while it is empty (so holds no changes);
    a -shm only once no -wal is left beside it. A journal that was there before is never touched.
    """
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    try:
        if "-wal" not in before and wal.exists() and wal.stat().st_size == 0:
            wal.unlink()
        if "-shm" not in before and shm.exists() and not wal.exists():
            shm.unlink()
    except OSError:
        pass  # left as it is; the next open reads an empty journal as no journal (health.reader)


def use_wal(conn: sqlite3.Connection, path: Path) -> None:
    """Switch to write-ahead logging; only after the checks, as it rewrites the file's header."""
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.DatabaseError as error:
        raise StoreWriteError(f"The store {path} could not be prepared for use ({error}).") from None


def check_not_newer(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a store that holds migrations this version does not know."""
    unknown = applied_names(conn) - known_names()
    if unknown:
        raise StoreError(
            f"The store {path} was written by a newer version of myrole; "
            "please upgrade myrole to open it (the store has not been changed)."
        )


def open_store(paths: Paths, *, create: bool = True) -> sqlite3.Connection:
    """Open (or, when allowed and absent, create) the store and bring its schema up to date.

    An existing store is checked read-only first (health.inspect): a damaged store, a lost
    or foreign journal, another program's database or a newer version's store is refused
    with one sentence and left byte for byte as it was.
    """
    old_umask = os.umask(0o077)  # Windows: no effect (paths.WHO_CAN_READ)
    try:
        path = paths.store
        exists = path.exists()
        if not exists and not create:
            raise StoreError(f"There are no myrole records at {path} yet.")
        check_folder(paths.data)
        if exists:
            if not os.access(path, os.R_OK | os.W_OK):
                raise StoreError(f"The store {path} is read-only or cannot be read, so myrole "
                                 "cannot use it; nothing was changed.")
            inspect(path, known_names())
        try:
            ensure_private_folder(paths.data)
        except OSError as error:
            raise StoreError(f"The folder {paths.data} cannot be used ({error.strerror}); "
                             "nothing was changed.") from None
        if not exists:
            create_store(path)
        conn = connect(path)
        try:
            check_not_newer(conn, path)
            use_wal(conn, path)
            apply_migrations(conn, path)
            private_files(path)
        except BaseException:
            conn.close()
            raise
        return conn
    finally:
        os.umask(old_umask)


def create_store(path: Path) -> None:
    """Build a new store under a temporary name and link it into place whole.

    A crash while creating leaves at most a stray .myrole-new-*.db (no one's data), never
    an empty or half-made myrole.db; and a store another window created first is never replaced.
    """
    try:
        handle, name = tempfile.mkstemp(prefix=".myrole-new-", suffix=".db", dir=path.parent)
    except OSError as error:
        raise StoreWriteError(f"A new store could not be made in {path.parent} ({error.strerror}).") from None
    os.close(handle)
    temp = Path(name)
    try:
        conn = connect(temp)
        try:
            use_wal(conn, temp)
            apply_migrations(conn, temp)
        finally:
            conn.close()  # the last connection copies the journal into the file and removes it
        if Path(f"{temp}-wal").exists():
            raise StoreWriteError(f"A new store could not be completed in {path.parent}.")
        _link_into_place(temp, path)
    except OSError as error:
        raise StoreWriteError(f"A new store could not be made in {path.parent} ({error.strerror}).") from None
    finally:
        for leftover in [temp, *(Path(f"{temp}{suffix}") for suffix in SIDE_FILES)]:
            leftover.unlink(missing_ok=True)


def _link_into_place(temp: Path, path: Path) -> None:
    try:
        os.link(temp, path)
    except FileExistsError:
        return  # another window made the store first: use that one
    except OSError:  # a file system without hard links (e.g. some USB sticks)
        if not path.exists():
            os.replace(temp, path)
    sync_folder(path.parent)  # the new name survives a power cut (where the system allows: myrole/durable.py)


def apply_migrations(conn: sqlite3.Connection, path: Path) -> None:
    """Apply pending migrations all or nothing, after a verified backup if the store has been used.

    sqlite-utils runs each migration in its own transaction; one outer transaction around
    them all means a failure part-way leaves the store exactly as it was before this run
    (so no migration may be registered with transactional=False).
    """
    if not conn.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')").fetchone()[0]:
        raise StoreError(NO_FTS5)  # search and its triggers need it; some Python builds leave it out of SQLite
    if known_names() <= applied_names(conn):
        return  # up to date, as at almost every start: no need to load sqlite-utils
    from sqlite_utils import Database

    from myrole.store import migrations as schema

    db = Database(conn, execute_plugins=False)
    pending = schema.migrations.pending(db)
    if not pending:
        return
    if schema.migrations.applied(db):
        from myrole.store.backup import backup_beside

        backup_beside(conn, path, reason=f"before-{pending[0].name}")
    try:
        with write(conn):
            schema.migrations.apply(db)
    except StoreWriteError as error:
        raise StoreWriteError(f"The store {path} could not be updated to this version: {error}") from None
    except Exception as error:  # noqa: BLE001 - a migration's own bug: never show its details, they may hold data
        raise StoreWriteError(
            f"The store {path} could not be updated to this version ({type(error).__name__}); "
            "it was left as it was."
        ) from None


@contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, begun IMMEDIATE; inside another, a savepoint of it.

    A deferred transaction's read-then-write in WAL mode can fail at once with
    SQLITE_BUSY_SNAPSHOT instead of waiting. Beginning IMMEDIATE takes the write lock up
    front, so busy_timeout applies.
    """
    if conn.in_transaction:
        with _savepoint(conn):
            yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as error:
        raise StoreWriteError(describe_write_failure(error)) from None
    try:
        yield conn
        conn.execute("COMMIT")
    except (sqlite3.IntegrityError, sqlite3.ProgrammingError):
        _rollback(conn)
        raise  # a bug in myrole, not a condition of the disk: let the tests see it
    except sqlite3.OperationalError as error:
        _rollback(conn)
        if is_unreadable_text(error):
            raise  # the store's own text, not the save: each way in says so (store.health.unreadable)
        raise StoreWriteError(describe_write_failure(error)) from None
    except sqlite3.DatabaseError as error:
        _rollback(conn)
        raise StoreWriteError(describe_write_failure(error)) from None
    except BaseException:
        _rollback(conn)
        raise


@contextmanager
def _savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    """A nested write: undone alone if it fails, kept (until the outer transaction ends) if not."""
    name = f"myrole_{secrets.token_hex(8)}"
    conn.execute(f"SAVEPOINT {name}")
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # an error may have ended the whole transaction, savepoint and all
            conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
            conn.execute(f"RELEASE SAVEPOINT {name}")
        raise
    conn.execute(f"RELEASE SAVEPOINT {name}")


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass  # SQLite rolls back by itself when it cannot; the failure already raised says why


def describe_write_failure(error: sqlite3.Error) -> str:
    """One sentence about a failed save that never repeats what was being saved."""
    message = str(error).lower()
    if "malformed" in message or "not a database" in message:
        return ("The store looks damaged, so nothing was saved; quit, keep a copy of what is on "
                "screen, and run myrole again to see what to do.")
    if "disk i/o" in message:
        return "The disk could not be written to, so nothing was saved; please try again."
    if "full" in message:
        return "The disk is full, so nothing was saved; free some space and try again."
    if "readonly" in message or "read-only" in message:
        return "The store's folder is read-only, so nothing was saved."
    if "locked" in message or "busy" in message:
        return "Another myrole window is saving at the moment; nothing was saved, please try again."
    return "The save failed and nothing was changed; please try again."
