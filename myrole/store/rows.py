"""Provides the small things every repository module needs: ids, UTC timestamps, dates and text checks."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from enum import Enum


class Members(dict):
    """A stored value -> its enum member; several times faster than Enum(value) over ten years of rows.

    An unknown value still raises ValueError, as Enum(value) does.
    """

    def __init__(self, kind: type[Enum]) -> None:
        super().__init__((member.value, member) for member in kind)
        self.kind = kind

    def __missing__(self, value: object) -> Enum:
        return self.kind(value)


def new_id() -> str:
    return uuid.uuid4().hex


def new_share_key() -> str:
    """A random key (32 lowercase hex) that names a record in an alliance export: not its id, not derived from anything."""
    import secrets

    return secrets.token_hex(16)


def now_utc() -> str:
    """The current moment as UTC ISO-8601, to the second, e.g. 2026-11-26T14:39:00Z."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def date_text(value: date | None) -> str | None:
    return value.isoformat() if value else None


def parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


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
