"""Provides what the home screen shows: due check-ins, open commitments, and lens x mode coverage (with tags)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import date

from myrole.due import NextOneToOne, Scheduled, next_one_to_one, scheduled
from myrole.model import Commitment, Lens, Mode, Profile, Reflection, Status
from myrole.schedule import is_due, is_paused
from myrole.store.commitments import list_commitments
from myrole.store.profile import get_profile
from myrole.store.reflection_lenses import tag_counts
from myrole.store.reflections import count_reflections, unfinished_reflection


@dataclass(frozen=True)
class OpenItem:
    """An open commitment and its schedule."""

    commitment: Commitment
    schedule: Scheduled

    def is_due(self, today: date) -> bool:
        return is_due(self.schedule.due, today) and not is_paused(self.commitment.paused_until, today)


@dataclass(frozen=True)
class Overview:
    profile: Profile
    due: list[OpenItem]
    upcoming: list[OpenItem]
    coverage: dict[tuple[Lens, Mode], int]
    unfinished: Reflection | None
    reflections_count: int
    next_one_to_one: NextOneToOne | None = None  # only when it is close enough to prepare for

    @property
    def is_new(self) -> bool:
        return not self.due and not self.upcoming and self.reflections_count == 0


def build_overview(conn: sqlite3.Connection, today: date | None = None) -> Overview:
    """Read through the standard library alone, so the home screen can draw before sqlite-utils loads."""
    today = today or date.today()
    commitments = {c.id: c for c in list_commitments(conn, (Status.ACTIVE, Status.PAUSED))}
    items = [OpenItem(commitments[s.id], s) for s in scheduled(conn) if s.id in commitments]
    due = [item for item in items if item.is_due(today)]
    upcoming = [item for item in items if not item.is_due(today)]
    # Active commitments, and each reflection once in every lens and mode the person tagged it with
    # (at the end of a reflection model, whose steps carry no lens).
    coverage = Counter(
        (c.lens, c.mode) for c in commitments.values() if c.status is Status.ACTIVE
    ) + tag_counts(conn)
    meeting = next_one_to_one(conn)
    return Overview(get_profile(conn), due, upcoming, dict(coverage), unfinished_reflection(conn),
                    count_reflections(conn), meeting if meeting and meeting.is_due(today) else None)
