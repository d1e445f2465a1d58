"""Tests the commitment status changes and check-ins in the store: each one transaction, kept as history."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from myrole.due import due_lines, scheduled
from myrole.model import CheckIn, Commitment, Lens, Mode, Status, Visibility
from myrole.store import StaleEditError, open_store
from myrole.store.checkins import add_checkin, list_checkins, summarise
from myrole.store.commitments import create_commitment, get_commitment, status_history, update_commitment
from myrole.store.status import change_cadence, drop, mark_done, pause, renegotiate, resume, snooze

TODAY = date(2026, 11, 26)


@pytest.fixture
def db(empty_db):
    """Here, as everywhere, an open, migrated, empty store; for these tests a copy of one migrated once."""
    return empty_db


def _weekly(db, age_days: int = 10, **fields) -> Commitment:
    created = (TODAY - timedelta(days=age_days)).isoformat() + "T10:00:00Z"
    base = dict(id="", title="Ask about interpreters", lens=Lens.PATIENTS, mode=Mode.ACTION, cadence="weekly",
                created_at=created, visibility=Visibility.MANAGER)
    return create_commitment(db, Commitment(**(base | fields)))


def _kinds(db, commitment_id: str) -> list[tuple[str, str | None, str | None, str]]:
    return [(e["kind"], e["from_status"], e["to_status"], e["reason"]) for e in status_history(db, commitment_id)]


def test_a_check_in_moves_the_due_date_on_and_clears_a_snooze(db):
    c = _weekly(db)
    assert summarise(db, c).due == TODAY - timedelta(days=3)
    c = snooze(db, c, 1, today=TODAY)
    assert c.snoozed_until == TODAY + timedelta(days=1)
    saved = add_checkin(db, c, CheckIn(id="", commitment_id=c.id, at="", on_date=TODAY, progress=2,
                                       note="Asked twelve people", confidence=4))
    after = get_commitment(db, c.id)
    assert after.snoozed_until is None
    assert summarise(db, after).due == TODAY + timedelta(days=7)
    assert [k.id for k in list_checkins(db, c.id)] == [saved.id]


def test_progress_four_marks_the_commitment_done(db):
    c = _weekly(db)
    add_checkin(db, c, CheckIn(id="", commitment_id=c.id, at="", on_date=TODAY, progress=4))
    assert get_commitment(db, c.id).status is Status.DONE
    assert _kinds(db, c.id)[-1][:3] == ("done", "active", "done")


def test_pause_until_a_date_is_kept_as_history_and_is_never_overdue(db):
    c = _weekly(db, age_days=30)  # long overdue
    until = TODAY + timedelta(days=14)
    c = pause(db, c, until, "Annual leave", today=TODAY)
    assert (c.status, c.paused_until, c.status_reason) == (Status.PAUSED, until, "Annual leave")
    assert _kinds(db, c.id)[-1] == ("paused", "active", "paused", f"until {until.isoformat()}: Annual leave")
    assert summarise(db, c).due == until
    assert due_lines(scheduled(db), TODAY) == []
    assert due_lines(scheduled(db), until) == [f"Check in: Ask about interpreters (due {until}, due today)"]


@pytest.mark.parametrize(("until", "sentence"), [
    (TODAY - timedelta(days=1), "A pause needs to end after today"),
    (TODAY, "A pause needs to end after today"),
    (None, "Say until when to pause"),
])
def test_a_pause_date_before_today_is_refused_and_nothing_changes(db, until, sentence):
    c = _weekly(db)
    with pytest.raises(ValueError, match=sentence):
        pause(db, c, until, "leave", today=TODAY)
    assert get_commitment(db, c.id) == c
    assert [k for k, *_ in _kinds(db, c.id)] == ["created"]


def test_resume_brings_a_paused_commitment_back_due_today_not_overdue(db):
    c = pause(db, _weekly(db, age_days=60), TODAY + timedelta(days=20), today=TODAY)
    c = resume(db, c, "Back early", today=TODAY)
    assert c.status is Status.ACTIVE
    assert summarise(db, c).due == TODAY
    assert _kinds(db, c.id)[-1] == ("resumed", "paused", "active", "Back early")


def test_snooze_a_day_and_a_week_move_the_current_nudge(db):
    c = _weekly(db, age_days=10)  # due three days ago
    c = snooze(db, c, 1, today=TODAY)
    assert summarise(db, c).due == TODAY + timedelta(days=1)
    c = snooze(db, c, 7, today=TODAY)
    assert summarise(db, c).due == TODAY + timedelta(days=8)
    assert [k for k, *_ in _kinds(db, c.id)] == ["created", "snoozed", "snoozed"]


def test_a_paused_commitment_has_no_nudge_to_snooze(db):
    c = pause(db, _weekly(db), TODAY + timedelta(days=5), today=TODAY)
    with pytest.raises(ValueError, match="paused"):
        snooze(db, c, 1, today=TODAY)


def test_change_cadence_checks_the_rhythm_and_records_the_change(db):
    c = _weekly(db)
    for bad in ("0d", "-2d", "now and then"):
        with pytest.raises(ValueError):
            change_cadence(db, c, bad)
    assert get_commitment(db, c.id).cadence == "weekly"
    c = change_cadence(db, c, "10d")
    assert c.cadence == "10d"
    assert _kinds(db, c.id)[-1] == ("cadence changed", "active", "active", "from weekly to every 10 days")


def test_done_and_drop_close_a_commitment_with_its_reason(db):
    done = mark_done(db, _weekly(db), "Checklist now standard")
    assert (done.status, done.status_reason) == (Status.DONE, "Checklist now standard")
    with pytest.raises(ValueError, match="Say briefly why"):
        drop(db, _weekly(db, title="Other"), "   ")
    dropped = drop(db, _weekly(db, title="Third"), "Someone else leads it now")
    assert _kinds(db, dropped.id)[-1] == ("dropped", "active", "dropped", "Someone else leads it now")
    with pytest.raises(ValueError, match="dropped"):
        pause(db, dropped, TODAY + timedelta(days=3), today=TODAY)
    reopened = resume(db, dropped, today=TODAY)
    assert reopened.status is Status.ACTIVE
    assert _kinds(db, dropped.id)[-1][0] == "reopened"


def test_renegotiate_changes_what_it_is_and_needs_a_reason(db):
    c = _weekly(db)
    smaller = replace(c, title="Ask about interpreters at first appointments")
    with pytest.raises(ValueError, match="Say briefly why"):
        renegotiate(db, smaller, "")
    saved = renegotiate(db, smaller, "Booking is done by the admin team")
    assert get_commitment(db, c.id).title == "Ask about interpreters at first appointments"
    assert _kinds(db, c.id)[-1] == ("renegotiated", "active", "active", "Booking is done by the admin team")
    assert saved.version == c.version + 1


def test_two_windows_the_second_save_is_told_and_nothing_is_overwritten(db, paths):
    c = _weekly(db)
    other = open_store(paths)  # a second window, opened as the app opens it
    try:
        mine = get_commitment(other, c.id)
        update_commitment(db, replace(c, title="Changed in the first window"))
        for change in (
            lambda: update_commitment(other, replace(mine, title="Second window")),
            lambda: pause(other, mine, TODAY + timedelta(days=3), today=TODAY),
            lambda: mark_done(other, mine),
            lambda: add_checkin(other, mine, CheckIn(id="", commitment_id=c.id, at="", on_date=TODAY, progress=1)),
        ):
            with pytest.raises(StaleEditError, match="changed somewhere else"):
                change()
    finally:
        other.close()
    now = get_commitment(db, c.id)
    assert (now.title, now.status) == ("Changed in the first window", Status.ACTIVE)
    assert list_checkins(db, c.id) == []
