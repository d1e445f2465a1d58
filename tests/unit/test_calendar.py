"""Tests `myrole calendar`: the .ics read back by icalendar and by a plain line reader; nothing private in it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from myrole.calendar_export import (
    PRIVATE_TITLE,
    build_calendar,
    recurrence,
)
from myrole.export.output import OutputError, write_private_file
from myrole.model import CheckIn, Commitment, Lens, Mode, Visibility
from myrole.schedule import add_months, parse_cadence
from myrole.store.checkins import add_checkin, summarise
from myrole.store.commitments import create_commitment, get_commitment, list_commitments
from myrole.store.status import drop, mark_done, pause, resume

CANARY = "Canary-7f3a"  # planted in every text field of the private commitment


@pytest.fixture
def db(empty_db):
    """Here, as everywhere, an open, migrated, empty store; for these tests a copy of one migrated once."""
    return empty_db


def _commit(db, title: str, cadence: str, created: str, visibility=Visibility.MANAGER, **fields) -> Commitment:
    return create_commitment(db, Commitment(id="", title=title, lens=Lens.SERVICES, mode=Mode.ACTION,
                                            cadence=cadence, created_at=created, visibility=visibility, **fields))


@pytest.fixture
def store(db):
    """Open commitments of every cadence (one private, one paused), and two closed ones."""
    _commit(db, "Ask about interpreters", "weekly", "2026-11-02T10:00:00Z")
    _commit(db, "Look at the data by deprivation", "fortnightly", "2026-11-03T10:00:00Z", Visibility.ALLIANCE)
    _commit(db, "Falls talk, at the lunch club; Tuesdays", "monthly", "2026-12-31T10:00:00Z")
    _commit(db, "Mentor an apprentice", "quarterly", "2026-10-05T10:00:00Z")
    _commit(db, "Notice my assumptions", "10d", "2026-11-10T10:00:00Z")
    _commit(db, f"{CANARY} title", "monthly", "2026-11-04T10:00:00Z", Visibility.PRIVATE,
            detail=f"{CANARY} detail", first_step=f"{CANARY} step", success=f"{CANARY} success",
            support=f"{CANARY} support", tags=(f"{CANARY}-tag",))
    paused = _commit(db, "Visit the mosque lunch", "weekly", "2026-11-01T10:00:00Z")
    pause(db, paused, date(2027, 1, 4), "Night shifts", today=date(2026, 11, 26))
    mark_done(db, _commit(db, "Closed: done", "weekly", "2026-09-01T10:00:00Z"))
    drop(db, _commit(db, "Closed: dropped", "weekly", "2026-09-01T10:00:00Z"), "Someone else leads it")
    return db


def _events(data: bytes) -> dict[str, object]:
    return {str(event["UID"]): event for event in Calendar.from_ical(data).walk("VEVENT")}


def _open(db) -> list[Commitment]:
    return [c for c in list_commitments(db) if c.status.value in ("active", "paused")]


def _reminders(events: dict[str, object]) -> dict[str, object]:
    return {uid: event for uid, event in events.items() if "STATUS" not in event}


def test_one_all_day_recurring_event_with_an_alarm_per_open_commitment(store):
    events = _reminders(_events(build_calendar(store)))
    open_ones = _open(store)
    assert set(events) == {f"{c.id}@myrole" for c in open_ones}
    for c in open_ones:
        event = events[f"{c.id}@myrole"]
        due = summarise(store, c).due
        start = event.decoded("DTSTART")
        assert start == due and type(start) is date  # an all-day event on the local due date
        assert event.decoded("DTEND") == due + timedelta(days=1)
        assert int(event["SEQUENCE"]) == c.version
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and alarms[0]["ACTION"] == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == timedelta(hours=9)


@pytest.mark.parametrize(("cadence", "freq", "interval"), [
    ("weekly", "WEEKLY", 1), ("fortnightly", "WEEKLY", 2), ("monthly", "MONTHLY", 1),
    ("quarterly", "MONTHLY", 3), ("10d", "DAILY", 10), ("21d", "WEEKLY", 3),
])
def test_each_cadence_becomes_an_rrule(cadence, freq, interval):
    rule = recurrence(parse_cadence(cadence), date(2027, 1, 5))
    assert (rule["FREQ"], rule["INTERVAL"]) == (freq, interval)


@pytest.mark.parametrize("start", [date(2027, 1, 31), date(2027, 1, 30), date(2027, 1, 29), date(2027, 3, 15)])
@pytest.mark.parametrize("cadence", ["monthly", "quarterly"])
def test_monthly_repeats_land_where_the_app_would_put_them_even_in_short_months(store, start, cadence):
    months = parse_cadence(cadence).months
    c = replace(next(c for c in _open(store) if c.cadence == "monthly"), cadence=cadence)
    from myrole.calendar_export import reminder_event

    event = reminder_event(c, start)
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=_midnight(start))
    expected = [add_months(start, months * k) for k in range(12)]
    assert [moment.date() for moment in rule[:12]] == expected


def _midnight(day: date):
    from datetime import datetime

    return datetime(day.year, day.month, day.day)


def test_a_private_commitment_has_a_neutral_title_and_none_of_its_text(store):
    data = build_calendar(store)
    unfolded = data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
    for text in (data, unfolded):
        assert CANARY.lower().encode() not in text.lower()
    private = next(c for c in _open(store) if c.visibility is Visibility.PRIVATE)
    event = _events(data)[f"{private.id}@myrole"]
    assert str(event["SUMMARY"]) == PRIVATE_TITLE
    assert str(event.walk("VALARM")[0]["DESCRIPTION"]) == PRIVATE_TITLE
    assert "CATEGORIES" not in event and str(event["CLASS"]) == "PRIVATE"
    for name, value in event.property_items():
        assert CANARY.lower() not in str(value).lower(), name


def test_shared_commitments_keep_their_title_exactly(store):
    events = _events(build_calendar(store))
    titles = {str(e["SUMMARY"]) for e in events.values()}
    assert "Check in: Falls talk, at the lunch club; Tuesdays" in titles


def _unfold(data: bytes) -> list[str]:
    """RFC 5545 lines, read without icalendar: every line ends CRLF; a line starting with a space continues."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    raw = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in raw)
    lines: list[str] = []
    for line in raw:
        if line[:1] in (" ", "\t"):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def test_a_second_plain_reader_sees_the_same_events(store):
    lines = _unfold(build_calendar(store))
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None and ":" in line:
            name, value = line.split(":", 1)
            current.setdefault(name, value)
    open_ones = _open(store)
    assert sorted(e["UID"] for e in events) == sorted(f"{c.id}@myrole" for c in list_commitments(store))
    by_uid = {e["UID"]: e for e in events if "STATUS" not in e}
    assert sorted(by_uid) == sorted(f"{c.id}@myrole" for c in open_ones)
    for c in open_ones:
        event = by_uid[f"{c.id}@myrole"]
        assert event["DTSTART;VALUE=DATE"] == summarise(store, c).due.strftime("%Y%m%d")
        assert event["RRULE"].startswith("FREQ=")
        assert event["BEGIN"] == "VALARM"
    assert lines.count("BEGIN:VALARM") == lines.count("END:VALARM") == len(open_ones)


def test_exports_are_stable_and_a_change_updates_the_same_event(store):
    first = build_calendar(store)
    assert build_calendar(store) == first  # same store, same bytes: importing again changes nothing
    c = next(c for c in _open(store) if c.cadence == "weekly" and c.status.value == "active")
    add_checkin(store, c, CheckIn(id="", commitment_id=c.id, at="", on_date=date(2026, 11, 26), progress=2))
    before, after = _events(first), _events(build_calendar(store))
    assert set(before) == set(after)
    uid = f"{c.id}@myrole"
    assert int(after[uid]["SEQUENCE"]) > int(before[uid]["SEQUENCE"])
    assert after[uid].decoded("DTSTART") == date(2026, 12, 3)
    assert get_commitment(store, c.id).version == int(after[uid]["SEQUENCE"])


def test_a_closed_commitment_comes_back_cancelled_so_its_reminders_go(store):
    c = next(c for c in _open(store) if c.title == "Ask about interpreters")
    reminder = _events(build_calendar(store))[f"{c.id}@myrole"]
    mark_done(store, get_commitment(store, c.id))
    cancelled = _events(build_calendar(store))[f"{c.id}@myrole"]
    assert cancelled["STATUS"] == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) > int(reminder["SEQUENCE"])
    assert str(cancelled["SUMMARY"]) == str(reminder["SUMMARY"])
    assert "RRULE" not in cancelled and not cancelled.walk("VALARM")
    statuses = {str(e["SUMMARY"]): e.get("STATUS") for e in _events(build_calendar(store)).values()}
    assert statuses["Check in: Closed: done"] == statuses["Check in: Closed: dropped"] == "CANCELLED"


def test_a_commitment_closed_long_ago_is_left_out_rather_than_cancelled_again(store):
    """Some calendars keep cancelled events, crossed out: ten years of them would crowd the past."""
    closed = {f"{c.id}@myrole" for c in list_commitments(store) if c not in _open(store)}
    soon, much_later = date.today() + timedelta(days=89), date.today() + timedelta(days=91)
    assert closed <= set(_events(build_calendar(store, today=soon)))
    later_events = _events(build_calendar(store, today=much_later))
    assert not closed & set(later_events)
    assert set(later_events) == {f"{c.id}@myrole" for c in _open(store)}


def test_reopening_brings_the_reminder_back_over_the_cancellation(store):
    c = next(c for c in _open(store) if c.title == "Mentor an apprentice")
    mark_done(store, c)
    cancelled = _events(build_calendar(store))[f"{c.id}@myrole"]
    resume(store, get_commitment(store, c.id), today=date(2026, 11, 26))
    reopened = _events(build_calendar(store))[f"{c.id}@myrole"]
    assert cancelled["STATUS"] == "CANCELLED" and "STATUS" not in reopened
    assert int(reopened["SEQUENCE"]) > int(cancelled["SEQUENCE"])


def test_a_closed_private_commitment_is_cancelled_without_its_text(store):
    c = next(c for c in _open(store) if c.visibility is Visibility.PRIVATE)
    drop(store, get_commitment(store, c.id), f"{CANARY} reason")
    data = build_calendar(store)
    assert _events(data)[f"{c.id}@myrole"]["STATUS"] == "CANCELLED"
    assert CANARY not in data.decode("utf-8")
    assert str(_events(data)[f"{c.id}@myrole"]["SUMMARY"]) == PRIVATE_TITLE


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "myrole", "calendar", *args], capture_output=True, timeout=60)


def test_the_command_writes_to_standard_output_or_to_a_private_file(store, tmp_path):
    expected = build_calendar(store)
    store.close()  # as after the app is closed
    result = _cli()
    assert result.returncode == 0 and result.stdout == expected
    target = tmp_path / "out" / "reminders.ics"
    target.parent.mkdir()
    result = _cli("-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == expected
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert os.listdir(target.parent) == ["reminders.ics"]  # no temporary file left behind


def test_a_calendar_myrole_wrote_is_updated_in_place_and_any_other_file_needs_force(store, tmp_path):
    """Writing the calendar again over the last one is how it gets updated; a file that is not one of ours (a
    document, settings.toml, anything) is left alone unless --force says to replace it."""
    expected = build_calendar(store)
    store.close()
    earlier = tmp_path / "reminders.ics"
    earlier.write_bytes(expected.replace(b"SUMMARY:", b"SUMMARY:Older "))
    assert _cli("-o", str(earlier)).returncode == 0
    assert earlier.read_bytes() == expected
    precious = tmp_path / "precious.txt"
    for kept in (b"precious words\n", b"BEGIN:VCALENDAR\r\nPRODID:-//Someone else//EN\r\n", b""):
        precious.write_bytes(kept)
        result = _cli("-o", str(precious))
        assert result.returncode == 2
        assert result.stderr.decode().strip() == (f"myrole: {precious} already exists and is not a calendar myrole "
                                                   "wrote; add --force to replace it.")
        assert precious.read_bytes() == kept
    assert _cli("-o", str(precious), "--force").returncode == 0
    assert precious.read_bytes() == expected


@pytest.mark.parametrize(("where", "sentence"), [
    ("missing/reminders.ics", b"does not exist"),
    (".", b"is a folder"),
])
def test_a_bad_output_path_gets_one_sentence_and_exit_status_2(store, tmp_path, where, sentence):
    result = _cli("-o", str(tmp_path / where))
    assert result.returncode == 2
    assert result.stdout == b""
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and sentence.decode() in lines[0] and "Traceback" not in lines[0]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "reminders.ics"
    target.write_bytes(b"old")

    def full_disk(_descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="No space left on device"):
        write_private_file(target, b"new", force=True)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["reminders.ics"]


def test_without_a_store_it_says_so_and_creates_nothing(paths):
    result = _cli()
    assert result.returncode == 2 and b"There are no myrole records" in result.stderr
    assert not paths.store.exists()


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symbolic links as POSIX makes them")
def test_a_calendar_reached_through_a_link_is_updated_where_the_link_points(store, tmp_path):
    """A calendar kept in a synced folder and linked from elsewhere: writing through the link updates the synced
    file, and the link stays a link (before, the link was replaced by a file of its own)."""
    expected = build_calendar(store)
    store.close()
    synced = tmp_path / "synced"
    synced.mkdir()
    (synced / "reminders.ics").write_bytes(expected.replace(b"SUMMARY:", b"SUMMARY:Older "))
    link = tmp_path / "reminders.ics"
    link.symlink_to(synced / "reminders.ics")
    assert _cli("-o", str(link)).returncode == 0
    assert link.is_symlink() and (synced / "reminders.ics").read_bytes() == expected
