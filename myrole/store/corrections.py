"""Provides what every correction shares: its outcome, and clearing old page images out of the journal."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Correction:
    """What a saved correction did, for the sentence that tells the person.

    copies: other places that held the same text and were corrected with it (a commitment's detail
    copied from an answer, a point carried forward into later one-to-ones).
    journal_cleared: False when another window was reading, so the old text may stay in the
    store's journal (-wal) until that window closes.
    older_backups: backups in the backups folder made before now; they may hold the old text.
    """

    copies: int
    journal_cleared: bool
    older_backups: int
    backups_folder: Path | None


def finish_correction(db: Database, copies: int = 0) -> Correction:
    """After a correction's transaction: move every page out of the journal, and count older backups.

    The store runs with secure_delete, so the replaced text is zeroed in the file itself; but
    the write-ahead log (-wal) can still hold earlier images of the page that had it. A TRUNCATE
    checkpoint copies the journal into the file and empties it. It waits (busy_timeout) for
    other windows' reads to finish; if one is still reading, it cannot empty the journal, and
    the journal is emptied when the last window closes.
    """
    try:
        busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cleared = busy == 0
    except sqlite3.DatabaseError:
        cleared = False  # the correction itself is saved; only the tidying could not run now
    folder = backups_folder(db)
    return Correction(copies=copies, journal_cleared=cleared, older_backups=count_backups(folder),
                      backups_folder=folder)


def backups_folder(db: Database) -> Path | None:
    """The backups folder beside this store's file (None for a store in memory)."""
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2]).parent / "backups" if row and row[2] else None


def count_backups(folder: Path | None) -> int:
    """How many backups (and damaged stores set aside) the folder keeps."""
    if folder is None:
        return 0
    try:
        return sum(1 for p in folder.glob("*.db") if p.is_file())
    except OSError:
        return 0
