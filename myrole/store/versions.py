"""Provides the names of the schema migrations this version knows, and reading which a store has had."""

from __future__ import annotations

import sqlite3

MIGRATION_SET = "myrole"

# Every migration registered in migrations.py, in order. They are named here as well so that
# opening an up-to-date store (every start of the app) can tell there is nothing to do without
# importing sqlite-utils; a unit test keeps the two lists the same.
MIGRATION_NAMES = ("m001_initial", "m002_one_to_ones", "m003_drafts", "m004_events", "m005_reflection_lens",
                   "m006_search", "m007_cpd", "m008_search_reasons")


def known_names() -> set[str]:
    """The names of every migration this version knows."""
    return set(MIGRATION_NAMES)


def applied_names(conn: sqlite3.Connection) -> set[str]:
    """The migrations a store records as applied (none when it has no record of migrations)."""
    has_record = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone()
    if not has_record:
        return set()
    return {row[0] for row in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])}
