"""Provides the check that a store holds exactly the schema this version's migrations make.

A store's schema is its rows in sqlite_master: every table, index, trigger and view, with
the SQL that made it. A file that holds one more (a trigger that shares private items, a
view, an index, a table) or one fewer, or a table whose SQL differs (a changed CHECK), is
not a store myrole made, and obeying its SQL would let the file act on a person's data.

The expected rows for each migration level live in the data file schema_expected.json (shipped
in the package beside this module), written by this module from the real migrations
(`python -m myrole.store.schema_check`), so opening a store at app start needs neither
sqlite-utils nor the migrations. Only the standard library here.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from myrole.store.versions import MIGRATION_NAMES

# (type, name, tbl_name, sql) of one sqlite_master row, its SQL normalised.
SchemaRow = tuple[str, str, str, "str | None"]

# Tables SQLite makes by itself when someone runs ANALYZE on the file (e.g. in a database
# browser). They only hold statistics for the query planner, and user SQL cannot create an
# object whose name starts with sqlite_, so these exact rows are allowed but never required.
SQLITE_STATISTICS = frozenset({
    ("table", "sqlite_stat1", "sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
    ("table", "sqlite_stat4", "sqlite_stat4", "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"),
})

# A quoted string or identifier, kept exactly; whitespace is normalised only outside them.
_QUOTED = re.compile(r"""('(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\])""")
_SPACE = re.compile(r"\s+")
_AROUND_PUNCTUATION = re.compile(r"\s*([(),])\s*")


def normalise(sql: str | None) -> str | None:
    """SQL with runs of whitespace made one space and none around brackets and commas.

    The same migration can leave its SQL laid out a little differently (SQLite rewrites the
    text on some ALTER TABLEs); quoted text is left exactly as it is.
    """
    if sql is None:
        return None
    parts = _QUOTED.split(sql)
    for index in range(0, len(parts), 2):  # even parts lie outside quotes
        parts[index] = _AROUND_PUNCTUATION.sub(r"\1", _SPACE.sub(" ", parts[index]))
    return "".join(parts).strip()


def schema_rows(conn: sqlite3.Connection) -> tuple[SchemaRow, ...]:
    """The store's sqlite_master rows, normalised and sorted (their order in the file means nothing)."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return tuple(sorted((kind, name, table, normalise(sql)) for kind, name, table, sql in rows))


def level_of(applied: set[str]) -> int | None:
    """How many of this version's migrations a store has had, or None when they are not a first few in order."""
    level = len(applied)
    return level if applied == set(MIGRATION_NAMES[:level]) else None


def matches(conn: sqlite3.Connection, applied: set[str]) -> bool:
    """Whether the store holds exactly the schema its migrations (a first few of this version's) make,
    and its search index's own settings are the ones myrole gave it."""
    expected = expected_rows(level_of(applied))
    return set(schema_rows(conn)) - SQLITE_STATISTICS == expected and index_settings_as_made(conn, expected)


def index_settings_as_made(conn: sqlite3.Connection, expected: set[SchemaRow]) -> bool:
    """The search index keeps its settings in a table of rows, not in its SQL: they must be exactly
    the ones myrole's migration left (a tampered file could set others)."""
    from myrole.store.search import EXPECTED_CONFIG, INDEX

    if not any(name == f"{INDEX}_config" for _, name, _, _ in expected):
        return True
    try:
        return set(conn.execute(f"SELECT k, v FROM {INDEX}_config")) == EXPECTED_CONFIG
    except sqlite3.DatabaseError:
        return False


def expected_rows(level: int | None) -> set[SchemaRow] | None:
    """The rows after the first `level` migrations (none for an empty file); None for a level not known."""
    levels = expected_levels_stored()
    if level is None or level > len(levels):
        return None
    if level == 0:
        return set()
    name, rows = levels[level - 1]
    return set(rows) if name == MIGRATION_NAMES[level - 1] else None


EXPECTED_FILE = Path(__file__).with_name("schema_expected.json")
_stored: list[tuple[str, tuple[SchemaRow, ...]]] = []


def expected_levels_stored() -> list[tuple[str, tuple[SchemaRow, ...]]]:
    """Each migration level's name and rows, as schema_expected.json holds them (read once a run)."""
    if not _stored:
        data = json.loads(EXPECTED_FILE.read_text(encoding="utf-8"))
        _stored.extend((level["migration"], tuple(tuple(row) for row in level["rows"])) for level in data["levels"])
    return _stored


# --- writing schema_expected.json (needs sqlite-utils and the migrations) -----------------------

ABOUT = ("GENERATED by `python -m myrole.store.schema_check`, do not edit: the schema (sqlite_master rows) "
         "each migration level makes. Regenerate after adding or changing a migration; "
         "tests/reliability/test_restore_schema.py fails while this file differs from what the migrations make. "
         "levels[i] is migration i + 1 and the rows after the first i + 1 migrations, each row "
         "[type, name, tbl_name, sql] normalised by schema_check.normalise.")


def expected_levels() -> list[tuple[str, tuple[SchemaRow, ...]]]:
    """Run the real migrations one at a time on an empty in-memory store, noting the schema after each."""
    from sqlite_utils import Database

    from myrole.store.migrations import migrations

    db = Database(memory=True)
    levels = []
    for migration in migrations.pending(db):
        following = [m.name for m in migrations.pending(db)][1:]
        migrations.apply(db, stop_before=following)
        levels.append((migration.name, schema_rows(db.conn)))
    return levels


def render() -> str:
    """The text schema_expected.json should hold: JSON, one row a line so a change reads as a small diff."""
    levels = [
        f'    {{"migration": {json.dumps(name)}, "rows": [\n'
        + ",\n".join(f"        {json.dumps(row, ensure_ascii=False)}" for row in rows)
        + "\n    ]}"
        for name, rows in expected_levels()]
    return f'{{\n  "about": {json.dumps(ABOUT)},\n  "levels": [\n' + ",\n".join(levels) + "\n  ]\n}\n"


def main() -> None:
    EXPECTED_FILE.write_text(render(), encoding="utf-8")
    print(f"Wrote {EXPECTED_FILE}.")


if __name__ == "__main__":
    main()
