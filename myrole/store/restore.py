"""Provides restoring the store from a backup: check it, rebuild it as a fresh store, keep the current one aside, swap.

A backup is a file from anywhere, so it is never trusted and never put in place as it is:
its schema must be exactly the one myrole's migrations make (for the level it was made at),
and only its rows are carried, into a store made by this version's migrations. Nothing in
the backup's own SQL runs. While a myrole window has the store open, a restore is refused
(myrole.store.window), so no later save can land in a file that is no longer the store.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from myrole.paths import Paths, ensure_private_folder
from myrole.store.backup import backup_to
from myrole.store.errors import UNREADABLE_TEXT, StoreError, StoreWriteError, is_unreadable_text, sqlite_reason
from myrole.store.health import SQLITE_HEADER, file_header
from myrole.store.schema_check import expected_rows, level_of, matches
from myrole.store.versions import MIGRATION_NAMES, applied_names, known_names
from myrole.store.window import replacing

# The store's side files: its write-ahead log and shared-memory index, or an old-style journal.
SIDE_FILES = ("-wal", "-shm", "-journal")
UNCHANGED = "your store was not changed"


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _copy_private(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)  # Windows: no effect (paths.WHO_CAN_READ)


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens path read-only (%, ? and # would otherwise be read as URI syntax)."""
    text = str(path.resolve()).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{text}?mode=ro"


def untrusting(path: Path) -> sqlite3.Connection:
    """A connection to a file from elsewhere: SQL in its schema may not call functions with side effects."""
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def check_backup(conn: sqlite3.Connection, source: Path) -> int:
    """A backup must be whole, a myrole store not from a newer myrole, with exactly myrole's schema.

    Returns how many of this version's migrations it has had.
    """
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        applied = applied_names(conn)
        exact = matches(conn, applied)
    except sqlite3.DatabaseError:
        raise StoreError(f"{source} is damaged, so it cannot be restored; {UNCHANGED}.") from None
    if verdict != "ok":
        raise StoreError(f"{source} failed its integrity check, so it cannot be restored; {UNCHANGED}.")
    if not applied:
        raise StoreError(f"{source} is an SQLite database but not a myrole store; {UNCHANGED}.")
    if applied - known_names():
        raise StoreError(f"{source} was written by a newer version of myrole; upgrade myrole to restore it "
                         f"({UNCHANGED}).")
    level = level_of(applied)
    if not exact or level is None:  # (not exact already covers a level that is not a first few in order)
        raise StoreError(f"{source} is not as myrole makes it (it has a table, index, trigger or view myrole "
                         f"did not make, or lacks one of its own), so it cannot be restored; {UNCHANGED}.")
    return level


def check_source(source: Path) -> None:
    """The backup must be a readable file starting with SQLite's header; StoreError, before anything is made."""
    if not source.exists():
        raise StoreError(f"There is no backup file at {source}.")
    if source.is_dir():
        raise StoreError(f"{source} is a folder, not a backup file; give the backup file itself ({UNCHANGED}).")
    if not source.is_file():
        raise StoreError(f"{source} is not a regular file (it is a device, pipe or other special file), so it "
                         f"is not a backup; {UNCHANGED}.")
    try:
        header = file_header(source)
    except OSError as error:
        raise StoreError(f"{source} cannot be read ({error.strerror}); {UNCHANGED}.") from None
    if header != SQLITE_HEADER:
        raise StoreError(f"{source} is not a myrole backup (it is not an SQLite database); {UNCHANGED}.")


def stage(source: Path, staging: Path) -> int:
    """After check_source: copy the backup (and any write-ahead log beside it) and check the copy; the backup is never opened.

    Returns the backup's migration level.
    """
    _copy_private(source, staging)
    if Path(f"{source}-wal").is_file():
        _copy_private(Path(f"{source}-wal"), Path(f"{staging}-wal"))
    try:
        conn = untrusting(staging)
        try:
            return check_backup(conn, source)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise StoreError(f"{source} is damaged, so it cannot be restored; {UNCHANGED}.") from None


def rebuild(staging: Path, fresh: Path, level: int, source: Path) -> None:
    """Make a store with the backup's first `level` migrations, carry every row in, then migrate it.

    Rows keep their rowids (check-ins on the same day are ordered by them). Every row must
    pass this version's own CHECK, NOT NULL and foreign key rules, all checked before the end.
    """
    from sqlite_utils import Database

    from myrole.store.connection import connect
    from myrole.store.migrations import migrations

    conn = connect(fresh)  # the pragmas the store always has: foreign keys, secure delete ...
    try:
        db = Database(conn, execute_plugins=False)
        migrations.apply(db, stop_before=list(MIGRATION_NAMES[level:]))
        conn.commit()  # ATTACH cannot run inside a transaction
        # Off, SQLite would refuse this store's own search triggers (SQLite 3.40 does not mark FTS5
        # "innocuous"). Nothing of the backup's SQL can run: stage() found its schema exactly myrole's,
        # and only its rows are read; the triggers that run are the fresh store's, made by our migrations.
        conn.execute(f"PRAGMA trusted_schema = {'ON' if uses_search_index(conn) else 'OFF'}")
        conn.execute("ATTACH DATABASE ? AS backup", [str(staging)])
        try:
            copy_rows(conn, level, source)
        finally:
            conn.execute("DETACH DATABASE backup")
        migrations.apply(db)
        conn.commit()
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok" or not matches(conn, applied_names(conn)):
            raise StoreWriteError(f"The restore could not be finished (the rebuilt store failed its check); "
                                  f"{UNCHANGED}.")
        check_meaning(conn, source)
    except sqlite3.DatabaseError as error:
        if is_unreadable_text(error):
            raise StoreError(f"{source} {UNREADABLE_TEXT}, so it cannot be restored; {UNCHANGED}.") from None
        raise StoreWriteError(f"The restore could not be finished: {sqlite_reason(error)}; {UNCHANGED}.") from None
    finally:
        conn.close()


def uses_search_index(conn: sqlite3.Connection) -> bool:
    """Whether the store being rebuilt has the search index (and so its triggers) yet."""
    from myrole.store.search import INDEX

    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [INDEX]).fetchone() is not None


def check_meaning(conn: sqlite3.Connection, source: Path) -> None:
    """Every value of every row must be one `myrole import` would take (the importer's own rules)."""
    from myrole.export.stored_rows import problem_in

    sentence = problem_in(conn)
    if sentence:
        raise StoreError(f"{source} cannot be restored: {sentence}; {UNCHANGED}.")


def copy_rows(conn: sqlite3.Connection, level: int, source: Path) -> None:
    """Every row of every myrole table in the attached backup into the main store, in one transaction."""
    from myrole.store.search import INDEX_TABLES

    # The search index is never copied: the triggers rebuild it from the rows as they are carried.
    tables = sorted(name for kind, name, _, _ in expected_rows(level) or ()
                    if kind == "table" and name != "_sqlite_migrations" and name not in INDEX_TABLES)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("PRAGMA defer_foreign_keys = ON")  # links are checked at COMMIT, whatever the order
        for table in tables:
            conn.execute(f'DELETE FROM main."{table}"')  # what the migrations made (a submitter key) gives way
            conn.execute(copy_statement(conn, table))
        conn.execute("COMMIT")
    except sqlite3.IntegrityError:
        _roll_back(conn)
        raise StoreError(f"{source} holds records myrole would not have saved (a value its store does not "
                         f"allow, or a link to a record that is not there), so it cannot be restored; "
                         f"{UNCHANGED}.") from None
    except BaseException:
        _roll_back(conn)
        raise


def _roll_back(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:  # a failed COMMIT of deferred links may have ended it already
        conn.execute("ROLLBACK")


def copy_statement(conn: sqlite3.Connection, table: str) -> str:
    """INSERT ... SELECT for one table, naming its columns, and its rowid unless a column already is it."""
    columns = conn.execute(f'PRAGMA backup.table_info("{table}")').fetchall()
    names = [f'"{column[1]}"' for column in columns]
    keys = [column for column in columns if column[5]]
    if not (len(keys) == 1 and keys[0][2].upper() == "INTEGER"):  # an INTEGER PRIMARY KEY is the rowid
        names.insert(0, "rowid")
    listed = ", ".join(names)
    return f'INSERT INTO main."{table}" ({listed}) SELECT {listed} FROM backup."{table}"'


def keep_aside(paths: Paths) -> Path | None:
    """Copy the current store into the backups folder; a damaged one is copied byte for byte."""
    store = paths.store
    if not store.exists():
        return None
    ensure_private_folder(paths.backups)
    target = paths.backups / f"myrole-{_stamp()}-before-restore.db"
    conn = sqlite3.connect(read_only_uri(store), uri=True)
    try:
        return backup_to(conn, target)
    except (StoreWriteError, sqlite3.Error):
        pass
    finally:
        conn.close()
    target = target.with_name(target.stem + "-as-found.db")
    for suffix in ("", "-wal"):
        if Path(f"{store}{suffix}").exists():
            _copy_private(Path(f"{store}{suffix}"), Path(f"{target}{suffix}"))
    return target


def restore(paths: Paths, source: Path) -> Path | None:
    """Replace the store with a checked, rebuilt copy of source; returns where the previous store was kept.

    StoreError (nothing changed) while a myrole window has the store open.
    """
    source = source.expanduser()
    if source.exists() and paths.store.exists() and source.resolve() == paths.store.resolve():
        raise StoreError(f"{source} is the store itself; choose a backup file.")
    old_umask = os.umask(0o077)  # Windows: no effect (paths.WHO_CAN_READ)
    stamp = _stamp()
    staging = paths.data / f".myrole-restore-{stamp}.db"
    fresh = paths.data / f".myrole-restore-{stamp}-new.db"
    check_source(source)  # a missing or unreadable file changes nothing, not even the data folder
    if paths.backups.exists() and not paths.backups.is_dir():
        raise StoreError(f"{paths.backups} is a file, not a folder, so your current store cannot be kept "
                         "aside before a restore; your store was not replaced.")
    try:
        ensure_private_folder(paths.data)
        with replacing(paths):
            level = stage(source, staging)
            rebuild(staging, fresh, level, source)
            kept = keep_aside(paths)
            # The old store's log belongs to the old file; left beside the new one it would be replayed into it.
            for suffix in SIDE_FILES:
                Path(f"{paths.store}{suffix}").unlink(missing_ok=True)
            os.replace(fresh, paths.store)
            os.chmod(paths.store, 0o600)
            return kept
    except OSError as error:
        raise StoreWriteError(f"The restore could not be finished ({error.strerror}); your store was not "
                              "replaced.") from None
    finally:
        os.umask(old_umask)
        for leftover in (staging, fresh):
            for suffix in ("", *SIDE_FILES):
                Path(f"{leftover}{suffix}").unlink(missing_ok=True)
