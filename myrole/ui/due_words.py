"""Provides when a commitment's next check-in falls, in words, for every screen that shows it."""

from __future__ import annotations

from datetime import date

from myrole.model import Commitment
from myrole.schedule import days_overdue, is_paused


def when_due(c: Commitment, due: date | None, today: date) -> str:
    """When the next check-in falls, in words (never by colour alone)."""
    if c.paused_until is not None and is_paused(c.paused_until, today):
        return f"paused until {c.paused_until.isoformat()}"
    if due is None:
        return "paused, no end date" if c.status.value == "paused" else "no check-in planned"
    late = days_overdue(due, today)
    if late:
        return f"OVERDUE by {late} day{'s' if late != 1 else ''} (was due {due.isoformat()})"
    ahead = (due - today).days
    return "due today" if ahead == 0 else f"due {due.isoformat()} (in {ahead} day{'s' if ahead != 1 else ''})"
