"""Tests list_closed and closed_at: done and dropped commitments, newest closed first, with when they closed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from myrole.model import Commitment, Lens, Mode, Status
from myrole.store.commitments import (closed_at, create_commitment, get_commitment, list_closed,
                                      update_commitment)
from myrole.store.status import drop, mark_done, resume

TODAY = date(2026, 11, 26)


def _new(db, title: str) -> Commitment:
    return create_commitment(db, Commitment(id="", title=title, lens=Lens.SELF, mode=Mode.ACTION))


def _stamp_last_event(db, commitment_id: str, at: str) -> None:
    """Move the event just recorded to a chosen moment, so the order does not hang on the clock."""
    db.execute("UPDATE commitment_events SET at = ? WHERE id = (SELECT max(id) FROM commitment_events "
               "WHERE commitment_id = ?)", [at, commitment_id])


def test_closed_commitments_are_listed_newest_closed_first_and_open_ones_are_not(db):
    first = mark_done(db, _new(db, "Done first"), "Went well")
    _stamp_last_event(db, first.id, "2026-10-01T09:00:00Z")
    second = drop(db, _new(db, "Dropped later"), "Someone else leads it")
    _stamp_last_event(db, second.id, "2026-11-20T09:00:00Z")
    _new(db, "Still open")
    listed = [(c.title, c.status, at) for c, at in list_closed(db)]
    assert listed == [("Dropped later", Status.DROPPED, "2026-11-20T09:00:00Z"),
                      ("Done first", Status.DONE, "2026-10-01T09:00:00Z")]


def test_closed_at_is_the_closing_not_a_later_edit(db):
    done = mark_done(db, _new(db, "Mentor an apprentice"))
    _stamp_last_event(db, done.id, "2026-10-01T09:00:00Z")
    update_commitment(db, replace(get_commitment(db, done.id), title="Mentor a physiotherapy apprentice"))
    _stamp_last_event(db, done.id, "2026-11-25T09:00:00Z")  # the edit, later, leaves it done
    assert closed_at(db, done.id) == "2026-10-01T09:00:00Z"
    assert [c.title for c, _ in list_closed(db)] == ["Mentor a physiotherapy apprentice"]


def test_a_reopened_commitment_is_open_again_and_its_second_closing_counts(db):
    c = mark_done(db, _new(db, "Falls talk"))
    _stamp_last_event(db, c.id, "2026-09-01T09:00:00Z")
    c = resume(db, c, "One more session", today=TODAY)
    assert closed_at(db, c.id) is None and list_closed(db) == []
    c = drop(db, c, "The club closed")
    _stamp_last_event(db, c.id, "2026-11-01T09:00:00Z")
    assert closed_at(db, c.id) == "2026-11-01T09:00:00Z"


def test_a_closed_commitment_without_a_closing_event_falls_back_to_its_last_change(db):
    c = mark_done(db, _new(db, "Imported long ago"))
    db.execute("DELETE FROM commitment_events WHERE commitment_id = ?", [c.id])
    assert closed_at(db, c.id) == get_commitment(db, c.id).updated_at
