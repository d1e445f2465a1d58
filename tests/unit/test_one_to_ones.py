"""Tests one-to-one records: schema, carry-forward, the lock once agreed, corrections and the agenda's privacy."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlite_utils import Database

from myrole.agenda import build_agenda
from myrole.due import next_one_to_one
from myrole.due import run as due_run
from myrole.model import (CheckIn, Commitment, ItemKind, Lens, Mode, OneToOneStatus, Profile, Status,
                          Visibility)
from myrole.store import StaleEditError, StoreError
from myrole.store import one_to_ones as o2o
from myrole.store.checkins import add_checkin, set_checkin_visibility
from myrole.store.commitments import create_commitment, get_commitment
from myrole.store.migrations import migrations
from myrole.store.profile import save_profile

CANARY = "CANARY-private-7f3a"


@pytest.fixture
def db(empty_db):
    """Here, as everywhere, an open, migrated, empty store; for these tests a copy of one migrated once."""
    return empty_db


def test_m002_adds_exactly_these_columns(tmp_path):
    db = Database(tmp_path / "schema.db")
    migrations.apply(db)
    assert [c.name for c in db["one_to_ones"].columns] == [
        "id", "held_on", "manager_name", "status", "agreed_at", "next_on", "created_at", "updated_at",
        "version"]
    assert [c.name for c in db["one_to_one_items"].columns] == [
        "id", "one_to_one_id", "kind", "text", "visibility", "closed", "carried_from", "commitment_id",
        "correction", "created_at", "position"]
    defaults = {c.name: c.default_value for c in db["one_to_one_items"].columns}
    assert defaults["visibility"] == "'manager'"
    db.close()


def test_the_schema_refuses_unknown_kinds_and_statuses(db):
    record = o2o.create_one_to_one(db, date(2026, 1, 5))
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE one_to_ones SET status = 'maybe' WHERE id = ?", [record.id])
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO one_to_one_items (id, one_to_one_id, kind, text, created_at) "
                   "VALUES ('x', ?, 'gossip', 't', 'now')", [record.id])


def agreed_with_points(db, held_on=date(2026, 1, 5)):
    record = o2o.create_one_to_one(db, held_on, "Alex")
    record = o2o.add_item(db, record, ItemKind.TALKING_POINT, "open point")
    record = o2o.add_item(db, record, ItemKind.TALKING_POINT, "closed point")
    record = o2o.add_item(db, record, ItemKind.SUPPORT_REQUEST, "open support", Visibility.PRIVATE)
    record = o2o.add_item(db, record, ItemKind.NOTE, "a note of the meeting")
    record = o2o.add_item(db, record, ItemKind.AGREED_ACTION, "an open action")
    record = o2o.close_item(db, record, record.items[1].id)
    record = o2o.set_dates(db, record, held_on, date(2026, 2, 2))
    return o2o.mark_agreed(db, record)


def test_a_new_one_to_one_carries_forward_every_open_item(db):
    previous = agreed_with_points(db)
    draft = o2o.create_one_to_one(db, date(2026, 2, 2))
    assert draft.status is OneToOneStatus.DRAFT and not draft.locked
    by_text = {item.text: item for item in draft.items}
    assert set(by_text) == {"open point", "open support", "an open action"}
    originals = {item.text: item for item in previous.items}
    for text, item in by_text.items():
        assert item.carried_from == originals[text].id
        assert (item.kind, item.visibility, item.closed) == (originals[text].kind, originals[text].visibility, False)
    # The agreed record itself is untouched by carrying forward.
    assert o2o.get_one_to_one(db, previous.id) == previous


def test_carry_forward_comes_from_the_latest_one_only(db):
    agreed_with_points(db, date(2026, 1, 5))
    second = o2o.create_one_to_one(db, date(2026, 2, 2))
    for item in second.items:
        second = o2o.close_item(db, second, item.id)
    second = o2o.add_item(db, second, ItemKind.TALKING_POINT, "only this")
    o2o.mark_agreed(db, second)
    third = o2o.create_one_to_one(db, date(2026, 3, 2))
    assert [item.text for item in third.items] == ["only this"]
    assert [r.held_on for r in o2o.list_one_to_ones(db)] == [date(2026, 1, 5), date(2026, 2, 2), date(2026, 3, 2)]


def test_a_note_is_a_record_and_never_carries_forward(db):
    record = o2o.create_one_to_one(db, date(2026, 1, 5))
    record = o2o.add_item(db, record, ItemKind.NOTE, "said things")
    assert record.items[0].closed
    o2o.mark_agreed(db, record)
    assert o2o.create_one_to_one(db, date(2026, 2, 2)).items == []


def test_only_one_draft_at_a_time(db):
    o2o.create_one_to_one(db, date(2026, 1, 5))
    with pytest.raises(o2o.DraftExistsError):
        o2o.create_one_to_one(db, date(2026, 1, 6))
    assert len(o2o.list_one_to_ones(db)) == 1


def test_manager_name_comes_from_the_profile(db):
    save_profile(db, Profile(name="Sam", manager_name="Alex Morgan", onboarded=True))
    assert o2o.create_one_to_one(db, date(2026, 1, 5)).manager_name == "Alex Morgan"


def test_an_agreed_one_to_one_cannot_be_edited(db):
    record = agreed_with_points(db)
    item = record.items[0]
    edits = [
        lambda: o2o.add_item(db, record, ItemKind.NOTE, "late note"),
        lambda: o2o.edit_item(db, record, item.id, text="rewritten"),
        lambda: o2o.edit_item(db, record, item.id, visibility=Visibility.PRIVATE),
        lambda: o2o.close_item(db, record, item.id),
        lambda: o2o.remove_item(db, record, item.id),
        lambda: o2o.set_dates(db, record, date(2026, 1, 6), None),
        lambda: o2o.set_manager_name(db, record, "Someone else"),
        lambda: o2o.link_commitment(db, record, record.items[4].id, "nope"),
        lambda: o2o.mark_agreed(db, record),
    ]
    for edit in edits:
        with pytest.raises(o2o.OneToOneLockedError, match="marked agreed .* you can still correct what one of its items says"):
            edit()
    assert o2o.get_one_to_one(db, record.id) == record


def test_a_correction_after_agreement_replaces_what_the_item_says(db):
    record = agreed_with_points(db)
    note = record.items[3]
    o2o.correct_item(db, record, note.id, "The action was for Alex, not me.")
    corrected = o2o.get_one_to_one(db, record.id)
    assert corrected.locked and corrected.version == record.version + 1
    assert corrected.item(note.id).text == "The action was for Alex, not me."
    assert [i for i in corrected.items if i.id != note.id] == [i for i in record.items if i.id != note.id]


def test_a_correction_is_never_empty(db):
    record = agreed_with_points(db)
    with pytest.raises(ValueError, match="cannot be empty"):
        o2o.correct_item(db, record, record.items[0].id, "   ")
    assert o2o.get_one_to_one(db, record.id) == record


def test_an_edit_made_elsewhere_is_not_overwritten(db):
    record = o2o.create_one_to_one(db, date(2026, 1, 5))
    record = o2o.add_item(db, record, ItemKind.TALKING_POINT, "first wording")
    other_window = o2o.edit_item(db, record, record.items[0].id, text="second wording")
    with pytest.raises(StaleEditError, match="changed somewhere else"):
        o2o.edit_item(db, record, record.items[0].id, text="stale wording")
    assert o2o.get_one_to_one(db, record.id).items[0].text == "second wording" == other_window.items[0].text


def test_bad_input_is_refused_with_a_sentence(db):
    record = o2o.create_one_to_one(db, date(2026, 1, 5))
    with pytest.raises(ValueError, match="empty"):
        o2o.add_item(db, record, ItemKind.TALKING_POINT, "  \n ")
    with pytest.raises(ValueError, match="cannot be saved"):
        o2o.add_item(db, record, ItemKind.TALKING_POINT, "broken \ud800 emoji")
    with pytest.raises(ValueError, match="after this one"):
        o2o.set_dates(db, record, date(2026, 1, 5), date(2026, 1, 5))
    assert o2o.get_one_to_one(db, record.id) == record


def test_text_is_kept_exactly(db):
    hostile = "[b]bold[/b] \x1b[31mred\n'); DROP TABLE one_to_ones;-- 👩🏽‍⚕️"
    record = o2o.add_item(db, o2o.create_one_to_one(db, date(2026, 1, 5)), ItemKind.NOTE, hostile)
    assert o2o.get_one_to_one(db, record.id).items[0].text == hostile


def test_an_agreed_action_becomes_a_commitment(db):
    record = o2o.create_one_to_one(db, date(2026, 1, 5))
    record = o2o.add_item(db, record, ItemKind.AGREED_ACTION, "Brief the agency staff")
    record = o2o.add_item(db, record, ItemKind.TALKING_POINT, "a point")
    commitment = create_commitment(db, Commitment(id="", title="Brief the agency staff", lens=Lens.SELF,
                                                  mode=Mode.ACTION))
    record = o2o.link_commitment(db, record, record.items[0].id, commitment.id)
    assert record.items[0].commitment_id == commitment.id and record.items[0].closed
    with pytest.raises(StoreError, match="Only an agreed action"):
        o2o.link_commitment(db, record, record.items[1].id, commitment.id)


def test_agreeing_early_dates_the_record_and_checks_the_next_date(db):
    record = o2o.set_dates(db, o2o.create_one_to_one(db, date(2026, 1, 9)), date(2026, 1, 9), date(2026, 1, 20))
    with pytest.raises(ValueError, match="after this one"):
        o2o.mark_agreed(db, record, held_on=date(2026, 1, 25))
    agreed = o2o.mark_agreed(db, record, held_on=date(2026, 1, 5), at="2026-01-05T10:00:00Z")
    assert (agreed.held_on, agreed.agreed_at, agreed.next_on) == (date(2026, 1, 5), "2026-01-05T10:00:00Z",
                                                                  date(2026, 1, 20))


def _agreed_early(db, planned: date, held: date, next_on: date | None = None):
    record = o2o.set_dates(db, o2o.create_one_to_one(db, planned, "Alex"), planned, next_on)
    return o2o.mark_agreed(db, record, held_on=held)


def test_after_one_agreed_early_with_no_next_date_the_next_is_one_rhythm_after_it_not_the_same_day(db):
    agreed = _agreed_early(db, planned=date(2026, 3, 12), held=date(2026, 3, 5))
    assert o2o.suggested_date(db, date(2026, 3, 5)) == date(2026, 3, 19)  # fortnightly, from the day it was held
    assert o2o.create_one_to_one(db, o2o.suggested_date(db, date(2026, 3, 5))).held_on != agreed.held_on


def test_the_rhythm_is_the_persons_own(db):
    save_profile(db, Profile(name="Sam"))
    db.execute("UPDATE profile SET default_cadence = 'monthly'")  # kept by the profile; an import carries it
    _agreed_early(db, planned=date(2026, 1, 31), held=date(2026, 1, 29))
    assert o2o.suggested_date(db, date(2026, 1, 29)) == date(2026, 2, 28)
    db.execute("UPDATE profile SET default_cadence = 'first-tuesday'")  # a rota's day: its first after the day held
    assert o2o.suggested_date(db, date(2026, 1, 29)) == date(2026, 2, 3)


def test_the_next_date_set_at_the_last_one_is_kept_and_nothing_is_suggested_before_today(db):
    assert o2o.suggested_date(db, date(2026, 3, 5)) == date(2026, 3, 5)  # none yet: today
    _agreed_early(db, planned=date(2026, 3, 12), held=date(2026, 3, 5), next_on=date(2026, 4, 9))
    assert o2o.suggested_date(db, date(2026, 3, 5)) == date(2026, 4, 9)
    assert o2o.suggested_date(db, date(2026, 4, 20)) == date(2026, 4, 20)  # overdue: today


# -- the agenda --------------------------------------------------------------------------


def shared_commitment(db, **fields):
    base = dict(id="", title="Offer an interpreter", lens=Lens.PATIENTS, mode=Mode.ACTION,
                support="Ten minutes at a team meeting", visibility=Visibility.MANAGER)
    return create_commitment(db, Commitment(**{**base, **fields}))


def check(db, commitment, on, progress, visibility=Visibility.MANAGER, **notes):
    add_checkin(db, get_commitment(db, commitment.id),
                CheckIn(id="", commitment_id=commitment.id, at="", on_date=on, progress=progress,
                        visibility=visibility, **notes))


def test_the_agenda_never_holds_anything_private(db):
    shared = shared_commitment(db)
    check(db, shared, date(2026, 1, 10), 1, note="shared note", barriers="shared barrier")
    check(db, shared, date(2026, 1, 12), 3, Visibility.PRIVATE, note=f"{CANARY} note",
          barriers=f"{CANARY} barrier", next_step=CANARY)
    private = shared_commitment(db, title=f"{CANARY} title", support=f"{CANARY} support",
                                visibility=Visibility.PRIVATE, tags=(CANARY,))
    check(db, private, date(2026, 1, 11), 2, Visibility.MANAGER, note=f"{CANARY} shared check-in of a private one")
    draft = o2o.create_one_to_one(db, date(2026, 2, 2))
    draft = o2o.add_item(db, draft, ItemKind.TALKING_POINT, f"{CANARY} point", Visibility.PRIVATE)
    draft = o2o.add_item(db, draft, ItemKind.SUPPORT_REQUEST, f"{CANARY} support", Visibility.PRIVATE)
    draft = o2o.add_item(db, draft, ItemKind.TALKING_POINT, "shared point", Visibility.ALLIANCE)

    agenda = build_agenda(db, draft)

    assert CANARY not in repr(agenda)
    assert [p.commitment.id for p in agenda.commitments] == [shared.id]
    assert agenda.commitments[0].progress_now == 1  # the private check-in's progress is not shown either
    assert [c.note for _, c in agenda.notes] == ["shared note"]
    assert [c.barriers for _, c in agenda.barriers] == ["shared barrier"]
    assert [c.support for c in agenda.support] == ["Ten minutes at a team meeting"]
    assert [p.text for p in agenda.points] == ["shared point"]


def test_the_agenda_before_a_draft_shows_what_would_carry_forward_without_private_points(db):
    previous = o2o.create_one_to_one(db, date(2026, 1, 5))
    previous = o2o.add_item(db, previous, ItemKind.TALKING_POINT, "carry me")
    previous = o2o.add_item(db, previous, ItemKind.TALKING_POINT, f"{CANARY} private", Visibility.PRIVATE)
    o2o.mark_agreed(db, previous)
    agenda = build_agenda(db, None)
    assert [p.text for p in agenda.points] == ["carry me"] and CANARY not in repr(agenda)


def test_the_agenda_shows_progress_since_the_last_one_to_one(db):
    commitment = shared_commitment(db)
    check(db, commitment, date(2026, 1, 2), 1, note="before the last one")
    o2o.mark_agreed(db, o2o.create_one_to_one(db, date(2026, 1, 5)))
    check(db, commitment, date(2026, 1, 20), 3, note="after it", barriers="rota changes")
    draft = o2o.create_one_to_one(db, date(2026, 2, 2))
    draft = o2o.add_item(db, draft, ItemKind.TALKING_POINT, "new point")
    agenda = build_agenda(db, draft)
    entry = agenda.commitments[0]
    assert agenda.since == date(2026, 1, 5)
    assert (entry.progress_then, entry.progress_now) == (1, 3)
    assert [c.note for c in entry.checkins] == ["after it"]
    assert [c.note for _, c in agenda.notes] == ["after it"]
    assert agenda.carried == []


def test_changing_a_check_ins_visibility_takes_it_off_the_agenda(db):
    commitment = shared_commitment(db)
    check(db, commitment, date(2026, 1, 2), 1, note="was shared")
    checkin = build_agenda(db).notes[0][1]
    set_checkin_visibility(db, checkin.id, Visibility.PRIVATE)
    assert build_agenda(db).notes == []
    with pytest.raises(StaleEditError):
        set_checkin_visibility(db, "missing", Visibility.PRIVATE)


def test_finished_commitments_only_appear_if_finished_since_the_last_one(db):
    commitment = shared_commitment(db)
    db.execute("UPDATE commitments SET status = 'done', updated_at = '2025-12-01T10:00:00Z' WHERE id = ?",
               [commitment.id])
    assert [p.commitment.status for p in build_agenda(db).commitments] == [Status.DONE]
    o2o.mark_agreed(db, o2o.create_one_to_one(db, date(2026, 1, 5)))
    assert build_agenda(db).commitments == []


# -- the nudge -----------------------------------------------------------------------------


def test_the_next_one_to_one_is_the_draft_or_the_date_agreed_last_time(db):
    assert next_one_to_one(db) is None
    record = o2o.set_dates(db, o2o.create_one_to_one(db, date(2026, 1, 5), "Alex"), date(2026, 1, 5),
                           date(2026, 2, 2))
    upcoming = next_one_to_one(db)
    assert (upcoming.on, upcoming.prepared) == (date(2026, 1, 5), True)
    o2o.mark_agreed(db, record)
    upcoming = next_one_to_one(db)
    assert (upcoming.on, upcoming.manager_name, upcoming.prepared) == (date(2026, 2, 2), "Alex", False)
    assert not upcoming.is_due(date(2026, 1, 25))
    assert upcoming.is_due(date(2026, 1, 26))
    assert upcoming.describe(date(2026, 1, 30)) == "One-to-one with Alex on 2026-02-02 (in 3 days)"
    assert upcoming.describe(date(2026, 2, 2)) == "One-to-one with Alex on 2026-02-02 (today)"
    assert upcoming.describe(date(2026, 2, 3)).endswith("(1 day ago, not yet marked agreed)")


def test_a_store_from_before_one_to_ones_has_no_next_one(tmp_path):
    conn = sqlite3.connect(tmp_path / "old.db")
    assert next_one_to_one(conn) is None
    conn.close()


def test_myrole_due_prints_the_one_to_one_when_it_is_close(db, paths, capsys):
    today = date.today()
    record = o2o.create_one_to_one(db, today - timedelta(days=365), "Alex [b]Morgan\x1b[2J")
    o2o.mark_agreed(db, o2o.set_dates(db, record, record.held_on, today))
    assert due_run(str(paths.store)) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"One-to-one with Alex [b]Morgan\\x1b[2J on {today.isoformat()} (today)"]


def test_the_home_overview_holds_the_one_to_one_only_when_close(db):
    from myrole.overview import build_overview

    record = o2o.create_one_to_one(db, date(2026, 1, 5))
    assert build_overview(db, date(2025, 12, 1)).next_one_to_one is None
    assert build_overview(db, date(2026, 1, 1)).next_one_to_one.on == date(2026, 1, 5)
    o2o.mark_agreed(db, replace(record))
    assert build_overview(db, date(2026, 1, 1)).next_one_to_one is None  # no next date was agreed


def test_the_demo_has_a_past_agreed_one_and_a_draft_with_carried_points(db):
    from myrole.demo import seed

    seed(db, date(2026, 3, 1))
    past, upcoming = o2o.list_one_to_ones(db)
    assert past.locked and not upcoming.locked
    assert upcoming.held_on == past.next_on == date(2026, 3, 4)
    carried = [item for item in upcoming.items if item.carried_from]
    assert carried and {item.carried_from for item in carried} <= {item.id for item in past.items}
    assert any(item.commitment_id for item in past.items)


def test_demo_history_is_dated_in_the_past_so_since_leaves_it_out(db):
    """The workshop was 60 days ago, the Gibbs reflection 25 and the last one-to-one 28: an export from a
    fortnight ago has none of them."""
    from myrole.demo import seed
    from myrole.export import summary
    from myrole.privacy import Audience

    today = date(2026, 11, 26)
    seed(db, today)
    recent = summary(db, Audience.ME, today - timedelta(days=14), "2026-11-26T10:00:00Z")
    everything = summary(db, Audience.ME, None, "2026-11-26T10:00:00Z")
    assert len(everything.reflections) == 2 and recent.reflections == []
    assert [r.held_on for r in recent.one_to_ones] == [today + timedelta(days=3)]
    assert len(everything.one_to_ones) == 2
