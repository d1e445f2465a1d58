"""Provides a commitment's status changes: pause, resume, snooze, a new rhythm, done, drop and renegotiate.

Each is one transaction (one versioned update plus its history event), so a change made
elsewhere since `commitment` was read raises StaleEditError.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

from myrole.model import Commitment, Status
from myrole.schedule import effective_status, parse_cadence, snooze_until
from myrole.store.checkins import summarise
from myrole.store.commitments import CLOSED, update_commitment
from myrole.validation import check_cadence, check_pause_until


def pause(conn: sqlite3.Connection, commitment: Commitment, until: date | None, reason: str = "", *,
          today: date) -> Commitment:
    """Pause until a date (leave, shifts, sickness): no nudges, never overdue, back on that date."""
    check_pause_until(until, today)
    _require_open(commitment, "pause")
    changes = replace(commitment, status=Status.PAUSED, paused_until=until, snoozed_until=None,
                      status_reason=reason.strip())
    return update_commitment(conn, changes, event="paused", reason=_with_date(reason, "until", until))


def resume(conn: sqlite3.Connection, commitment: Commitment, reason: str = "", *, today: date) -> Commitment:
    """Back to active from a pause (due today at the latest), or reopen one done or dropped."""
    if commitment.status is Status.ACTIVE:
        raise ValueError("This commitment is already active.")
    kind = "resumed" if commitment.status is Status.PAUSED else "reopened"
    paused_until = today if commitment.status is Status.PAUSED else None
    changes = replace(commitment, status=Status.ACTIVE, paused_until=paused_until,
                      status_reason=reason.strip())
    return update_commitment(conn, changes, event=kind, reason=reason.strip())


def snooze(conn: sqlite3.Connection, commitment: Commitment, days: int, *, today: date) -> Commitment:
    """Put off the current nudge by some days (a day, a week); the next check-in clears it."""
    _require_open(commitment, "snooze")
    if effective_status(commitment.status.value, commitment.paused_until, today) == "paused":
        raise ValueError("This commitment is paused, so there is no nudge to snooze.")
    until = snooze_until(summarise(conn, commitment).due, today, days)
    return update_commitment(conn, replace(commitment, snoozed_until=until), event="snoozed",
                             reason=f"until {until.isoformat()}")


def change_cadence(conn: sqlite3.Connection, commitment: Commitment, cadence_text: str) -> Commitment:
    """A new check-in rhythm, counted from the last check-in (or from creation)."""
    code = check_cadence(cadence_text)
    if code == commitment.cadence:
        raise ValueError("That is already its check-in rhythm.")
    reason = f"from {parse_cadence(commitment.cadence).label} to {parse_cadence(code).label}"
    return update_commitment(conn, replace(commitment, cadence=code), event="cadence changed", reason=reason)


def mark_done(conn: sqlite3.Connection, commitment: Commitment, note: str = "") -> Commitment:
    """Close a commitment as done, with an optional note."""
    _require_open(commitment, "mark as done")
    return update_commitment(conn, _closed(commitment, Status.DONE, note), event="done", reason=note.strip())


def drop(conn: sqlite3.Connection, commitment: Commitment, reason: str) -> Commitment:
    """Stop a commitment, saying why (kept in its history)."""
    _require_open(commitment, "drop")
    _require_reason(reason, "dropping it")
    return update_commitment(conn, _closed(commitment, Status.DROPPED, reason), event="dropped",
                             reason=reason.strip())


def renegotiate(conn: sqlite3.Connection, edited: Commitment, reason: str) -> Commitment:
    """Change what the commitment is (title, step, target, ...), saying why."""
    _require_reason(reason, "changing it")
    return update_commitment(conn, replace(edited, status_reason=reason.strip()), event="renegotiated",
                             reason=reason.strip())


def _closed(commitment: Commitment, status: Status, reason: str) -> Commitment:
    return replace(commitment, status=status, status_reason=reason.strip(), paused_until=None,
                   snoozed_until=None)


def _require_open(commitment: Commitment, action: str) -> None:
    if commitment.status in CLOSED:
        raise ValueError(f"This commitment is {commitment.status.value}, so there is nothing to {action}.")


def _require_reason(reason: str, doing: str) -> None:
    if not reason.strip():
        raise ValueError(f"Say briefly why you are {doing}; it is kept in the commitment's history.")


def _with_date(reason: str, word: str, when: date | None) -> str:
    stamp = f"{word} {when.isoformat()}" if when else ""
    return f"{stamp}: {reason.strip()}" if reason.strip() and stamp else (stamp or reason.strip())
