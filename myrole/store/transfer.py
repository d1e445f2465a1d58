"""Provides reading the whole store for an export, and merging an imported copy into it in one transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from myrole.model import Answer, CheckIn, Commitment, Context, Lens, Mode, OneToOne, Reflection
from myrole.store.checkins import COLUMNS as CHECKIN_COLUMNS
from myrole.store.checkins import VISIBILITIES, _checkin, _value
from myrole.store.commitments import COLUMNS as COMMITMENT_COLUMNS
from myrole.store.commitments import from_row, to_row
from myrole.store.connection import write
from myrole.store.rows import Members

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database

REFLECTION_COLUMNS = ("id", "pack_id", "pack_version", "pack_title", "context", "topic",
                      "started_at", "finished_at", "position")
ANSWER_COLUMNS = ("id", "reflection_id", "prompt_id", "position", "lens", "mode", "prompt_text",
                  "text", "visibility", "created_at", "updated_at")
EVENT_COLUMNS = ("commitment_id", "at", "kind", "from_status", "to_status", "reason")
LENSES, MODES = Members(Lens), Members(Mode)
PROFILE_COLUMNS = ("name", "role", "organisation", "manager_name", "default_cadence", "onboarded",
                   "updated_at")


def upsert(table: str, columns: tuple[str, ...], key: str = "id") -> str:
    """INSERT ... ON CONFLICT (key) DO UPDATE, with named parameters (:column) for every column.

    INSERT OR REPLACE would delete the old row first, and a delete can cascade (a
    reflection's answers) or null out references; an upsert updates in place.
    """
    names = ", ".join(columns)
    values = ", ".join(f":{name}" for name in columns)
    updates = ", ".join(f"{name} = excluded.{name}" for name in columns if name != key)
    return f"INSERT INTO {table} ({names}) VALUES ({values}) ON CONFLICT ({key}) DO UPDATE SET {updates}"


class MergeConflict(ValueError):
    """The imported copy cannot be merged (an id that means something else here); nothing was changed."""


@dataclass(frozen=True)
class ProfileRecord:
    """The profile row as stored, with what the model's Profile leaves out."""

    name: str
    role: str
    organisation: str
    manager_name: str
    default_cadence: str
    onboarded: bool
    updated_at: str


@dataclass(frozen=True)
class PlacedAnswer:
    """An answer with its place in the reflection."""

    answer: Answer
    position: int


@dataclass(frozen=True)
class StatusEvent:
    """One line of a commitment's status history."""

    commitment_id: str
    at: str
    kind: str
    from_status: str | None
    to_status: str | None
    reason: str


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


def _has_one_to_ones(db: Database | sqlite3.Connection) -> bool:
    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'one_to_ones'")
    return found.fetchone() is not None


def read_contents(db: Database | sqlite3.Connection, *, answers: bool = True, checkins: bool = True) -> StoreContents:
    """The whole store as model objects, read in one transaction so that it is one consistent moment.

    A plain connection will do, so an export need not load sqlite-utils. A caller that reads the
    answers or check-ins its own way leaves them out here and reads them within the same one_moment().
    """
    with one_moment(getattr(db, "conn", db)) as conn:
        return _read(conn, answers, checkins)


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


def _read(db: sqlite3.Connection, answers: bool, checkins: bool) -> StoreContents:
    row = db.execute(f"SELECT {', '.join(PROFILE_COLUMNS)} FROM profile WHERE id = 1").fetchone()
    profile = ProfileRecord(*row[:5], bool(row[5]), row[6]) if row else None
    reflections = [
        Reflection(r[0], r[1], r[2], r[3], Context(r[4]), r[5], r[6], r[7], r[8])
        for r in db.execute(f"SELECT {', '.join(REFLECTION_COLUMNS)} FROM reflections ORDER BY started_at, id")
    ]
    commitments = [from_row(r) for r in db.execute(
        f"SELECT {', '.join(COMMITMENT_COLUMNS)} FROM commitments ORDER BY created_at, id")]
    events = [StatusEvent(*r) for r in db.execute(
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM commitment_events ORDER BY commitment_id, at, id")]
    return StoreContents(profile, reflections, _answers(db) if answers else [], commitments, events,
                         _checkins(db) if checkins else [], _one_to_ones(db))


def _checkins(db: sqlite3.Connection) -> list[CheckIn]:
    return [_checkin(r) for r in db.execute(
        f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM {CHECKIN_SOURCE} ORDER BY {CHECKIN_ORDER}")]


def _answers(db: sqlite3.Connection) -> list[PlacedAnswer]:
    """Every answer; ten years hold tens of thousands, so members come from lookups, not Enum calls."""
    rows = db.execute(
        f"SELECT {', '.join(ANSWER_COLUMNS)} FROM {ANSWER_SOURCE} ORDER BY {ANSWER_ORDER}")
    return [
        PlacedAnswer(Answer(id_, reflection_id, prompt_id, LENSES[lens], MODES[mode], prompt_text, text,
                            VISIBILITIES[visibility], created_at, updated_at), position)
        for (id_, reflection_id, prompt_id, position, lens, mode, prompt_text, text, visibility, created_at,
             updated_at) in rows
    ]


def newest_checkins(db: sqlite3.Connection, visibilities: tuple[str, ...],
                    since: date | None) -> dict[str, tuple[CheckIn, int]]:
    """For each commitment, its newest check-in with one of these visibilities (from `since`, if given),
    and how many such check-ins it has: what a summary shows, without reading ten years of them.

    One pass counts them and finds each commitment's newest day; the index then gives that day's
    check-ins (usually one), newest first (CHECKIN_ORDER reversed).
    """
    visible = f"visibility IN ({', '.join('?' * len(visibilities))})"
    rows = db.execute(
        f"""WITH newest AS (
                SELECT commitment_id, count(*) AS shown, max(on_date) AS day FROM {CHECKIN_SOURCE}
                WHERE {visible} AND on_date >= ? GROUP BY commitment_id)
            SELECT {", ".join(f"checkins.{name}" for name in CHECKIN_COLUMNS)}, newest.shown
            FROM newest JOIN checkins USING (commitment_id)
            WHERE checkins.on_date = newest.day AND {visible}
            ORDER BY commitment_id, at DESC, id DESC""",
        (*visibilities, since.isoformat() if since else "", *visibilities))
    found: dict[str, tuple[CheckIn, int]] = {}
    for *columns, shown in rows:
        checkin = _checkin(columns)
        found.setdefault(checkin.commitment_id, (checkin, shown))
    return found


def _one_to_ones(db: sqlite3.Connection) -> list[OneToOne]:
    if not _has_one_to_ones(db):
        return []
    from myrole.store.one_to_ones import list_one_to_ones

    records = list_one_to_ones(db)
    for record in records:
        record.items.sort(key=lambda item: (item.position, item.created_at, item.id))
    return sorted(records, key=lambda r: (r.held_on, r.created_at, r.id))


# --- Merging -----------------------------------------------------------------------------------


@dataclass
class MergeReport:
    """How many of each kind of item were added or replaced by a newer copy."""

    added: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.added.values()) or sum(self.updated.values()))


def merge(db: Database, incoming: StoreContents) -> MergeReport:
    """Merge an imported copy into the store, all or nothing.

    Rules (docs/export-format.md): an item is matched by its id; a new item is added; an item
    already here is replaced only by a newer copy; nothing is ever deleted, except the items
    of a draft one-to-one that a newer copy of that draft no longer holds.
    """
    report = MergeReport()
    with write(db):
        db.execute("PRAGMA defer_foreign_keys = ON")
        _check_references(db, incoming)
        _merge_profile(db, incoming.profile, report)
        for reflection in incoming.reflections:
            _merge_reflection(db, reflection, report)
        for placed in incoming.answers:
            _merge_answer(db, placed, report)
        for commitment in incoming.commitments:
            _merge_commitment(db, commitment, report)
        _merge_events(db, incoming.events, report)
        for checkin in incoming.checkins:
            _merge_checkin(db, checkin, report)
        if incoming.one_to_ones:
            from myrole.store.one_to_ones_transfer import merge_one_to_one

            for record in incoming.one_to_ones:
                merge_one_to_one(db, record, report)
    return report


def _ids(db: Database, table: str) -> set[str]:
    return {row[0] for row in db.execute(f"SELECT id FROM {table}")}


def _check_references(db: Database, incoming: StoreContents) -> None:
    """Every reference must name something in the file or already in the store."""
    reflections = _ids(db, "reflections") | {r.id for r in incoming.reflections}
    answers = _ids(db, "answers") | {a.answer.id for a in incoming.answers}
    commitments = _ids(db, "commitments") | {c.id for c in incoming.commitments}
    for placed in incoming.answers:
        if placed.answer.reflection_id not in reflections:
            raise MergeConflict(f"The answer {placed.answer.id} belongs to a reflection that is not in the file.")
    for c in incoming.commitments:
        if c.reflection_id and c.reflection_id not in reflections:
            raise MergeConflict(f"The commitment {c.id} names a reflection that is in neither the file nor the store.")
        if c.answer_id and c.answer_id not in answers:
            raise MergeConflict(f"The commitment {c.id} names an answer that is in neither the file nor the store.")
    for event in incoming.events:
        if event.commitment_id not in commitments:
            raise MergeConflict(f"A status change names the commitment {event.commitment_id}, which is not in the file.")
    for checkin in incoming.checkins:
        if checkin.commitment_id not in commitments:
            raise MergeConflict(f"The check-in {checkin.id} belongs to a commitment that is not in the file.")
    if incoming.one_to_ones:
        from myrole.store.one_to_ones_transfer import check_one_to_one_references

        check_one_to_one_references(db, incoming.one_to_ones, commitments)


def _merge_profile(db: Database, profile: ProfileRecord | None, report: MergeReport) -> None:
    if profile is None:
        return
    stored = db.execute("SELECT updated_at FROM profile WHERE id = 1").fetchone()
    if stored and stored[0] >= profile.updated_at:
        return
    values = [profile.name, profile.role, profile.organisation, profile.manager_name,
              profile.default_cadence, int(profile.onboarded), profile.updated_at]
    db.execute(upsert("profile", ("id", *PROFILE_COLUMNS)), dict(zip(("id", *PROFILE_COLUMNS), [1, *values])))
    (report.updated if stored else report.added)["profile"] += 1


def _merge_reflection(db: Database, r: Reflection, report: MergeReport) -> None:
    stored = db.execute("SELECT finished_at FROM reflections WHERE id = ?", [r.id]).fetchone()
    if stored and (stored[0] is not None or r.finished_at is None):
        return  # kept: only a finished copy replaces an unfinished one
    values = [r.id, r.pack_id, r.pack_version, r.pack_title, r.context.value, r.topic, r.started_at,
              r.finished_at, r.position]
    db.execute(upsert("reflections", REFLECTION_COLUMNS), dict(zip(REFLECTION_COLUMNS, values)))
    (report.updated if stored else report.added)["reflection"] += 1


def _merge_answer(db: Database, placed: PlacedAnswer, report: MergeReport) -> None:
    a = placed.answer
    stored = db.execute("SELECT reflection_id, prompt_id, updated_at FROM answers WHERE id = ?", [a.id]).fetchone()
    slot = db.execute("SELECT id FROM answers WHERE reflection_id = ? AND prompt_id = ?",
                      [a.reflection_id, a.prompt_id]).fetchone()
    if (stored and (stored[0], stored[1]) != (a.reflection_id, a.prompt_id)) or (slot and slot[0] != a.id):
        raise MergeConflict(f"The answer {a.id} does not match the answer already stored for that prompt.")
    if stored and stored[2] >= a.updated_at:
        return
    values = [a.id, a.reflection_id, a.prompt_id, placed.position, a.lens.value, a.mode.value,
              a.prompt_text, a.text, a.visibility.value, a.created_at, a.updated_at]
    if stored:
        db.execute("UPDATE answers SET position = ?, lens = ?, mode = ?, prompt_text = ?, text = ?, "
                   "visibility = ?, created_at = ?, updated_at = ? WHERE id = ?", values[3:] + [a.id])
    else:
        db.execute(f"INSERT INTO answers ({', '.join(ANSWER_COLUMNS)}) VALUES ({', '.join('?' * 11)})", values)
    (report.updated if stored else report.added)["answer"] += 1


def _merge_commitment(db: Database, c: Commitment, report: MergeReport) -> None:
    stored = db.execute("SELECT version, updated_at FROM commitments WHERE id = ?", [c.id]).fetchone()
    row = to_row(c)
    if not stored:
        db["commitments"].insert(row)
        report.added["commitment"] += 1
        return
    if (c.version, c.updated_at) <= (stored[0], stored[1]):
        return
    # The version moves past the stored one, so a window holding the old copy is told it changed.
    row["version"] = max(c.version, stored[0] + 1)
    assignments = ", ".join(f"{name} = :{name}" for name in COMMITMENT_COLUMNS if name != "id")
    db.execute(f"UPDATE commitments SET {assignments} WHERE id = :id", row)
    report.updated["commitment"] += 1


def _merge_events(db: Database, events: list[StatusEvent], report: MergeReport) -> None:
    """Status history has no ids: add each line as many times as the file has it more than the store."""
    wanted = Counter(events)
    for event, count in wanted.items():
        have = db.execute(
            "SELECT count(*) FROM commitment_events WHERE commitment_id = ? AND at = ? AND kind = ? "
            "AND from_status IS ? AND to_status IS ? AND reason = ?",
            [event.commitment_id, event.at, event.kind, event.from_status, event.to_status, event.reason],
        ).fetchone()[0]
        for _ in range(count - have):
            db.execute(f"INSERT INTO commitment_events ({', '.join(EVENT_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
                       [getattr(event, name) for name in EVENT_COLUMNS])
            report.added["status change"] += 1


# One statement for every check-in added: sqlite-utils' insert() works its SQL out again for each row,
# and a ten-year import adds tens of thousands.
INSERT_CHECKIN = (f"INSERT INTO checkins ({', '.join(CHECKIN_COLUMNS)}) "
                  f"VALUES ({', '.join(f':{name}' for name in CHECKIN_COLUMNS)})")


def _merge_checkin(db: Database, checkin: CheckIn, report: MergeReport) -> None:
    stored = db.execute("SELECT commitment_id FROM checkins WHERE id = ?", [checkin.id]).fetchone()
    if stored:
        if stored[0] != checkin.commitment_id:
            raise MergeConflict(f"The check-in {checkin.id} belongs to a different commitment in your store.")
        return  # check-ins are never edited, so the stored copy is kept
    db.execute(INSERT_CHECKIN, {name: _value(getattr(checkin, name)) for name in CHECKIN_COLUMNS})
    report.added["check-in"] += 1
