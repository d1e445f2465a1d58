"""Provides the due list from a plain sqlite3 connection: the fast path behind `myrole due` and the home screen.

This module imports only the standard library and the pure schedule rule, because
`myrole due` runs from shell start-up files and must stay quick.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from datetime import date, datetime

from myrole.schedule import days_overdue, is_due, next_due, parse_cadence

OPEN_COMMITMENTS = """
SELECT c.id, c.title, c.status, c.created_at, c.cadence, c.paused_until, c.snoozed_until,
       c.visibility, last.on_date, last.progress
FROM commitments c
LEFT JOIN (
    SELECT commitment_id, on_date, progress,
           row_number() OVER (PARTITION BY commitment_id ORDER BY on_date DESC, at DESC, rowid DESC) AS n
    FROM checkins
) last ON last.commitment_id = c.id AND last.n = 1
WHERE c.status IN ('active', 'paused')
"""


@dataclass(frozen=True)
class Scheduled:
    """An open commitment with when its next check-in falls."""

    id: str
    title: str
    status: str
    visibility: str
    due: date | None
    last_checkin: date | None
    latest_progress: int | None
    paused_until: date | None


def local_date(timestamp: str) -> date:
    """The local calendar date of a UTC ISO timestamp."""
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).astimezone().date()


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def scheduled(conn: sqlite3.Connection) -> list[Scheduled]:
    """Every active or paused commitment with its next due date, soonest first."""
    items = []
    for cid, title, status, created, cadence, paused, snoozed, visibility, last, progress in conn.execute(
        OPEN_COMMITMENTS
    ):
        last_date, paused_until = _date(last), _date(paused)
        due = next_due(
            status=status,
            created=local_date(created),
            last_checkin=last_date,
            cadence=parse_cadence(cadence),
            paused_until=paused_until,
            snoozed_until=_date(snoozed),
        )
        items.append(Scheduled(cid, title, status, visibility, due, last_date, progress, paused_until))
    return sorted(items, key=lambda item: (item.due or date.max, item.title))


def due_lines(items: list[Scheduled], today: date) -> list[str]:
    """One line per due or overdue check-in, e.g. 'Check in: Learn Urdu greetings (due 2026-11-20, 6 days overdue)'."""
    from myrole.text import one_line

    lines = []
    for item in items:
        if not is_due(item.due, today):
            continue
        late = days_overdue(item.due, today)
        when = "due today" if late == 0 else f"{late} day{'s' if late != 1 else ''} overdue"
        lines.append(f"Check in: {one_line(item.title, 60)} (due {item.due.isoformat()}, {when})")
    return lines


def run(store_path: str) -> int:
    """`myrole due`: print due check-ins; nothing (and exit 0) when there are none or no store yet."""
    import os

    if not os.path.exists(store_path):
        return 0
    try:
        with open(store_path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise sqlite3.DatabaseError("not an SQLite database")
        conn = sqlite3.connect(f"file:{_uri_path(store_path)}?mode=ro", uri=True, timeout=5)
        try:
            items = scheduled(conn)
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        print(
            f"myrole: the store {store_path} could not be read; run `myrole` to see why.",
            file=sys.stderr,
        )
        return 2
    for line in due_lines(items, date.today()):
        print(line)
    return 0


def _uri_path(path: str) -> str:
    """A file path made safe for an SQLite URI (urllib would cost start-up time)."""
    import os

    absolute = os.path.abspath(path)
    return absolute.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
