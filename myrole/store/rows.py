"""Provides what every repository module needs: ids, UTC timestamps, enum lookups, SQL lists and text checks."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from enum import Enum

from myrole.model import Lens, Mode, Visibility


class Members(dict):
    """A stored value -> its enum member; several times faster than Enum(value) over ten years of rows.

    An unknown value still raises ValueError, as Enum(value) does.
    """

    def __init__(self, kind: type[Enum]) -> None:
        super().__init__((member.value, member) for member in kind)
        self.kind = kind

    def __missing__(self, value: object) -> Enum:
        return self.kind(value)


LENSES, MODES, VISIBILITIES = Members(Lens), Members(Mode), Members(Visibility)


def new_id() -> str:
    return uuid.uuid4().hex


def new_share_key() -> str:
    """A random key (32 lowercase hex) that names a record in an alliance export: not its id, not derived from anything."""
    import secrets

    return secrets.token_hex(16)


def now_utc() -> str:
    """The current moment as UTC ISO-8601, to the second, e.g. 2026-11-26T14:39:00Z."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def listed(columns: tuple[str, ...], table: str = "") -> str:
    """Columns as an SQL list, e.g. 'id, title' (or 'c.id, c.title' for table 'c')."""
    return ", ".join(f"{table}.{name}" for name in columns) if table else ", ".join(columns)


def insert(table: str, columns: tuple[str, ...], *, in_order: bool = False) -> str:
    """INSERT INTO table (columns) VALUES (:column, ...): one statement, filled from a dict by name; or with
    in_order, from a tuple in the columns' order (?, ...), which binds tens of thousands of rows quicker."""
    places = ", ".join("?" if in_order else f":{name}" for name in columns)
    return f"INSERT INTO {table} ({listed(columns)}) VALUES ({places})"


def upsert(table: str, columns: tuple[str, ...], key: str = "id", *, in_order: bool = False) -> str:
    """INSERT ... ON CONFLICT (key) DO UPDATE, with named parameters (:column) for every column (or with
    in_order, a tuple in the columns' order, as insert() takes it).

    INSERT OR REPLACE would delete the old row first, and a delete can cascade (a
    reflection's answers) or null out references; an upsert updates in place.
    """
    updates = ", ".join(f"{name} = excluded.{name}" for name in columns if name != key)
    return f"{insert(table, columns, in_order=in_order)} ON CONFLICT ({key}) DO UPDATE SET {updates}"


def storable(*texts: str) -> None:
    """Refuse text that cannot be kept exactly (a lone surrogate has no UTF-8 form)."""
    for text in texts:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(
                "This text holds a character that cannot be saved (a broken emoji or symbol); "
                "please retype that part."
            ) from None
