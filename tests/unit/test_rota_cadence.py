"""Tests fixed-day check-in rhythms (a rota: every Monday, the first Tuesday of each month), and that the app,
`myrole due` and the calendar name the same next check-in for random histories across London's clock changes."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date, datetime, time, timedelta, timezone

import pytest
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from myrole.calendar_export import build_calendar, uid_for
from myrole.due import scheduled
from myrole.export.importer import schema
from myrole.model import CheckIn, Commitment, Lens, Mode, Visibility
from myrole.paths import resolve
from myrole.schedule import EVERY_WEEK, WEEKDAYS, WEEKS_OF_MONTH, next_due, parse_cadence
from myrole.store import open_store
from myrole.store.checkins import add_checkin, summarise
from myrole.store.commitments import create_commitment, get_commitment
from myrole.store.status import pause, snooze
from myrole.validation import check_cadence
from test_schedule import LONDON, london_clock

ROTA_CODES = [f"every-{day}" for day in WEEKDAYS] + [f"{which}-{day}" for which in WEEKS_OF_MONTH for day in WEEKDAYS]
rotas = st.sampled_from(ROTA_CODES).map(parse_cadence)
every_cadence = st.one_of(rotas, st.sampled_from(["weekly", "fortnightly", "monthly", "quarterly"]).map(parse_cadence),
                          st.integers(1, 366).map(lambda n: parse_cadence(f"{n}d")))
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


def on_rota(cadence, day: date) -> bool:
    """Whether day is one of the rota's days, worked out from its words, not from schedule's arithmetic."""
    if day.weekday() != cadence.weekday:
        return False
    if cadence.week == EVERY_WEEK:
        return True
    if cadence.week == -1:
        return (day + timedelta(days=7)).month != day.month
    return (day.day - 1) // 7 + 1 == cadence.week


@pytest.mark.parametrize(("text", "code", "label"), [
    ("every Monday", "every-monday", "every Monday"), ("every-sunday", "every-sunday", "every Sunday"),
    ("the first Tuesday of each month", "first-tuesday", "the first Tuesday of each month"),
    ("Last Friday of the month", "last-friday", "the last Friday of each month"),
    ("third-wednesday", "third-wednesday", "the third Wednesday of each month"),
])
def test_rota_rhythms_read_as_people_write_them(text, code, label):
    cadence = parse_cadence(text)
    assert (cadence.code, cadence.label, check_cadence(text)) == (code, label, code)


@pytest.mark.parametrize("text", ["fifth-monday", "every-someday", "first monday tuesday", "every"])
def test_a_rota_that_is_not_one_is_refused_with_a_sentence(text):
    with pytest.raises(ValueError, match="every Monday"):
        parse_cadence(text)


def test_every_rota_code_is_read_back_as_itself_and_the_schema_allows_exactly_those():
    import re

    pattern = re.compile(schema()["$defs"]["cadence"]["pattern"])
    for code in ROTA_CODES:
        assert parse_cadence(code).code == code and pattern.search(code)
    assert not pattern.search("fifth-monday") and not pattern.search("every-mon")


@settings(max_examples=300)
@given(cadence=rotas, start=days)
def test_the_next_rota_day_is_the_first_one_after_the_start(cadence, start):
    after = cadence.after(start)
    assert after > start and on_rota(cadence, after)
    assert not any(on_rota(cadence, start + timedelta(days=n)) for n in range(1, (after - start).days))


@settings(max_examples=300)
@given(cadence=rotas, created=days, gap=st.integers(0, 400), paused=st.none() | days, snoozed=st.none() | days)
def test_a_rota_is_due_only_on_its_days_even_after_a_pause_or_snooze(cadence, created, gap, paused, snoozed):
    last = created + timedelta(days=gap)
    due = next_due(status="active", created=created, last_checkin=last, cadence=cadence,
                   paused_until=paused, snoozed_until=snoozed)
    assert on_rota(cadence, due) and due > last
    assert due >= max(filter(None, (paused, snoozed)), default=due)


# --- The app, `myrole due` and the calendar agree ------------------------------------------------------------

# Any minute in the weeks around London's clock changes of 2026, as a UTC instant.
AROUND_CHANGES = st.one_of(
    st.datetimes(min_value=datetime(2026, 3, 25), max_value=datetime(2026, 4, 2), timezones=st.just(timezone.utc)),
    st.datetimes(min_value=datetime(2026, 10, 21), max_value=datetime(2026, 10, 29), timezones=st.just(timezone.utc)),
).map(lambda moment: moment.replace(microsecond=0))


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@st.composite
def histories(draw):
    """A commitment made at a moment near a clock change, with check-ins made at later moments, and perhaps
    a snooze or a pause (ended or still running)."""
    created = draw(AROUND_CHANGES)
    moments = sorted(draw(st.lists(st.integers(0, 60 * 24 * 30), max_size=5)))
    checkins = [created + timedelta(minutes=m) for m in moments]
    later = st.integers(1, 90).map(lambda n: created.astimezone(LONDON).date() + timedelta(days=n))
    return created, checkins, draw(every_cadence), draw(st.none() | st.integers(1, 30)), draw(st.none() | later)


def _calendar_event(db, commitment: Commitment):
    events = {str(e["UID"]): e for e in Calendar.from_ical(build_calendar(db)).walk("VEVENT")}
    return events.get(uid_for(commitment))


@pytest.fixture(scope="module")
def shared_store():
    with tempfile.TemporaryDirectory() as folder:
        db = open_store(resolve(folder))
        yield db, resolve(folder).store
        db.close()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=histories())
def test_app_due_and_calendar_name_the_same_next_check_in(shared_store, history):
    db, store_path = shared_store
    created, checkins, cadence, snoozed, paused = history
    with london_clock():
        c = create_commitment(db, Commitment(id="", title="Ask about interpreters", lens=Lens.SERVICES,
                                             mode=Mode.ACTION, cadence=cadence.code, created_at=_utc(created),
                                             visibility=Visibility.MANAGER))
        for moment in checkins:
            c = get_commitment(db, c.id)
            add_checkin(db, c, CheckIn(id="", commitment_id=c.id, at=_utc(moment),
                                       on_date=moment.astimezone(LONDON).date(), progress=2))
        c = get_commitment(db, c.id)
        today = max([created, *checkins]).astimezone(LONDON).date()
        if paused and paused > today:
            pause(db, c, paused, "Night shifts", today=today)
        elif snoozed:
            snooze(db, c, snoozed, today=today)
        c = get_commitment(db, c.id)
        app = summarise(db, c).due
        conn = sqlite3.connect(store_path)
        try:
            shell = next(item.due for item in scheduled(conn) if item.id == c.id)
        finally:
            conn.close()
        event = _calendar_event(db, c)
    assert app is not None and shell == app
    start = event["DTSTART"].dt
    assert start == app
    # Checked in on each due day, the app's next dates are the calendar's next occurrences (months aside:
    # a rule keeps the 31st where the app, counting from a check-in on the 30th, has the 30th).
    if not cadence.months:
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=datetime.combine(start, time()))
        following = [start]
        for _ in range(5):
            following.append(next_due(status="active", created=start, last_checkin=following[-1], cadence=cadence))
        assert [moment.date() for moment in rule[:6]] == following
