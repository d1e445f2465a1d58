"""Provides commitments: create, edit (with a check for edits made elsewhere), read, and their history."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace

from myrole.dates import date_text, parse_date
from myrole.model import Commitment, Lens, Mode, Status, Visibility
from myrole.store.connection import write
from myrole.store.errors import StaleEditError
from myrole.store.rows import insert, listed, new_id, new_share_key, now_utc, storable

COLUMNS = (
    "id", "title", "detail", "lens", "mode", "reflection_id", "answer_id", "first_step",
    "success", "support", "target_date", "cadence", "status", "status_reason",
    "paused_until", "snoozed_until", "visibility", "tags", "created_at", "updated_at", "version",
    "event_id", "topic_id", "share_key",
)
SELECT = f"SELECT {listed(COLUMNS)} FROM commitments"
# The columns of a line of a commitment's status history (table commitment_events), but its id (which only keeps the lines in order)
HISTORY_COLUMNS = ("commitment_id", "at", "kind", "from_status", "to_status", "reason")


@dataclass(frozen=True)
class StatusEvent:
    """One line of a commitment's status history: its fields are HISTORY_COLUMNS, in order."""

    commitment_id: str
    at: str
    kind: str
    from_status: str | None
    to_status: str | None
    reason: str


def to_row(c: Commitment) -> dict:
    return {
        "id": c.id, "title": c.title, "detail": c.detail, "lens": c.lens.value,
        "mode": c.mode.value, "reflection_id": c.reflection_id, "answer_id": c.answer_id,
        "first_step": c.first_step, "success": c.success, "support": c.support,
        "target_date": date_text(c.target_date), "cadence": c.cadence, "status": c.status.value,
        "status_reason": c.status_reason, "paused_until": date_text(c.paused_until),
        "snoozed_until": date_text(c.snoozed_until), "visibility": c.visibility.value,
        "tags": json.dumps(list(c.tags), ensure_ascii=False), "created_at": c.created_at,
        "updated_at": c.updated_at, "version": c.version,
        "event_id": c.event_id, "topic_id": c.topic_id, "share_key": c.share_key,
    }


def from_row(row: tuple) -> Commitment:
    v = dict(zip(COLUMNS, row))
    return Commitment(
        id=v["id"], title=v["title"], detail=v["detail"], lens=Lens(v["lens"]), mode=Mode(v["mode"]),
        reflection_id=v["reflection_id"], answer_id=v["answer_id"], first_step=v["first_step"],
        success=v["success"], support=v["support"], target_date=parse_date(v["target_date"]),
        cadence=v["cadence"], status=Status(v["status"]), status_reason=v["status_reason"],
        paused_until=parse_date(v["paused_until"]), snoozed_until=parse_date(v["snoozed_until"]),
        visibility=Visibility(v["visibility"]), tags=tuple(json.loads(v["tags"])),
        created_at=v["created_at"], updated_at=v["updated_at"], version=v["version"],
        event_id=v["event_id"], topic_id=v["topic_id"], share_key=v["share_key"],
    )


def _check_text(c: Commitment) -> None:
    if not c.title.strip():
        raise ValueError("A commitment needs a title.")
    storable(c.title, c.detail, c.first_step, c.success, c.support, c.status_reason, *c.tags)


def create_commitment(conn: sqlite3.Connection, commitment: Commitment) -> Commitment:
    """Save a new commitment; its id and timestamps are set here."""
    _check_text(commitment)
    now = now_utc()
    saved = replace(commitment, id=commitment.id or new_id(), created_at=commitment.created_at or now,
                    updated_at=now, version=1, share_key=commitment.share_key or new_share_key())
    with write(conn):
        saved = _at_reflections_event(conn, saved)
        conn.execute(insert("commitments", COLUMNS), to_row(saved))
        record_event(conn, saved.id, "created", None, saved.status.value, "")
    return saved


def _at_reflections_event(conn: sqlite3.Connection, commitment: Commitment) -> Commitment:
    """A commitment made from a reflection carries the event and topic the reflection was started at."""
    if commitment.event_id or not commitment.reflection_id:
        return commitment
    row = conn.execute("SELECT event_id, topic_id FROM reflections WHERE id = ?", [commitment.reflection_id]).fetchone()
    return replace(commitment, event_id=row[0], topic_id=row[1]) if row and row[0] else commitment


def update_commitment(conn: sqlite3.Connection, commitment: Commitment, *, event: str = "edited",
                      reason: str = "") -> Commitment:
    """Save changes, refusing if the stored copy changed since this one was read."""
    _check_text(commitment)
    saved = replace(commitment, updated_at=now_utc(), version=commitment.version + 1)
    row = to_row(saved)
    assignments = ", ".join(f"{name} = :{name}" for name in COLUMNS if name not in ("id", "created_at"))
    with write(conn):
        before = conn.execute("SELECT status FROM commitments WHERE id = ?", [commitment.id]).fetchone()
        cursor = conn.execute(
            f"UPDATE commitments SET {assignments} WHERE id = :id AND version = :expected",
            {**row, "expected": commitment.version},
        )
        if cursor.rowcount != 1:
            raise StaleEditError(
                "This commitment was changed somewhere else (another window or an import) "
                "after you opened it; reopen it to see the latest, then make your change again."
            )
        record_event(conn, saved.id, event, before[0] if before else None, saved.status.value, reason)
    return saved


def record_event(conn: sqlite3.Connection, commitment_id: str, kind: str, from_status: str | None,
                 to_status: str | None, reason: str) -> None:
    conn.execute(f"INSERT INTO commitment_events ({listed(HISTORY_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
                 [commitment_id, now_utc(), kind, from_status, to_status, reason])


def title_from(text: str) -> str:
    """The title the app suggests for a commitment made from text: its first line, cut to 80 characters."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")[:80]


CORRECTED_TITLE = "A commitment whose words were corrected"  # when the corrected text leaves no first line


def correct_copied_detail(conn: sqlite3.Connection, commitment_ids: list[str], old: str, new: str) -> int:
    """Inside a correction's transaction: each of these commitments whose detail is a whole copy of the
    corrected text, or whose title is the app's suggestion from it (title_from), gets the corrected
    text there; how many did. A title or detail the person wrote themselves is theirs and stays."""
    corrected = 0
    for commitment_id in commitment_ids:
        row = conn.execute("SELECT status, title, detail FROM commitments WHERE id = ?", [commitment_id]).fetchone()
        if row is None:
            continue
        status, title, detail = row
        copied_title = bool(title) and title == title_from(old)
        copied_detail = bool(detail) and detail == old
        if not (copied_title or copied_detail):
            continue
        conn.execute("UPDATE commitments SET title = ?, detail = ?, updated_at = ?, version = version + 1 WHERE id = ?",
                     [(title_from(new) or CORRECTED_TITLE) if copied_title else title,
                    new if copied_detail else detail, now_utc(), commitment_id])
        record_event(conn, commitment_id, "corrected with its source", status, status, "")
        corrected += 1
    return corrected


def get_commitment(conn: sqlite3.Connection, commitment_id: str) -> Commitment | None:
    row = conn.execute(f"{SELECT} WHERE id = ?", [commitment_id]).fetchone()
    return from_row(row) if row else None


def list_commitments(conn: sqlite3.Connection, statuses: tuple[Status, ...] | None = None) -> list[Commitment]:
    """Commitments, oldest first, optionally only those in the given statuses."""
    if statuses:
        marks = ", ".join("?" for _ in statuses)
        rows = conn.execute(f"{SELECT} WHERE status IN ({marks}) ORDER BY created_at, rowid",
                            [s.value for s in statuses]).fetchall()
    else:
        rows = conn.execute(f"{SELECT} ORDER BY created_at, rowid").fetchall()
    return [from_row(row) for row in rows]


CLOSED = (Status.DONE, Status.DROPPED)
# When a commitment was closed: its latest event into its present status (a later edit
# keeps the status, so it does not count); updated_at for a store with no such event.
CLOSED_AT = (
    "COALESCE((SELECT e.at FROM commitment_events e WHERE e.commitment_id = c.id AND e.to_status = c.status "
    "AND e.from_status IS NOT c.status ORDER BY e.id DESC LIMIT 1), c.updated_at)"
)
CLOSED_SELECT = f"SELECT {listed(COLUMNS, 'c')}, {CLOSED_AT} AS closed_at FROM commitments c"


def list_closed(conn: sqlite3.Connection) -> list[tuple[Commitment, str]]:
    """Done and dropped commitments, newest closed first, each with when it was closed (a UTC timestamp)."""
    rows = conn.execute(f"{CLOSED_SELECT} WHERE c.status IN (?, ?) ORDER BY closed_at DESC, c.rowid DESC",
                        [s.value for s in CLOSED]).fetchall()
    return [(from_row(row[:-1]), row[-1]) for row in rows]


def closed_at(conn: sqlite3.Connection, commitment_id: str) -> str | None:
    """When a done or dropped commitment was closed (a UTC timestamp); None while it is open."""
    row = conn.execute(f"{CLOSED_SELECT} WHERE c.id = ? AND c.status IN (?, ?)",
                       [commitment_id, *(s.value for s in CLOSED)]).fetchone()
    return row[-1] if row else None


def commitments_for_reflection(conn: sqlite3.Connection, reflection_id: str) -> list[Commitment]:
    rows = conn.execute(f"{SELECT} WHERE reflection_id = ? ORDER BY created_at, rowid", [reflection_id]).fetchall()
    return [from_row(row) for row in rows]


def used_tags(conn: sqlite3.Connection) -> list[str]:
    """Every tag already on a commitment, most used first: what the app's tags field suggests."""
    from collections import Counter

    counts: Counter[str] = Counter()
    for (stored,) in conn.execute("SELECT tags FROM commitments"):
        counts.update(json.loads(stored or "[]"))
    return [tag for tag, _ in counts.most_common()]


def status_history(conn: sqlite3.Connection, commitment_id: str) -> list[dict]:
    """Every recorded change to a commitment, oldest first."""
    rows = conn.execute(f"SELECT {listed(HISTORY_COLUMNS)} FROM commitment_events WHERE commitment_id = ? ORDER BY id",
                        [commitment_id]).fetchall()
    return [dict(zip(HISTORY_COLUMNS[1:], row[1:])) for row in rows]
