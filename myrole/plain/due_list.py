"""Provides the due list in plain mode: due and overdue check-ins, what comes next, and the next one-to-one."""

from __future__ import annotations

from myrole.due import NextOneToOne
from myrole.overview import OpenItem, build_overview
from myrole.plain.session import Session
from myrole.plain.words import spoken_date
from myrole.schedule import days_overdue, is_paused
from myrole.text import one_line


def describe(item: OpenItem, today) -> str:  # noqa: ANN001 - a date
    """One commitment's place in the schedule, in words."""
    title = one_line(item.commitment.title, 80)
    due = item.schedule.due
    if item.commitment.paused_until is not None and is_paused(item.commitment.paused_until, today):
        return f"{title}: paused until {spoken_date(item.commitment.paused_until)}."
    if due is None:
        return f"{title}: paused, with no date to come back."
    if item.is_due(today):
        late = days_overdue(due, today)
        when = "due today" if late == 0 else f"{late} day{'s' if late != 1 else ''} overdue"
        return f"{title}: check-in {when}, since {spoken_date(due)}."
    return f"{title}: next check-in on {spoken_date(due)}."


def show_due(session: Session) -> None:
    console, today = session.console, session.today
    overview = build_overview(session.conn, today)
    count = len(overview.due)
    console.say("Nothing is due for a check-in." if not count else
                f"{count} check-in{'s are' if count != 1 else ' is'} due.")
    for item in overview.due:
        console.say(describe(item, today))
    if overview.upcoming:
        later = len(overview.upcoming)
        console.say(f"{later} open commitment{'s are' if later != 1 else ' is'} not due yet.")
        for item in overview.upcoming:
            console.say(describe(item, today))
    if overview.next_one_to_one is not None:
        console.say(next_meeting(overview.next_one_to_one, today))


def next_meeting(meeting: NextOneToOne, today) -> str:  # noqa: ANN001 - a date
    """For example 'One-to-one with Alex Morgan on 1 December 2026, in 3 days.'"""
    return f"One-to-one{meeting.with_whom()} on {spoken_date(meeting.on)}, {meeting.how_far(today)}."
