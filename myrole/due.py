"""Provides the due list from a plain sqlite3 connection: the fast path behind `myrole due` and the home screen.

The list is the check-ins due or overdue and, within ONE_TO_ONE_PREPARE_DAYS (7) days, the next one-to-one.
This module imports only the standard library and the pure schedule rule, because `myrole due` runs from
shell start-up files and must stay quick.
"""

from __future__ import annotations

import sqlite3
import sys
from collections import namedtuple
from datetime import date

from myrole.dates import local_date, parse_date
from myrole.schedule import days_overdue, is_due, next_due, parse_cadence

LATEST_CHECKIN = (
    "SELECT {column} FROM checkins k WHERE k.commitment_id = c.id "
    "ORDER BY k.on_date DESC, k.at DESC, k.rowid DESC LIMIT 1"
)
# Correlated subqueries use the (commitment_id, on_date) index, so the cost grows with the
# number of open commitments, not with years of check-in history.
OPEN_COMMITMENTS = f"""
SELECT c.id, c.title, c.status, c.created_at, c.cadence, c.paused_until, c.snoozed_until,
       c.visibility, ({LATEST_CHECKIN.format(column="on_date")}), ({LATEST_CHECKIN.format(column="progress")})
FROM commitments c
WHERE c.status IN ('active', 'paused')
"""


# A namedtuple, not a dataclass, for the same start-up reason as schedule.Cadence.
Scheduled = namedtuple(
    "Scheduled",
    ("id", "title", "status", "visibility", "due", "last_checkin", "latest_progress", "paused_until"),
)
Scheduled.__doc__ = "An open commitment with when its next check-in falls."


def scheduled(conn: sqlite3.Connection) -> list[Scheduled]:
    """Every active or paused commitment with its next due date, soonest first."""
    items = []
    for cid, title, status, created, cadence, paused, snoozed, visibility, last, progress in conn.execute(
        OPEN_COMMITMENTS
    ):
        last_date, paused_until = parse_date(last), parse_date(paused)
        due = next_due(
            status=status,
            created=local_date(created),
            last_checkin=last_date,
            cadence=parse_cadence(cadence),
            paused_until=paused_until,
            snoozed_until=parse_date(snoozed),
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


ONE_TO_ONE_PREPARE_DAYS = 7  # the next one-to-one is shown this many days ahead, to prepare for it
NEXT_DRAFT = ("SELECT held_on, manager_name FROM one_to_ones WHERE status = 'draft' "
              "ORDER BY held_on DESC, created_at DESC LIMIT 1")
NEXT_AGREED = ("SELECT next_on, manager_name FROM one_to_ones WHERE status = 'agreed' "
               "ORDER BY held_on DESC, created_at DESC LIMIT 1")


class NextOneToOne(namedtuple("NextOneToOne", ("on", "manager_name", "prepared"))):
    """When the next one-to-one is: the one being prepared, else the date agreed at the last one.

    A namedtuple, not a dataclass, for the same start-up reason as schedule.Cadence.
    """

    __slots__ = ()

    def is_due(self, today: date) -> bool:
        return (self.on - today).days <= ONE_TO_ONE_PREPARE_DAYS

    def describe(self, today: date) -> str:
        """For example 'One-to-one with Alex Morgan on 2026-12-01 (in 3 days)'."""
        return f"One-to-one{self.with_whom()} on {self.on.isoformat()} ({self.how_far(today)})"

    def with_whom(self) -> str:
        """' with Alex Morgan', or '' when no manager is named."""
        from myrole.text import one_line

        return f" with {one_line(self.manager_name, 40)}" if self.manager_name.strip() else ""

    def how_far(self, today: date) -> str:
        """'in 3 days', 'today', or '2 days ago, not yet marked agreed'."""
        days = (self.on - today).days
        if days > 0:
            return f"in {days} day{'s' if days != 1 else ''}"
        if days == 0:
            return "today"
        return f"{-days} day{'s' if days != -1 else ''} ago, not yet marked agreed"


def next_one_to_one(conn: sqlite3.Connection) -> NextOneToOne | None:
    """The next one-to-one, or None when none is planned (or the store predates one-to-ones)."""
    try:
        row = conn.execute(NEXT_DRAFT).fetchone()
        prepared = row is not None
        if row is None:
            row = conn.execute(NEXT_AGREED).fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    if row is None or not row[0]:
        return None
    return NextOneToOne(date.fromisoformat(row[0]), row[1], prepared)


def run(store_path: str) -> int:
    """`myrole due`: print the due check-ins, then the next one-to-one if it is within 7 days; exit 0.

    Nothing is printed when neither is due, or when there is no store yet.

    Exit status 2, with one line on stderr, when the store is there but cannot be read (its folder
    is a file or not yours to open, it is damaged, its journal is lost or foreign). A store written
    by a newer myrole is still read, with one line on stderr saying so.
    """
    import os

    from myrole.location import home_problem

    problem = home_problem(os.path.dirname(store_path))
    if problem:
        print(f"myrole: {problem}", file=sys.stderr)
        return 2
    if not os.path.exists(store_path):
        return 0
    try:
        with open(store_path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise sqlite3.DatabaseError("not an SQLite database")
        # No journal beside the store means no one has it open: read the file as it is and
        # create no side files (a read-only folder works; a damaged store is left untouched).
        from myrole.journal import trouble

        journal = os.path.exists(store_path + "-wal"), os.path.exists(store_path + "-shm")
        if journal[0] and os.path.getsize(store_path + "-wal") == 0:
            journal = (False, False)  # an empty log holds no changes (as a failed open on a full disk leaves)
        elif journal[0] != journal[1] or trouble(store_path):  # a lost or foreign journal: `myrole` explains
            raise sqlite3.DatabaseError("the journal beside the store is not its own")
        mode = "mode=ro" if journal[0] else "immutable=1"
        conn = sqlite3.connect(f"file:{_uri_path(store_path)}?{mode}", uri=True, timeout=5)
        try:
            newer = is_newer(conn)
            items = scheduled(conn)
            meeting = next_one_to_one(conn)
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        print(
            f"myrole: the store {store_path} could not be read; run `myrole` to see why.",
            file=sys.stderr,
        )
        return 2
    if newer:
        print(f"myrole: the store {store_path} was written by a newer version of myrole, so these check-ins "
              "may be incomplete; please upgrade myrole.", file=sys.stderr)
    today = date.today()
    for line in due_lines(items, today):
        print(line)
    if meeting is not None and meeting.is_due(today):
        print(meeting.describe(today))
    return 0


def is_newer(conn: sqlite3.Connection) -> bool:
    """Whether the store records a migration this version of myrole does not know."""
    versions = _versions_module()
    return bool(versions.applied_names(conn) - versions.known_names())


def _versions_module():  # noqa: ANN202 - the module myrole.store.versions
    """myrole.store.versions, loaded from its file alone.

    `import myrole.store.versions` would first run the myrole.store package, which loads the
    whole store (about 50 ms, longer than all of `myrole due`); versions.py itself needs only sqlite3.
    """
    import os

    name = "myrole.store.versions"
    if name in sys.modules:
        return sys.modules[name]
    from importlib.util import module_from_spec, spec_from_file_location

    spec = spec_from_file_location(name, os.path.join(os.path.dirname(__file__), "store", "versions.py"))
    assert spec is not None and spec.loader is not None  # our own file, shipped beside this one
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _uri_path(path: str) -> str:
    """A file path made safe for an SQLite URI (urllib would cost start-up time)."""
    import os

    absolute = os.path.abspath(path)
    return absolute.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
