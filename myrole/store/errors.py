"""Provides the store's errors: each carries one clear sentence for a person to read."""

from __future__ import annotations

import sqlite3


class StoreError(Exception):
    """The store cannot be used as it is; nothing was changed."""


class StaleEditError(StoreError):
    """Someone (another window, an import) saved this item after you opened it."""


class StoreWriteError(StoreError):
    """A save failed (full disk, read-only folder); nothing was half-written."""


# Why a store, or a backup, that SQLite can read cannot be read by myrole: Python takes every text as UTF-8.
UNREADABLE_TEXT = "holds text that is not valid UTF-8 (part of it is damaged)"


def is_unreadable_text(error: BaseException | None) -> bool:
    """Whether SQLite met stored text that is not UTF-8 (its message then quotes that text, so it is never shown)."""
    return isinstance(error, sqlite3.OperationalError) and "could not decode to utf-8" in str(error).lower()


def sqlite_reason(error: sqlite3.Error) -> str:
    """What SQLite's error means, in plain words, for a sentence about the store or a copy of it.

    The store passed its checks just before, so a disk I/O error is about the disk, not damage
    (on a nearly full disk SQLite says 'disk I/O error' as often as 'database or disk is full').
    """
    message = str(error).lower()
    if is_unreadable_text(error):
        return f"it {UNREADABLE_TEXT}"
    if "disk i/o" in message or "full" in message:
        return "the disk is full or cannot be written to (free some space and try again)"
    if "malformed" in message or "not a database" in message:
        return "it is damaged"
    return f"SQLite said '{error}'"
