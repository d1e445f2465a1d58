"""Provides one-to-one records: prepare (with carry-forward), record, agree (then locked), correct and read."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date

from myrole.dates import date_text, parse_date
from myrole.limits import FIELDS, check
from myrole.model import ItemKind, OneToOne, OneToOneItem, OneToOneStatus, Visibility
from myrole.schedule import parse_cadence
from myrole.store.commitments import correct_copied_detail
from myrole.store.connection import write
from myrole.store.corrections import Correction, delete_correction_drafts, finish_correction
from myrole.store.errors import StaleEditError, StoreError
from myrole.store.profile import default_cadence, get_profile
from myrole.store.rows import insert, listed, new_id, now_utc, storable

RECORD_COLUMNS = ("id", "held_on", "manager_name", "status", "agreed_at", "next_on",
                  "created_at", "updated_at", "version")
ITEM_COLUMNS = ("id", "one_to_one_id", "kind", "text", "visibility", "closed", "carried_from",
                "commitment_id", "correction", "created_at", "position")
# Notes are a record of what was said: they are saved closed, so they never carry forward.
CLOSED_ON_CREATION = frozenset({ItemKind.NOTE})


class OneToOneLockedError(StoreError):
    """The one-to-one was marked agreed, so it can no longer be changed (what an item says can be corrected)."""


class DraftExistsError(StoreError):
    """A one-to-one is already being prepared; finish or agree it before starting another."""


def _record(row: tuple, items: list[OneToOneItem]) -> OneToOne:
    v = dict(zip(RECORD_COLUMNS, row))
    return OneToOne(
        id=v["id"], held_on=date.fromisoformat(v["held_on"]), manager_name=v["manager_name"],
        status=OneToOneStatus(v["status"]), agreed_at=v["agreed_at"], next_on=parse_date(v["next_on"]),
        created_at=v["created_at"], updated_at=v["updated_at"], version=v["version"], items=items,
    )


def _item(row: tuple) -> OneToOneItem:
    v = dict(zip(ITEM_COLUMNS, row))
    return OneToOneItem(
        id=v["id"], one_to_one_id=v["one_to_one_id"], kind=ItemKind(v["kind"]), text=v["text"],
        visibility=Visibility(v["visibility"]), closed=bool(v["closed"]), carried_from=v["carried_from"],
        commitment_id=v["commitment_id"], correction=bool(v["correction"]), created_at=v["created_at"],
        position=v["position"],
    )


def record_row(record: OneToOne) -> dict:
    """A one-to-one (without its items) as the values of RECORD_COLUMNS, by name."""
    return {"id": record.id, "held_on": record.held_on.isoformat(), "manager_name": record.manager_name,
            "status": record.status.value, "agreed_at": record.agreed_at, "next_on": date_text(record.next_on),
            "created_at": record.created_at, "updated_at": record.updated_at, "version": record.version}


def item_row(item: OneToOneItem) -> dict:
    """An item as the values of ITEM_COLUMNS, by name."""
    row = {name: getattr(item, name) for name in ITEM_COLUMNS}
    row.update(kind=item.kind.value, visibility=item.visibility.value, closed=int(item.closed),
               correction=int(item.correction))
    return row


def _items(conn: sqlite3.Connection, record_ids: list[str]) -> dict[str, list[OneToOneItem]]:
    found: dict[str, list[OneToOneItem]] = {rid: [] for rid in record_ids}
    if not record_ids:
        return found
    marks = ", ".join("?" for _ in record_ids)
    rows = conn.execute(
        f"SELECT {listed(ITEM_COLUMNS)} FROM one_to_one_items WHERE one_to_one_id IN ({marks}) "
        "ORDER BY position, created_at, rowid", record_ids).fetchall()
    for row in rows:
        item = _item(row)
        found[item.one_to_one_id].append(item)
    return found


def _select(conn: sqlite3.Connection, where: str = "", params: tuple = ()) -> list[OneToOne]:
    rows = conn.execute(
        f"SELECT {listed(RECORD_COLUMNS)} FROM one_to_ones {where} "
        "ORDER BY held_on, created_at, rowid", list(params)).fetchall()
    items = _items(conn, [row[0] for row in rows])
    return [_record(row, items[row[0]]) for row in rows]


def list_one_to_ones(conn: sqlite3.Connection) -> list[OneToOne]:
    """Every one-to-one with its items, oldest first (by date held, then by when it was made)."""
    return _select(conn)


def get_one_to_one(conn: sqlite3.Connection, one_to_one_id: str) -> OneToOne | None:
    found = _select(conn, "WHERE id = ?", (one_to_one_id,))
    return found[0] if found else None


def current_draft(conn: sqlite3.Connection) -> OneToOne | None:
    """The one-to-one being prepared or recorded, if there is one."""
    found = _select(conn, "WHERE status = 'draft'")
    return found[-1] if found else None


def latest_agreed(conn: sqlite3.Connection) -> OneToOne | None:
    found = _select(conn, "WHERE status = 'agreed'")
    return found[-1] if found else None


def open_items(record: OneToOne | None) -> list[OneToOneItem]:
    """The items of a one-to-one that were not closed: the ones the next one-to-one carries forward."""
    return [item for item in record.items if not item.closed] if record else []


def suggested_date(conn: sqlite3.Connection, today: date) -> date:
    """When the next one-to-one is likely to be, never before today: the next date set at the last one, else
    one of the person's rhythm (their profile's cadence) after the day it was held; today if there was none.

    A one-to-one agreed early is dated the day it was held, so the next one is counted from that day,
    not from the planned one, and is never suggested for the day it was held.
    """
    previous = latest_agreed(conn)
    if previous is None:
        return today
    planned = previous.next_on or parse_cadence(default_cadence(conn)).after(previous.held_on)
    return max(planned, today)


def _insert_item(conn: sqlite3.Connection, item: OneToOneItem) -> None:
    conn.execute(insert("one_to_one_items", ITEM_COLUMNS), item_row(item))


def _next_position(conn: sqlite3.Connection, one_to_one_id: str) -> int:
    row = conn.execute("SELECT max(position) FROM one_to_one_items WHERE one_to_one_id = ?",
                       [one_to_one_id]).fetchone()
    return 0 if row[0] is None else row[0] + 1


def create_one_to_one(conn: sqlite3.Connection, held_on: date, manager_name: str | None = None) -> OneToOne:
    """Start preparing a one-to-one (a draft), carrying forward every open item of the latest one."""
    name = get_profile(conn).manager_name if manager_name is None else manager_name.strip()
    storable(name)
    now = now_utc()
    record_id = new_id()
    with write(conn):
        if current_draft(conn) is not None:
            raise DraftExistsError(
                "A one-to-one is already being prepared; open it, or mark it agreed, before starting another.")
        previous = latest_agreed(conn)
        conn.execute(insert("one_to_ones", RECORD_COLUMNS), record_row(
            OneToOne(id=record_id, held_on=held_on, manager_name=name, created_at=now, updated_at=now)))
        for position, old in enumerate(open_items(previous)):
            _insert_item(conn, OneToOneItem(
                id=new_id(), one_to_one_id=record_id, kind=old.kind, text=old.text,
                visibility=old.visibility, carried_from=old.id, commitment_id=old.commitment_id,
                created_at=now, position=position,
            ))
    return _reread(conn, record_id)


def _reread(conn: sqlite3.Connection, one_to_one_id: str) -> OneToOne:
    """The one-to-one as stored just after a change to it (StoreError if removed elsewhere since)."""
    found = get_one_to_one(conn, one_to_one_id)
    if found is None:
        raise StoreError("This one-to-one no longer exists (it may have been removed elsewhere).")
    return found


def _change(conn: sqlite3.Connection, record: OneToOne, apply: Callable[[], object], *,
            allow_locked: bool = False) -> OneToOne:
    """Run one change to a one-to-one in a transaction: refuse a locked or stale record, bump its version."""
    with write(conn):
        row = conn.execute("SELECT status, version, agreed_at FROM one_to_ones WHERE id = ?",
                           [record.id]).fetchone()
        if row is None:
            raise StoreError("This one-to-one no longer exists (it may have been removed elsewhere).")
        status, version, agreed_at = row
        if status == OneToOneStatus.AGREED.value and not allow_locked:
            raise OneToOneLockedError(
                f"This one-to-one was marked agreed on {(agreed_at or '')[:10]}, so it can no longer "
                "be changed; you can still correct what one of its items says (r).")
        if version != record.version:
            raise StaleEditError(
                "This one-to-one was changed somewhere else (another window or an import) after you "
                "opened it; reopen it to see the latest, then make your change again.")
        apply()
        conn.execute("UPDATE one_to_ones SET version = version + 1, updated_at = ? WHERE id = ?",
                     [now_utc(), record.id])
    return _reread(conn, record.id)


def _existing(record: OneToOne, item_id: str) -> OneToOneItem:
    item = record.item(item_id)
    if item is None:
        raise StoreError("That item is not part of this one-to-one.")
    return item


def add_item(conn: sqlite3.Connection, record: OneToOne, kind: ItemKind, text: str,
             visibility: Visibility = Visibility.MANAGER) -> OneToOne:
    """Add a talking point, support request, note or agreed action to a draft."""
    if not text.strip():
        raise ValueError(f"Write the {kind.label} first; an empty one is not saved.")
    storable(text)

    def apply() -> None:
        _insert_item(conn, OneToOneItem(
            id=new_id(), one_to_one_id=record.id, kind=kind, text=text, visibility=visibility,
            closed=kind in CLOSED_ON_CREATION, created_at=now_utc(), position=_next_position(conn, record.id)))

    return _change(conn, record, apply)


def correct_item(conn: sqlite3.Connection, record: OneToOne, item_id: str, text: str) -> Correction:
    """Replace what an item says, in a draft or an agreed one-to-one, leaving no copy of the old text.

    The same words carried forward into (or from) other one-to-ones are corrected with it, and so
    is the detail of a commitment an agreed action became, where it is a whole copy. Each record
    changed gets a new version, so a window holding an older copy cannot write the old text back.
    Drafts of correcting any of these copies go in the same transaction (they hold the old text).
    """
    item = _existing(record, item_id)
    if not text.strip():
        raise ValueError(f"The corrected {item.kind.label} cannot be empty; write what it should say.")
    storable(text)
    check(text, FIELDS[("one_to_one_items", "text")], f"The {item.kind.label}")
    other_copies = 0

    def apply() -> None:
        nonlocal other_copies
        carried = _same_words_carried(conn, item)
        for copy_id, _, _ in carried:
            conn.execute("UPDATE one_to_one_items SET text = ? WHERE id = ?", [text, copy_id])
        for record_id in {record_id for _, record_id, _ in carried} - {record.id}:
            conn.execute("UPDATE one_to_ones SET version = version + 1, updated_at = ? WHERE id = ?",
                         [now_utc(), record_id])
        linked = [commitment_id for _, _, commitment_id in carried if commitment_id]
        other_copies = len(carried) - 1 + correct_copied_detail(conn, linked, item.text, text)
        delete_correction_drafts(conn, "item", [copy_id for copy_id, _, _ in carried])

    _change(conn, record, apply, allow_locked=True)
    return finish_correction(conn, copies=other_copies)


def _same_words_carried(conn: sqlite3.Connection, item: OneToOneItem) -> list[tuple[str, str, str | None]]:
    """The item and every item carried forward from or into it that still says the same:
    (item id, its one-to-one's id, the commitment it became)."""
    rows = conn.execute(
        """WITH RECURSIVE
             earlier(id) AS (SELECT ? UNION SELECT i.carried_from FROM one_to_one_items i
                             JOIN earlier ON i.id = earlier.id WHERE i.carried_from IS NOT NULL),
             family(id) AS (SELECT id FROM earlier UNION SELECT i.id FROM one_to_one_items i
                            JOIN family ON i.carried_from = family.id)
           SELECT i.id, i.one_to_one_id, i.commitment_id FROM one_to_one_items i JOIN family ON i.id = family.id
           WHERE i.text = ? OR i.id = ?""", [item.id, item.text, item.id]).fetchall()
    return [tuple(row) for row in rows]


def edit_item(conn: sqlite3.Connection, record: OneToOne, item_id: str, *, text: str | None = None,
              visibility: Visibility | None = None) -> OneToOne:
    """Change an item's text or who can see it (drafts only)."""
    item = _existing(record, item_id)
    new_text = item.text if text is None else text
    if not new_text.strip():
        raise ValueError(f"The {item.kind.label} cannot be empty; close it instead if it is finished with.")
    storable(new_text)
    new_visibility = visibility or item.visibility
    return _change(conn, record, lambda: conn.execute(
        "UPDATE one_to_one_items SET text = ?, visibility = ? WHERE id = ?",
        [new_text, new_visibility.value, item_id]))


def close_item(conn: sqlite3.Connection, record: OneToOne, item_id: str, closed: bool = True) -> OneToOne:
    """Close an item (it will not carry forward) or open it again."""
    _existing(record, item_id)
    return _change(conn, record, lambda: conn.execute(
        "UPDATE one_to_one_items SET closed = ? WHERE id = ?", [int(closed), item_id]))


def remove_item(conn: sqlite3.Connection, record: OneToOne, item_id: str) -> OneToOne:
    """Take an item out of a draft (an agreed record keeps everything)."""
    _existing(record, item_id)
    return _change(conn, record, lambda: conn.execute("DELETE FROM one_to_one_items WHERE id = ?", [item_id]))


def link_commitment(conn: sqlite3.Connection, record: OneToOne, item_id: str, commitment_id: str) -> OneToOne:
    """Record that an agreed action became a commitment; it is then followed up as that commitment."""
    item = _existing(record, item_id)
    if item.kind is not ItemKind.AGREED_ACTION:
        raise StoreError("Only an agreed action can become a commitment.")
    return _change(conn, record, lambda: conn.execute(
        "UPDATE one_to_one_items SET commitment_id = ?, closed = 1 WHERE id = ?", [commitment_id, item_id]))


def set_dates(conn: sqlite3.Connection, record: OneToOne, held_on: date, next_on: date | None) -> OneToOne:
    """Set the date of this one-to-one and of the next one (the next must come after this one)."""
    if next_on is not None and next_on <= held_on:
        raise ValueError("The next one-to-one needs to come after this one; choose a later date.")
    return _change(conn, record, lambda: conn.execute(
        "UPDATE one_to_ones SET held_on = ?, next_on = ? WHERE id = ?",
        [held_on.isoformat(), date_text(next_on), record.id]))


def set_manager_name(conn: sqlite3.Connection, record: OneToOne, name: str) -> OneToOne:
    storable(name)
    return _change(conn, record, lambda: conn.execute(
        "UPDATE one_to_ones SET manager_name = ? WHERE id = ?", [name.strip(), record.id]))


def mark_agreed(conn: sqlite3.Connection, record: OneToOne, *, at: str | None = None,
                held_on: date | None = None) -> OneToOne:
    """Mark the record agreed with the manager (dated held_on, if given): from now on it is read-only."""
    held = held_on or record.held_on
    if record.next_on is not None and record.next_on <= held:
        raise ValueError("The next one-to-one needs to come after this one; change the dates (d) first.")
    return _change(conn, record, lambda: conn.execute(
        "UPDATE one_to_ones SET status = 'agreed', agreed_at = ?, held_on = ? WHERE id = ?",
        [at or now_utc(), held.isoformat(), record.id]))
