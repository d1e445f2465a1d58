"""Provides the checks a commitment's form must pass, each failure as one plain sentence."""

from __future__ import annotations

import re
from datetime import date

from myrole.limits import EARLIEST_YEAR, LATEST_YEAR
from myrole.schedule import parse_cadence

TYPED_FORMS = "31/03/2027 or 2027-03-31"  # how a refusal says the two forms a person may type a date in
SINCE_FORMS = "01/04/2026 or 2026-04-01"  # the same for a date things happened from: an example in the past
# A typed date: in the order myrole writes it (2027-03-31), or day first as people in the UK write it
# (31/03/2027, 31.03.2027, 31-03-2027); a day or month without its leading zero too. Nothing else
# date.fromisoformat would take ('20270331', '2027-W13-3', '2027-090'), and only ASCII digits. (A file's
# dates are stricter: myrole.dates.day_or_none.)
ISO_ORDER = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
UK_ORDER = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.ASCII)


def looks_typed_as_a_date(text: str) -> bool:
    """Whether text (trimmed) is in one of the two typed forms, whether or not the calendar has that day (2027-02-30)."""
    return bool(ISO_ORDER.fullmatch(text) or UK_ORDER.fullmatch(text))


def typed_day(text: str) -> date | None:
    """The day a person typed (spaces around it trimmed) in either form of TYPED_FORMS, if the calendar has it."""
    cleaned = text.strip()
    if match := ISO_ORDER.fullmatch(cleaned):
        year, month, day = match.groups()
    elif match := UK_ORDER.fullmatch(cleaned):
        day, month, year = match.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_form_date(text: str, what: str) -> date | None:
    """An optional date typed into a form (31/03/2027 or 2027-03-31, spaces around it trimmed); a clear sentence
    otherwise."""
    cleaned = text.strip()
    if not cleaned:
        return None
    typed = typed_day(cleaned)
    if typed is None and looks_typed_as_a_date(cleaned):
        raise ValueError(f"The {what} is not a day in the calendar; check the day and the month.")
    if typed is None:
        raise ValueError(f"The {what} is not a date myrole can read; write it as {TYPED_FORMS}.")
    if not EARLIEST_YEAR <= typed.year <= LATEST_YEAR:
        raise ValueError(f"The {what} {typed.isoformat()} is too far from today; "
                         f"choose a date between {EARLIEST_YEAR} and {LATEST_YEAR}.")
    return typed


def check_target_date(target: date | None, today: date, *, unchanged_from: date | None = None) -> None:
    """A new or changed target date must not already be in the past."""
    if target and target < today and target != unchanged_from:
        raise ValueError("The target date is in the past; choose today or a later date.")


def check_cadence(text: str) -> str:
    """The cadence's stored code, or a clear sentence."""
    return parse_cadence(text).code


def check_pause_until(until: date | None, today: date) -> date:
    if until is None:
        raise ValueError(f"Say until when to pause, as {TYPED_FORMS}.")
    if until <= today:
        raise ValueError("A pause needs to end after today; choose a later date.")
    return until


def check_since(since: date | None, today: date) -> None:
    """An export's start date must not be after today (the export would cover nothing), nor before 1900."""
    if since is not None and since > today:
        raise ValueError("The since date is after today; choose today or an earlier date.")
    if since is not None and since.year < EARLIEST_YEAR:
        raise ValueError(f"The since date is before {EARLIEST_YEAR}; choose a later date.")
