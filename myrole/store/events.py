"""Provides the kept events and their topics, and the store's anonymous submitter key (plain sqlite3)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from myrole.events import Event, Topic
from myrole.store.connection import write
from myrole.store.rows import listed, new_share_key, now_utc, storable

KEPT_EVENT_COLUMNS = ("id", "name", "held_on", "collective")  # a kept event; its topics are in event_topics


@dataclass(frozen=True)
class Added:
    """What keeping an event did: added it, replaced an earlier copy, or found it already kept as it is."""

    event: Event
    outcome: str  # "added", "updated" or "unchanged"


def add_event(conn: sqlite3.Connection, event: Event) -> Added:
    """Keep an event and its topics; an event with the same id is replaced whole (a corrected file)."""
    storable(event.name, event.collective, *(t.title for t in event.topics))
    with write(conn):
        before = get_event(conn, event.id)
        if before == event:
            return Added(event, "unchanged")
        conn.execute("DELETE FROM event_topics WHERE event_id = ?", [event.id])
        conn.execute(
            "INSERT INTO events (id, name, held_on, collective, added_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET name = excluded.name, held_on = excluded.held_on, "
            "collective = excluded.collective",
            [event.id, event.name, event.held_on.isoformat(), event.collective, now_utc()])
        conn.executemany("INSERT INTO event_topics (event_id, id, title, position) VALUES (?, ?, ?, ?)",
                         [(event.id, t.id, t.title, n) for n, t in enumerate(event.topics)])
    return Added(event, "updated" if before else "added")


def keep_if_new(conn: sqlite3.Connection, event: Event) -> bool:
    """Keep an event from an imported file unless one with its id is kept already (that one stays); whether it was."""
    if get_event(conn, event.id) is not None:
        return False
    add_event(conn, event)
    return True


def get_event(conn: sqlite3.Connection, event_id: str | None) -> Event | None:
    if not event_id:
        return None
    row = conn.execute(f"SELECT {listed(KEPT_EVENT_COLUMNS)} FROM events WHERE id = ?", [event_id]).fetchone()
    return event_from_row(row, _topics(conn, event_id)) if row else None


def list_events(conn: sqlite3.Connection) -> list[Event]:
    """Every kept event, newest first, with its topics."""
    rows = conn.execute(f"SELECT {listed(KEPT_EVENT_COLUMNS)} FROM events ORDER BY held_on DESC, name, id").fetchall()
    return [event_from_row(row, _topics(conn, row[0])) for row in rows]


def _topics(conn: sqlite3.Connection, event_id: str) -> tuple[Topic, ...]:
    rows = conn.execute("SELECT id, title FROM event_topics WHERE event_id = ? ORDER BY position, id", [event_id])
    return tuple(Topic(*row) for row in rows)


def event_from_row(row: tuple, topics: tuple[Topic, ...]) -> Event:
    """A row of KEPT_EVENT_COLUMNS, with the event's topics, as an Event."""
    event_id, name, held_on, collective = row
    return Event(event_id, name, date.fromisoformat(held_on), collective, topics)


def topic_title(conn: sqlite3.Connection, event_id: str | None, topic_id: str | None) -> str:
    """The title of a kept event's topic; "" when there is none (not chosen, or the event is not kept)."""
    if not event_id or not topic_id:
        return ""
    row = conn.execute("SELECT title FROM event_topics WHERE event_id = ? AND id = ?",
                              [event_id, topic_id]).fetchone()
    return row[0] if row else ""


def event_label(conn: sqlite3.Connection, event_id: str | None, topic_id: str | None) -> str:
    """How a screen names where something was made: 'Event name: topic title', either alone, or ""."""
    event = get_event(conn, event_id)
    topic = event.topic(topic_id) if event else None
    title = topic.title if topic else ""
    return ": ".join(part for part in (event.name if event else "", title) if part)


# --- The submitter key ---------------------------------------------------------------------------


def submitter_key(conn: sqlite3.Connection) -> str:
    """The store's anonymous key for alliance exports (made by the migration that added events)."""
    row = conn.execute("SELECT key FROM submitter WHERE id = 1").fetchone()
    if row is None:  # only a store edited by hand lacks it; the restore check refuses such a store
        raise ValueError("This store has no submitter key; run `myrole event new-key` to make one.")
    return row[0]


def new_submitter_key(conn: sqlite3.Connection) -> str:
    """Replace the submitter key with a new random one (each commitment keeps its own key: docs/events.md)."""
    key = new_share_key()
    with write(conn):
        conn.execute(
            "INSERT INTO submitter (id, key, made_at) VALUES (1, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET key = excluded.key, made_at = excluded.made_at", [key, now_utc()])
    return key
