"""Provides the iCalendar (.ics) file of check-in reminders behind `myrole calendar`.

One all-day, recurring event per open commitment, starting on its next due date (as the app and
`myrole due` count it, from the last check-in) and repeating at its cadence, with an alarm; a rota's
cadence ('every Monday', 'the first Tuesday of each month') repeats on its own days. The UID comes from the commitment's id, so importing
a newer file updates the events instead of adding copies. A commitment with nothing
due (done, dropped, or paused with no end date) that changed in the last 90 days gets its
event again, cancelled (STATUS:CANCELLED, a higher SEQUENCE), so a calendar that had its
reminders drops them; older ones are left out, as some calendars keep cancelled events
crossed out.
Work calendars are often shared, so a private commitment gets a neutral title and none
of its text.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from icalendar import Alarm, Calendar, Event

from myrole import __version__
from myrole.dates import local_date, utc_moment
from myrole.model import Commitment, Visibility
from myrole.schedule import EVERY_WEEK, Cadence, parse_cadence
from myrole.store.checkins import summarise
from myrole.store.commitments import list_commitments
from myrole.text import one_line

if TYPE_CHECKING:
    import sqlite3

PRODID = f"-//myrole//check-in reminders {__version__}//EN"
PRIVATE_TITLE = "Check in on a private commitment"
PRIVATE_DESCRIPTION = "A private commitment in myrole is due for a check-in. Open myrole to see it."
SHARED_DESCRIPTION = (
    "Time for a short check-in in myrole: how is it going, what got in the way, "
    "and what is the next step? (`myrole due` lists what is due.)"
)
OUR_FIRST_LINES = 4096  # bytes read to tell whether an existing file is a calendar myrole wrote
CANCELLED_DESCRIPTION = "No check-ins are due for this commitment in myrole now: it is done, dropped or paused."
ALARM_AT = timedelta(hours=9)
CANCELLED_FOR = timedelta(days=90)  # long enough for any calendar to have taken the cancellation  # 09:00 on the day (all-day events start at midnight)


ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # date.weekday() order


def recurrence(cadence: Cadence, start: date) -> dict:
    """An RRULE (as a dict for icalendar) that repeats like the cadence from start, the next due date.

    The app counts a gap from the last check-in, so the event starts on the next due date as the app
    reckons it, and exporting again after a check-in moves it (the UID stays, so the calendar updates).
    A rota's rule names its days, and start is always one of them (schedule.next_due).
    """
    if cadence.fixed:
        if cadence.week == EVERY_WEEK:
            return {"FREQ": "WEEKLY", "BYDAY": ICAL_DAYS[cadence.weekday]}
        return {"FREQ": "MONTHLY", "BYDAY": f"{cadence.week}{ICAL_DAYS[cadence.weekday]}"}
    if cadence.months:
        rule: dict = {"FREQ": "MONTHLY", "INTERVAL": cadence.months}
        if start.day > 28:
            # Like add_months: the 31st becomes the last day of a shorter month.
            rule |= {"BYMONTHDAY": list(range(28, start.day + 1)), "BYSETPOS": -1}
        return rule
    if cadence.days % 7 == 0:
        return {"FREQ": "WEEKLY", "INTERVAL": cadence.days // 7}
    return {"FREQ": "DAILY", "INTERVAL": cadence.days}


def uid_for(commitment: Commitment) -> str:
    """The same UID on every export, so a calendar updates the event rather than duplicating it."""
    return f"{commitment.id}@myrole"


def _utc(timestamp: str) -> datetime:
    return utc_moment(timestamp).astimezone(timezone.utc)


def _event(commitment: Commitment, day: date) -> Event:
    """The all-day event both kinds share: UID, stamps, title, class; a private commitment's text never goes in."""
    private = commitment.visibility is Visibility.PRIVATE
    # one_line: a calendar line must hold no control characters (RFC 5545), nor anything a terminal obeys.
    summary = PRIVATE_TITLE if private else f"Check in: {one_line(commitment.title)}"
    event = Event()
    event.add("uid", uid_for(commitment))
    event.add("dtstamp", _utc(commitment.updated_at))
    event.add("created", _utc(commitment.created_at))
    event.add("last-modified", _utc(commitment.updated_at))
    event.add("sequence", commitment.version)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("class", "PRIVATE" if private else "PUBLIC")
    return event


def reminder_event(commitment: Commitment, due: date) -> Event:
    """One recurring all-day reminder from the due date, with an alarm at 09:00."""
    private = commitment.visibility is Visibility.PRIVATE
    event = _event(commitment, due)
    event.add("description", PRIVATE_DESCRIPTION if private else SHARED_DESCRIPTION)
    event.add("rrule", recurrence(parse_cadence(commitment.cadence), due))
    if not private:
        event.add("categories", ["myrole", commitment.lens.label])
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", event["summary"])
    alarm.add("trigger", ALARM_AT)
    event.add_component(alarm)
    return event


def cancelled_event(commitment: Commitment) -> Event:
    """The commitment's event, cancelled: its last change bumped the version, so SEQUENCE is higher."""
    event = _event(commitment, local_date(commitment.updated_at))
    event.add("status", "CANCELLED")
    event.add("description", CANCELLED_DESCRIPTION)
    return event


def build_calendar(db: sqlite3.Connection, today: date | None = None) -> bytes:
    """The whole .ics file: a reminder for each commitment with a next due date, and a cancellation for
    each other one that changed within CANCELLED_FOR of today."""
    today = today or date.today()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "myrole check-ins")
    for commitment in list_commitments(db):
        due = summarise(db, commitment).due  # None when done, dropped, or paused with no end date
        if due is not None:
            cal.add_component(reminder_event(commitment, due))
        elif local_date(commitment.updated_at) >= today - CANCELLED_FOR:
            cal.add_component(cancelled_event(commitment))
    return cal.to_ical()


def made_by_myrole(path: Path) -> bool:
    """Whether the file at path is a calendar `myrole calendar` wrote (so writing a newer one over it is updating it).

    Only its first few kilobytes are read; a file that cannot be read counts as not ours.
    """
    try:
        with path.open("rb") as file:
            start = file.read(OUR_FIRST_LINES)
    except OSError:
        return False
    return start.startswith(b"BEGIN:VCALENDAR") and b"PRODID:-//myrole//check-in reminders " in start
