"""Tests the due rule: cadences, never before the last check-in, pause and snooze, and daylight saving in London."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from myrole.due import local_date
from myrole.schedule import (
    Cadence,
    add_months,
    days_overdue,
    effective_status,
    is_due,
    is_paused,
    next_due,
    parse_cadence,
    snooze_until,
)

LONDON = ZoneInfo("Europe/London")
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
cadences = st.one_of(
    st.sampled_from(["weekly", "fortnightly", "monthly", "quarterly"]),
    st.integers(min_value=1, max_value=366).map(lambda n: f"{n}d"),
).map(parse_cadence)
maybe_dates = st.one_of(st.none(), dates)
# The two changes of 2026 in London: clocks forward 29 March, back 25 October.
DST_DAYS = st.one_of(
    st.dates(min_value=date(2026, 3, 20), max_value=date(2026, 4, 5)),
    st.dates(min_value=date(2026, 10, 16), max_value=date(2026, 11, 1)),
)


@pytest.mark.parametrize(("text", "code", "label"), [
    ("weekly", "weekly", "weekly"), (" Fortnightly ", "fortnightly", "fortnightly"),
    ("monthly", "monthly", "monthly"), ("quarterly", "quarterly", "quarterly"),
    ("10d", "10d", "every 10 days"), ("every 3 days", "3d", "every 3 days"),
])
def test_cadences_read_as_people_write_them(text, code, label):
    cadence = parse_cadence(text)
    assert (cadence.code, cadence.label) == (code, label)


@pytest.mark.parametrize(("text", "sentence"), [
    ("0d", "at least one day"), ("-3d", "at least one day"), ("every 0 days", "at least one day"),
    ("400d", "at most 366 days"), ("sometimes", "Choose a check-in rhythm"), ("", "Choose a check-in rhythm"),
])
def test_a_cadence_of_zero_or_less_or_nonsense_is_refused_with_a_sentence(text, sentence):
    with pytest.raises(ValueError, match=sentence):
        parse_cadence(text)


@given(created=dates, gap=st.integers(0, 400), cadence=cadences, paused=maybe_dates, snoozed=maybe_dates)
def test_the_next_check_in_never_falls_on_or_before_the_last_one(created, gap, cadence, paused, snoozed):
    last = created + timedelta(days=gap)
    due = next_due(status="active", created=created, last_checkin=last, cadence=cadence,
                   paused_until=paused, snoozed_until=snoozed)
    assert due > last


@given(created=dates, last=maybe_dates, cadence=cadences)
def test_without_pause_or_snooze_due_is_one_cadence_after_the_last_check_in_or_creation(created, last, cadence):
    due = next_due(status="active", created=created, last_checkin=last, cadence=cadence)
    start = last or created
    if cadence.months:
        assert due == add_months(start, cadence.months)
    else:
        assert (due - start).days == cadence.days


@given(created=dates, last=maybe_dates, cadence=cadences, until=dates, status=st.sampled_from(["active", "paused"]))
def test_pause_and_snooze_are_honoured(created, last, cadence, until, status):
    paused = next_due(status=status, created=created, last_checkin=last, cadence=cadence, paused_until=until)
    snoozed = next_due(status=status, created=created, last_checkin=last, cadence=cadence, snoozed_until=until)
    plain = next_due(status="active", created=created, last_checkin=last, cadence=cadence)
    assert paused == max(plain, until)
    if status == "active":
        assert snoozed == max(plain, until)


@given(created=dates, last=maybe_dates, cadence=cadences, today=dates, length=st.integers(1, 400))
def test_a_paused_commitment_is_never_due_or_overdue_while_the_pause_lasts(created, last, cadence, today, length):
    until = today + timedelta(days=length)
    due = next_due(status="paused", created=created, last_checkin=last, cadence=cadence, paused_until=until)
    assert is_paused(until, today)
    assert not is_due(due, today)
    assert days_overdue(due, today) == 0
    assert due >= until  # it comes back on the day the pause ends, at the earliest


@given(created=dates, cadence=cadences, today=dates)
def test_paused_without_an_end_date_is_never_due(created, cadence, today):
    assert next_due(status="paused", created=created, last_checkin=None, cadence=cadence) is None


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_done_and_dropped_commitments_are_never_due(status):
    assert next_due(status=status, created=date(2026, 1, 1), last_checkin=None, cadence=Cadence(7)) is None


@given(due=maybe_dates, today=dates, days=st.sampled_from([1, 7]))
def test_a_snooze_moves_the_nudge_past_today_and_past_the_current_due_date(due, today, days):
    until = snooze_until(due, today, days)
    assert until > today
    assert until >= today + timedelta(days=days)
    if due is not None:
        assert until >= due + timedelta(days=days)


def test_a_snooze_of_less_than_a_day_is_refused():
    with pytest.raises(ValueError, match="at least one day"):
        snooze_until(date(2026, 1, 1), date(2026, 1, 1), 0)


def test_a_pause_is_over_on_its_end_date():
    assert effective_status("paused", date(2026, 5, 2), date(2026, 5, 1)) == "paused"
    assert effective_status("paused", date(2026, 5, 2), date(2026, 5, 2)) == "active"
    assert effective_status("done", None, date(2026, 5, 2)) == "done"


@given(start=dates, months=st.integers(1, 24))
def test_months_are_calendar_months_clamped_to_shorter_months(start, months):
    later = add_months(start, months)
    assert (later.year * 12 + later.month) - (start.year * 12 + start.month) == months
    assert later.day == start.day or later.day < start.day and (later + timedelta(days=1)).day == 1


def test_monthly_from_31_january_is_the_end_of_february():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)


# Daylight saving. Due dates are calendar dates, so the clocks changing must not
# double a check-in (two on one day) or drop one (a day skipped).

@given(start=DST_DAYS, cadence=cadences)
def test_across_the_clock_changes_each_cadence_step_is_whole_calendar_days(start, cadence):
    steps = [start]
    for _ in range(6):
        steps.append(next_due(status="active", created=start, last_checkin=steps[-1], cadence=cadence))
    gaps = {(b - a).days for a, b in zip(steps, steps[1:])}
    if cadence.months:
        assert all(add_months(a, cadence.months) == b for a, b in zip(steps, steps[1:]))
    else:
        assert gaps == {cadence.days}


@contextmanager
def london_clock():
    """The process's local time zone set to Europe/London for a moment, then put back."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# Any minute in the weeks around each change, as a UTC instant.
DST_INSTANTS = st.one_of(
    st.datetimes(min_value=datetime(2026, 3, 27), max_value=datetime(2026, 4, 1), timezones=st.just(timezone.utc)),
    st.datetimes(min_value=datetime(2026, 10, 23), max_value=datetime(2026, 10, 28), timezones=st.just(timezone.utc)),
).map(lambda moment: moment.replace(second=0, microsecond=0))


@settings(max_examples=300)
@given(moment=DST_INSTANTS)
def test_a_stored_utc_time_reads_back_as_its_london_calendar_date(moment):
    with london_clock():
        assert local_date(_utc_text(moment)) == moment.astimezone(LONDON).date()


@settings(max_examples=100)
@given(first=DST_DAYS, hours=st.lists(st.integers(0, 23), min_size=10, max_size=10),
       minutes=st.lists(st.sampled_from([0, 1, 29, 30, 59]), min_size=10, max_size=10))
def test_daily_check_ins_across_a_clock_change_never_double_or_drop_a_due_date(first, hours, minutes):
    """One check-in a day at any local time (clocks changing in the middle): one due date per day, none missed."""
    daily = parse_cadence("1d")
    dues = []
    for offset, (hour, minute) in enumerate(zip(hours, minutes)):
        local_day = first + timedelta(days=offset)
        # A wall-clock time in London; fold=0 picks the first of an ambiguous hour, a gap hour moves on.
        moment = datetime(local_day.year, local_day.month, local_day.day, hour, minute, tzinfo=LONDON)
        with london_clock():
            on_date = local_date(_utc_text(moment))
        dues.append(next_due(status="active", created=first, last_checkin=on_date, cadence=daily))
    assert dues == [first + timedelta(days=offset + 1) for offset in range(len(dues))]


def test_the_clock_changes_are_where_this_test_expects_them():
    """Guard: the windows above really contain London's 2026 changes (an hour each way)."""
    spring = datetime(2026, 3, 29, 12, tzinfo=LONDON).utcoffset()
    autumn = datetime(2026, 10, 25, 12, tzinfo=LONDON).utcoffset()
    assert (spring, autumn) == (timedelta(hours=1), timedelta(0))
    with london_clock():
        _check_midnight_edges()


def _check_midnight_edges() -> None:
    # 00:30 UTC on 29 March is 00:30 GMT on the 29th (the clocks go forward at 01:00 UTC).
    assert local_date("2026-03-29T00:30:00Z") == date(2026, 3, 29)
    # 23:30 UTC on 25 October is 23:30 GMT the same day; on the 24th it was 00:30 BST the next day.
    assert local_date("2026-10-24T23:30:00Z") == date(2026, 10, 25)
    assert local_date("2026-10-25T23:30:00Z") == date(2026, 10, 25)
