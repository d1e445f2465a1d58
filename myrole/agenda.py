"""Provides the one-to-one agenda: only what the person shares with their manager, never anything private.

Built from commitments marked `manager` or `alliance`, their shared check-ins since the
last agreed one-to-one (progress, notes, what got in the way), the support they asked
for, and the person's own shared talking points, including those carried forward.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from myrole.model import CheckIn, Commitment, ItemKind, OneToOne, OneToOneItem, Status, Visibility
from myrole.store.checkins import list_checkins
from myrole.store.commitments import list_commitments
from myrole.store.one_to_ones import latest_agreed, open_items

if TYPE_CHECKING:
    import sqlite3

SHARED = frozenset({Visibility.MANAGER, Visibility.ALLIANCE})
POINT_KINDS = frozenset({ItemKind.TALKING_POINT, ItemKind.SUPPORT_REQUEST})


def is_shared(visibility: Visibility) -> bool:
    """True for what may be shown to a line manager (manager or alliance), never for private."""
    return visibility in SHARED


@dataclass(frozen=True)
class CommitmentProgress:
    """A shared commitment with its progress at the last one-to-one and now (shared check-ins only)."""

    commitment: Commitment
    progress_then: int | None
    progress_now: int | None
    checkins: list[CheckIn] = field(default_factory=list)  # shared check-ins since the last one-to-one


@dataclass(frozen=True)
class Agenda:
    """What a person brings to a one-to-one."""

    since: date | None  # the date of the last agreed one-to-one, if any
    commitments: list[CommitmentProgress]
    notes: list[tuple[Commitment, CheckIn]]  # shared check-ins with a note, since the last one
    barriers: list[tuple[Commitment, CheckIn]]  # what got in the way, since the last one
    support: list[Commitment]  # "support I need from my manager"
    points: list[OneToOneItem]  # shared talking points and support requests, new or carried

    @property
    def carried(self) -> list[OneToOneItem]:
        return [item for item in self.points if item.carried_from]


def _relevant(commitment: Commitment, since: date | None) -> bool:
    """Open commitments, plus those finished or dropped since the last one-to-one."""
    if commitment.status in (Status.ACTIVE, Status.PAUSED):
        return True
    return since is None or commitment.updated_at[:10] >= since.isoformat()


def _progress(commitment: Commitment, checkins: list[CheckIn], since: date | None) -> CommitmentProgress:
    shared = [c for c in checkins if is_shared(c.visibility)]
    before = [c for c in shared if since is not None and c.on_date <= since]
    after = [c for c in shared if since is None or c.on_date > since]
    return CommitmentProgress(
        commitment,
        before[-1].progress if before else None,
        shared[-1].progress if shared else None,
        after,
    )


def _points(record: OneToOne | None, previous: OneToOne | None) -> list[OneToOneItem]:
    """The draft's shared points; before a draft exists, the shared points it would carry forward."""
    items = record.items if record is not None else open_items(previous)
    return [i for i in items if i.kind in POINT_KINDS and is_shared(i.visibility)]


def build_agenda(db: sqlite3.Connection, record: OneToOne | None = None) -> Agenda:
    """The agenda for the one-to-one being prepared (or, with no draft yet, for the next one)."""
    previous = latest_agreed(db)
    since = previous.held_on if previous else None
    progress: list[CommitmentProgress] = []
    notes: list[tuple[Commitment, CheckIn]] = []
    barriers: list[tuple[Commitment, CheckIn]] = []
    for commitment in list_commitments(db):
        if not is_shared(commitment.visibility) or not _relevant(commitment, since):
            continue
        entry = _progress(commitment, list_checkins(db, commitment.id), since)
        progress.append(entry)
        notes += [(commitment, c) for c in entry.checkins if c.note.strip()]
        barriers += [(commitment, c) for c in entry.checkins if c.barriers.strip()]
    support = [p.commitment for p in progress
               if p.commitment.support.strip() and p.commitment.status in (Status.ACTIVE, Status.PAUSED)]
    return Agenda(since, progress, notes, barriers, support, _points(record, previous))
