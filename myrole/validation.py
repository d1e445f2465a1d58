"""Provides the checks a commitment's form must pass, each failure as one plain sentence."""

from __future__ import annotations

import re
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
    if typed is None and _looks_like_a_date(cleaned):
        raise ValueError(f"The {what} is not a day in the calendar; check the day and the month.")
    if typed is None:
        raise ValueError(f"The {what} is not a date myrole can read; write it as {DATE_FORMS}.")
    if not EARLIEST_YEAR <= typed.year <= LATEST_YEAR:
        raise ValueError(f"The {what} {typed.isoformat()} is too far from today; "
                         f"choose a date between {EARLIEST_YEAR} and {LATEST_YEAR}.")
    return typed


ISO_ORDER = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)  # 2027-03-31, the order myrole writes
UK_ORDER = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.ASCII)  # 31/03/2027, the order people type first


def _looks_like_a_date(cleaned: str) -> bool:
    """Written in one of the two shapes, whether or not that day exists (2027-02-30)."""
    return bool(ISO_ORDER.fullmatch(cleaned) or UK_ORDER.fullmatch(cleaned))


def _read_date(cleaned: str) -> date | None:
    """The day written in either shape, else None (also for a day the calendar does not have)."""
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
    """An export's start date must not be after today (the export would cover nothing), nor before 1900."""
    if since is not None and since > today:
        raise ValueError("The since date is after today; choose today or an earlier date.")
    if since is not None and since.year < EARLIEST_YEAR:
        raise ValueError(f"The since date is before {EARLIEST_YEAR}; choose a later date.")
