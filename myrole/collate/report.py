"""Provides the collation report: many people's alliance commitments counted, with every small number hidden."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import cast
from dataclasses import dataclass
from itertools import chain

from myrole.collate.gather import CollateRefused, Gathered
from myrole.collate.reading import Columns
from myrole.collate.subject import NO_SUBJECT, Subject
from myrole.collate.suppression import Disclosure
from myrole.model import Lens, Mode, Status

DEFAULT_THRESHOLD = 5
LOWEST_THRESHOLD, HIGHEST_THRESHOLD = 2, 1000
TOP_TAGS = 10
ALL = ("all",)  # the number of commitments: every table adds up to it
NO_TOPIC, OTHER_TOPICS = "No topic given", "Other topics"
NO_CHECKIN, NOT_RECORDED = "No check-in yet", "Not recorded (version 1 files)"
DONE = Status.DONE.value
# A version 2 commitment's row in the months table: its newest check-in's month, or none yet. (A version 1
# file does not say: checkins is None there, and every row is NOT_RECORDED.)
ROW_OF_MONTH = {None: NO_CHECKIN}


@dataclass(frozen=True)
class TopicRow:
    """A topic with at least N people (its titles listed), or every smaller topic together, or no topic."""

    label: str
    kind: str  # "topic", "other" (topics of fewer than N people, together) or "none"
    count: int | None
    people: int | None
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class MonthRow:
    """Commitments whose newest check-in was in one month (or none, or not recorded): how many, how many done."""

    label: str
    month: str | None  # "YYYY-MM", or None for the two rows without a month
    count: int | None
    done: int | None
    not_done: int | None
    mean_progress: float | None  # the newest progress, 0 to 4, on average; None when the row is hidden or has none

    @property
    def done_share(self) -> float | None:
        if self.count is None or self.done is None or self.not_done is None or not self.count:
            return None
        return self.done / self.count


@dataclass(frozen=True)
class TagRow:
    tag: str
    count: int
    people: int


@dataclass(frozen=True)
class FilesNote:
    """What was read, and what was set aside: counts hidden when small, like every other count."""

    read: int | None
    version_1: int | None  # files without a submitter key: each counts as one person
    replaced: int  # older files from a person who sent a newer one (not a count of people)
    # One sentence per bad file left out with --skip-bad, naming it: for the organiser only (standard error, the
    # app's list below the report), never in the report itself (organisers name files after their senders).
    skipped: tuple[str, ...]
    outside_event: int | None  # commitments left out by --event (None without one, or when 1 to N-1)
    copies: int = 0  # files set aside: another file had exactly the same commitments (not a count of people)
    skipped_count: int | None = 0  # how many bad files were left out (None when 1 to N-1)
    skipped_reasons: tuple[str, ...] = ()  # what was wrong with them, each reason once, naming no file


@dataclass(frozen=True)
class Report:
    """Everything a collation shows; every count is a number, or None when hidden."""

    threshold: int
    event: str | None
    people: int | None
    commitments: int | None
    cells: dict[tuple[Lens, Mode], int | None]
    lens_totals: dict[Lens, int | None]
    mode_totals: dict[Mode, int | None]
    topics: list[TopicRow]
    statuses: dict[Status, int | None]
    months: list[MonthRow]
    tags: list[TagRow]
    hidden: int  # how many counts are hidden, small or protecting a small one (never which, nor how many of each)
    files: FilesNote
    collective: str | None = None  # the collective's name; None when none is set (see words.title)
    event_name: str | None = None  # the event's name, when event is kept in this home
    counted: tuple[Columns, ...] = ()  # each person's commitments as counted (for collate/earlier.py)

    def largest_count(self) -> int:
        """The largest count shown in the tables, for scaling bars."""
        shown = [*self.cells.values(), *(t.count for t in self.topics), *self.statuses.values(),
                 *(m.count for m in self.months)]
        return max((value for value in shown if value), default=0)


@dataclass
class Tally:
    """Counts by some key, and how many different people are behind each."""

    count: Counter
    people: Counter

    @classmethod
    def of(cls, keys_by_person: Sequence[tuple[Hashable, ...]]) -> Tally:
        """Each person's keys (one per commitment, or per tag). Counted with Counter, set and chain, which run
        in C: a Python step per commitment and per table would be most of the time a collation takes. A person
        counts once for a key however often they used it (a set of their keys)."""
        return cls(Counter(chain.from_iterable(keys_by_person)), people_per_key(keys_by_person))

    @classmethod
    def by_part(cls, whole: Tally, part: int, keys_by_person: Sequence[tuple[Hashable, ...]]) -> Tally:
        """A table whose keys are one part of whole's (a lens, of whole's (lens, mode)): its counts are whole's
        added up, so only its people are counted from keys_by_person (each person's parts)."""
        count: Counter = Counter()
        for key, value in whole.count.items():  # a few dozen keys, not a pass over every commitment
            count[key[part]] += value
        return cls(count, people_per_key(keys_by_person))

    def into(self, disclosure: Disclosure, name: Hashable, key: Hashable, *, total: bool = False) -> None:
        disclosure.add(name, self.count[key], self.people[key], total=total)


def people_per_key(keys_by_person: Sequence[tuple[Hashable, ...]]) -> Counter:
    """How many people have each key: each person once per key, however often they used it (a set of theirs)."""
    return Counter(chain.from_iterable(map(set, keys_by_person)))


@dataclass
class Tallies:
    """Everything counted, from each person's commitments a column at a time."""

    everyone: Tally
    cells: Tally
    lenses: Tally
    modes: Tally
    topics: Tally
    statuses: Tally
    months: Tally  # by (row, done)
    month_rows: Tally
    tags: Tally
    titles: dict[str, set[str]]  # by topic
    progress: dict[str, list[int]]  # each month row's newest progress values
    topics_by_person: list[tuple[str, ...]]  # each person's topics

    def people_in(self, topics: list[str]) -> int:
        """How many different people chose any of these topics."""
        if len(topics) == 1:  # a topic's own row: counted already
            return self.topics.people[topics[0]]
        chosen = set(topics)
        return sum(1 for theirs in self.topics_by_person if not chosen.isdisjoint(theirs))

    @classmethod
    def of(cls, people: list[Columns]) -> Tallies:
        """Each person's commitments, kept a column at a time: each table is counted over each person's column
        (zip, map, chain and Counter run in C), so there is no Python step per commitment and table."""
        # Each distinct topic and month is looked at once, then each person's column mapped in C.
        labels = {topic: topic.strip() or NO_TOPIC for topic in set(chain.from_iterable(p.topic for p in people))}
        topics = [tuple(map(labels.__getitem__, theirs.topic)) for theirs in people]
        row_of = cast("Callable[[str | None, str | None], str]", ROW_OF_MONTH.get)  # a month is its own row
        rows = [tuple(map(row_of, theirs.last_checkin_month, theirs.last_checkin_month))
                if None not in theirs.checkins else (NOT_RECORDED,) * len(theirs.checkins) for theirs in people]
        done = [tuple(map(DONE.__eq__, theirs.status)) for theirs in people]
        titles: dict[str, set[str]] = defaultdict(set)
        for topic, title in set(zip(chain.from_iterable(topics), chain.from_iterable(p.title for p in people))):
            titles[topic].add(title)
        progress: dict[str, list[int]] = defaultdict(list)
        for row, value in zip(chain.from_iterable(rows), chain.from_iterable(p.progress for p in people)):
            if value is not None:
                progress[row].append(value)
        lengths = list(map(len, topics))
        cells = Tally.of([tuple(zip(theirs.lens, theirs.mode)) for theirs in people])
        months = Tally.of(list(map(tuple, map(zip, rows, done))))
        return cls(
            everyone=Tally(Counter({ALL: sum(lengths)}), Counter({ALL: sum(1 for n in lengths if n)})),
            cells=cells, lenses=Tally.by_part(cells, 0, [theirs.lens for theirs in people]),
            modes=Tally.by_part(cells, 1, [theirs.mode for theirs in people]),
            topics=Tally.of(topics), statuses=Tally.of([theirs.status for theirs in people]),
            months=months, month_rows=Tally.by_part(months, 0, rows),
            tags=Tally.of([tuple(chain.from_iterable(theirs.tags)) for theirs in people]),
            titles=titles, progress=progress, topics_by_person=topics)


def build_report(gathered: Gathered, threshold: int = DEFAULT_THRESHOLD, event: str | None = None,
                 subject: Subject = NO_SUBJECT) -> Report:
    """Count the commitments of one file per person (optionally one event's), then hide every small number;
    subject names the collective and the event in the report's title."""
    people = [submission.columns for submission in gathered.submissions]
    outside = 0
    if event is not None:
        everyone = sum(len(theirs.lens) for theirs in people)
        people = [theirs.only([event_id == event for event_id in theirs.event_id]) for theirs in people]
        outside = everyone - sum(len(theirs.lens) for theirs in people)
    tallies = Tallies.of(people)
    headcount = tallies.everyone.people[ALL]
    if headcount < threshold:
        # Every count would be hidden, yet the zeros shown would still say which cells those few people used.
        raise CollateRefused([f"Fewer than {threshold} people (the threshold) have commitments to collate here, "
                              "so nothing was written: a report on so few could point to who they are."])
    disclosure = Disclosure(threshold)
    topics = _topic_groups(tallies, threshold)
    month_rows = _month_order(tallies)
    _add_counts(disclosure, tallies, topics, month_rows, threshold)
    disclosure.protect(keep_last=ALL)

    def shown_count(value: int) -> int | None:  # a count in no sum: hidden when small
        return None if 0 < value < threshold else value

    versions = Counter(s.version for s in gathered.submissions)
    files = FilesNote(read=shown_count(len(gathered.submissions) + len(gathered.replaced) + len(gathered.copies)),
                      version_1=shown_count(versions[1]), replaced=len(gathered.replaced),
                      skipped=tuple(gathered.skipped), outside_event=shown_count(outside) if event else None,
                      copies=len(gathered.copies), skipped_count=shown_count(len(gathered.skipped)),
                      skipped_reasons=tuple(sorted(set(gathered.skipped_reasons))))
    return Report(
        threshold=threshold, event=event, people=shown_count(headcount), commitments=disclosure.shown(ALL),
        cells={(lens, mode): disclosure.shown(("cell", lens, mode)) for lens in Lens for mode in Mode},
        lens_totals={lens: disclosure.shown(("lens", lens)) for lens in Lens},
        mode_totals={mode: disclosure.shown(("mode", mode)) for mode in Mode},
        topics=_topic_rows(disclosure, tallies, topics, threshold),
        statuses={status: disclosure.shown(("status", status)) for status in Status},
        months=_month_rows(disclosure, tallies, month_rows),
        tags=_tag_rows(tallies, threshold), hidden=disclosure.hidden(), files=files,
        collective=subject.collective, event_name=subject.event_name if event else None,
        counted=tuple(people))


def _topic_groups(tallies: Tallies, threshold: int) -> dict[str, list[str]]:
    """Each row of the topic table and the topics in it: a topic of at least N people has a row of its own."""
    groups: dict[str, list[str]] = {}
    for topic in sorted(tallies.topics.count, key=str.casefold):
        if topic == NO_TOPIC:
            continue
        own = tallies.topics.people[topic] >= threshold
        groups.setdefault(topic if own else OTHER_TOPICS, []).append(topic)
    if OTHER_TOPICS in groups:
        groups[OTHER_TOPICS] = groups.pop(OTHER_TOPICS)  # after the named topics
    if NO_TOPIC in tallies.topics.count:
        groups[NO_TOPIC] = [NO_TOPIC]
    return groups


def _month_order(tallies: Tallies) -> list[str]:
    months = sorted(row for row in tallies.month_rows.count if row not in (NO_CHECKIN, NOT_RECORDED))
    return months + [row for row in (NO_CHECKIN, NOT_RECORDED) if row in tallies.month_rows.count]


def _add_counts(disclosure: Disclosure, tallies: Tallies, topics: dict[str, list[str]], months: list[str],
                threshold: int) -> None:
    """Every published count, what a reader knows of its least value if hidden, and every sum that ties them
    together (so hiding takes all of them into account).

    The sums, as junctions the commitments pass through in turn: all of them split into lenses, each lens into
    its cells, the cells gather into modes; the modes together are the topics together, which are the months
    together; each month splits into done and not done; the done gather into the done status, the rest into
    the other statuses; and the statuses together are all commitments again.
    """
    # The number of people is published, and each has at least one commitment.
    disclosure.add(ALL, tallies.everyone.count[ALL], tallies.everyone.people[ALL],
                   floor=tallies.everyone.people[ALL], total=True)
    for lens in Lens:
        for mode in Mode:
            tallies.cells.into(disclosure, ("cell", lens, mode), (lens.value, mode.value))
        tallies.lenses.into(disclosure, ("lens", lens), lens.value, total=True)
        disclosure.add_junction(("lens", lens), [("lens", lens)], [("cell", lens, mode) for mode in Mode])
    for mode in Mode:
        tallies.modes.into(disclosure, ("mode", mode), mode.value, total=True)
        disclosure.add_junction(("mode", mode), [("cell", lens, mode) for lens in Lens], [("mode", mode)])
    disclosure.add_junction("lenses", [ALL], [("lens", lens) for lens in Lens])
    for label, members in topics.items():
        # A topic with a row of its own has at least N people, so at least N commitments, hidden or not.
        own_row = label not in (NO_TOPIC, OTHER_TOPICS)
        disclosure.add(("topic", label), sum(tallies.topics.count[topic] for topic in members),
                       tallies.people_in(members), floor=threshold if own_row else 1)
    disclosure.add_junction("topics", [("mode", mode) for mode in Mode], [("topic", label) for label in topics])
    for status in Status:
        tallies.statuses.into(disclosure, ("status", status), status.value)
    for row in months:
        tallies.month_rows.into(disclosure, ("month", row), row, total=True)
        for done in (True, False):
            tallies.months.into(disclosure, ("month", row, done), (row, done))
        disclosure.add_junction(("month", row), [("month", row)], [("month", row, True), ("month", row, False)])
    disclosure.add_junction("months", [("topic", label) for label in topics], [("month", row) for row in months])
    # The done column of the month table adds up to the number of done commitments in the status table.
    disclosure.add_junction("done", [("month", row, True) for row in months], [("status", Status.DONE)])
    disclosure.add_junction("not done", [("month", row, False) for row in months],
                            [("status", status) for status in Status if status != Status.DONE])
    disclosure.add_junction("statuses", [("status", status) for status in Status], [ALL])


def _topic_rows(disclosure: Disclosure, tallies: Tallies, topics: dict[str, list[str]], threshold: int) -> list[TopicRow]:
    rows = []
    for label in topics:
        kind = "none" if label == NO_TOPIC else "other" if label == OTHER_TOPICS else "topic"
        count = disclosure.shown(("topic", label))
        people = tallies.topics.people[label]  # a topic's or no topic's own; "other" is shown without one
        # Beside a hidden count, its people would bound it (commitments are at least people): hidden too.
        shown_people = people if kind != "other" and people >= threshold and count is not None else None
        # Titles only beside a count that is shown: listed under a hidden one, their number would bound it
        # (and with as many commitments as people, give it exactly).
        titles = tuple(sorted(tallies.titles[label], key=str.casefold)) if kind == "topic" and count is not None else ()
        rows.append(TopicRow(label, kind, count, shown_people, titles))
    return rows


def _month_rows(disclosure: Disclosure, tallies: Tallies, months: list[str]) -> list[MonthRow]:
    rows = []
    for row in months:
        count = disclosure.shown(("month", row))
        values = tallies.progress.get(row, [])
        mean = sum(values) / len(values) if count is not None and values else None
        rows.append(MonthRow(row, row if row not in (NO_CHECKIN, NOT_RECORDED) else None, count,
                             disclosure.shown(("month", row, True)), disclosure.shown(("month", row, False)), mean))
    return rows


def _tag_rows(tallies: Tallies, threshold: int) -> list[TagRow]:
    """The tags most often used, each by at least N people (a rarer tag could name someone)."""
    common = [TagRow(tag, count, tallies.tags.people[tag]) for tag, count in tallies.tags.count.items()
              if tallies.tags.people[tag] >= threshold]
    return sorted(common, key=lambda row: (-row.count, row.tag.casefold(), row.tag))[:TOP_TAGS]

