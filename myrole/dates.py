"""Provides reading and writing the dates files hold (strictly YYYY-MM-DD) and UTC moments.

Standard library only, and no regular expressions, for `myrole due`'s start. What a person types is read by
validation.typed_day.
"""

from __future__ import annotations

from datetime import date, datetime

DATE_FORM = "year-month-day, for example 2027-03-31"  # how a refusal says the one form a file's date is in


def date_text(value: date | None) -> str | None:
    """A date as stored, e.g. '2026-11-26'; None stays None."""
    return value.isoformat() if value else None


def day_or_none(text: str) -> date | None:
    """The day text names when it is written exactly as YYYY-MM-DD and the calendar has it, else None.

    Every date a file holds is read here (what a person types: validation.typed_day): date.fromisoformat
    alone would also take '20270331', '2027-W13-3' and other ISO 8601 forms that no one means.
    """
    in_form = (len(text) == 10 and text.isascii() and text[4] == "-" and text[7] == "-"
               and (text[:4] + text[5:7] + text[8:]).isdigit())
    if not in_form:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:  # 2027-02-30
        return None


def read_date(text: str) -> date:
    """The day written exactly as YYYY-MM-DD; ValueError, in one sentence naming the form, for anything else."""
    day = day_or_none(text)
    if day is None:
        raise ValueError(f"A date must be a real day written as {DATE_FORM}.")
    return day


def parse_date(value: str | None) -> date | None:
    """A stored date ('2026-11-26'), or None for an empty one."""
    return read_date(value) if value else None


def utc_moment(timestamp: str) -> datetime:
    """A stored UTC moment ('2026-11-26T14:39:00Z') as an aware datetime."""
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))


def local_moment(timestamp: str) -> datetime:
    """A stored UTC moment in the computer's time zone.

    Windows cannot say what a moment before 1970 was locally (astimezone raises OSError there, a CPython
    limit): such a moment, only ever in an imported record, is given in UTC, which is at most a day out.
    """
    moment = utc_moment(timestamp)
    try:
        return moment.astimezone()
    except (OSError, OverflowError):
        return moment


def local_date(timestamp: str) -> date:
    """The local calendar date of a stored UTC moment."""
    return local_moment(timestamp).date()
