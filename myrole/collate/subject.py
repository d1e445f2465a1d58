"""Provides what a collation is about: the collective's and the event's names, from an event kept here or the settings."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from myrole.paths import Paths


@dataclass(frozen=True)
class Subject:
    """Who the report is for and, with --event, which event: names as kept (checked when they were kept)."""

    collective: str | None = None  # None: no name set, and the report says "your organisation's inequalities group"
    event_name: str | None = None  # None without --event, or when the event is not kept in this home
    note: str | None = None  # a sentence when the store could not be read for the event's name


def subject_of(paths: Paths, event_id: str | None) -> Subject:
    """The collective's name from the event (with event_id, when that event is kept in this home), else the
    collective_name setting; and the kept event's name. A home with no store is not an error: collate needs none."""
    from myrole.settings import load_settings

    setting = load_settings(paths.config).settings.collective_name.strip() or None
    if event_id is None or not paths.store.exists():
        return Subject(setting)
    from myrole.store.errors import StoreError
    from myrole.store.events import get_event
    from myrole.store.health import inspect, reader
    from myrole.store.versions import known_names

    # Read only, and never migrated: collating changes nothing in this home, even where the store
    # waits for the app to bring it up to date (an older store without events simply has none).
    try:
        inspect(paths.store, known_names())
        conn = reader(paths.store)
    except StoreError as error:
        return Subject(setting, note=f"{error} The report names the event by its id only.")
    try:
        kept = get_event(conn, event_id)
    except sqlite3.Error:
        kept = None
    finally:
        conn.close()
    if kept is None:
        return Subject(setting)
    return Subject(kept.collective.strip() or setting, kept.name)


NO_SUBJECT = Subject()  # no names: the report says "your organisation's inequalities group"
