"""Provides the lenses and modes a person tagged a reflection with, and how many reflections each pair holds.

A reflection model's steps (Gibbs' cycle, What? So what? Now what?) carry no lens or mode, so at
the end the person may say which lenses and ways of contributing the reflection touched. Each
chosen pair is one row of reflection_lenses (migration m005_reflection_lens); the coverage map
counts a tagged reflection once in each pair. Written against a plain sqlite3.Connection.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable

from myrole.model import Lens, Mode
from myrole.store.connection import write

Tag = tuple[Lens, Mode]
TABLE = "reflection_lenses"
INSERT_TAG = f"INSERT OR IGNORE INTO {TABLE} (reflection_id, lens, mode) VALUES (?, ?, ?)"


def ordered(tags: Iterable[Tag]) -> list[Tag]:
    """Tags without repeats, in the order of the lenses and then the modes."""
    lenses, modes = list(Lens), list(Mode)
    return sorted(set(tags), key=lambda tag: (lenses.index(tag[0]), modes.index(tag[1])))


def get_tags(conn: sqlite3.Connection, reflection_id: str) -> list[Tag]:
    rows = conn.execute(f"SELECT lens, mode FROM {TABLE} WHERE reflection_id = ?", [reflection_id])
    return ordered((Lens(lens), Mode(mode)) for lens, mode in rows)


def set_tags(conn: sqlite3.Connection, reflection_id: str, tags: Iterable[Tag]) -> list[Tag]:
    """Replace the reflection's tags with these (none clears them), in one transaction."""
    chosen = ordered(tags)
    with write(conn):
        conn.execute(f"DELETE FROM {TABLE} WHERE reflection_id = ?", [reflection_id])
        add_tags(conn, reflection_id, chosen)
    return chosen


def add_tags(conn: sqlite3.Connection, reflection_id: str, tags: Iterable[Tag]) -> int:
    """Inside the caller's write: add these tags to the reflection's (one it has already is kept); how many were new."""
    return sum(conn.execute(INSERT_TAG, [reflection_id, lens.value, mode.value]).rowcount for lens, mode in tags)


def all_tags(conn: sqlite3.Connection) -> dict[str, list[Tag]]:
    """Every tagged reflection's tags, by reflection id (for an export)."""
    found: dict[str, list[Tag]] = {}
    for reflection_id, lens, mode in conn.execute(
            f"SELECT reflection_id, lens, mode FROM {TABLE} ORDER BY reflection_id"):
        found.setdefault(reflection_id, []).append((Lens(lens), Mode(mode)))
    return {reflection_id: ordered(tags) for reflection_id, tags in found.items()}


def tag_counts(conn: sqlite3.Connection) -> Counter[Tag]:
    """How many reflections are tagged with each lens and mode (for the coverage map)."""
    rows = conn.execute(f"SELECT lens, mode, count(*) FROM {TABLE} GROUP BY lens, mode")
    return Counter({(Lens(lens), Mode(mode)): count for lens, mode, count in rows})
