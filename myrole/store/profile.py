"""Provides reading and saving the one-row profile (name, role, organisation, line manager)."""

from __future__ import annotations

import sqlite3

from myrole.model import Profile
from myrole.store.connection import write
from myrole.store.rows import now_utc, storable


def get_profile(conn: sqlite3.Connection) -> Profile:
    row = conn.execute(
        "SELECT name, role, organisation, manager_name, onboarded FROM profile WHERE id = 1"
    ).fetchone()
    if row is None:
        return Profile()
    name, role, organisation, manager_name, onboarded = row
    return Profile(name, role, organisation, manager_name, bool(onboarded))


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
