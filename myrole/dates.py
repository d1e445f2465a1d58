"""Provides reading and writing dates (files: strictly YYYY-MM-DD; typed: that or day/month/year) and UTC
moments (standard library only, for `myrole due`)."""

from __future__ import annotations

import re
from datetime import date, datetime

DATE_FORM = "year-month-day, for example 2027-03-31"  # how a refusal says the one form a file's date is in
TYPED_FORMS = "31/03/2027 or 2027-03-31"  # how a refusal says the two forms a person may type a date in
SINCE_FORMS = "01/04/2026 or 2026-04-01"  # the same for a date things happened from: an example in the past
# A typed date: in the order myrole writes it (2027-03-31), or day first as people in the UK write it
# (31/03/2027, 31.03.2027, 31-03-2027); a day or month without its leading zero too. Nothing else
# date.fromisoformat would take ('20270331', '2027-W13-3', '2027-090'), and only ASCII digits.
ISO_ORDER = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
UK_ORDER = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.ASCII)


def date_text(value: date | None) -> str | None:
    """A date as stored, e.g. '2026-11-26'; None stays None."""
    return value.isoformat() if value else None


def in_date_form(text: str) -> bool:
    """Whether text is written as YYYY-MM-DD: ten ASCII characters, digits with hyphens at 5 and 8 (a day the
    calendar may not have, such as 2027-02-30, is still in the form)."""
    return (len(text) == 10 and text.isascii() and text[4] == "-" and text[7] == "-"
            and (text[:4] + text[5:7] + text[8:]).isdigit())


def day_or_none(text: str) -> date | None:
    """The day text names when it is written exactly as YYYY-MM-DD and the calendar has it, else None.

    Every date a file holds is read here (what a person types: typed_day): date.fromisoformat alone would
    also take '20270331', '2027-W13-3' and other ISO 8601 forms that no one means.
    """
    if not in_date_form(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:  # 2027-02-30
        return None


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
