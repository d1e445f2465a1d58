"""Provides consistent, verified copies of the store through SQLite's backup API."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from myrole.store.errors import StoreWriteError


def backup_to(db: Database, target: Path) -> Path:
    """Copy the store to target (mode 0600) and check the copy's integrity."""
    partial = target.with_name(target.name + ".partial")
    old_umask = os.umask(0o077)
    try:
        copy = sqlite3.connect(str(partial))
        try:
            db.conn.backup(copy)
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
        if verdict != "ok":
            raise StoreWriteError("The backup copy failed its integrity check, so it was not kept.")
        os.chmod(partial, 0o600)
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise StoreWriteError(f"The backup could not be written ({error}).") from None
    except OSError as error:
        raise StoreWriteError(f"The backup could not be written to {target} ({error.strerror}).") from None
    finally:
        os.umask(old_umask)
        if partial.exists():
            partial.unlink()
    return target


def backup_beside(db: Database, store_path: Path, *, reason: str) -> Path:
    """A timestamped backup in the store's backups/ folder, e.g. before a migration."""
    folder = store_path.parent / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return backup_to(db, folder / f"myrole-{stamp}-{reason}.db")
