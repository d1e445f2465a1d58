"""Provides the labelled fields of each part of a summary, in order, that the Markdown, HTML and PDF exports draw alike.

What a field says and whether it is shown is decided here once; each renderer only escapes and lays
it out. A field's `kind` says whose words its value is, so that every renderer keeps the person's
text inert in its own way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache

from myrole.export import words
from myrole.export.document import CommitmentEntry, Document, ReflectionEntry
from myrole.model import PROGRESS_LABELS, Answer, CheckIn, Lens, Mode, OneToOne, Reflection, Visibility
from myrole.privacy import AnonymisedCommitment, Audience


class Kind(Enum):
    OURS = "ours"  # our own words (a status, a date): no markup in them
    LINE = "line"  # the person's text, shown on one line
    TAGS = "tags"  # the person's tags, shown on one line with commas between
    TEXT = "text"  # the person's text, line breaks kept


@dataclass(frozen=True)
class Field:
    label: str
    value: str | tuple[str, ...]
    kind: Kind = Kind.OURS

    @property
    def text(self) -> str:
        """The value of any field but tags (a TAGS field's value is a tuple)."""
        assert isinstance(self.value, str), self.kind
        return self.value


def _texts(*pairs: tuple[str, str]) -> list[Field]:
    """The person's multi-line texts under their labels, leaving out the empty ones."""
    return [Field(label, value, Kind.TEXT) for label, value in pairs if value.strip()]


def header_facts(document: Document) -> list[Field]:
    # Kind.LINE: for the alliance it holds the collective's name, which came from a file or a setting.
    return [Field("Prepared for", document.audience.description(document.collective), Kind.LINE),
            Field("Covers", words.covers(document.since, document.exported_at)),
            Field("Made", words.moment(document.exported_at))]


def who(document: Document) -> tuple[list[str], str]:
    """The person's name, role and organisation (those written), and their line manager's name or ""."""
    p = document.profile
    if not p or not (p.name or p.role or p.organisation):
        return [], ""
    return [t for t in (p.name, p.role, p.organisation) if t.strip()], p.manager_name.strip() and p.manager_name


def commitment_facts(entry: CommitmentEntry, audience: Audience) -> list[Field]:
    """Mode, status and (for me) who can see it: what comes before the progress in Markdown, after it in HTML."""
    c = entry.commitment
    fields = [Field("Mode", c.mode.label), Field("Status", words.status(c))]
    if audience is Audience.ME:
        fields.append(Field("Shared with", words.VISIBILITY_WORDS[c.visibility]))
    return fields


def progress(entry: CommitmentEntry, since: date | None) -> str:
    return words.progress_line(entry.latest, entry.checkin_count, since)


def commitment_details(entry: CommitmentEntry) -> list[Field]:
    """The target date, rhythm, tags and the person's texts about the commitment."""
    c = entry.commitment
    fields = [Field("Target date", words.long_date(c.target_date))] if c.target_date else []
    fields.append(Field("Check-in rhythm", words.rhythm(c.cadence), Kind.LINE))
    if c.tags:
        fields.append(Field("Tags", c.tags, Kind.TAGS))
    return fields + _texts(("Detail", c.detail), ("First step", c.first_step), ("What success looks like", c.success),
                           ("Support I need", c.support), (words.REASON_LABELS[c.status], c.status_reason))


def checkin_fields(checkin: CheckIn, audience: Audience) -> list[Field]:
    facts = [Field(label, value) for label, value in words.checkin_facts(checkin, audience)]
    return facts + _texts(("What happened", checkin.note), ("What got in the way", checkin.barriers),
                          ("Next step", checkin.next_step))


def one_to_one_fields(record: OneToOne, audience: Audience) -> list[Field]:
    fields = [Field("State", words.one_to_one_state(record))]
    if record.next_on:
        fields.append(Field("Next one-to-one", words.long_date(record.next_on)))
    for item in record.items:
        private = "; private" if audience is Audience.ME and item.visibility is Visibility.PRIVATE else ""
        fields += _texts((words.item_label(item) + private, item.text))
    return fields


def anonymised_fields(item: AnonymisedCommitment, since: date | None = None) -> list[Field]:
    fields = [Field("Mode", item.mode.label), Field("Status", item.status.value)]
    if item.target_month:
        fields.append(Field("Target month", words.month_words(item.target_month)))
    if item.tags:
        fields.append(Field("Tags", item.tags, Kind.TAGS))
    if item.event_name:
        fields.append(Field("Event", item.event_name, Kind.LINE))
    if item.topic.strip():
        fields.append(Field("Topic", item.topic, Kind.LINE))
    if item.progress is not None:
        fields.append(Field("Progress", PROGRESS_LABELS[item.progress]))
    fields.append(Field("Check-ins", words.checkins_words(item.checkins, item.last_checkin_month, since)))
    return fields


def shown_answers(entry: ReflectionEntry, audience: Audience) -> Iterator[tuple[Answer, Visibility | None]]:
    """Each of a reflection's answers that has words, with who it is shared with (said only in the person's own
    export, so None in any other)."""
    for placed in entry.answers:
        answer = placed.answer
        if answer.text.strip():
            yield answer, answer.visibility if audience is Audience.ME else None


@cache
def answer_about(lens: Lens | None, mode: Mode | None, shared: Visibility | None) -> str:
    """'Self; Action; shared with my line manager' (made once per combination, not per answer). A step of a
    reflection model has no lens of its own (the reflection's tags say which it touched: reflection_lenses),
    so for one only who it is shared with is said, or nothing ("")."""
    with_whom = f"shared with {words.VISIBILITY_WORDS[shared]}" if shared else ""
    if lens and mode:
        return f"{lens.label}; {mode.label}" + (f"; {with_whom}" if with_whom else "")
    return with_whom[:1].upper() + with_whom[1:]


def reflection_lenses(reflection: Reflection) -> str:
    """'Lenses it touched: Self (Raise awareness); ...' for a reflection tagged at its end, else ""."""
    if not reflection.lenses:
        return ""
    return "Lenses it touched: " + "; ".join(f"{lens.label} ({mode.label})" for lens, mode in reflection.lenses)

