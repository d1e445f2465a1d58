"""Provides reading and saving the one-row profile.

The row holds the name, role, organisation and line manager, the default check-in rhythm (default_cadence)
and whether the first-run questions were answered (onboarded).
"""

from __future__ import annotations

import sqlite3

from dataclasses import dataclass

from myrole.model import Profile
from myrole.store.connection import write
from myrole.store.rows import listed, now_utc, storable

PROFILE_COLUMNS = ("name", "role", "organisation", "manager_name", "default_cadence", "onboarded",
                   "updated_at")  # and id, always 1


@dataclass(frozen=True)
class ProfileRecord:
    """The profile row as stored (PROFILE_COLUMNS), with what the model's Profile leaves out."""

    name: str
    role: str
    organisation: str
    manager_name: str
    default_cadence: str
    onboarded: bool
    updated_at: str


def profile_record(conn: sqlite3.Connection) -> ProfileRecord | None:
    """The stored profile row; None before the profile was first saved."""
    row = conn.execute(f"SELECT {listed(PROFILE_COLUMNS)} FROM profile WHERE id = 1").fetchone()
    if not row:
        return None
    name, role, organisation, manager_name, default_cadence, onboarded, updated_at = row
    return ProfileRecord(name, role, organisation, manager_name, default_cadence, bool(onboarded), updated_at)


DEFAULT_CADENCE = "fortnightly"  # the profile's default_cadence before it is first saved (as the column's DEFAULT)


def default_cadence(conn: sqlite3.Connection) -> str:
    """The person's rhythm, as the profile keeps it (e.g. 'fortnightly'): what their one-to-ones are counted by."""
    record = profile_record(conn)
    return record.default_cadence if record else DEFAULT_CADENCE


def get_profile(conn: sqlite3.Connection) -> Profile:
    record = profile_record(conn)
    if record is None:
        return Profile()
    return Profile(record.name, record.role, record.organisation, record.manager_name, record.onboarded)


def save_profile(conn: sqlite3.Connection, profile: Profile) -> None:
    storable(profile.name, profile.role, profile.organisation, profile.manager_name)
    with write(conn):
        conn.execute(
            """INSERT INTO profile (id, name, role, organisation, manager_name, onboarded, updated_at)
               VALUES (1, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role,
                 organisation = excluded.organisation, manager_name = excluded.manager_name,
                 onboarded = excluded.onboarded, updated_at = excluded.updated_at""",
            [
                profile.name,
                profile.role,
                profile.organisation,
                profile.manager_name,
                int(profile.onboarded),
                now_utc(),
            ],
        )
