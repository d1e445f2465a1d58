"""Provides the whole-store `me` JSON export with its answers and check-ins written by SQLite itself.

The result is what render_pieces(summary(conn), "json") gives, byte for byte (tests/unit/test_json_records.py).
A store or a SQLite where that could fail (a SQLite that escapes text differently or has no JSON
functions; numbers or dates not stored as myrole stores them) gets the usual way instead. Why this
second way exists, and the bench row that shows it is still needed: docs/performance.md.
"""

from __future__ import annotations

import sqlite3
from itertools import groupby
from operator import itemgetter

from myrole.export.document import build, summary
from myrole.export.json_format import ANSWER_FIELDS, CHECKIN_FIELDS, BulkRecords, as_data, dump_pieces
from myrole.export.json_text import string
from myrole.privacy import Audience
from myrole.store.rows import now_utc
from myrole.store.snapshot import (ANSWER_ORDER, ANSWER_SOURCE, CHECKIN_ORDER, CHECKIN_SOURCE, one_moment,
                                   read_contents)

# Every character JSON escapes, and some it leaves alone, to check that SQLite writes them as Python does.
PROBE = "".join(map(chr, range(0x20))) + "\"\\/ \x7f\u00e9\u2019\u2028\U0001f600"
# Values the usual way would write differently: numbers that are not whole (SQLite keeps 15 digits,
# Python all of them) and dates in another shape (the usual way rewrites them as YYYY-MM-DD).
UNUSUAL = """SELECT EXISTS (SELECT 1 FROM answers WHERE typeof(position) != 'integer')
                 OR EXISTS (SELECT 1 FROM checkins WHERE typeof(progress) != 'integer'
                            OR typeof(confidence) != 'integer'
                            OR on_date NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')"""


def whole_store_pieces(conn: sqlite3.Connection, exported_at: str | None = None) -> list[str]:
    """The `me` export of everything, in JSON, in pieces (as render_pieces gives it)."""
    exported_at = exported_at or now_utc()
    with one_moment(conn):
        if not sqlite_writes_json_as_python_does(conn) or conn.execute(UNUSUAL).fetchone()[0]:
            from myrole.export import render_pieces

            return render_pieces(summary(conn, Audience.ME, None, exported_at), "json")
        # The document holds the rest (profile, reflections, commitments, history, one-to-ones);
        # as_data takes the answers and check-ins from the records instead.
        document = build(read_contents(conn, answers=False, checkins=False), Audience.ME, None, exported_at)
        records = BulkRecords(answers=_by_owner(conn, "reflection_id", ANSWER_FIELDS, ANSWER_SOURCE, ANSWER_ORDER),
                              checkins=_by_owner(conn, "commitment_id", CHECKIN_FIELDS, CHECKIN_SOURCE, CHECKIN_ORDER))
    return dump_pieces(as_data(document, records))


def sqlite_writes_json_as_python_does(conn: sqlite3.Connection) -> bool:
    """Whether json_object exists here and writes a record exactly as json_text's Rows would."""
    try:
        written = conn.execute("SELECT json_object('text', ?, 'number', 12)", (PROBE,)).fetchone()[0]
    except sqlite3.Error:
        return False
    return written == f'{{"text":{string(PROBE)},"number":12}}'


def _by_owner(conn: sqlite3.Connection, owner: str, fields: tuple[str, ...], source: str,
              order: str) -> dict[str, list[str]]:
    """Each record as one-line JSON, grouped by its owner (reflection or commitment), in order."""
    record = "json_object(" + ", ".join(f"'{name}', {name}" for name in fields) + ")"
    rows = conn.execute(f"SELECT {owner}, {record} FROM {source} ORDER BY {order}")
    return {key: [text for _, text in group] for key, group in groupby(rows, key=itemgetter(0))}
