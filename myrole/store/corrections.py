"""Provides what every correction shares: its outcome, its drafts, and clearing old page images out of the journal."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from collections.abc import Iterable
from pathlib import Path

# The drafts table's form name for each kind of correction form (record: the answer's, check-in's or
# item's id). Such a draft holds the text being removed, as the form opens with it: it is deleted in
# the correction's own transaction, and throwing it away empties the journal as a correction does.
DRAFT_FORMS = {"answer": "answer correction", "checkin": "check-in correction", "item": "one-to-one item correction"}


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


def delete_correction_drafts(conn: sqlite3.Connection, kind: str, record_ids: Iterable[str]) -> None:
    """Inside a correction's transaction (before finish_correction): the drafts of correcting these
    records go with the old text they hold (zeroed in the file: secure_delete), and the search index
    forgets the old words (store.search.forget_removed_text)."""
    from myrole.store.search import forget_removed_text

    ids = list(record_ids)
    conn.execute(f"DELETE FROM drafts WHERE form = ? AND record IN ({', '.join('?' * len(ids))})",
                 [DRAFT_FORMS[kind], *ids])
    forget_removed_text(conn)


def finish_correction(conn: sqlite3.Connection, copies: int = 0) -> Correction:
    """After a correction's transaction: move every page out of the journal, and count older backups."""
    cleared = clear_journal(conn)
    folder = backups_folder(conn)
    return Correction(copies=copies, journal_cleared=cleared, older_backups=count_backups(folder),
                      backups_folder=folder)


def clear_journal(conn: sqlite3.Connection) -> bool:
    """Copy the journal into the file and empty it; False when another window's read kept it from emptying.

    The store runs with secure_delete, so replaced or deleted text is zeroed in the file itself;
    but the write-ahead log (-wal) can still hold earlier images of the page that had it. A
    TRUNCATE checkpoint copies the journal into the file and empties it. It waits (busy_timeout)
    for other windows' reads to finish; if one is still reading, it cannot empty the journal,
    and the journal is emptied when the last window closes.
    """
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.DatabaseError:
        return False  # what was saved stays saved; only the tidying could not run now
    return busy == 0


def backups_folder(conn: sqlite3.Connection) -> Path | None:
    """The backups folder beside this store's file (None for a store in memory)."""
    row = conn.execute("PRAGMA database_list").fetchone()
    return Path(row[2]).parent / "backups" if row and row[2] else None


def count_backups(folder: Path | None) -> int:
    """How many backups (and damaged stores set aside) the folder keeps."""
    if folder is None:
        return 0
    try:
        return sum(1 for p in folder.glob("*.db") if p.is_file())
    except OSError:
        return 0
