"""Provides the checks a commitment's form must pass, each failure as one plain sentence."""

from __future__ import annotations

from datetime import date

from myrole.limits import EARLIEST_YEAR, LATEST_YEAR
from myrole.schedule import parse_cadence

DATE_FORMS = "31/03/2027 or 2027-03-31"


def parse_form_date(text: str, what: str) -> date | None:
    """An optional date typed into a form; a clear sentence when it cannot be read."""
    cleaned = text.strip()
    if not cleaned:
        return None
    typed = _read_date(cleaned)
    if typed is None:
        raise ValueError(f"The {what} is not a date myrole can read; write it as {DATE_FORMS}.")
    if not EARLIEST_YEAR <= typed.year <= LATEST_YEAR:
        raise ValueError(f"The {what} {typed.isoformat()} is too far from today; "
                         f"choose a date between {EARLIEST_YEAR} and {LATEST_YEAR}.")
    return typed


def _read_date(cleaned: str) -> date | None:
    """An ISO date (2027-03-31) or the UK order people type first (31/03/2027), else None."""
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    day, _, rest = cleaned.replace(".", "/").replace("-", "/").partition("/")
    month, _, year = rest.partition("/")
    try:
        if len(year) == 4:
            return date(int(year), int(month), int(day))
    except ValueError:
        pass
    return None


def check_target_date(target: date | None, today: date, *, unchanged_from: date | None = None) -> None:
    """A new or changed target date must not already be in the past."""
    if target and target < today and target != unchanged_from:
        raise ValueError("The target date is in the past; choose today or a later date.")


def check_cadence(text: str) -> str:
    """The cadence's stored code, or a clear sentence."""
    return parse_cadence(text).code


def check_pause_until(until: date | None, today: date) -> date:
    if until is None:
        raise ValueError(f"Say until when to pause, as {DATE_FORMS}.")
    if until <= today:
        raise ValueError("A pause needs to end after today; choose a later date.")
    return until


def check_since(since: date | None, today: date) -> None:
    """An export's start date must not be after today: the export would cover nothing."""
    if since is not None and since > today:
        raise ValueError(f"The since date {since.isoformat()} is after today; choose today or an earlier date.")
