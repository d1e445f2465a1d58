"""Provides the revalidation records in the store: CPD details, NMC accounts, the revalidation date, HCPC texts.

Tables from migration m007_cpd; each table's columns and row mappers are kept here, once. Also the
records as a whole (RevalidationRecords), as a `me` export carries them and store.merge merges them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from datetime import date

from myrole.limits import EARLIEST_YEAR, FIELDS, LATEST_YEAR, check
from myrole.revalidation.model import (
    STATEMENT_ACTIVITIES,
    STATEMENT_PARTS,
    ActivityKind,
    CpdDetails,
    NmcAccount,
    StatementItem,
    Theme,
)
from myrole.store.connection import write
from myrole.store.rows import insert, listed, new_id, now_utc, storable, upsert

MOST_MINUTES = 60_000  # the CHECK in m007_cpd: 1,000 hours on one activity is a typing slip
ACCOUNT_TEXTS = ("nature", "learnt", "changed", "code")
DETAILS_COLUMNS = ("reflection_id", "on_date", "minutes", "participatory", "kind", "updated_at")
REVALIDATION_COLUMNS = ("revalidation_date", "hcpc_summary", "updated_at")  # the one row (id 1)
# An account's themes are one flag column each, named by the theme.
ACCOUNT_COLUMNS = ("reflection_id", *ACCOUNT_TEXTS, *(theme.value for theme in Theme), "created_at", "updated_at")
ITEM_TEXTS = tuple(name for name, _ in STATEMENT_PARTS)
STATEMENT_COLUMNS = ("id", "reflection_id", "commitment_id", "position", *ITEM_TEXTS, "updated_at")
PART_NAMES = {"nature": "The nature of the activity", "learnt": "What you learnt",
              "changed": "How you changed your practice", "code": "How it is relevant to the Code",
              "what": "What the activity was", "improved": "How it improved your practice",
              "benefited": "How it benefited service users", "evidence": "The evidence"}


def check_date(value: date, what: str) -> date:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"{what} must be a real date between {EARLIEST_YEAR} and {LATEST_YEAR}.")
    return value


# -- CPD details ---------------------------------------------------------------------------------

def details_from_row(row: tuple) -> CpdDetails:
    """A row of DETAILS_COLUMNS as CpdDetails (when they were saved is not part of them: DetailsRecord)."""
    rid, on_date, minutes, participatory, kind, _ = row
    return CpdDetails(rid, date.fromisoformat(on_date), minutes, bool(participatory), ActivityKind(kind))


def details_row(details: CpdDetails, updated_at: str) -> dict:
    """CpdDetails saved at updated_at as the values of DETAILS_COLUMNS, by name."""
    return {"reflection_id": details.reflection_id, "on_date": details.on_date.isoformat(),
            "minutes": details.minutes, "participatory": int(details.participatory), "kind": details.kind.value,
            "updated_at": updated_at}


def get_details(conn: sqlite3.Connection, reflection_id: str) -> CpdDetails | None:
    row = conn.execute(f"SELECT {listed(DETAILS_COLUMNS)} FROM cpd_details WHERE reflection_id = ?",
                       [reflection_id]).fetchone()
    return details_from_row(row) if row else None


def all_details(conn: sqlite3.Connection) -> dict[str, CpdDetails]:
    rows = conn.execute(f"SELECT {listed(DETAILS_COLUMNS)} FROM cpd_details ORDER BY on_date")
    return {row[0]: details_from_row(row) for row in rows}


def save_details(conn: sqlite3.Connection, details: CpdDetails) -> None:
    check_date(details.on_date, "The date of the activity")
    if not 0 <= details.minutes <= MOST_MINUTES:
        raise ValueError(f"The hours must be between 0 and {MOST_MINUTES // 60:,}.")
    with write(conn):
        conn.execute(upsert("cpd_details", DETAILS_COLUMNS, "reflection_id"), details_row(details, now_utc()))


def remove_details(conn: sqlite3.Connection, reflection_id: str) -> None:
    with write(conn):
        conn.execute("DELETE FROM cpd_details WHERE reflection_id = ?", [reflection_id])


# -- NMC accounts --------------------------------------------------------------------------------

def account_from_row(row: tuple) -> NmcAccount:
    """A row of ACCOUNT_COLUMNS as an NmcAccount."""
    rid, nature, learnt, changed, code, *flags, created, updated = row
    themes = frozenset(theme for theme, flag in zip(Theme, flags) if flag)
    return NmcAccount(rid, nature, learnt, changed, code, themes, created, updated)


def account_row(account: NmcAccount) -> dict:
    """An NmcAccount as the values of ACCOUNT_COLUMNS, by name (each theme a flag, 0 or 1)."""
    return {"reflection_id": account.reflection_id, **{name: account.part(name) for name in ACCOUNT_TEXTS},
            **{theme.value: int(theme in account.themes) for theme in Theme},
            "created_at": account.created_at, "updated_at": account.updated_at}


def get_account(conn: sqlite3.Connection, reflection_id: str) -> NmcAccount | None:
    row = conn.execute(f"SELECT {listed(ACCOUNT_COLUMNS)} FROM nmc_accounts WHERE reflection_id = ?",
                       [reflection_id]).fetchone()
    return account_from_row(row) if row else None


def list_accounts(conn: sqlite3.Connection) -> list[NmcAccount]:
    """Every account, oldest first."""
    rows = conn.execute(f"SELECT {listed(ACCOUNT_COLUMNS)} FROM nmc_accounts ORDER BY created_at, rowid")
    return [account_from_row(row) for row in rows]


def check_texts(record: NmcAccount | StatementItem, table: str, names: tuple[str, ...]) -> None:
    """ValueError with limits' sentence for the first part that is too long or cannot be stored."""
    for name in names:
        storable(record.part(name))
        check(record.part(name), FIELDS[(table, name)], PART_NAMES[name])


def save_account(conn: sqlite3.Connection, account: NmcAccount) -> NmcAccount:
    """Make or replace the reflection's account; returns it as stored."""
    check_texts(account, "nmc_accounts", ACCOUNT_TEXTS)
    now = now_utc()
    kept = ", ".join(f"{name} = excluded.{name}" for name in ACCOUNT_COLUMNS if name not in ("reflection_id",
                                                                                           "created_at"))
    with write(conn):  # a changed account keeps when it was first made
        conn.execute(f"{insert('nmc_accounts', ACCOUNT_COLUMNS)} ON CONFLICT (reflection_id) DO UPDATE SET {kept}",
                     account_row(replace(account, created_at=account.created_at or now, updated_at=now)))
    stored = get_account(conn, account.reflection_id)
    assert stored is not None
    return stored


def remove_account(conn: sqlite3.Connection, reflection_id: str) -> None:
    with write(conn):
        conn.execute("DELETE FROM nmc_accounts WHERE reflection_id = ?", [reflection_id])


# -- the revalidation date and the HCPC summary of practice ---------------------------------------

@dataclass(frozen=True)
class RevalidationRow:
    """The one row of `revalidation`: the person's revalidation date and HCPC summary of practice."""

    revalidation_date: date | None
    hcpc_summary: str
    updated_at: str


def revalidation_from_row(row: tuple) -> RevalidationRow:
    """A row of REVALIDATION_COLUMNS as a RevalidationRow."""
    stored_date, summary, updated_at = row
    return RevalidationRow(date.fromisoformat(stored_date) if stored_date else None, summary, updated_at)


def revalidation_row(row: RevalidationRow) -> dict:
    """A RevalidationRow as the values of the revalidation table's columns (id 1 and REVALIDATION_COLUMNS)."""
    return {"id": 1, "revalidation_date": row.revalidation_date.isoformat() if row.revalidation_date else None,
            "hcpc_summary": row.hcpc_summary, "updated_at": row.updated_at}


def get_revalidation_row(conn: sqlite3.Connection) -> RevalidationRow | None:
    row = conn.execute(f"SELECT {listed(REVALIDATION_COLUMNS)} FROM revalidation WHERE id = 1").fetchone()
    return revalidation_from_row(row) if row else None


def save_revalidation_row(conn: sqlite3.Connection, row: RevalidationRow) -> None:
    """Inside or outside a write: the one row, replaced whole."""
    with write(conn):
        conn.execute(upsert("revalidation", ("id", *REVALIDATION_COLUMNS)), revalidation_row(row))


def get_revalidation_date(conn: sqlite3.Connection) -> date | None:
    stored = get_revalidation_row(conn)
    return stored.revalidation_date if stored else None


def get_hcpc_summary(conn: sqlite3.Connection) -> str:
    stored = get_revalidation_row(conn)
    return stored.hcpc_summary if stored else ""


def _save_revalidation(conn: sqlite3.Connection, revalidation_date: date | None, summary: str) -> None:
    save_revalidation_row(conn, RevalidationRow(revalidation_date, summary, now_utc()))


def set_revalidation_date(conn: sqlite3.Connection, revalidation_date: date | None) -> None:
    """The date the person's registration is next renewed (None: not known)."""
    if revalidation_date is not None:
        check_date(revalidation_date, "The revalidation date")
    _save_revalidation(conn, revalidation_date, get_hcpc_summary(conn))


def set_hcpc_summary(conn: sqlite3.Connection, summary: str) -> None:
    storable(summary)
    check(summary, FIELDS[("revalidation", "hcpc_summary")], "The summary of practice")
    _save_revalidation(conn, get_revalidation_date(conn), summary)


# -- HCPC statement items ------------------------------------------------------------------------

def statement_item_from_row(row: tuple) -> StatementItem:
    """A row of STATEMENT_COLUMNS as a StatementItem (its fields are the columns, in order)."""
    return StatementItem(*row)


def statement_item_row(item: StatementItem) -> dict:
    """A StatementItem as the values of STATEMENT_COLUMNS, by name."""
    return dict(zip(STATEMENT_COLUMNS, (item.id, item.reflection_id, item.commitment_id, item.position,
                                   *(item.part(name) for name in ITEM_TEXTS), item.updated_at)))


# An item changed keeps what it is about; its words, place and time are replaced.
UPSERT_STATEMENT_ITEM = (f"{insert('hcpc_statement_items', STATEMENT_COLUMNS)} ON CONFLICT (id) DO UPDATE SET "
               + ", ".join(f"{name} = excluded.{name}" for name in (*ITEM_TEXTS, "position", "updated_at")))


def list_statement_items(conn: sqlite3.Connection) -> list[StatementItem]:
    rows = conn.execute(f"SELECT {listed(STATEMENT_COLUMNS)} FROM hcpc_statement_items ORDER BY position, rowid")
    return [statement_item_from_row(row) for row in rows]


def save_statement_item(conn: sqlite3.Connection, item: StatementItem) -> StatementItem:
    """Add (a new id: "") or change one picked activity; at most six are picked."""
    check_texts(item, "hcpc_statement_items", ITEM_TEXTS)
    if (item.reflection_id is None) == (item.commitment_id is None):
        raise ValueError("A statement item is about one reflection or one commitment.")
    with write(conn):
        existing = conn.execute("SELECT id FROM hcpc_statement_items WHERE reflection_id IS ? AND commitment_id IS ?",
                                [item.reflection_id, item.commitment_id]).fetchone()
        item_id = item.id or (existing[0] if existing else "")
        if not item_id:
            count = conn.execute("SELECT count(*) FROM hcpc_statement_items").fetchone()[0]
            if count >= STATEMENT_ACTIVITIES[1]:
                raise ValueError(f"The statement already draws on {STATEMENT_ACTIVITIES[1]} activities, the most "
                                 "the HCPC asks for; take one out first.")
            item_id = new_id()
            position = count
        else:
            position = item.position
        saved = replace(item, id=item_id, position=position, updated_at=now_utc())
        conn.execute(UPSERT_STATEMENT_ITEM, statement_item_row(saved))
    return next(found for found in list_statement_items(conn) if found.id == item_id)


def remove_statement_item(conn: sqlite3.Connection, item_id: str) -> None:
    with write(conn):
        conn.execute("DELETE FROM hcpc_statement_items WHERE id = ?", [item_id])


# -- all of them, as a `me` export carries them ---------------------------------------------------

TABLES = ("cpd_details", "nmc_accounts", "revalidation", "hcpc_statement_items")


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


def details_record_from_row(row: tuple) -> DetailsRecord:
    """A row of DETAILS_COLUMNS as the details with when they were saved."""
    return DetailsRecord(details_from_row(row), row[-1])


def has_tables(conn: sqlite3.Connection) -> bool:
    """Whether the store has m007_cpd's tables (a store from before it does not)."""
    found = conn.execute(f"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                         f"({', '.join('?' * len(TABLES))})", TABLES).fetchone()[0]
    return found == len(TABLES)


def read_revalidation(conn: sqlite3.Connection) -> RevalidationRecords:
    """Every revalidation record in the store (none in a store from before m007_cpd)."""
    if not has_tables(conn):
        return RevalidationRecords()
    details = [details_record_from_row(r) for r in conn.execute(
        f"SELECT {listed(DETAILS_COLUMNS)} FROM cpd_details ORDER BY on_date, reflection_id")]
    accounts = [account_from_row(r) for r in conn.execute(
        f"SELECT {listed(ACCOUNT_COLUMNS)} FROM nmc_accounts ORDER BY created_at, reflection_id")]
    items = [statement_item_from_row(r) for r in conn.execute(
        f"SELECT {listed(STATEMENT_COLUMNS)} FROM hcpc_statement_items ORDER BY position, id")]
    return RevalidationRecords(get_revalidation_row(conn), details, accounts, items)
