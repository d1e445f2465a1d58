"""Provides the checks a commitment's form must pass, each failure as one plain sentence."""

from __future__ import annotations

from datetime import date

from myrole.dates import TYPED_FORMS, looks_typed_as_a_date, typed_day
from myrole.limits import EARLIEST_YEAR, LATEST_YEAR
from myrole.schedule import parse_cadence


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
