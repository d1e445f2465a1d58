"""Provides the one document every export format renders: what an audience may see, since a date."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING

from myrole.dates import local_date
from myrole.events import Event
from myrole.model import CheckIn, Commitment, Lens, OneToOne, Reflection, Status, Visibility
from myrole.privacy import AnonymisedCommitment, Audience, anonymise, may_see
from myrole.store.rows import now_utc
from myrole.store.checkins import CHECKED_IN
from myrole.store.snapshot import (PlacedAnswer, ProfileRecord, StatusEvent, StoreContents, newest_checkins, one_moment,
                                   read_contents)

if TYPE_CHECKING:
    import sqlite3


    from myrole.store.cpd import RevalidationRecords


@dataclass
class ReflectionEntry:
    """A reflection with the answers the audience may see."""

    reflection: Reflection
    answers: list[PlacedAnswer]


@dataclass
class CommitmentEntry:
    """A commitment with the check-ins (oldest first) and status history the audience may see.

    In a document made with every_checkin=False, `checkins` holds only the newest one; `checkin_count`
    always counts them all.
    """

    commitment: Commitment
    checkins: list[CheckIn]
    events: list[StatusEvent]
    checkin_count: int

    @property
    def latest(self) -> CheckIn | None:
        return self.checkins[-1] if self.checkins else None


@dataclass
class Document:
    """An export's content, already filtered for its audience; renderers only lay it out."""

    audience: Audience
    exported_at: str
    since: date | None = None
    every_checkin: bool = True  # False: each commitment holds only its newest check-in (all a summary shows)
    profile: ProfileRecord | None = None
    reflections: list[ReflectionEntry] = field(default_factory=list)
    commitments: list[CommitmentEntry] = field(default_factory=list)
    anonymised: list[AnonymisedCommitment] = field(default_factory=list)
    one_to_ones: list[OneToOne] = field(default_factory=list)
    kept_events: list[Event] = field(default_factory=list)  # in a `me` export: the events kept in the store
    collective: str = ""  # the collective's name (settings); "" when none is set
    submitter: str = ""  # the store's anonymous key, in an alliance export
    revalidation: RevalidationRecords | None = None  # only in a `me` export: NMC accounts and the rest are private

    def by_lens(self) -> list[tuple[Lens, list[CommitmentEntry]]]:
        """Commitments grouped by lens, in the framework's order; empty lenses left out."""
        groups = [(lens, [e for e in self.commitments if e.commitment.lens is lens]) for lens in Lens]
        return [(lens, entries) for lens, entries in groups if entries]

    def anonymised_by_lens(self) -> list[tuple[Lens, list[AnonymisedCommitment]]]:
        groups = [(lens, [a for a in self.anonymised if a.lens is lens]) for lens in Lens]
        return [(lens, items) for lens, items in groups if items]

    def texts(self) -> Iterator[tuple[str, str]]:
        """Every piece of text a person wrote that this export holds, with where it is. Their own name and their
        manager's are left out: they are names on purpose ("Dr Sam Patel" would be warned about every time)."""
        if self.profile:
            yield from (("your profile", t) for t in (self.profile.role, self.profile.organisation))
        for entry in self.reflections:
            yield "a reflection's topic", entry.reflection.topic
            yield from (("an answer", placed.answer.text) for placed in entry.answers)
        for e in self.commitments:
            c = e.commitment
            yield from (("a commitment", t) for t in (c.title, c.detail, c.first_step, c.success, c.support,
                                                      c.status_reason, *c.tags))
            yield from (("a commitment's history", event.reason) for event in e.events)
            for checkin in e.checkins:
                yield from (("a check-in", t) for t in (checkin.note, checkin.barriers, checkin.next_step))
        for a in self.anonymised:
            yield from (("a shared commitment", t) for t in (a.title, a.topic, a.event_name or "", *a.tags))
        for record in self.one_to_ones:
            yield from (("a one-to-one", item.text) for item in record.items)


def summary(db: sqlite3.Connection, audience: Audience = Audience.ME, since: date | None = None,
            exported_at: str | None = None, *, every_checkin: bool = True, collective: str = "") -> Document:
    """The document for this audience, built from the store (exported_at fixed for tests).

    every_checkin=False reads only each commitment's newest check-in and their count, which is all
    the Markdown and HTML summaries show; ten years hold tens of thousands of check-ins.
    """
    exported_at = exported_at or now_utc()
    if audience is Audience.ALLIANCE:  # anonymised commitments alone: no answers, only each newest check-in
        with one_moment(db) as conn:
            contents = read_contents(conn, answers=False, checkins=False)
            # Only check-ins shared with the group count, even as numbers: one marked private or for the
            # manager is in no alliance file, not its progress, not as one more check-in.
            newest = newest_checkins(conn, _shared_with(Audience.ALLIANCE), since)
        return build(contents, audience, since, exported_at, newest=newest, collective=collective)
    visible = _shared_with(audience)
    # Only what the audience may see is read; but from a start date, a reflection counts as active when
    # any of its answers changed since, even one this audience may not see (_reflections), so all are read.
    read_only = None if audience is Audience.ME or since is not None else visible
    if every_checkin:
        return build(read_contents(db, visibilities=read_only), audience, since, exported_at)
    with one_moment(db) as conn:
        contents = read_contents(conn, checkins=False, visibilities=read_only)
        newest = newest_checkins(conn, visible, since)
    return build(contents, audience, since, exported_at, every_checkin=False, newest=newest)


def _shared_with(audience: Audience) -> tuple[str, ...]:
    """The visibilities this audience may see, as stored."""
    return tuple(v.value for v in Visibility if may_see(audience, v))


def _on_or_after(timestamp: str | None, since: date | None) -> bool:
    """Whether a UTC moment fell on or after the local date `since` (just after midnight here can be the
    day before in UTC, so the day is compared where the person is)."""
    return since is None or (timestamp is not None and local_date(timestamp) >= since)


def build(contents: StoreContents, audience: Audience, since: date | None, exported_at: str, *,
          every_checkin: bool = True, newest: dict[str, tuple[CheckIn, int]] | None = None,
          collective: str = "") -> Document:
    """Filter the store's contents for an audience and a start date.

    every_checkin=False keeps only each commitment's newest check-in, with the count of them all:
    from `newest` (newest_checkins for this audience and date) when the contents hold no check-ins.
    """
    if audience is Audience.ALLIANCE:  # numbers only from the check-ins: what `newest` or the contents give
        document = Document(audience, exported_at, since, collective=collective, submitter=contents.submitter)
        document.anonymised = _anonymised(contents, since, newest)
        return document
    document = Document(audience, exported_at, since, every_checkin=every_checkin and newest is None,
                        collective=collective)
    document.profile = contents.profile
    if audience is Audience.ME:
        document.kept_events = contents.kept_events
    document.reflections = _reflections(contents, audience, since)
    document.commitments = _commitments(contents, audience, since, every_checkin, newest)
    if audience is Audience.ME and contents.revalidation is not None:  # never a manager's: see docs/revalidation.md
        document.revalidation = contents.revalidation.only_about({e.reflection.id for e in document.reflections},
                                                                 {e.commitment.id for e in document.commitments})
    document.one_to_ones = _one_to_ones(contents, audience, since)
    if audience is Audience.MANAGER:
        _drop_hidden_references(document)
    return document


def _in_range(c: Commitment, since: date | None, own: bool, events: list[StatusEvent], shown_checkins: int) -> bool:
    """An open commitment, or one changed on or after since. For anyone but the person, changed means what they
    may see: made, its status changed, or a check-in shown. The stored updated_at moves with private check-ins
    too, and a finished commitment appearing would say one was made."""
    if c.status in (Status.ACTIVE, Status.PAUSED):
        return True
    if own:
        return _on_or_after(c.updated_at, since)
    return (_on_or_after(c.created_at, since) or shown_checkins > 0
            or any(e.kind != CHECKED_IN and _on_or_after(e.at, since) for e in events))  # a check-in's own is above


def shown_one_to_one_moment(record: OneToOne) -> str:
    """The newest moment a one-to-one's reader sees for it: made, agreed, or an item (of those it holds) added.
    Its stored updated_at moves with private items too."""
    return max([record.created_at, record.agreed_at or "", *(item.created_at for item in record.items)])


def _visible_to(audience: Audience) -> frozenset[Visibility]:
    """The visibilities this audience may see (privacy.may_see), to test tens of thousands of items against."""
    return frozenset(v for v in Visibility if may_see(audience, v))


def _grouped(items: Iterable, key: Callable) -> dict[str, list]:
    """Items by key, each group in the items' order (one pass, so a ten-year store stays fast)."""
    groups: dict[str, list] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return groups


def _reflections(contents: StoreContents, audience: Audience, since: date | None) -> list[ReflectionEntry]:
    entries = []
    visible = _visible_to(audience)
    by_reflection = _grouped(contents.answers, attrgetter("answer.reflection_id"))
    for reflection in contents.reflections:
        answers = by_reflection.get(reflection.id, [])
        shown = answers if audience is Audience.ME else [p for p in answers if p.answer.visibility in visible]
        # (for anyone but the person, only the answers they may see say it changed: not a private one's edit)
        active = (_on_or_after(reflection.started_at, since) or _on_or_after(reflection.finished_at, since)
                  or any(_on_or_after(p.answer.updated_at, since) for p in shown))
        if active and (shown or audience is Audience.ME):
            entries.append(ReflectionEntry(reflection, shown))
    return entries


def _commitments(contents: StoreContents, audience: Audience, since: date | None, every_checkin: bool,
                 newest: dict[str, tuple[CheckIn, int]] | None) -> list[CommitmentEntry]:
    entries = []
    visible = _visible_to(audience)
    checkins_of = _grouped(contents.checkins, attrgetter("commitment_id"))
    events_of = _grouped(contents.events, attrgetter("commitment_id"))
    own = audience is Audience.ME
    for c in contents.commitments:
        if not may_see(audience, c.visibility):
            continue
        if newest is None:
            checkins = [k for k in checkins_of.get(c.id, [])
                        if k.visibility in visible and (since is None or k.on_date >= since)]
            count = len(checkins)
            checkins = checkins if every_checkin else checkins[-1:]
        else:
            latest, count = newest.get(c.id, (None, 0))
            checkins = [latest] if latest else []
        events = [e for e in events_of.get(c.id, []) if _on_or_after(e.at, since)]
        if not _in_range(c, since, own, events, count):
            continue
        entries.append(CommitmentEntry(c, checkins, events if audience is Audience.ME else [], count))
    return entries


def _one_to_ones(contents: StoreContents, audience: Audience, since: date | None) -> list[OneToOne]:
    records = []
    for record in contents.one_to_ones:
        shown = replace(record, items=[item for item in record.items if may_see(audience, item.visibility)])
        changed = record.updated_at if audience is Audience.ME else shown_one_to_one_moment(shown)
        if since is not None and record.held_on < since and not _on_or_after(changed, since):
            continue
        records.append(shown)
    return records


def _drop_hidden_references(document: Document) -> None:
    """A shared item must not point at a private one (even an id says that something exists)."""
    # Each set holds None too: an item that points at nothing is left as it is, not copied.
    reflections = {None, *(e.reflection.id for e in document.reflections)}
    answers = {None, *(p.answer.id for e in document.reflections for p in e.answers)}
    commitments = {None, *(e.commitment.id for e in document.commitments)}
    items = {None, *(item.id for record in document.one_to_ones for item in record.items)}
    for entry in document.commitments:
        c = entry.commitment
        if c.reflection_id not in reflections or c.answer_id not in answers:
            entry.commitment = replace(c, reflection_id=c.reflection_id if c.reflection_id in reflections else None,
                                       answer_id=c.answer_id if c.answer_id in answers else None)
    for record in document.one_to_ones:
        record.items = [
            item if item.commitment_id in commitments and item.carried_from in items else
            replace(item, commitment_id=item.commitment_id if item.commitment_id in commitments else None,
                    carried_from=item.carried_from if item.carried_from in items else None)
            for item in record.items
        ]


def _anonymised(contents: StoreContents, since: date | None,
                newest: dict[str, tuple[CheckIn, int]] | None) -> list[AnonymisedCommitment]:
    """Each commitment shared with the collective, with its event's name, its topic (the event topic's title,
    else the reflection's own topic) and, as numbers, its newest progress and how many check-ins it has."""
    topics = {r.id: r.topic for r in contents.reflections}
    events = {e.id: e for e in contents.kept_events}
    if newest is None:
        newest = {}
        for checkin in contents.checkins:  # in order: the last one of each commitment is its newest
            if may_see(Audience.ALLIANCE, checkin.visibility) and (since is None or checkin.on_date >= since):
                newest[checkin.commitment_id] = (checkin, newest.get(checkin.commitment_id, (None, 0))[1] + 1)
    anonymised = []
    changes_of = _grouped((e for e in contents.events if _on_or_after(e.at, since)), attrgetter("commitment_id"))
    for c in contents.commitments:
        latest, count = newest.get(c.id, (None, 0))
        if not may_see(Audience.ALLIANCE, c.visibility) or not _in_range(c, since, False, changes_of.get(c.id, []),
                                                                          count):
            continue
        event = events.get(c.event_id or "")
        topic = event.topic(c.topic_id) if event else None
        anonymised.append(anonymise(c, topic.title if topic else topics.get(c.reflection_id or "", ""),
                                    event_name=event.name if event else None, newest=latest, checkins=count))
    return anonymised
