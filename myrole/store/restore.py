"""Provides restoring the store from a backup: check the backup, keep the current store aside, then swap."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from myrole.paths import Paths, ensure_private_folder
from myrole.store.backup import backup_to
from myrole.store.errors import StoreError, StoreWriteError
from myrole.store.health import SQLITE_HEADER, file_header
from myrole.store.versions import applied_names, known_names

# The store's side files: its write-ahead log and shared-memory index, or an old-style journal.
SIDE_FILES = ("-wal", "-shm", "-journal")


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _copy_private(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens path read-only (%, ? and # would otherwise be read as URI syntax)."""
    text = str(path.resolve()).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{text}?mode=ro"


def check_backup(db: Database, source: Path) -> None:
    """A backup must be whole (integrity check), a myrole store, and not from a newer myrole."""
    try:
        verdict = db.execute("PRAGMA integrity_check").fetchone()[0]
        applied = applied_names(db.conn)
    except sqlite3.DatabaseError:
        raise StoreError(f"{source} is damaged, so it cannot be restored; your store was not changed.") from None
    if verdict != "ok":
        raise StoreError(f"{source} failed its integrity check, so it cannot be restored; your store was not changed.")
    if not applied:
        raise StoreError(f"{source} is an SQLite database but not a myrole store; your store was not changed.")
    if applied - known_names():
        raise StoreError(f"{source} was written by a newer version of myrole; upgrade myrole to restore it "
                         "(your store was not changed).")


def stage(source: Path, staging: Path) -> None:
    """Copy the backup (and any write-ahead log beside it) and check the copy; the backup is never opened."""
    if not source.is_file():
        raise StoreError(f"There is no backup file at {source}.")
    try:
        header = file_header(source)
    except OSError as error:
        raise StoreError(f"{source} cannot be read ({error.strerror}); your store was not changed.") from None
    if header != SQLITE_HEADER:
        raise StoreError(f"{source} is not a myrole backup (it is not an SQLite database); your store was "
                         "not changed.")
    _copy_private(source, staging)
    if Path(f"{source}-wal").is_file():
        _copy_private(Path(f"{source}-wal"), Path(f"{staging}-wal"))
    conn = sqlite3.connect(str(staging))
    try:
        check_backup(Database(conn, execute_plugins=False), source)
        # One self-contained file: fold any log into it and stop using one.
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.DatabaseError:
        raise StoreError(f"{source} is damaged, so it cannot be restored; your store was not changed.") from None
    finally:
        conn.close()


def keep_aside(paths: Paths) -> Path | None:
    """Copy the current store into the backups folder; a damaged one is copied byte for byte."""
    store = paths.store
    if not store.exists():
        return None
    ensure_private_folder(paths.backups)
    target = paths.backups / f"myrole-{_stamp()}-before-restore.db"
    conn = sqlite3.connect(read_only_uri(store), uri=True)
    try:
        return backup_to(Database(conn, execute_plugins=False), target)
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
    """Replace the store with a checked copy of source; returns where the previous store was kept."""
    source = source.expanduser()
    if source.exists() and paths.store.exists() and source.resolve() == paths.store.resolve():
        raise StoreError(f"{source} is the store itself; choose a backup file.")
    old_umask = os.umask(0o077)
    ensure_private_folder(paths.data)
    staging = paths.data / f".myrole-restore-{_stamp()}.db"
    try:
        stage(source, staging)
        kept = keep_aside(paths)
        # The old store's log belongs to the old file; left beside the new one it would be replayed into it.
        for suffix in SIDE_FILES:
            Path(f"{paths.store}{suffix}").unlink(missing_ok=True)
        os.replace(staging, paths.store)
        os.chmod(paths.store, 0o600)
        return kept
    except OSError as error:
        raise StoreWriteError(f"The restore could not be finished ({error.strerror}); your store was not "
                              "replaced.") from None
    finally:
        os.umask(old_umask)
        for suffix in ("", *SIDE_FILES):
            Path(f"{staging}{suffix}").unlink(missing_ok=True)
