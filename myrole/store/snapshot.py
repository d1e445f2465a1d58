"""Provides reading the whole store at one moment (for an export), and the types of such a snapshot."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from typing import NamedTuple

from myrole.events import Event
from myrole.model import Answer, CheckIn, Commitment, Lens, Mode, OneToOne, Reflection
from myrole.store.checkins import COLUMNS as CHECKIN_COLUMNS
from myrole.store.checkins import checkin_from_row
from myrole.store.commitments import COLUMNS as COMMITMENT_COLUMNS
from myrole.store.commitments import HISTORY_COLUMNS, StatusEvent, from_row
from myrole.store.cpd import RevalidationRecords, read_revalidation
from myrole.store.events import list_events, submitter_key
from myrole.store.one_to_ones import list_one_to_ones
from myrole.store.profile import ProfileRecord, profile_record
from myrole.store.reflection_lenses import TABLE as LENS_TABLE
from myrole.store.reflection_lenses import all_tags
from myrole.store.reflections import ANSWER_COLUMNS, REFLECTION_COLUMNS, answer_from_row, reflection_from_row
from myrole.store.rows import listed

__all__ = ["ANSWER_ORDER", "ANSWER_SOURCE", "CHECKIN_ORDER", "CHECKIN_SOURCE", "PlacedAnswer", "ProfileRecord",
           "StatusEvent", "StoreContents", "newest_checkins", "one_moment", "placed_answer_from_row",
           "read_contents"]


class PlacedAnswer(NamedTuple):
    """An answer with its place in the reflection (a tuple: quicker to make than a frozen dataclass, and an
    export reads tens of thousands)."""

    answer: Answer
    position: int


def placed_answer_from_row(row: tuple) -> PlacedAnswer:
    """A row of reflections.ANSWER_COLUMNS as an answer at its place."""
    return PlacedAnswer(answer_from_row(row), row[3])  # position is the fourth column


@dataclass
class StoreContents:
    """Everything in a store, in an order that depends only on the data (never on row ids)."""

    profile: ProfileRecord | None = None
    reflections: list[Reflection] = field(default_factory=list)
    answers: list[PlacedAnswer] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    events: list[StatusEvent] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    one_to_ones: list[OneToOne] = field(default_factory=list)
    kept_events: list[Event] = field(default_factory=list)  # kept events (myrole event add) with their topics
    submitter: str = ""  # the store's anonymous key for alliance exports
    revalidation: RevalidationRecords | None = None  # m007_cpd's records (store/cpd.py); None: none given


def read_contents(conn: sqlite3.Connection, *, answers: bool = True, checkins: bool = True,
                  visibilities: tuple[str, ...] | None = None) -> StoreContents:
    """The whole store as model objects, read in one transaction so that it is one consistent moment.

    A caller that reads the answers or check-ins its own way leaves them out here and reads them
    within the same one_moment(). Given visibilities, only the answers and check-ins with one of
    them are read, and only the check-ins of commitments with one of them (an export for a manager
    has no use for the private ones).
    """
    with one_moment(conn):
        return _read(conn, answers, checkins, visibilities)


@contextmanager
def one_moment(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A read transaction (or the one already open): everything read inside it is the store at one moment."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("ROLLBACK")  # nothing was written; this only ends the read


# Where answers and check-ins are read from in bulk, and in what order (grouped by their reflection or
# commitment). Check-ins are saved over the years, not commitment by commitment: one straight pass and
# one sort reads them faster than following the index about the table.
ANSWER_SOURCE, ANSWER_ORDER = "answers", "reflection_id, position, prompt_id, id"
CHECKIN_SOURCE, CHECKIN_ORDER = "checkins NOT INDEXED", "commitment_id, on_date, at, id"


def _read(conn: sqlite3.Connection, answers: bool, checkins: bool,
          visibilities: tuple[str, ...] | None) -> StoreContents:
    tags = _reflection_lenses(conn)
    reflections = [_with_lenses(reflection_from_row(r), tags) for r in conn.execute(
        f"SELECT {listed(REFLECTION_COLUMNS)} FROM reflections ORDER BY started_at, id")]
    commitments = [from_row(r) for r in conn.execute(
        f"SELECT {listed(COMMITMENT_COLUMNS)} FROM commitments ORDER BY created_at, id")]
    events = [StatusEvent(*r) for r in conn.execute(
        f"SELECT {listed(HISTORY_COLUMNS)} FROM commitment_events ORDER BY commitment_id, at, id")]
    return StoreContents(profile_record(conn), reflections, _answers(conn, visibilities) if answers else [],
                         commitments, events, _checkins(conn, visibilities) if checkins else [],
                         _one_to_ones(conn), list_events(conn),
                         submitter_key(conn), read_revalidation(conn))


def _reflection_lenses(conn: sqlite3.Connection) -> dict[str, list[tuple[Lens, Mode]]]:
    """Each tagged reflection's lenses and modes (none in a store from before m005_reflection_lens)."""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [LENS_TABLE]).fetchone()
    return all_tags(conn) if found else {}


def _with_lenses(reflection: Reflection, tags: dict[str, list[tuple[Lens, Mode]]]) -> Reflection:
    chosen = tags.get(reflection.id)
    return replace(reflection, lenses=tuple(chosen)) if chosen else reflection


def _checkins(conn: sqlite3.Connection, visibilities: tuple[str, ...] | None) -> list[CheckIn]:
    where, values = _visible(visibilities)
    if visibilities is not None:  # and only those of commitments with one of them
        where += f" AND commitment_id IN (SELECT id FROM commitments{where})"
        values += values
    return [checkin_from_row(r) for r in conn.execute(
        f"SELECT {listed(CHECKIN_COLUMNS)} FROM {CHECKIN_SOURCE}{where} ORDER BY {CHECKIN_ORDER}", values)]


def _answers(conn: sqlite3.Connection, visibilities: tuple[str, ...] | None) -> list[PlacedAnswer]:
    where, values = _visible(visibilities)
    return [placed_answer_from_row(r) for r in conn.execute(
        f"SELECT {listed(ANSWER_COLUMNS)} FROM {ANSWER_SOURCE}{where} ORDER BY {ANSWER_ORDER}", values)]


def _visible(visibilities: tuple[str, ...] | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause keeping rows with one of these visibilities (none: every row), and its values."""
    if visibilities is None:
        return "", ()
    return f" WHERE visibility IN ({', '.join('?' * len(visibilities))})", visibilities


def newest_checkins(conn: sqlite3.Connection, visibilities: tuple[str, ...],
                    since: date | None) -> dict[str, tuple[CheckIn, int]]:
    """For each commitment, its newest check-in with one of these visibilities (from `since`, if given),
    and how many such check-ins it has: what a summary shows, without reading ten years of them.

    One pass counts them and finds each commitment's newest day; the index then gives that day's
    check-ins (usually one), newest first (CHECKIN_ORDER reversed).
    """
    visible = f"visibility IN ({', '.join('?' * len(visibilities))})"
    rows = conn.execute(
        f"""WITH newest AS (
                SELECT commitment_id, count(*) AS shown, max(on_date) AS day FROM {CHECKIN_SOURCE}
                WHERE {visible} AND on_date >= ? GROUP BY commitment_id)
            SELECT {listed(CHECKIN_COLUMNS, "checkins")}, newest.shown
            FROM newest JOIN checkins USING (commitment_id)
            WHERE checkins.on_date = newest.day AND {visible}
            ORDER BY commitment_id, at DESC, id DESC""",
        (*visibilities, since.isoformat() if since else "", *visibilities))
    found: dict[str, tuple[CheckIn, int]] = {}
    for *columns, shown in rows:
        checkin = checkin_from_row(columns)
        found.setdefault(checkin.commitment_id, (checkin, shown))
    return found


def _has_one_to_ones(conn: sqlite3.Connection) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'one_to_ones'")
    return found.fetchone() is not None


def _one_to_ones(conn: sqlite3.Connection) -> list[OneToOne]:
    if not _has_one_to_ones(conn):
        return []
    records = list_one_to_ones(conn)
    for record in records:
        record.items.sort(key=lambda item: (item.position, item.created_at, item.id))
    return sorted(records, key=lambda r: (r.held_on, r.created_at, r.id))
