"""Provides the pure date rules for check-ins: cadences, next due date, overdue, pause and snooze.

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


# A namedtuple rather than a dataclass: `myrole due` imports this module at every shell
# start, and dataclasses pulls in inspect, which alone costs about half its time budget.
class Cadence(namedtuple("Cadence", ("days", "months"), defaults=(0, 0))):
    """How often to check in: a number of days, or of calendar months."""

    __slots__ = ()

    @property
    def code(self) -> str:
        """The form kept in the store: a name, or 'Nd' for every N days."""
        for name, (days, months) in NAMED_CADENCES.items():
            if (days, months) == (self.days, self.months):
                return name
        return f"{self.days}d"

    @property
    def label(self) -> str:
        if self.code in NAMED_CADENCES:
            return self.code
        return "every day" if self.days == 1 else f"every {self.days} days"

    def after(self, start: date) -> date:
        """The first check-in date one cadence after start."""
        if self.months:
            return add_months(start, self.months)
        return start + timedelta(days=self.days)


def parse_cadence(text: str) -> Cadence:
    """Read 'weekly', 'fortnightly', 'monthly', 'quarterly', '10d' or 'every 10 days'."""
    cleaned = text.strip().lower()
    if cleaned in NAMED_CADENCES:
        days, months = NAMED_CADENCES[cleaned]
        return Cadence(days=days, months=months)
    days = _every_n_days(cleaned)
    if days is None:
        raise ValueError(
            "Choose a check-in rhythm: weekly, fortnightly, monthly, quarterly or every N days."
        )
    if days < 1:
        raise ValueError("A check-in rhythm needs at least one day between check-ins.")
    if days > MAX_DAYS:
        raise ValueError(f"A check-in rhythm can be at most {MAX_DAYS} days.")
    return Cadence(days=days)


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
    any pause or snooze: due = max(base + cadence, paused until, snoozed until).
    """
    if status in ("done", "dropped"):
        return None
    if status == "paused" and paused_until is None:
        return None  # paused with no end date: never due, never overdue, until resumed
    due = cadence.after(last_checkin or created)
    for later in (paused_until, snoozed_until):
        if later and later > due:
            due = later
    return due


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
