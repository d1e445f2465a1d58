"""Provides merging an imported copy of a store into it, one-to-ones included, all or nothing (`myrole import`)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from operator import itemgetter
from dataclasses import asdict, dataclass, field, replace
from datetime import date

from myrole.dates import local_date
from myrole.model import Answer, CheckIn, Commitment, OneToOne, OneToOneItem, Reflection
from myrole.revalidation.model import STATEMENT_ACTIVITIES, NmcAccount, StatementItem
from myrole.store.bulk_index import indexed_at_end
from myrole.store.checkins import COLUMNS as CHECKIN_COLUMNS
from myrole.store.checkins import checkin_values
from myrole.store.commitments import COLUMNS as COMMITMENT_COLUMNS
from myrole.store.commitments import HISTORY_COLUMNS, StatusEvent, from_row, to_row
from myrole.store.connection import write
from myrole.store.cpd import (ACCOUNT_COLUMNS, DETAILS_COLUMNS, STATEMENT_COLUMNS, UPSERT_STATEMENT_ITEM,
                              DetailsRecord, RevalidationRecords, RevalidationRow, account_from_row, account_row,
                              details_record_from_row, details_row, get_revalidation_row, save_revalidation_row,
                              statement_item_from_row, statement_item_row)
from myrole.store.events import keep_if_new
from myrole.store.one_to_ones import ITEM_COLUMNS, RECORD_COLUMNS, get_one_to_one, item_row, record_row
from myrole.store.profile import PROFILE_COLUMNS, ProfileRecord, profile_record
from myrole.store.reflection_lenses import add_tags
from myrole.store.reflections import (ANSWER_COLUMNS, REFLECTION_COLUMNS, answer_values, reflection_from_row,
                                      reflection_row)
from myrole.store.rows import insert, listed, new_share_key, upsert
from myrole.store.snapshot import PlacedAnswer, StoreContents, placed_answer_from_row


class MergeConflict(ValueError):
    """The imported copy cannot be merged (an id that means something else here); nothing was changed."""


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
        return local_date(at) >= self.since  # the same rule the export used (document._on_or_after)

    def holds_day(self, day: date) -> bool:
        return self.since is None or day >= self.since

    def holds_stored_day(self, day: str) -> bool:
        """holds_day for a date as a row holds it (YYYY-MM-DD), read only when there is a window."""
        return self.since is None or date.fromisoformat(day) >= self.since


# The tables an import adds thousands of rows to (and never removes one from): their new rows are put in
# the search index once, at the end of the merge (bulk_index.py), not by a trigger for each row.
BULK_TABLES = ("answers", "checkins")


def merge(conn: sqlite3.Connection, incoming: StoreContents, since: date | None = None) -> MergeReport:
    """Merge an imported copy into the store, all or nothing; since is the file's --since date, if any.

    Rules (docs/export-format.md, "What merge means"): records are matched by id and each is taken
    whole or not at all. A new record is added; a stored copy that is identical, or later, is kept;
    a later copy from the file replaces the stored one with all its parts; two copies of which
    neither is a later state of the other conflict, and any conflict refuses the whole import.
    """
    report = MergeReport()
    window = Window(since)
    with write(conn), indexed_at_end(conn, BULK_TABLES):
        conn.execute("PRAGMA defer_foreign_keys = ON")
        _check_references(conn, incoming)
        _merge_profile(conn, incoming.profile, report)
        for reflection in incoming.reflections:
            _merge_reflection(conn, reflection, report)
            _merge_lenses(conn, reflection, report)
        _merge_answers(conn, incoming.answers, report)
        events, checkins = _by_commitment(incoming)
        for commitment in incoming.commitments:
            _merge_commitment(conn, commitment, events.pop(commitment.id, []), checkins.pop(commitment.id, []),
                              window, report)
        for commitment_id in events.keys() | checkins.keys():  # parts of a stored commitment, given alone
            _merge_parts(conn, commitment_id, events.get(commitment_id, []), checkins.get(commitment_id, []), report)
        for event in incoming.kept_events:
            if keep_if_new(conn, event):
                report.added["event"] += 1
        for record in incoming.one_to_ones:
            _merge_one_to_one(conn, record, report)
        if incoming.revalidation is not None:
            _check_revalidation_references(conn, incoming)
            _merge_revalidation(conn, incoming.revalidation, report)
        if report.conflicts:  # raising ends the transaction: everything written above is undone
            raise MergeConflict(_conflict_sentence(report.conflicts))
    return report


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


def _ids(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[0] for row in conn.execute(f"SELECT id FROM {table}")}


def _check_references(conn: sqlite3.Connection, incoming: StoreContents) -> None:
    """Every reference must name something in the file or already in the store."""
    reflections = _ids(conn, "reflections") | {r.id for r in incoming.reflections}
    answers = _ids(conn, "answers") | {a.answer.id for a in incoming.answers}
    commitments = _ids(conn, "commitments") | {c.id for c in incoming.commitments}
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
        _check_one_to_one_references(conn, incoming.one_to_ones, commitments)


def _merge_profile(conn: sqlite3.Connection, profile: ProfileRecord | None, report: MergeReport) -> None:
    if profile is None:
        return
    stored = profile_record(conn)
    if stored == profile or (stored and profile.updated_at < stored.updated_at):
        return
    if stored and profile.updated_at == stored.updated_at:
        report.conflicts["profile"] += 1
        return
    conn.execute(upsert("profile", ("id", *PROFILE_COLUMNS)),
                 {"id": 1, **asdict(profile), "onboarded": int(profile.onboarded)})
    (report.updated if stored else report.added)["profile"] += 1


def _reflection_origin(r: Reflection) -> tuple:
    """What never changes once a reflection is started: two copies that differ here are not one reflection."""
    return r.pack_id, r.pack_version, r.pack_title, r.context, r.topic, r.started_at


def _merge_reflection(conn: sqlite3.Connection, r: Reflection, report: MergeReport) -> None:
    row = conn.execute(f"SELECT {listed(REFLECTION_COLUMNS)} FROM reflections WHERE id = ?", [r.id]).fetchone()
    if row:
        stored = reflection_from_row(row)
        r = _with_stored_event(r, stored)
        if _reflection_origin(stored) != _reflection_origin(r) or (
                None not in (stored.finished_at, r.finished_at) and stored.finished_at != r.finished_at):
            report.conflicts["reflection"] += 1
            return
        if stored.finished_at is not None or r.finished_at is None:
            return  # kept: only a finished copy is later than an unfinished one (where to resume is the store's)
    conn.execute(upsert("reflections", REFLECTION_COLUMNS), reflection_row(r))
    (report.updated if row else report.added)["reflection"] += 1


def _merge_lenses(conn: sqlite3.Connection, r: Reflection, report: MergeReport) -> None:
    """The file's lens and mode tags are added to the reflection's: a tag is a fact, so none is taken away."""
    added = add_tags(conn, r.id, r.lenses)
    if added:
        report.added["lens tag"] += added


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


def _marks(values: list) -> str:
    return ", ".join("?" * len(values))


def _merge_answers(conn: sqlite3.Connection, answers: list[PlacedAnswer], report: MergeReport) -> None:
    """Each answer as _merge_answer decides, with the stored copies and the prompts already answered read
    a few hundred at a time, and what is to be written written in one go: a ten-year import holds tens of
    thousands of answers, and three statements each took most of its time."""
    stored: dict[str, tuple] = {}
    answered: set[tuple[str, str]] = set()  # (reflection_id, prompt_id) that an answer holds
    for start in range(0, len(answers), IDS_AT_ONCE):
        chunk = answers[start:start + IDS_AT_ONCE]
        ids = [placed.answer.id for placed in chunk]
        stored |= {row[0]: row for row in conn.execute(
            f"SELECT {listed(ANSWER_COLUMNS)} FROM answers WHERE id IN ({_marks(ids)})", ids)}
        reflections = sorted({placed.answer.reflection_id for placed in chunk})
        answered |= set(conn.execute(
            f"SELECT reflection_id, prompt_id FROM answers WHERE reflection_id IN ({_marks(reflections)})",
            reflections))
    added: dict[str, tuple] = {}  # by id: a plain insert, a third quicker than an upsert
    replacing: list[tuple] = []  # replacing a stored row (or one added above: the file's later copy wins)
    for placed in answers:
        values = answer_values(placed.answer, placed.position)
        row = stored.get(placed.answer.id)
        if _merge_answer(placed, values, row, answered, report):
            if row is None and placed.answer.id not in added:
                added[placed.answer.id] = values
            else:
                replacing.append(values)
            answered.add((placed.answer.reflection_id, placed.answer.prompt_id))
    conn.executemany(INSERT_ANSWER, added.values())
    conn.executemany(UPSERT_ANSWER, replacing)


def _merge_answer(placed: PlacedAnswer, values: tuple, row: tuple | None, answered: set[tuple[str, str]],
                  report: MergeReport) -> bool:
    """Whether the file's answer (values: as its row would read) is to be written (added, or replacing the
    stored row), counted in report."""
    a = placed.answer
    if row is None:
        if (a.reflection_id, a.prompt_id) in answered:  # another answer already holds this prompt of this reflection
            report.conflicts["answer"] += 1
            return False
    else:
        if row == values:  # the very copy the store holds: no answer object is made for it
            return False
        stored = placed_answer_from_row(row)
        if stored == placed or (a.updated_at < stored.answer.updated_at and _same_answer(stored.answer, a)):
            return False
        if a.updated_at == stored.answer.updated_at or not _same_answer(stored.answer, a):
            report.conflicts["answer"] += 1
            return False
    (report.updated if row else report.added)["answer"] += 1
    return True


def _same_answer(stored: Answer, incoming: Answer) -> bool:
    """Two copies of one answer: the same prompt of the same reflection, first written at the same moment."""
    return ((stored.reflection_id, stored.prompt_id, stored.created_at)
            == (incoming.reflection_id, incoming.prompt_id, incoming.created_at))


# One statement for every answer and check-in written, filled from tuples in the columns' order (quicker to
# bind than dicts by name): a ten-year import writes tens of thousands.
INSERT_ANSWER = insert("answers", ANSWER_COLUMNS, in_order=True)
UPSERT_ANSWER = upsert("answers", ANSWER_COLUMNS, in_order=True)
INSERT_CHECKIN = insert("checkins", CHECKIN_COLUMNS, in_order=True)
INSERT_EVENT = insert("commitment_events", HISTORY_COLUMNS)

# A check-in as saved, from its values or its row (both in CHECKIN_COLUMNS' order): all of it but who may
# see it, the one thing that may change later (without a new version of its commitment), so the stored
# choice is kept. Rows are compared as tuples: no CheckIn is made for each of tens of thousands stored.
_saved_part = itemgetter(*(i for i, name in enumerate(CHECKIN_COLUMNS) if name != "visibility"))


def _merge_commitment(conn: sqlite3.Connection, c: Commitment, events: list[StatusEvent], checkins: list[CheckIn],
                      window: Window, report: MergeReport) -> None:
    """A commitment with its history and check-ins, as one record: added, kept, replaced whole, or a conflict."""
    row = conn.execute(f"SELECT {listed(COMMITMENT_COLUMNS)} FROM commitments WHERE id = ?", [c.id]).fetchone()
    owned = {r[0]: r for r in conn.execute(
        f"SELECT {listed(CHECKIN_COLUMNS)} FROM checkins WHERE commitment_id = ?", [c.id])}
    new_checkins = [k for k in checkins if k.id not in owned]
    if _stored_checkin_ids(conn, [k.id for k in new_checkins]):
        report.conflicts["check-in"] += 1  # a check-in of another commitment in this store
        return
    if row is None:
        c = c if c.share_key else replace(c, share_key=new_share_key())
        conn.execute(insert("commitments", COMMITMENT_COLUMNS), to_row(c))
        _add_parts(conn, events, new_checkins, report)
        report.added["commitment"] += 1
        return
    stored = from_row(row)
    c = _with_stored_event(c, stored)
    stored_events = Counter(StatusEvent(*r) for r in conn.execute(
        f"SELECT {listed(HISTORY_COLUMNS)} FROM commitment_events WHERE commitment_id = ?", [c.id]))
    theirs = Counter(events)
    in_file = Counter({e: n for e, n in stored_events.items() if window.holds_moment(e.at)})
    file_within_store = not theirs - stored_events and not new_checkins
    file_ids = {k.id for k in checkins}
    on_date = CHECKIN_COLUMNS.index("on_date")
    store_within_file = not in_file - theirs and all(k_id in file_ids for k_id, row in owned.items()
                                                     if window.holds_stored_day(row[on_date]))
    same_saved = all(_saved_part(checkin_values(k)) == _saved_part(owned[k.id]) for k in checkins if k.id in owned)
    if not same_saved or stored.created_at != c.created_at:
        report.conflicts["commitment"] += 1
    elif (c.version < stored.version or c == stored) and file_within_store:
        return  # the store already holds this copy, or a later one
    elif c.version > stored.version and store_within_file:
        assignments = ", ".join(f"{name} = :{name}" for name in COMMITMENT_COLUMNS if name != "id")
        conn.execute(f"UPDATE commitments SET {assignments} WHERE id = :id", to_row(c))
        _add_parts(conn, list((theirs - stored_events).elements()), new_checkins, report)
        report.updated["commitment"] += 1
    else:
        report.conflicts["commitment"] += 1


def _stored_checkin_ids(conn: sqlite3.Connection, ids: list[str]) -> set[str]:
    """Which of these check-in ids the store already holds, asked a few hundred at a time."""
    found: set[str] = set()
    for start in range(0, len(ids), IDS_AT_ONCE):
        chunk = ids[start:start + IDS_AT_ONCE]
        found |= {row[0] for row in conn.execute(f"SELECT id FROM checkins WHERE id IN ({_marks(chunk)})", chunk)}
    return found


def _merge_parts(conn: sqlite3.Connection, commitment_id: str, events: list[StatusEvent], checkins: list[CheckIn],
                 report: MergeReport) -> None:
    """History lines and check-ins for a stored commitment, given without it (merge() called directly, as
    tests do; an export always holds them inside their commitment): what is new is added."""
    stored_events = Counter(StatusEvent(*r) for r in conn.execute(
        f"SELECT {listed(HISTORY_COLUMNS)} FROM commitment_events WHERE commitment_id = ?", [commitment_id]))
    new_checkins = []
    for checkin in checkins:
        row = conn.execute(f"SELECT {listed(CHECKIN_COLUMNS)} FROM checkins WHERE id = ?", [checkin.id]).fetchone()
        if row is None:
            new_checkins.append(checkin)
        elif _saved_part(row) != _saved_part(checkin_values(checkin)):
            report.conflicts["check-in"] += 1
    _add_parts(conn, list((Counter(events) - stored_events).elements()), new_checkins, report)


def _add_parts(conn: sqlite3.Connection, events: list[StatusEvent], checkins: list[CheckIn],
               report: MergeReport) -> None:
    conn.executemany(INSERT_EVENT, [asdict(e) for e in events])
    conn.executemany(INSERT_CHECKIN, [checkin_values(k) for k in checkins])
    if events:
        report.added["status change"] += len(events)
    if checkins:
        report.added["check-in"] += len(checkins)


# --- One-to-ones --------------------------------------------------------------------------------


def _check_one_to_one_references(conn: sqlite3.Connection, records: list[OneToOne], commitments: set[str]) -> None:
    """Items may name a commitment, and the item they were carried from, in the file or the store."""
    items = {row[0] for row in conn.execute("SELECT id FROM one_to_one_items")}
    items |= {item.id for record in records for item in record.items}
    for record in records:
        for item in record.items:
            if item.commitment_id and item.commitment_id not in commitments:
                raise MergeConflict(f"The one-to-one item {item.id} names a commitment that is in neither "
                                "the file nor the store.")
            if item.carried_from and item.carried_from not in items:
                raise MergeConflict(f"The one-to-one item {item.id} was carried from an item that is in "
                                "neither the file nor the store.")
            owner = conn.execute("SELECT one_to_one_id FROM one_to_one_items WHERE id = ?", [item.id]).fetchone()
            if owner and owner[0] != record.id:
                raise MergeConflict(f"The one-to-one item {item.id} belongs to a different one-to-one in your store.")


def _item_row(item: OneToOneItem, record_id: str) -> dict:
    return {**item_row(item), "one_to_one_id": record_id}


def _insert_items(conn: sqlite3.Connection, record: OneToOne, report: MergeReport) -> None:
    stored = {row[0] for row in conn.execute("SELECT id FROM one_to_one_items WHERE one_to_one_id = ?", [record.id])}
    new_items = [_item_row(item, record.id) for item in record.items if item.id not in stored]
    conn.executemany(insert("one_to_one_items", ITEM_COLUMNS), new_items)  # one statement for every item added
    if new_items:
        report.added["one-to-one item"] += len(new_items)


def _merge_one_to_one(conn: sqlite3.Connection, record: OneToOne, report: MergeReport) -> None:
    """A one-to-one with its items, as one record: added, kept, replaced whole by a later copy, or a conflict."""
    stored = get_one_to_one(conn, record.id)
    if stored is None:
        conn.execute(insert("one_to_ones", RECORD_COLUMNS), record_row(record))
        report.added["one-to-one"] += 1
        _insert_items(conn, record, report)
        return
    if _same(stored, record):
        return
    later, earlier = (record, stored) if record.version > stored.version else (stored, record)
    if (stored.created_at != record.created_at or record.version == stored.version
            or (earlier.locked and not _continues_agreed(earlier, later))):
        report.conflicts["one-to-one"] += 1
        return
    if later is stored:
        return  # the store already holds a later copy
    if stored.locked:  # read-only once agreed: the later copy only adds corrections
        _insert_items(conn, record, report)
        conn.execute("UPDATE one_to_ones SET version = ?, updated_at = ? WHERE id = ?",
                     [record.version, record.updated_at, record.id])
    else:
        assignments = ", ".join(f"{name} = :{name}" for name in RECORD_COLUMNS if name != "id")
        conn.execute(f"UPDATE one_to_ones SET {assignments} WHERE id = :id", record_row(record))
        keep = [item.id for item in record.items]
        marks = ", ".join("?" for _ in keep)
        conn.execute(f"DELETE FROM one_to_one_items WHERE one_to_one_id = ? AND id NOT IN ({marks})",
                     [record.id, *keep])
        for item in record.items:
            conn.execute(upsert("one_to_one_items", ITEM_COLUMNS), _item_row(item, record.id))
    report.updated["one-to-one"] += 1


def _items_by_id(record: OneToOne) -> dict[str, OneToOneItem]:
    return {item.id: item for item in record.items}


def _same(a: OneToOne, b: OneToOne) -> bool:
    return replace(a, items=[]) == replace(b, items=[]) and _items_by_id(a) == _items_by_id(b)


def _continues_agreed(earlier: OneToOne, later: OneToOne) -> bool:
    """Whether later is earlier (agreed, so read-only) with only corrections added since."""
    fixed = ("status", "held_on", "manager_name", "agreed_at", "next_on")
    kept = _items_by_id(later)
    return (all(getattr(earlier, name) == getattr(later, name) for name in fixed)
            and all(kept.get(item.id) == item for item in earlier.items))


# --- Revalidation records (m007_cpd) -------------------------------------------------------------


def _check_revalidation_references(conn: sqlite3.Connection, incoming: StoreContents) -> None:
    """Each record is about a reflection or commitment in the file or the store."""
    assert incoming.revalidation is not None
    records = incoming.revalidation
    reflections = _ids(conn, "reflections") | {r.id for r in incoming.reflections}
    commitments = _ids(conn, "commitments") | {c.id for c in incoming.commitments}
    for kind, reflection_ids in (("The CPD details", [d.details.reflection_id for d in records.details]),
                                 ("The NMC account", [a.reflection_id for a in records.accounts])):
        for reflection_id in reflection_ids:
            if reflection_id not in reflections:
                raise MergeConflict(f"{kind} for the reflection {reflection_id} name a reflection that is "
                                    "in neither the file nor the store.")
    for item in records.items:
        if (item.reflection_id and item.reflection_id not in reflections) or (
                item.commitment_id and item.commitment_id not in commitments):
            raise MergeConflict(f"The statement item {item.id} is about an activity that is in neither the "
                                "file nor the store.")


def _merge_revalidation(conn: sqlite3.Connection, records: RevalidationRecords, report: MergeReport) -> None:
    """Each record added, kept, replaced by a later copy, or counted as a conflict (docs/export-format.md)."""
    _merge_revalidation_row(conn, records.row, report)
    for details in records.details:
        _merge_details(conn, details, report)
    for account in records.accounts:
        _merge_account(conn, account, report)
    for item in records.items:
        _merge_item(conn, item, report)
    count = conn.execute("SELECT count(*) FROM hcpc_statement_items").fetchone()[0]
    if count > STATEMENT_ACTIVITIES[1] and not report.conflicts:
        raise MergeConflict(f"With the file's, your HCPC statement would draw on {count} activities, more "
                            f"than the {STATEMENT_ACTIVITIES[1]} myrole keeps.")


def _newer(incoming_at: str, stored_at: str, same: bool, kind: str, report: MergeReport) -> bool | None:
    """Whether the file's copy replaces the stored one: True, False (the store's is later), or None (a conflict,
    counted): newer wins only when the two are plainly one record and their times differ."""
    if not same or incoming_at == stored_at:
        report.conflicts[kind] += 1
        return None
    return incoming_at > stored_at


def _merge_revalidation_row(conn: sqlite3.Connection, row: RevalidationRow | None, report: MergeReport) -> None:
    if row is None:
        return
    stored = get_revalidation_row(conn)
    if stored == row or (stored and not _newer(row.updated_at, stored.updated_at, True, "revalidation date", report)):
        return
    save_revalidation_row(conn, row)
    (report.updated if stored else report.added)["revalidation date"] += 1


def _merge_details(conn: sqlite3.Connection, record: DetailsRecord, report: MergeReport) -> None:
    row = conn.execute(f"SELECT {listed(DETAILS_COLUMNS)} FROM cpd_details WHERE reflection_id = ?",
                       [record.details.reflection_id]).fetchone()
    stored = details_record_from_row(row) if row else None
    if stored == record or (stored and not _newer(record.updated_at, stored.updated_at, True, "CPD record", report)):
        return
    conn.execute(upsert("cpd_details", DETAILS_COLUMNS, "reflection_id"),
                 details_row(record.details, record.updated_at))
    (report.updated if stored else report.added)["CPD record"] += 1


def _merge_account(conn: sqlite3.Connection, account: NmcAccount, report: MergeReport) -> None:
    row = conn.execute(f"SELECT {listed(ACCOUNT_COLUMNS)} FROM nmc_accounts WHERE reflection_id = ?",
                       [account.reflection_id]).fetchone()
    stored = account_from_row(row) if row else None
    if stored == account or (stored and not _newer(account.updated_at, stored.updated_at,
                                                   stored.created_at == account.created_at, "NMC account", report)):
        return
    conn.execute(upsert("nmc_accounts", ACCOUNT_COLUMNS, "reflection_id"), account_row(account))
    (report.updated if stored else report.added)["NMC account"] += 1


def _merge_item(conn: sqlite3.Connection, item: StatementItem, report: MergeReport) -> None:
    row = conn.execute(f"SELECT {listed(STATEMENT_COLUMNS)} FROM hcpc_statement_items WHERE id = ?",
                       [item.id]).fetchone()
    stored = statement_item_from_row(row) if row else None
    if stored is None:
        holder = conn.execute("SELECT id FROM hcpc_statement_items WHERE reflection_id IS ? AND commitment_id IS ?",
                              [item.reflection_id, item.commitment_id]).fetchone()
        if holder:  # another item of the store's is already about this activity
            report.conflicts["statement item"] += 1
            return
    elif stored == item or not _newer(item.updated_at, stored.updated_at, stored.activity == item.activity,
                                      "statement item", report):
        return
    conn.execute(UPSERT_STATEMENT_ITEM, statement_item_row(item))
    (report.updated if stored else report.added)["statement item"] += 1
