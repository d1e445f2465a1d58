"""Provides dates as plain mode says them: "13 December 2026", which a screen reader reads as words.

An ISO date such as 2026-12-13 is read out as "two thousand and twenty-six dash twelve dash thirteen".
"""

from __future__ import annotations

from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # not strftime's %B, which follows the computer's language setting


def spoken_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def spoken_moment(timestamp: str) -> str:
    """A stored UTC moment (e.g. 2026-11-26T14:39:00Z) as its local date, said in words."""
    from myrole.due import local_date

    try:
        return spoken_date(local_date(timestamp))
    except ValueError:
        return timestamp[:10]
