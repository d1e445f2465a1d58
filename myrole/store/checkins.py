"""Provides check-ins (add, correct, change who sees them) and the per-commitment summary the home screen shows."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

from myrole.dates import local_date, parse_date
from myrole.limits import FIELDS, check
from myrole.model import CheckIn, Commitment, CommitmentSummary, Status, Visibility
from myrole.schedule import is_paused, next_due, parse_cadence
from myrole.store.commitments import get_commitment, record_event, update_commitment
from myrole.store.connection import write
from myrole.store.corrections import Correction, delete_correction_drafts, finish_correction
from myrole.store.errors import StaleEditError
from myrole.store.rows import VISIBILITIES, insert, listed, new_id, now_utc, storable

CORRECTABLE = (("note", "What happened"), ("barriers", "What got in the way"), ("next_step", "The next step"))
COLUMNS = ("id", "commitment_id", "at", "on_date", "progress", "note", "barriers",
           "next_step", "confidence", "visibility")

CHECKED_IN = "checked-in"  # the history line a check-in leaves (a commitment changed by nothing else)


def checkin_from_row(row: tuple) -> CheckIn:
    """A row of COLUMNS as a CheckIn (positional: an export reads tens of thousands of these)."""
    id_, commitment_id, at, on_date, progress, note, barriers, next_step, confidence, visibility = row
    return CheckIn(id_, commitment_id, at, date.fromisoformat(on_date), progress, note, barriers, next_step,
                   confidence, VISIBILITIES[visibility])


def checkin_values(k: CheckIn) -> tuple:
    """A CheckIn as the values of COLUMNS, in order (as a row reads); str() of a StrEnum is its value, quickly."""
    return (k.id, k.commitment_id, k.at, k.on_date.isoformat(), k.progress, k.note, k.barriers, k.next_step,
            k.confidence, str(k.visibility))


def checkin_row(k: CheckIn) -> dict:
    """A CheckIn as the values of COLUMNS, by name."""
    return dict(zip(COLUMNS, checkin_values(k)))


def add_checkin(conn: sqlite3.Connection, commitment: Commitment, checkin: CheckIn) -> CheckIn:
    """Save a check-in; it clears any snooze, and progress 4 (done) closes the commitment."""
    if not 0 <= checkin.progress <= 4:
        raise ValueError("Progress runs from 0 (not started) to 4 (done).")
    if not 1 <= checkin.confidence <= 5:
        raise ValueError("Confidence runs from 1 (not at all) to 5 (very).")
    storable(checkin.note, checkin.barriers, checkin.next_step)
    saved = replace(checkin, id=checkin.id or new_id(), at=checkin.at or now_utc(),
                    commitment_id=commitment.id)
    with write(conn):
        conn.execute(insert("checkins", COLUMNS), checkin_row(saved))
        current = get_commitment(conn, commitment.id)
        if current is None or current.version != commitment.version:
            raise StaleEditError(
                "This commitment was changed somewhere else after you opened it; "
                "reopen it and check in again."
            )
        changes: dict = {"snoozed_until": None}
        event = CHECKED_IN
        if saved.progress == 4 and current.status is not Status.DONE:
            changes["status"] = Status.DONE
            event = "done"
        elif current.status is Status.PAUSED and not is_paused(current.paused_until, saved.on_date):
            changes["status"] = Status.ACTIVE  # the pause is over; tidy the status on the way
        update_commitment(conn, replace(current, **changes), event=event)
    return saved


def list_checkins(conn: sqlite3.Connection, commitment_id: str) -> list[CheckIn]:
    """A commitment's check-ins, oldest first."""
    rows = conn.execute(
        f"SELECT {listed(COLUMNS)} FROM checkins WHERE commitment_id = ? ORDER BY on_date, at, rowid",
        [commitment_id],
    ).fetchall()
    return [checkin_from_row(row) for row in rows]


def summarise(conn: sqlite3.Connection, commitment: Commitment) -> CommitmentSummary:
    """One commitment with its latest progress and its next due date."""
    latest = conn.execute(
        "SELECT progress, on_date FROM checkins WHERE commitment_id = ? "
        "ORDER BY on_date DESC, at DESC, rowid DESC LIMIT 1",
        [commitment.id],
    ).fetchone()
    progress, last = (latest[0], parse_date(latest[1])) if latest else (None, None)
    due = next_due(
        status=commitment.status.value,
        created=local_date(commitment.created_at),
        last_checkin=last,
        cadence=parse_cadence(commitment.cadence),
        paused_until=commitment.paused_until,
        snoozed_until=commitment.snoozed_until,
    )
    return CommitmentSummary(commitment, progress, last, due)


def set_checkin_visibility(conn: sqlite3.Connection, checkin_id: str, visibility: Visibility) -> None:
    """Change who can see one check-in's notes (private, manager or alliance)."""
    with write(conn):
        cursor = conn.execute("UPDATE checkins SET visibility = ? WHERE id = ?", [visibility.value, checkin_id])
        if cursor.rowcount != 1:
            raise StaleEditError("This check-in no longer exists (it may have been removed elsewhere).")


def correct_checkin(conn: sqlite3.Connection, checkin: CheckIn, *, note: str, barriers: str,
                    next_step: str) -> Correction:
    """Replace what a check-in says, leaving no copy of the old text in the store.

    checkin is the copy the person corrected; if the stored one changed since, StaleEditError.
    The commitment's history notes that a check-in was corrected, without either text. A draft of
    correcting this check-in goes in the same transaction (it holds the old text).
    """
    texts = {"note": note, "barriers": barriers, "next_step": next_step}
    for name, what in CORRECTABLE:
        storable(texts[name])
        check(texts[name], FIELDS[("checkins", name)], what)
    with write(conn):
        stored = conn.execute("SELECT note, barriers, next_step FROM checkins WHERE id = ?", [checkin.id]).fetchone()
        if stored != (checkin.note, checkin.barriers, checkin.next_step):
            raise StaleEditError("This check-in was changed or removed somewhere else after you opened it; "
                                 "reopen the commitment to see the latest, then correct it again.")
        conn.execute("UPDATE checkins SET note = ?, barriers = ?, next_step = ? WHERE id = ?",
                     [note, barriers, next_step, checkin.id])
        status = conn.execute("SELECT status FROM commitments WHERE id = ?", [checkin.commitment_id]).fetchone()[0]
        record_event(conn, checkin.commitment_id, "check-in corrected", status, status,
                     f"the check-in of {checkin.on_date.isoformat()}")
        delete_correction_drafts(conn, "checkin", [checkin.id])
    return finish_correction(conn)
