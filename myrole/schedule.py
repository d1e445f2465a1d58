"""Provides the pure date rules for check-ins: cadences (also a rota's fixed days), next due date, overdue, pause and snooze.

Everything here works on local calendar dates (never times), so a daylight-saving
change or a move between time zones cannot double or drop a check-in.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date, timedelta

NAMED_CADENCES: dict[str, tuple[int, int]] = {
    # name: (days, months)
    "weekly": (7, 0),
    "fortnightly": (14, 0),
    "monthly": (0, 1),
    "quarterly": (0, 3),
}
MAX_DAYS = 366
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")  # date.weekday() order
# Which of a month's weekdays a monthly rota falls on: its number (1 to 4), or -1 for the last.
WEEKS_OF_MONTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
EVERY_WEEK = 0  # Cadence.week for a rota on one weekday of every week


# A namedtuple rather than a dataclass: `myrole due` imports this module at every shell
# start, and dataclasses pulls in inspect, which alone costs about half its time budget.
class Cadence(namedtuple("Cadence", ("days", "months", "weekday", "week"), defaults=(0, 0, None, None))):
    """How often to check in: a number of days or of calendar months after the last check-in, or a fixed
    day on a rota (weekday 0-6 = Monday-Sunday; week EVERY_WEEK, 1 to 4 or -1 for that one of each month)."""

    __slots__ = ()

    @property
    def fixed(self) -> bool:
        """A rota's day ('every Monday', 'the first Tuesday of each month'), not a gap after the last check-in."""
        return self.weekday is not None

    @property
    def code(self) -> str:
        """The form kept in the store: a name, 'Nd' for every N days, 'every-monday' or 'first-tuesday'."""
        if self.fixed:
            day = WEEKDAYS[self.weekday]
            if self.week == EVERY_WEEK:
                return f"every-{day}"
            return f"{next(name for name, n in WEEKS_OF_MONTH.items() if n == self.week)}-{day}"
        for name, (days, months) in NAMED_CADENCES.items():
            if (days, months) == (self.days, self.months):
                return name
        return f"{self.days}d"

    @property
    def label(self) -> str:
        if self.fixed:
            which, day = self.code.split("-")
            if self.week == EVERY_WEEK:
                return f"every {day.title()}"
            return f"the {which} {day.title()} of each month"
        if self.code in NAMED_CADENCES:
            return self.code
        return "every day" if self.days == 1 else f"every {self.days} days"

    def after(self, start: date) -> date:
        """The first check-in date one cadence after start (for a rota: its first day after start)."""
        if self.fixed:
            return self.on_or_after(start + timedelta(days=1))
        if self.months:
            return add_months(start, self.months)
        return start + timedelta(days=self.days)

    def on_or_after(self, day: date) -> date:
        """A rota's first day on or after day; any other cadence has no fixed days, so day itself."""
        if not self.fixed:
            return day
        if self.week == EVERY_WEEK:
            return day + timedelta(days=(self.weekday - day.weekday()) % 7)
        this_month = weekday_in_month(day.year, day.month, self.weekday, self.week)
        if this_month >= day:
            return this_month
        following = add_months(day.replace(day=1), 1)
        return weekday_in_month(following.year, following.month, self.weekday, self.week)


def weekday_in_month(year: int, month: int, weekday: int, week: int) -> date:
    """The first to fourth (week 1-4), or last (week -1), of a weekday in a month."""
    if week == -1:
        last = add_months(date(year, month, 1), 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))


RHYTHMS = ("weekly, fortnightly, monthly, quarterly, every N days, a day of every week (every Monday) or "
           "of every month (the first Tuesday of each month)")


def parse_cadence(text: str) -> Cadence:
    """Read 'weekly', 'fortnightly', 'monthly', 'quarterly', '10d', 'every 10 days', 'every Monday'
    ('every-monday') or 'the first Tuesday of each month' ('first-tuesday')."""
    cleaned = text.strip().lower()
    if cleaned in NAMED_CADENCES:
        named_days, months = NAMED_CADENCES[cleaned]
        return Cadence(days=named_days, months=months)
    rota = _rota_day(cleaned)
    if rota is not None:
        return rota
    days = _every_n_days(cleaned)
    if days is None:
        raise ValueError(f"Choose a check-in rhythm: {RHYTHMS}.")
    if days < 1:
        raise ValueError("A check-in rhythm needs at least one day between check-ins.")
    if days > MAX_DAYS:
        raise ValueError(f"A check-in rhythm can be at most {MAX_DAYS} days.")
    return Cadence(days=days)


def _rota_day(text: str) -> Cadence | None:
    """'every-monday', 'every monday', 'first-tuesday' or 'the first tuesday of each month'; None otherwise."""
    words = text.replace("-", " ").split()
    if words[:1] == ["the"]:
        words = words[1:]
    for ending in (["of", "each", "month"], ["of", "every", "month"], ["of", "the", "month"]):
        if words[-3:] == ending:
            words = words[:-3]
    if len(words) != 2 or words[1] not in WEEKDAYS:
        return None
    weekday = WEEKDAYS.index(words[1])
    if words[0] == "every":
        return Cadence(weekday=weekday, week=EVERY_WEEK)
    if words[0] in WEEKS_OF_MONTH:
        return Cadence(weekday=weekday, week=WEEKS_OF_MONTH[words[0]])
    return None


def _every_n_days(text: str) -> int | None:
    """The N in '10d', '10 days' or 'every 10 days'; None if text is not of that form."""
    words = text.removeprefix("every").strip()
    for unit in ("days", "day", "d"):
        if words.endswith(unit):
            number = words.removesuffix(unit).strip()
            if number.lstrip("-").isdigit() and number.isascii():
                return int(number)
    return None


def add_months(start: date, months: int) -> date:
    """The same day some months later, kept inside shorter months (31 Jan + 1 month = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    next_month = date(year + month // 12, month % 12 + 1, 1)
    days_in_month = (next_month - timedelta(days=1)).day
    return date(year, month, min(start.day, days_in_month))


def next_due(
    *,
    status: str,
    created: date,
    last_checkin: date | None,
    cadence: Cadence,
    paused_until: date | None = None,
    snoozed_until: date | None = None,
) -> date | None:
    """When the next check-in falls, or None for a commitment that is done or dropped.

    Counted from the last check-in (or from creation), then pushed back to the end of
    any pause or snooze: due = max(base + cadence, paused until, snoozed until). On a rota
    ('every Monday') that is then its first rota day on or after that date, so the app, `myrole due`
    and the calendar's rule (which repeats only on rota days) always name the same day.
    """
    if status in ("done", "dropped"):
        return None
    if status == "paused" and paused_until is None:
        return None  # paused with no end date: never due, never overdue, until resumed
    due = cadence.after(last_checkin or created)
    for later in (paused_until, snoozed_until):
        if later and later > due:
            due = later
    return cadence.on_or_after(due)


def days_overdue(due: date | None, today: date) -> int:
    """How many days past its due date a check-in is (0 when due today or not yet due)."""
    if due is None or due >= today:
        return 0
    return (today - due).days


def is_due(due: date | None, today: date) -> bool:
    """True when a check-in falls today or has been missed."""
    return due is not None and due <= today


def is_paused(paused_until: date | None, today: date) -> bool:
    """True while a pause lasts (the commitment comes back on its end date)."""
    return paused_until is not None and today < paused_until


def effective_status(status: str, paused_until: date | None, today: date) -> str:
    """The status a person should see: a pause whose end date has come is over ('active')."""
    if status == "paused" and paused_until is not None and not is_paused(paused_until, today):
        return "active"
    return status


def snooze_until(due: date | None, today: date, days: int) -> date:
    """Where a snooze of some days moves the current nudge: that many days after it (or after today, if missed)."""
    if days < 1:
        raise ValueError("A snooze lasts at least one day.")
    start = due if due and due > today else today
    return start + timedelta(days=days)
