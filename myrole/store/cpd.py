"""Provides the revalidation records in the store: CPD details, NMC accounts, the revalidation date, HCPC texts.

Tables from migration m007_cpd; each table's columns and row mapper are kept here, once.
"""

from __future__ import annotations

import sqlite3
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
from myrole.store.rows import listed, new_id, now_utc, storable

MOST_MINUTES = 60_000  # the CHECK in m007_cpd: 1,000 hours on one activity is a typing slip
ACCOUNT_TEXTS = ("nature", "learnt", "changed", "code")
DETAILS_COLUMNS = ("reflection_id", "on_date", "minutes", "participatory", "kind")  # and updated_at, not read
# An account's themes are one flag column each, named by the theme.
ACCOUNT_COLUMNS = ("reflection_id", *ACCOUNT_TEXTS, *(theme.value for theme in Theme), "created_at", "updated_at")
ITEM_TEXTS = tuple(name for name, _ in STATEMENT_PARTS)
ITEM_COLUMNS = ("id", "reflection_id", "commitment_id", "position", *ITEM_TEXTS, "updated_at")
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
    """A row of DETAILS_COLUMNS as CpdDetails."""
    rid, on_date, minutes, participatory, kind = row
    return CpdDetails(rid, date.fromisoformat(on_date), minutes, bool(participatory), ActivityKind(kind))


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
        conn.execute(
            """INSERT INTO cpd_details (reflection_id, on_date, minutes, participatory, kind, updated_at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (reflection_id) DO UPDATE SET on_date = excluded.on_date,
                 minutes = excluded.minutes, participatory = excluded.participatory,
                 kind = excluded.kind, updated_at = excluded.updated_at""",
            [details.reflection_id, details.on_date.isoformat(), details.minutes, int(details.participatory),
             details.kind.value, now_utc()])


def remove_details(conn: sqlite3.Connection, reflection_id: str) -> None:
    with write(conn):
        conn.execute("DELETE FROM cpd_details WHERE reflection_id = ?", [reflection_id])


# -- NMC accounts --------------------------------------------------------------------------------

def account_from_row(row: tuple) -> NmcAccount:
    """A row of ACCOUNT_COLUMNS as an NmcAccount."""
    rid, nature, learnt, changed, code, *flags, created, updated = row
    themes = frozenset(theme for theme, flag in zip(Theme, flags) if flag)
    return NmcAccount(rid, nature, learnt, changed, code, themes, created, updated)


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
    flags = [int(theme in account.themes) for theme in Theme]
    with write(conn):
        conn.execute(
            f"""INSERT INTO nmc_accounts ({listed(ACCOUNT_COLUMNS)}) VALUES ({', '.join('?' * len(ACCOUNT_COLUMNS))})
                ON CONFLICT (reflection_id) DO UPDATE SET nature = excluded.nature, learnt = excluded.learnt,
                  changed = excluded.changed, code = excluded.code,
                  {', '.join(f'{t.value} = excluded.{t.value}' for t in Theme)},
                  updated_at = excluded.updated_at""",
            [account.reflection_id, account.nature, account.learnt, account.changed, account.code, *flags,
             account.created_at or now, now])
    stored = get_account(conn, account.reflection_id)
    assert stored is not None
    return stored


def remove_account(conn: sqlite3.Connection, reflection_id: str) -> None:
    with write(conn):
        conn.execute("DELETE FROM nmc_accounts WHERE reflection_id = ?", [reflection_id])


# -- the revalidation date and the HCPC summary of practice ---------------------------------------

def _revalidation_row(conn: sqlite3.Connection) -> tuple[str | None, str]:
    row = conn.execute("SELECT revalidation_date, hcpc_summary FROM revalidation WHERE id = 1").fetchone()
    return (row[0], row[1]) if row else (None, "")


def get_revalidation_date(conn: sqlite3.Connection) -> date | None:
    stored, _ = _revalidation_row(conn)
    return date.fromisoformat(stored) if stored else None


def get_hcpc_summary(conn: sqlite3.Connection) -> str:
    return _revalidation_row(conn)[1]


def _save_revalidation(conn: sqlite3.Connection, revalidation_date: date | None, summary: str) -> None:
    with write(conn):
        conn.execute(
            """INSERT INTO revalidation (id, revalidation_date, hcpc_summary, updated_at) VALUES (1, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET revalidation_date = excluded.revalidation_date,
                 hcpc_summary = excluded.hcpc_summary, updated_at = excluded.updated_at""",
            [revalidation_date.isoformat() if revalidation_date else None, summary, now_utc()])


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

def item_from_row(row: tuple) -> StatementItem:
    """A row of ITEM_COLUMNS as a StatementItem (its fields are the columns, in order)."""
    return StatementItem(*row)


def list_statement_items(conn: sqlite3.Connection) -> list[StatementItem]:
    rows = conn.execute(f"SELECT {listed(ITEM_COLUMNS)} FROM hcpc_statement_items ORDER BY position, rowid")
    return [item_from_row(row) for row in rows]


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
        conn.execute(
            f"""INSERT INTO hcpc_statement_items ({listed(ITEM_COLUMNS)}) VALUES ({', '.join('?' * len(ITEM_COLUMNS))})
                ON CONFLICT (id) DO UPDATE SET {', '.join(f'{n} = excluded.{n}' for n in ITEM_TEXTS)},
                  position = excluded.position, updated_at = excluded.updated_at""",
            [item_id, item.reflection_id, item.commitment_id, position, *(item.part(n) for n in ITEM_TEXTS),
             now_utc()])
    return next(found for found in list_statement_items(conn) if found.id == item_id)


def remove_statement_item(conn: sqlite3.Connection, item_id: str) -> None:
    with write(conn):
        conn.execute("DELETE FROM hcpc_statement_items WHERE id = ?", [item_id])
