"""Provides reading the revalidation records (m007_cpd) for a `me` export, and merging imported ones into the store.

Part of `myrole import` and `myrole export` (store/transfer.py calls it). Written against a plain
sqlite3.Connection; merge() runs it inside its own write transaction.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from myrole.revalidation.model import STATEMENT_ACTIVITIES, CpdDetails, NmcAccount, StatementItem, Theme
from myrole.store.cpd import ACCOUNT_COLUMNS, ITEM_COLUMNS, ITEM_TEXTS, _account, _details

if TYPE_CHECKING:
    from myrole.store.transfer import MergeReport

TABLES = ("cpd_details", "nmc_accounts", "revalidation", "hcpc_statement_items")
DETAILS_COLUMNS = "reflection_id, on_date, minutes, participatory, kind, updated_at"


@dataclass(frozen=True)
class RevalidationRow:
    """The one row of `revalidation`: the person's revalidation date and HCPC summary of practice."""

    revalidation_date: date | None
    hcpc_summary: str
    updated_at: str


@dataclass(frozen=True)
class DetailsRecord:
    """A reflection's CPD details as stored, with when they were last saved."""

    details: CpdDetails
    updated_at: str


@dataclass
class RevalidationRecords:
    """Everything m007_cpd keeps, in an order that depends only on the data."""

    row: RevalidationRow | None = None
    details: list[DetailsRecord] = field(default_factory=list)
    accounts: list[NmcAccount] = field(default_factory=list)
    items: list[StatementItem] = field(default_factory=list)

    def only_about(self, reflections: set[str], commitments: set[str]) -> RevalidationRecords:
        """The records about these reflections and commitments (an export made --since holds only some)."""
        return RevalidationRecords(
            self.row, [d for d in self.details if d.details.reflection_id in reflections],
            [a for a in self.accounts if a.reflection_id in reflections],
            [i for i in self.items if i.reflection_id in reflections or i.commitment_id in commitments])


def has_tables(conn: sqlite3.Connection) -> bool:
    """Whether the store has m007_cpd's tables (a store from before it does not)."""
    found = conn.execute(f"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                         f"({', '.join('?' * len(TABLES))})", TABLES).fetchone()[0]
    return found == len(TABLES)


def read_revalidation(conn: sqlite3.Connection) -> RevalidationRecords:
    """Every revalidation record in the store (none in a store from before m007_cpd)."""
    if not has_tables(conn):
        return RevalidationRecords()
    row = conn.execute("SELECT revalidation_date, hcpc_summary, updated_at FROM revalidation WHERE id = 1").fetchone()
    details = [DetailsRecord(_details(r[:5]), r[5]) for r in conn.execute(
        f"SELECT {DETAILS_COLUMNS} FROM cpd_details ORDER BY on_date, reflection_id")]
    accounts = [_account(r) for r in conn.execute(
        f"SELECT {ACCOUNT_COLUMNS} FROM nmc_accounts ORDER BY created_at, reflection_id")]
    items = [StatementItem(*r) for r in conn.execute(
        f"SELECT {ITEM_COLUMNS} FROM hcpc_statement_items ORDER BY position, id")]
    stored = RevalidationRow(date.fromisoformat(row[0]) if row[0] else None, row[1], row[2]) if row else None
    return RevalidationRecords(stored, details, accounts, items)


class RevalidationConflict(ValueError):
    """A reference to a reflection or commitment that is nowhere, or a statement of more than six activities."""


def check_references(records: RevalidationRecords, reflections: set[str], commitments: set[str]) -> None:
    """Each record is about a reflection or commitment in the file or the store."""
    for kind, reflection_ids in (("The CPD details", [d.details.reflection_id for d in records.details]),
                                 ("The NMC account", [a.reflection_id for a in records.accounts])):
        for reflection_id in reflection_ids:
            if reflection_id not in reflections:
                raise RevalidationConflict(f"{kind} for the reflection {reflection_id} name a reflection that is "
                                           "in neither the file nor the store.")
    for item in records.items:
        if (item.reflection_id and item.reflection_id not in reflections) or (
                item.commitment_id and item.commitment_id not in commitments):
            raise RevalidationConflict(f"The statement item {item.id} is about an activity that is in neither the "
                                       "file nor the store.")


def merge_revalidation(conn: sqlite3.Connection, records: RevalidationRecords, report: MergeReport) -> None:
    """Each record added, kept, replaced by a later copy, or counted as a conflict (docs/export-format.md)."""
    _merge_row(conn, records.row, report)
    for details in records.details:
        _merge_details(conn, details, report)
    for account in records.accounts:
        _merge_account(conn, account, report)
    for item in records.items:
        _merge_item(conn, item, report)
    count = conn.execute("SELECT count(*) FROM hcpc_statement_items").fetchone()[0]
    if count > STATEMENT_ACTIVITIES[1] and not report.conflicts:
        raise RevalidationConflict(f"With the file's, your HCPC statement would draw on {count} activities, more "
                                   f"than the {STATEMENT_ACTIVITIES[1]} myrole keeps.")


def _newer(incoming_at: str, stored_at: str, same: bool, kind: str, report: MergeReport) -> bool | None:
    """Whether the file's copy replaces the stored one: True, False (the store's is later), or None (a conflict,
    counted): newer wins only when the two are plainly one record and their times differ."""
    if not same or incoming_at == stored_at:
        report.conflicts[kind] += 1
        return None
    return incoming_at > stored_at


def _merge_row(conn: sqlite3.Connection, row: RevalidationRow | None, report: MergeReport) -> None:
    if row is None:
        return
    stored = read_revalidation(conn).row
    if stored == row or (stored and not _newer(row.updated_at, stored.updated_at, True, "revalidation date", report)):
        return
    conn.execute("""INSERT INTO revalidation (id, revalidation_date, hcpc_summary, updated_at) VALUES (1, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET revalidation_date = excluded.revalidation_date,
                      hcpc_summary = excluded.hcpc_summary, updated_at = excluded.updated_at""",
                 [row.revalidation_date.isoformat() if row.revalidation_date else None, row.hcpc_summary,
                  row.updated_at])
    (report.updated if stored else report.added)["revalidation date"] += 1


def _merge_details(conn: sqlite3.Connection, record: DetailsRecord, report: MergeReport) -> None:
    d = record.details
    row = conn.execute(f"SELECT {DETAILS_COLUMNS} FROM cpd_details WHERE reflection_id = ?",
                       [d.reflection_id]).fetchone()
    stored = DetailsRecord(_details(row[:5]), row[5]) if row else None
    if stored == record or (stored and not _newer(record.updated_at, stored.updated_at, True, "CPD record", report)):
        return
    conn.execute(f"""INSERT INTO cpd_details ({DETAILS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)
                     ON CONFLICT (reflection_id) DO UPDATE SET on_date = excluded.on_date,
                       minutes = excluded.minutes, participatory = excluded.participatory, kind = excluded.kind,
                       updated_at = excluded.updated_at""",
                 [d.reflection_id, d.on_date.isoformat(), d.minutes, int(d.participatory), d.kind.value,
                  record.updated_at])
    (report.updated if stored else report.added)["CPD record"] += 1


def _merge_account(conn: sqlite3.Connection, account: NmcAccount, report: MergeReport) -> None:
    row = conn.execute(f"SELECT {ACCOUNT_COLUMNS} FROM nmc_accounts WHERE reflection_id = ?",
                       [account.reflection_id]).fetchone()
    stored = _account(row) if row else None
    if stored == account or (stored and not _newer(account.updated_at, stored.updated_at,
                                                   stored.created_at == account.created_at, "NMC account", report)):
        return
    conn.execute("DELETE FROM nmc_accounts WHERE reflection_id = ?", [account.reflection_id])
    conn.execute(f"INSERT INTO nmc_accounts ({ACCOUNT_COLUMNS}) VALUES ({', '.join('?' * 11)})",
                 [account.reflection_id, account.nature, account.learnt, account.changed, account.code,
                  *(int(theme in account.themes) for theme in Theme), account.created_at, account.updated_at])
    (report.updated if stored else report.added)["NMC account"] += 1


def _merge_item(conn: sqlite3.Connection, item: StatementItem, report: MergeReport) -> None:
    row = conn.execute(f"SELECT {ITEM_COLUMNS} FROM hcpc_statement_items WHERE id = ?", [item.id]).fetchone()
    stored = StatementItem(*row) if row else None
    if stored is None:
        holder = conn.execute("SELECT id FROM hcpc_statement_items WHERE reflection_id IS ? AND commitment_id IS ?",
                              [item.reflection_id, item.commitment_id]).fetchone()
        if holder:  # another item of the store's is already about this activity
            report.conflicts["statement item"] += 1
            return
    elif stored == item or not _newer(item.updated_at, stored.updated_at, stored.activity == item.activity,
                                      "statement item", report):
        return
    conn.execute(f"""INSERT INTO hcpc_statement_items ({ITEM_COLUMNS}) VALUES ({', '.join('?' * 10)})
                     ON CONFLICT (id) DO UPDATE SET {', '.join(f'{n} = excluded.{n}' for n in ITEM_TEXTS)},
                       position = excluded.position, updated_at = excluded.updated_at""",
                 [item.id, item.reflection_id, item.commitment_id, item.position, *(item.part(n) for n in ITEM_TEXTS),
                  item.updated_at])
    (report.updated if stored else report.added)["statement item"] += 1
