"""Provides reading and writing the stored forms of dates and UTC moments (standard library only, for `myrole due`)."""

from __future__ import annotations

from datetime import date, datetime


def date_text(value: date | None) -> str | None:
    """A date as stored, e.g. '2026-11-26'; None stays None."""
    return value.isoformat() if value else None


def parse_date(value: str | None) -> date | None:
    """A stored date ('2026-11-26'), or None for an empty one."""
    return date.fromisoformat(value) if value else None


def utc_moment(timestamp: str) -> datetime:
    """A stored UTC moment ('2026-11-26T14:39:00Z') as an aware datetime."""
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))


def local_date(timestamp: str) -> date:
    """The local calendar date of a stored UTC moment."""
    return utc_moment(timestamp).astimezone().date()
