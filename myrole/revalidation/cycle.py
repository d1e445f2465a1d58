"""Provides the NMC's three-year cycle, and where a person stands in it: accounts written, CPD hours."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from myrole.model import Reflection
from myrole.revalidation.model import CYCLE_YEARS, CpdDetails, NmcAccount
from myrole.store.cpd import all_details, get_revalidation_date, list_accounts
from myrole.store.reflections import get_reflection


def years_before(day: date, years: int) -> date:
    """The same day so many years earlier (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def months_after(day: date, months: int) -> date:
    """The same day so many months later (the month's last day when it has no such day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


@dataclass(frozen=True)
class Cycle:
    """The days from start to end, both counted; end is the revalidation date (or today, when none is known)."""

    start: date
    end: date
    revalidation_date: date | None

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def current_cycle(revalidation_date: date | None, today: date) -> Cycle:
    end = revalidation_date or today
    return Cycle(years_before(end, CYCLE_YEARS) + timedelta(days=1), end, revalidation_date)


def activity_date(reflection: Reflection, details: CpdDetails | None) -> date:
    """When a reflection's activity happened: its CPD date, or the day it was finished (or started)."""
    if details is not None:
        return details.on_date
    return date.fromisoformat((reflection.finished_at or reflection.started_at)[:10])


@dataclass(frozen=True)
class DatedAccount:
    account: NmcAccount
    reflection: Reflection
    on_date: date
    details: CpdDetails | None


@dataclass(frozen=True)
class Progress:
    """Where the person stands in their cycle."""

    cycle: Cycle
    accounts: list[DatedAccount]  # in this cycle, oldest first
    earlier_accounts: int  # kept, but dated before this cycle began
    later_accounts: int  # kept, but dated after its end (a revalidation date not yet moved on)
    minutes: int
    participatory_minutes: int
    counted: tuple[CpdDetails, ...] = ()  # the CPD details dated in this cycle, oldest first: the CPD log


def progress(db: sqlite3.Connection, today: date) -> Progress:
    cycle = current_cycle(get_revalidation_date(db), today)
    details = all_details(db)
    dated = []
    for account in list_accounts(db):
        reflection = get_reflection(db, account.reflection_id)
        if reflection is not None:
            found = details.get(account.reflection_id)
            dated.append(DatedAccount(account, reflection, activity_date(reflection, found), found))
    dated.sort(key=lambda item: (item.on_date, item.account.created_at))
    in_cycle = [item for item in dated if cycle.holds(item.on_date)]
    counted = sorted((d for d in details.values() if cycle.holds(d.on_date)),
                     key=lambda d: (d.on_date, d.reflection_id))
    return Progress(cycle, in_cycle, sum(item.on_date < cycle.start for item in dated),
                    sum(item.on_date > cycle.end for item in dated), sum(d.minutes for d in counted),
                    sum(d.minutes for d in counted if d.participatory), tuple(counted))


def hours_number(minutes: int) -> str:
    """Minutes as a number of hours: '1', '2.5', '0.33'."""
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".")


def hours(minutes: int) -> str:
    """Minutes as hours in words: '1 hour', '2.5 hours', '0 hours'."""
    value = hours_number(minutes)
    return f"{value} hour" if value == "1" else f"{value} hours"
