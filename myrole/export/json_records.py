"""Provides the whole-store `me` JSON export with its answers and check-ins written by SQLite itself.

Ten years hold tens of thousands of answers and check-ins. Read into Python, each value is made
into a Python string and then encoded again as JSON; SQLite's json_object writes the same one-line
record in C, in a third of the time. Everything else goes through the usual document. The result
is what render_pieces(summary(conn), "json") gives, byte for byte (tests/unit/test_json_records.py);
a SQLite that would escape text differently, or has no JSON functions, gets that usual way instead.
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
from myrole.store.transfer import ANSWER_ORDER, CHECKIN_ORDER, one_moment, read_contents

# Every character JSON escapes, and some it leaves alone, to check that SQLite writes them as Python does.
PROBE = "".join(map(chr, range(0x20))) + "\"\\/ \x7f\u00e9\u2019\u2028\U0001f600"


def whole_store_pieces(conn: sqlite3.Connection, exported_at: str | None = None) -> list[str]:
    """The `me` export of everything, in JSON, in pieces (as render_pieces gives it)."""
    exported_at = exported_at or now_utc()
    if not sqlite_writes_json_as_python_does(conn):
        from myrole.export import render_pieces

        return render_pieces(summary(conn, Audience.ME, None, exported_at), "json")
    with one_moment(conn):
        document = build(read_contents(conn, answers=False, checkins=False), Audience.ME, None, exported_at)
        # Check-ins are saved over the years, not commitment by commitment: one straight pass and one
        # sort reads them faster than following the index about the table (as transfer.py does too).
        records = BulkRecords(answers=_by_owner(conn, "reflection_id", ANSWER_FIELDS, "answers", ANSWER_ORDER),
                              checkins=_by_owner(conn, "commitment_id", CHECKIN_FIELDS, "checkins NOT INDEXED",
                                                 CHECKIN_ORDER))
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
    """Each record of the source table as one-line JSON, grouped by its owner (reflection or commitment), in order."""
    record = "json_object(" + ", ".join(f"'{name}', {name}" for name in fields) + ")"
    rows = conn.execute(f"SELECT {owner}, {record} FROM {source} ORDER BY {order}")
    return {key: [text for _, text in group] for key, group in groupby(rows, key=itemgetter(0))}
