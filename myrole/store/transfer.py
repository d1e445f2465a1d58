"""Provides reading the whole store for an export, and merging an imported copy into it in one transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from myrole.events import Event
from myrole.model import Answer, CheckIn, Commitment, Context, Lens, Mode, OneToOne, Reflection
from myrole.store.checkins import COLUMNS as CHECKIN_COLUMNS
from myrole.store.checkins import VISIBILITIES, _checkin
from myrole.store.commitments import COLUMNS as COMMITMENT_COLUMNS
from myrole.store.commitments import from_row, to_row
from myrole.store.connection import write
from myrole.store.rows import Members, new_share_key

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database

    from myrole.store.cpd_transfer import RevalidationRecords

REFLECTION_COLUMNS = ("id", "pack_id", "pack_version", "pack_title", "context", "topic",
                      "started_at", "finished_at", "position", "event_id", "topic_id")
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
    kept_events: list[Event] = field(default_factory=list)  # kept events (myrole event add) with their topics
    submitter: str = ""  # the store's anonymous key for alliance exports
    revalidation: RevalidationRecords | None = None  # m007_cpd's records (store/cpd_transfer.py); None: none given


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
    tags = _reflection_lenses(db)
    reflections = [
        Reflection(r[0], r[1], r[2], r[3], Context(r[4]), *r[5:], lenses=tuple(tags.get(r[0], ())))
        for r in db.execute(f"SELECT {', '.join(REFLECTION_COLUMNS)} FROM reflections ORDER BY started_at, id")
    ]
    commitments = [from_row(r) for r in db.execute(
        f"SELECT {', '.join(COMMITMENT_COLUMNS)} FROM commitments ORDER BY created_at, id")]
    events = [StatusEvent(*r) for r in db.execute(
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM commitment_events ORDER BY commitment_id, at, id")]
    from myrole.store.cpd_transfer import read_revalidation
    from myrole.store.events import list_events, submitter_key

    return StoreContents(profile, reflections, _answers(db) if answers else [], commitments, events,
                         _checkins(db) if checkins else [], _one_to_ones(db), list_events(db), submitter_key(db),
                         read_revalidation(db))


def _reflection_lenses(db: sqlite3.Connection) -> dict[str, list[tuple[Lens, Mode]]]:
    """Each tagged reflection's lenses and modes (none in a store from before m005_reflection_lens)."""
    from myrole.store.reflection_lenses import TABLE, all_tags

    found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [TABLE]).fetchone()
    return all_tags(db) if found else {}


def _checkins(db: sqlite3.Connection) -> list[CheckIn]:
    return [_checkin(r) for r in db.execute(
        f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM {CHECKIN_SOURCE} ORDER BY {CHECKIN_ORDER}")]


def _answers(db: sqlite3.Connection) -> list[PlacedAnswer]:
    """Every answer; ten years hold tens of thousands, so members come from lookups, not Enum calls."""
    rows = db.execute(
        f"SELECT {', '.join(ANSWER_COLUMNS)} FROM {ANSWER_SOURCE} ORDER BY {ANSWER_ORDER}")
    return [
        PlacedAnswer(Answer(id_, reflection_id, prompt_id, LENSES[lens] if lens else None,
                            MODES[mode] if mode else None, prompt_text, text,
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
    """How many of each kind of item were added or replaced by a later copy, and how many conflict."""

    added: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    conflicts: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(sum(self.added.values()) or sum(self.updated.values()))


@dataclass(frozen=True)
class Window:
    """What part of each commitment's history and check-ins a file holds: all, or from its --since date."""

    since: date | None = None

    def holds_moment(self, at: str) -> bool:
        if self.since is None:
            return True
        from myrole.due import local_date  # the same rule the export used (document._on_or_after)

        return local_date(at) >= self.since

    def holds_day(self, day: date) -> bool:
        return self.since is None or day >= self.since


def merge(db: Database, incoming: StoreContents, since: date | None = None) -> MergeReport:
    """Merge an imported copy into the store, all or nothing; since is the file's --since date, if any.

    Rules (docs/export-format.md, "What merge means"): records are matched by id and each is taken
    whole or not at all. A new record is added; a stored copy that is identical, or later, is kept;
    a later copy from the file replaces the stored one with all its parts; two copies of which
    neither is a later state of the other conflict, and any conflict refuses the whole import.
    """
    report = MergeReport()
    window = Window(since)
    with write(db):
        db.execute("PRAGMA defer_foreign_keys = ON")
        _check_references(db, incoming)
        _merge_profile(db, incoming.profile, report)
        for reflection in incoming.reflections:
            _merge_reflection(db, reflection, report)
            _merge_lenses(db, reflection, report)
        _merge_answers(db, incoming.answers, report)
        events, checkins = _by_commitment(incoming)
        for commitment in incoming.commitments:
            _merge_commitment(db, commitment, events.pop(commitment.id, []), checkins.pop(commitment.id, []),
                              window, report)
        for commitment_id in events.keys() | checkins.keys():  # parts of a stored commitment, given alone
            _merge_parts(db, commitment_id, events.get(commitment_id, []), checkins.get(commitment_id, []), report)
        if incoming.kept_events:
            from myrole.store.events import keep_if_new

            for event in incoming.kept_events:
                if keep_if_new(db, event):
                    report.added["event"] += 1
        if incoming.one_to_ones:
            from myrole.store.one_to_ones_transfer import merge_one_to_one

            for record in incoming.one_to_ones:
                merge_one_to_one(db, record, report)
        if incoming.revalidation is not None:
            _merge_revalidation(db, incoming, report)
        if report.conflicts:  # raising ends the transaction: everything written above is undone
            raise MergeConflict(_conflict_sentence(report.conflicts))
    return report


def _merge_revalidation(db: Database, incoming: StoreContents, report: MergeReport) -> None:
    """The revalidation records (store/cpd_transfer.py), about reflections and commitments in the file or the store."""
    from myrole.store.cpd_transfer import RevalidationConflict, check_references, merge_revalidation

    assert incoming.revalidation is not None
    conn = getattr(db, "conn", db)
    try:
        check_references(incoming.revalidation, _ids(db, "reflections"), _ids(db, "commitments"))
        merge_revalidation(conn, incoming.revalidation, report)
    except RevalidationConflict as error:
        raise MergeConflict(str(error)) from None


def _conflict_sentence(conflicts: Counter) -> str:
    total = sum(conflicts.values())
    kinds = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(conflicts.items()))
    records = "records has" if total == 1 else "records have"
    return (f"{total:,} of its {records} the same id as one in your store but different content, and neither "
            f"copy is a later version of the other ({kinds}).")


def _by_commitment(incoming: StoreContents) -> tuple[dict[str, list[StatusEvent]], dict[str, list[CheckIn]]]:
    events: dict[str, list[StatusEvent]] = {}
    checkins: dict[str, list[CheckIn]] = {}
    for event in incoming.events:
        events.setdefault(event.commitment_id, []).append(event)
    for checkin in incoming.checkins:
        checkins.setdefault(checkin.commitment_id, []).append(checkin)
    return events, checkins


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
    row = db.execute(f"SELECT {', '.join(PROFILE_COLUMNS)} FROM profile WHERE id = 1").fetchone()
    stored = ProfileRecord(*row[:5], bool(row[5]), row[6]) if row else None
    if stored == profile or (stored and profile.updated_at < stored.updated_at):
        return
    if stored and profile.updated_at == stored.updated_at:
        report.conflicts["profile"] += 1
        return
    values = [profile.name, profile.role, profile.organisation, profile.manager_name,
              profile.default_cadence, int(profile.onboarded), profile.updated_at]
    db.execute(upsert("profile", ("id", *PROFILE_COLUMNS)), dict(zip(("id", *PROFILE_COLUMNS), [1, *values])))
    (report.updated if stored else report.added)["profile"] += 1


def _reflection_origin(r: Reflection) -> tuple:
    """What never changes once a reflection is started: two copies that differ here are not one reflection."""
    return r.pack_id, r.pack_version, r.pack_title, r.context, r.topic, r.started_at


def _merge_reflection(db: Database, r: Reflection, report: MergeReport) -> None:
    row = db.execute(f"SELECT {', '.join(REFLECTION_COLUMNS)} FROM reflections WHERE id = ?", [r.id]).fetchone()
    if row:
        stored = Reflection(row[0], row[1], row[2], row[3], Context(row[4]), *row[5:])
        r = _with_stored_event(r, stored)
        if _reflection_origin(stored) != _reflection_origin(r) or (
                None not in (stored.finished_at, r.finished_at) and stored.finished_at != r.finished_at):
            report.conflicts["reflection"] += 1
            return
        if stored.finished_at is not None or r.finished_at is None:
            return  # kept: only a finished copy is later than an unfinished one (where to resume is the store's)
    values = [r.id, r.pack_id, r.pack_version, r.pack_title, r.context.value, r.topic, r.started_at,
              r.finished_at, r.position, r.event_id, r.topic_id]
    db.execute(upsert("reflections", REFLECTION_COLUMNS), dict(zip(REFLECTION_COLUMNS, values)))
    (report.updated if row else report.added)["reflection"] += 1


def _merge_lenses(db: Database, r: Reflection, report: MergeReport) -> None:
    """The file's lens and mode tags are added to the reflection's: a tag is a fact, so none is taken away."""
    for lens, mode in r.lenses:
        added = db.execute("INSERT OR IGNORE INTO reflection_lenses (reflection_id, lens, mode) VALUES (?, ?, ?)",
                           [r.id, lens.value, mode.value]).rowcount
        if added:
            report.added["lens tag"] += 1


def _with_stored_event(incoming, stored):  # noqa: ANN001, ANN202 - a Reflection or a Commitment, the same kind
    """A copy from a file written before events (no event or topic) keeps the stored ones: it is the same
    record, not a change to them. A commitment keeps this store's share key whatever the file says: the
    key only names it in this store's alliance exports, so two copies never differ by it."""
    if incoming.event_id is None and incoming.topic_id is None:
        incoming = replace(incoming, event_id=stored.event_id, topic_id=stored.topic_id)
    if isinstance(incoming, Commitment):
        incoming = replace(incoming, share_key=stored.share_key)
    return incoming


IDS_AT_ONCE = 500  # ids in one SELECT ... IN (...): well under SQLite's limit on parameters


def _merge_answers(db: Database, answers: list[PlacedAnswer], report: MergeReport) -> None:
    """Each answer as _merge_answer decides, with the stored copies and the prompts already answered read
    a few hundred at a time, and what is to be written written in one go: a ten-year import holds tens of
    thousands of answers, and three statements each took most of its time."""
    stored: dict[str, tuple] = {}
    answered: set[tuple[str, str]] = set()  # (reflection_id, prompt_id) that an answer holds
    for start in range(0, len(answers), IDS_AT_ONCE):
        chunk = answers[start:start + IDS_AT_ONCE]
        ids = [placed.answer.id for placed in chunk]
        stored |= {row[0]: row for row in db.execute(
            f"SELECT {', '.join(ANSWER_COLUMNS)} FROM answers WHERE id IN ({', '.join('?' * len(ids))})", ids)}
        reflections = sorted({placed.answer.reflection_id for placed in chunk})
        answered |= set(db.execute(
            f"SELECT reflection_id, prompt_id FROM answers WHERE reflection_id IN ({', '.join('?' * len(reflections))})",
            reflections))
    writes = []
    for placed in answers:
        row = stored.get(placed.answer.id)
        if _merge_answer(placed, row, answered, report):
            a = placed.answer
            writes.append(dict(zip(ANSWER_COLUMNS, (
                a.id, a.reflection_id, a.prompt_id, placed.position, a.lens or "", a.mode or "", a.prompt_text,
                a.text, a.visibility.value, a.created_at, a.updated_at))))
            answered.add((a.reflection_id, a.prompt_id))
    db.conn.executemany(upsert("answers", ANSWER_COLUMNS), writes)


def _merge_answer(placed: PlacedAnswer, row: tuple | None, answered: set[tuple[str, str]],
                  report: MergeReport) -> bool:
    """Whether the file's answer is to be written (added, or replacing the stored row), counted in report."""
    a = placed.answer
    if row is None:
        if (a.reflection_id, a.prompt_id) in answered:  # another answer already holds this prompt of this reflection
            report.conflicts["answer"] += 1
            return False
    else:
        stored = _placed_answer(row)
        if stored == placed or (a.updated_at < stored.answer.updated_at and _same_answer(stored.answer, a)):
            return False
        if a.updated_at == stored.answer.updated_at or not _same_answer(stored.answer, a):
            report.conflicts["answer"] += 1
            return False
    (report.updated if row else report.added)["answer"] += 1
    return True


def _placed_answer(row: tuple) -> PlacedAnswer:
    id_, reflection_id, prompt_id, position, lens, mode, prompt_text, text, visibility, created_at, updated_at = row
    return PlacedAnswer(Answer(id_, reflection_id, prompt_id, LENSES[lens] if lens else None,
                               MODES[mode] if mode else None, prompt_text, text,
                               VISIBILITIES[visibility], created_at, updated_at), position)


def _same_answer(stored: Answer, incoming: Answer) -> bool:
    """Two copies of one answer: the same prompt of the same reflection, first written at the same moment."""
    return ((stored.reflection_id, stored.prompt_id, stored.created_at)
            == (incoming.reflection_id, incoming.prompt_id, incoming.created_at))


# One statement for every check-in added: sqlite-utils' insert() works its SQL out again for each row,
# and a ten-year import adds tens of thousands.
INSERT_CHECKIN = (f"INSERT INTO checkins ({', '.join(CHECKIN_COLUMNS)}) "
                  f"VALUES ({', '.join(f':{name}' for name in CHECKIN_COLUMNS)})")
INSERT_EVENT = f"INSERT INTO commitment_events ({', '.join(EVENT_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)"


SAVED_PART = tuple(name for name in CHECKIN_COLUMNS if name != "visibility")


def _saved_part(checkin: CheckIn) -> tuple:
    """A check-in as saved: all of it but who may see it, the one thing that may change later (without a
    new version of its commitment), so the stored choice is kept. (A tuple: dataclasses.replace, once for
    each of tens of thousands of check-ins, took seconds.)"""
    return tuple(getattr(checkin, name) for name in SAVED_PART)


def _merge_commitment(db: Database, c: Commitment, events: list[StatusEvent], checkins: list[CheckIn],
                      window: Window, report: MergeReport) -> None:
    """A commitment with its history and check-ins, as one record: added, kept, replaced whole, or a conflict."""
    row = db.execute(f"SELECT {', '.join(COMMITMENT_COLUMNS)} FROM commitments WHERE id = ?", [c.id]).fetchone()
    owned = {r[0]: _checkin(r) for r in db.execute(
        f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkins WHERE commitment_id = ?", [c.id])}
    new_checkins = [k for k in checkins if k.id not in owned]
    if _stored_checkin_ids(db, [k.id for k in new_checkins]):
        report.conflicts["check-in"] += 1  # a check-in of another commitment in this store
        return
    if row is None:
        c = c if c.share_key else replace(c, share_key=new_share_key())
        db.execute(f"INSERT INTO commitments ({', '.join(COMMITMENT_COLUMNS)}) "
                   f"VALUES ({', '.join(f':{name}' for name in COMMITMENT_COLUMNS)})", to_row(c))
        _add_parts(db, events, new_checkins, report)
        report.added["commitment"] += 1
        return
    stored = from_row(row)
    c = _with_stored_event(c, stored)
    stored_events = Counter(StatusEvent(*r) for r in db.execute(
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM commitment_events WHERE commitment_id = ?", [c.id]))
    theirs = Counter(events)
    in_file = Counter({e: n for e, n in stored_events.items() if window.holds_moment(e.at)})
    file_within_store = not theirs - stored_events and not new_checkins
    file_ids = {k.id for k in checkins}
    store_within_file = not in_file - theirs and all(k.id in file_ids for k in owned.values()
                                                     if window.holds_day(k.on_date))
    same_saved = all(_saved_part(k) == _saved_part(owned[k.id]) for k in checkins if k.id in owned)
    if not same_saved or stored.created_at != c.created_at:
        report.conflicts["commitment"] += 1
    elif (c.version < stored.version or c == stored) and file_within_store:
        return  # the store already holds this copy, or a later one
    elif c.version > stored.version and store_within_file:
        assignments = ", ".join(f"{name} = :{name}" for name in COMMITMENT_COLUMNS if name != "id")
        db.execute(f"UPDATE commitments SET {assignments} WHERE id = :id", to_row(c))
        _add_parts(db, list((theirs - stored_events).elements()), new_checkins, report)
        report.updated["commitment"] += 1
    else:
        report.conflicts["commitment"] += 1


def _stored_checkin_ids(db: Database, ids: list[str]) -> set[str]:
    """Which of these check-in ids the store already holds, asked a few hundred at a time."""
    found: set[str] = set()
    for start in range(0, len(ids), IDS_AT_ONCE):
        chunk = ids[start:start + IDS_AT_ONCE]
        found |= {row[0] for row in db.execute(
            f"SELECT id FROM checkins WHERE id IN ({', '.join('?' * len(chunk))})", chunk)}
    return found


def _merge_parts(db: Database, commitment_id: str, events: list[StatusEvent], checkins: list[CheckIn],
                 report: MergeReport) -> None:
    """History lines and check-ins for a stored commitment, given without it (merge() called directly, as
    tests do; an export always holds them inside their commitment): what is new is added."""
    stored_events = Counter(StatusEvent(*r) for r in db.execute(
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM commitment_events WHERE commitment_id = ?", [commitment_id]))
    new_checkins = []
    for checkin in checkins:
        row = db.execute(f"SELECT {', '.join(CHECKIN_COLUMNS)} FROM checkins WHERE id = ?", [checkin.id]).fetchone()
        if row is None:
            new_checkins.append(checkin)
        elif _saved_part(_checkin(row)) != _saved_part(checkin):
            report.conflicts["check-in"] += 1
    _add_parts(db, list((Counter(events) - stored_events).elements()), new_checkins, report)


def _add_parts(db: Database, events: list[StatusEvent], checkins: list[CheckIn], report: MergeReport) -> None:
    db.conn.executemany(INSERT_EVENT, [[getattr(e, name) for name in EVENT_COLUMNS] for e in events])
    db.conn.executemany(INSERT_CHECKIN, [_checkin_values(k) for k in checkins])
    if events:
        report.added["status change"] += len(events)
    if checkins:
        report.added["check-in"] += len(checkins)


def _checkin_values(checkin: CheckIn) -> dict:
    """A check-in's named values for INSERT_CHECKIN (its fields are the table's columns), built directly:
    converting each field in turn took a second over a ten-year import."""
    return {**vars(checkin), "on_date": checkin.on_date.isoformat(), "visibility": checkin.visibility.value}
