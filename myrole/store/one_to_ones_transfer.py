"""Provides merging imported one-to-one records into the store (part of `myrole import`)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from myrole.model import OneToOne, OneToOneItem
from myrole.store.one_to_ones import ITEM_COLUMNS, RECORD_COLUMNS, get_one_to_one
from myrole.store.rows import date_text
from myrole.store.transfer import MergeConflict, MergeReport, upsert

if TYPE_CHECKING:
    from sqlite_utils import Database


def check_one_to_one_references(db: Database, records: list[OneToOne], commitments: set[str]) -> None:
    """Items may name a commitment, and the item they were carried from, in the file or the store."""
    items = {row[0] for row in db.execute("SELECT id FROM one_to_one_items")}
    items |= {item.id for record in records for item in record.items}
    for record in records:
        for item in record.items:
            if item.commitment_id and item.commitment_id not in commitments:
                raise MergeConflict(f"The one-to-one item {item.id} names a commitment that is in neither "
                                "the file nor the store.")
            if item.carried_from and item.carried_from not in items:
                raise MergeConflict(f"The one-to-one item {item.id} was carried from an item that is in "
                                "neither the file nor the store.")
            owner = db.execute("SELECT one_to_one_id FROM one_to_one_items WHERE id = ?", [item.id]).fetchone()
            if owner and owner[0] != record.id:
                raise MergeConflict(f"The one-to-one item {item.id} belongs to a different one-to-one in your store.")


def _record_row(record: OneToOne) -> dict:
    return {
        "id": record.id, "held_on": record.held_on.isoformat(), "manager_name": record.manager_name,
        "status": record.status.value, "agreed_at": record.agreed_at, "next_on": date_text(record.next_on),
        "created_at": record.created_at, "updated_at": record.updated_at, "version": record.version,
    }


def _item_row(item: OneToOneItem, record_id: str) -> dict:
    row = {name: getattr(item, name) for name in ITEM_COLUMNS}
    row.update(one_to_one_id=record_id, kind=item.kind.value, visibility=item.visibility.value,
               closed=int(item.closed), correction=int(item.correction))
    return row


# One statement for every item added (sqlite-utils' insert() works its SQL out again for each row).
INSERT_ITEM = (f"INSERT INTO one_to_one_items ({', '.join(ITEM_COLUMNS)}) "
               f"VALUES ({', '.join(f':{name}' for name in ITEM_COLUMNS)})")


def _insert_items(db: Database, record: OneToOne, report: MergeReport) -> None:
    stored = {row[0] for row in db.execute("SELECT id FROM one_to_one_items WHERE one_to_one_id = ?", [record.id])}
    new_items = [_item_row(item, record.id) for item in record.items if item.id not in stored]
    db.conn.executemany(INSERT_ITEM, new_items)
    if new_items:
        report.added["one-to-one item"] += len(new_items)


def merge_one_to_one(db: Database, record: OneToOne, report: MergeReport) -> None:
    """A one-to-one with its items, as one record: added, kept, replaced whole by a later copy, or a conflict."""
    stored = get_one_to_one(db, record.id)
    if stored is None:
        db["one_to_ones"].insert(_record_row(record))
        report.added["one-to-one"] += 1
        _insert_items(db, record, report)
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
        _insert_items(db, record, report)
        db.execute("UPDATE one_to_ones SET version = ?, updated_at = ? WHERE id = ?",
                   [record.version, record.updated_at, record.id])
    else:
        assignments = ", ".join(f"{name} = :{name}" for name in RECORD_COLUMNS if name != "id")
        db.execute(f"UPDATE one_to_ones SET {assignments} WHERE id = :id", _record_row(record))
        keep = [item.id for item in record.items]
        marks = ", ".join("?" for _ in keep)
        db.execute(f"DELETE FROM one_to_one_items WHERE one_to_one_id = ? AND id NOT IN ({marks})", [record.id, *keep])
        for item in record.items:
            db.execute(upsert("one_to_one_items", ITEM_COLUMNS), _item_row(item, record.id))
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
