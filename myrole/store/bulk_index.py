"""Provides indexing the rows a bulk write adds once, at its end, instead of one insert trigger at a time."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from myrole.store.search import INDEX, SOURCES


class IndexOutOfStep(RuntimeError):
    """Rows added in the block cannot all be told by their rowid (one was removed meanwhile); the write is undone."""


@contextmanager
def indexed_at_end(conn: sqlite3.Connection, tables: tuple[str, ...]) -> Iterator[None]:
    """Inside a write: the rows added to these tables while the block runs are put in the search index at
    its end, in one statement for each table, with the same rowid and text their insert trigger gives.

    Why: FTS5 writes each statement's words out as a segment of their own, so tens of thousands of
    inserts each firing its trigger take several times as long as one insert of them all (a ten-year
    import: seconds against half a second). The insert triggers are dropped for the block and made
    again from their own stored SQL before it ends, so the schema is as it was; both are part of the
    write, so if anything fails they are undone with it. Updates and deletes keep their triggers.

    Only for tables from which the block removes no row: a new row is told by a rowid above the
    highest before the block (SQLite gives each new row the highest rowid plus one), which a removed
    highest row would break. So a removal in the block is refused at once, by a temporary trigger
    (in the connection's own temp schema, never in the store's), and the rows indexed are counted
    against the rows the table gained (IndexOutOfStep): a row is never silently left out.
    """
    sources = [source for source in SOURCES if source.table in tables]
    triggers = [row for source in sources for row in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND sql LIKE ?",
        [source.table, f"% AFTER INSERT ON {source.table} BEGIN INSERT INTO {INDEX} (rowid, text) %"])]
    before = {source.table: _highest_and_count(conn, source.table) for source in sources}
    for name, _ in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    for source in sources:
        conn.execute(f"CREATE TEMP TRIGGER {_guard(source.table)} BEFORE DELETE ON main.{source.table} "
                     f"BEGIN SELECT RAISE(ABORT, 'no row of {source.table} may be removed in a bulk write'); END")
    yield
    for source in sources:
        conn.execute(f"DROP TRIGGER temp.{_guard(source.table)}")
        highest, count = before[source.table]
        added = conn.execute(
            f"INSERT INTO {INDEX} (rowid, text) SELECT rowid * 8 + {source.kind}, {source.text(source.table)} "
            f"FROM {source.table} WHERE rowid > ?", [highest]).rowcount
        if added != _highest_and_count(conn, source.table)[1] - count:
            raise IndexOutOfStep(f"Rows of {source.table} were removed while others were added in one write.")
    for _, sql in triggers:
        conn.execute(sql)


def _highest_and_count(conn: sqlite3.Connection, table: str) -> tuple[int, int]:
    highest, count = conn.execute(f"SELECT coalesce(max(rowid), 0), count(*) FROM {table}").fetchone()
    return highest, count


def _guard(table: str) -> str:
    return f"bulk_index_keeps_{table}"
