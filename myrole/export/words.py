"""Provides the plain-English words myrole's summaries share: titles, dates, who can see, check-ins.

Used by the readable exports (Markdown, HTML, and the PDF through outline.py), the revalidation documents,
`myrole export` and `myrole revalidation`, the collation's words, and the app's screens.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from typing import TYPE_CHECKING

from myrole.model import (CONFIDENCE_LABELS, PROGRESS_LABELS, CheckIn, Commitment, OneToOne,
                          OneToOneItem, Status, Visibility)
from myrole.events import collective_words
from myrole.privacy import Audience
from myrole.text import inert

if TYPE_CHECKING:
    from myrole.export.document import Document

FRAMEWORK_CREDIT = ("Built around \u201cMy role in tackling health inequalities: a framework for allied "
                    "health professionals\u201d, The King\u2019s Fund (2021).")
FRAMEWORK_URL = ("https://www.kingsfund.org.uk/insight-and-analysis/reports/"
                 "tackling-health-inequalities-framework-allied-health-professionals")

TITLES: dict[Audience, str] = {
    Audience.ME: "My commitment summary",
    Audience.MANAGER: "Commitment summary for my line manager",
}


# How a file written is named in the sentence saying so (the app's export screen, `myrole export`,
# `myrole revalidation`): in words, not the option values.
AUDIENCE_WORDS = {"me": "personal", "manager": "line manager's", "alliance": "anonymous alliance"}
FORMAT_WORDS = {"md": "Markdown", "html": "web page", "json": "JSON", "pdf": "PDF"}


def written(audience: str, fmt: str) -> str:
    """'the personal summary (PDF)': what an export wrote, in words."""
    return f"the {AUDIENCE_WORDS[audience]} summary ({FORMAT_WORDS[fmt]})"


def title(document: Document) -> str:
    """The summary's title; an alliance summary names the collective (or says who it is in plain words)."""
    if document.audience is Audience.ALLIANCE:
        return f"Commitments shared with {_collective(document)}"
    return TITLES[document.audience]


def no_shared_commitments(document: Document) -> str:
    return f"No commitments are shared with {_collective(document)}."


def _collective(document: Document) -> str:
    """The collective's name as it may be shown: it came from a setting or an organiser's file."""
    return inert(collective_words(document.collective))


def checkins_words(count: int, last_month: str | None, since: date | None = None) -> str:
    """'3 check-ins, the last in May 2026', or 'none yet' ('none in this period' in a summary from a date)."""
    if not count:
        return "none yet" if since is None else "none in this period"
    plural = "s" if count != 1 else ""
    return f"{count} check-in{plural}, the last in {month_words(last_month)}" if last_month else f"{count} check-in{plural}"
VISIBILITY_WORDS: dict[Visibility, str] = {
    Visibility.PRIVATE: "nobody (private)",
    Visibility.MANAGER: "my line manager",
    # The person's own export says who, as the rest of myrole does (the group's name is in the summary for it).
    Visibility.ALLIANCE: "my line manager and the group I share commitments with",
}


# The months in English whatever the computer's language (strftime's %B follows the locale).
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def long_date(value: date) -> str:
    """A date as people in the UK write it: 1 April 2026."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def long_date_of(timestamp: str) -> str:
    """The date part of a stored timestamp, as people in the UK write it."""
    return long_date(date.fromisoformat(timestamp[:10]))


def month_words(month: str) -> str:
    """'2026-12' as 'December 2026'."""
    year, number = month.split("-")
    return f"{MONTHS[date(int(year), int(number), 1).month - 1]} {year}"  # a month that is not real is refused


def moment(timestamp: str) -> str:
    """A stored UTC timestamp in words, as the other dates are: 26 November 2026 at 14:39 UTC."""
    return f"{long_date_of(timestamp)} at {timestamp[11:16]} UTC" if len(timestamp) >= 16 else timestamp


def covers(since: date | None, exported_at: str) -> str:
    made = date.fromisoformat(exported_at[:10])
    if since is None:
        return f"everything up to {long_date(made)}"
    return f"from {long_date(since)} to {long_date(made)}"


def rhythm(cadence: str) -> str:
    """'fortnightly', or 'every 10 days' for '10d'."""
    from myrole.schedule import parse_cadence

    try:
        return parse_cadence(cadence).label
    except ValueError:
        return cadence


def progress(value: int) -> str:
    return f"{PROGRESS_LABELS[value]} ({value} of 4)"


def confidence(value: int) -> str:
    return f"{CONFIDENCE_LABELS.get(value, str(value))} ({value} of 5)"


def status(c: Commitment | None = None, *, value: Status | None = None) -> str:
    """The status in words, with the pause date where there is one."""
    current = value or (c.status if c else Status.ACTIVE)
    if c is not None and current is Status.PAUSED and c.paused_until:
        return f"paused until {long_date(c.paused_until)}"
    return current.value


REASON_LABELS: dict[Status, str] = {
    Status.ACTIVE: "Reason for the last change",
    Status.PAUSED: "Why it is paused",
    Status.DONE: "Closing note",
    Status.DROPPED: "Why it was dropped",
}


def progress_line(latest: CheckIn | None, count: int, since: date | None = None) -> str:
    if latest is None:
        return "no check-ins yet" if since is None else "no check-ins in this period"
    return f"{progress(latest.progress)}, after {count} check-in{'s' if count != 1 else ''}"


def checkin_title(checkin: CheckIn) -> str:
    return f"Latest check-in, {long_date(checkin.on_date)}"


def checkin_facts(checkin: CheckIn, audience: Audience) -> list[tuple[str, str]]:
    """Progress, confidence and (for me) who can see it, as label and words."""
    facts = [("Progress", progress(checkin.progress)), ("Confidence", confidence(checkin.confidence))]
    if audience is Audience.ME:
        facts.append(("Shared with", VISIBILITY_WORDS[checkin.visibility]))
    return facts


def one_to_one_heading(record: OneToOne) -> str:
    who = f" with {record.manager_name}" if record.manager_name else ""
    return f"One-to-one on {long_date(record.held_on)}{who}"


def one_to_one_state(record: OneToOne) -> str:
    if record.locked:
        return f"agreed on {long_date_of(record.agreed_at)} (read-only)" if record.agreed_at else "agreed (read-only)"
    return "draft (not yet agreed)"


def item_label(item: OneToOneItem) -> str:
    """'Agreed action (closed; became a commitment)' and the like."""
    label = "Correction" if item.correction else item.kind.label[:1].upper() + item.kind.label[1:]
    notes = []
    if item.carried_from:
        notes.append("carried forward")
    if item.kind.value != "note":
        notes.append("closed" if item.closed else "open")
    if item.commitment_id:
        notes.append("became a commitment")
    return f"{label} ({'; '.join(notes)})" if notes else label


def rendered_then_forgotten(build: Callable[[Any], list[str]], cache: Any) -> Callable[[Any], list[str]]:
    """build(document) as a renderer's parts, with cache (an lru_cache of the person's words, kept for
    one export and not after it) cleared when it returns or fails."""
    def parts(document: Any) -> list[str]:
        try:
            return build(document)
        finally:
            cache.cache_clear()
    return parts
