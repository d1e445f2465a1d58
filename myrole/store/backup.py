"""Provides consistent, verified copies of the store through SQLite's backup API."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from myrole.store.errors import StoreWriteError, is_unreadable_text, sqlite_reason


def backup_to(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the store to target (mode 0600) and check the copy's integrity."""
    partial = target.with_name(target.name + ".partial")
    old_umask = os.umask(0o077)  # Windows: no effect (paths.WHO_CAN_READ)
    try:
        copy = sqlite3.connect(str(partial))
        try:
            conn.backup(copy)
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
        if verdict != "ok":
            raise StoreWriteError("The backup copy failed its integrity check, so it was not kept.")
        os.chmod(partial, 0o600)
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise StoreWriteError(f"The backup could not be written to {target}: {sqlite_reason(error)}.") from None
    except OSError as error:
        raise StoreWriteError(f"The backup could not be written to {target} ({error.strerror}).") from None
    finally:
        os.umask(old_umask)
        for suffix in ("", "-wal", "-shm", "-journal"):  # SQLite's side files of the copy, if it made any
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
    return target


def backup_beside(conn: sqlite3.Connection, store_path: Path, *, reason: str) -> Path:
    """A timestamped backup in the store's backups/ folder, e.g. before a migration."""
    folder = store_path.parent / "backups"
    made = not folder.exists()
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)  # Windows: no effect (paths.WHO_CAN_READ)
    except OSError as error:
        raise StoreWriteError(f"The backups folder {folder} could not be made ({error.strerror}).") from None
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    try:
        return backup_to(conn, folder / f"myrole-{stamp}-{reason}.db")
    except StoreWriteError:
        if made:
            remove_if_empty(folder)  # a failed first backup leaves nothing behind
        raise


def remove_if_empty(folder: Path) -> None:
    """Remove a folder of myrole's when it is empty (one just made for a backup that failed, or left after an
    erase); one holding anything stays."""
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty after all (another window's backup): it stays


def latest_backup(folder: Path, *, sound: bool = False) -> Path | None:
    """The newest backup (*.db) in a backups folder; with sound=True, the newest that restore would take.

    sound matters when offering a restore: the folder also keeps damaged stores set aside
    as they were found (and stores whose schema was changed outside myrole, kept aside by a
    restore), and those must never be offered. Sound means it passes quick_check, holds
    exactly myrole's schema, and every text in it is UTF-8 (restore refuses one that is not).
    Only offering a restore asks for this, after a store was refused, so reading each backup
    whole costs nothing on the way to the app.
    """
    try:
        found = sorted((p for p in folder.glob("*.db") if p.is_file()), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return None
    return next((p for p in found if not sound or _is_sound(p)), None)


def _every_text_reads(conn: sqlite3.Connection) -> bool:
    """Whether every row of every table reads (a text that is not UTF-8 does not: sqlite3.OperationalError)."""
    tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    try:
        for name in tables:
            for _ in conn.execute(f'SELECT * FROM "{name.replace(chr(34), chr(34) * 2)}"'):
                pass
    except sqlite3.OperationalError as error:
        if is_unreadable_text(error):
            return False
        raise
    return True


def _is_sound(path: Path) -> bool:
    from myrole.store.schema_check import matches
    from myrole.store.versions import applied_names

    uri = str(path.absolute()).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    try:
        conn = sqlite3.connect(f"file:{uri}?immutable=1", uri=True)  # creates no side files
        try:
            return (conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                    and matches(conn, applied_names(conn)) and _every_text_reads(conn))
        finally:
            conn.close()
    except sqlite3.Error:
        return False
