"""Tests the one-to-one screen driven by keys as a person would: prepare, record, agree, carry forward."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import OptionList, Static, TextArea

from myrole.model import CheckIn, Commitment, ItemKind, Lens, Mode, Profile, Visibility
from myrole.store import open_store
from myrole.store import one_to_ones as o2o
from myrole.store.checkins import add_checkin
from myrole.store.commitments import create_commitment, get_commitment, list_commitments
from myrole.store.profile import save_profile
from myrole.ui.app import MyRoleApp
from myrole.ui.dialogs.commitment import CommitmentEditor
from myrole.ui.dialogs.confirm import ConfirmDialog
from myrole.ui.dialogs.correct import CorrectionDialog
from myrole.ui.dialogs.one_to_one import DatesDialog, ItemDialog, PastOneToOnesDialog
from myrole.ui.dialogs.visibility import VisibilityDialog
from myrole.ui.screens.home import HomeScreen
from myrole.ui.screens.one_to_one import OneToOneScreen

from .pilot import pilot_test, search_palette, type_text


@pytest.fixture
def db(empty_db):
    """The migrated, empty store in this test's home, copied from one migrated once per test process
    (conftest's empty_db): no test here is about a new store's own key or its migrations."""
    return empty_db

SIZE = (80, 24)
CANARY = "CANARY-private-5b1e"


def onboard(db) -> None:
    save_profile(db, Profile(name="Sam", manager_name="Alex Morgan", onboarded=True))


def screen_text(app) -> str:
    """Everything the one-to-one screen shows, as plain text."""
    parts = [str(static.render()) for static in app.screen.query(Static)]
    listing = app.screen.query_one(OptionList)
    parts += [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
    return "\n".join(parts)


async def add_item(pilot, key: str, text: str) -> None:
    await pilot.press(key)
    assert isinstance(pilot.app.screen, ItemDialog)
    await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, OneToOneScreen)


@pilot_test
async def test_prepare_record_agree_and_carry_forward(paths, db):
    onboard(db)
    create_commitment(db, Commitment(id="", title="Offer an interpreter", lens=Lens.PATIENTS,
                                     mode=Mode.ACTION, visibility=Visibility.MANAGER))
    next_date = date.today() + timedelta(days=14)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        assert isinstance(app.screen, OneToOneScreen)
        assert "Offer an interpreter" in screen_text(app)  # the agenda holds the shared commitment
        assert "Open points from your last one-to-one" not in screen_text(app)  # there was none before

        await add_item(pilot, "t", "Ask about study leave")
        await add_item(pilot, "n", "Alex supports the checklist")
        await add_item(pilot, "a", "Brief the agency staff")

        await pilot.press("c")  # the new action is highlighted: make it a commitment in one step
        assert isinstance(app.screen, CommitmentEditor)
        await pilot.press("ctrl+s")
        await pilot.pause()

        await pilot.press("d")
        assert isinstance(app.screen, DatesDialog)
        await type_text(pilot, next_date.isoformat())
        await pilot.press("enter")
        await pilot.pause()

        await pilot.press("m")
        assert isinstance(app.screen, ConfirmDialog)
        assert app.focused is not None and app.focused.id == "no"  # agreeing locks it: a stray Enter must not
        await pilot.press("left")  # the arrows move between the answers, as Tab does
        assert app.focused.id == "yes"
        await pilot.press("enter")  # "Mark agreed"
        await pilot.pause()

        record = o2o.list_one_to_ones(db)[0]
        assert record.locked and record.next_on == next_date
        point, note, action = record.items
        assert (point.kind, point.text, point.closed) == (ItemKind.TALKING_POINT, "Ask about study leave", False)
        assert (note.kind, note.text) == (ItemKind.NOTE, "Alex supports the checklist")
        commitment = get_commitment(db, action.commitment_id)
        assert commitment.title == "Brief the agency staff" and action.closed
        assert "read-only" in screen_text(app)

        # The agreed record cannot be edited: the keys do nothing, only a correction is offered.
        for key in ("t", "n", "a", "x", "e", "m", "d", "v", "c"):
            await pilot.press(key)
            assert isinstance(app.screen, OneToOneScreen), key
        assert o2o.get_one_to_one(db, record.id).items == record.items
        # r corrects the chosen item: what it says is replaced, nothing else changes.
        listing = app.screen.query_one(OptionList)
        listing.highlighted = listing.get_option_index(f"item:{point.id}")
        await pilot.press("r")
        assert isinstance(app.screen, CorrectionDialog)
        app.screen.query_one("#text", TextArea).load_text("Ask about two days of study leave")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OneToOneScreen)
        corrected = o2o.get_one_to_one(db, record.id)
        assert corrected.item(point.id).text == "Ask about two days of study leave"
        assert corrected.items[1:] == record.items[1:] and corrected.locked
        assert "Ask about two days of study leave" in screen_text(app)

        # The next one-to-one starts with the open points carried forward.
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("o")
        assert "Ask about two days of study leave" in screen_text(app)
        await add_item(pilot, "t", "Feedback on the chart")
        draft = o2o.current_draft(db)
        assert [(i.text, i.carried_from) for i in draft.items] == [
            ("Ask about two days of study leave", point.id), ("Feedback on the chart", None)]
        assert draft.held_on == next_date


@pilot_test
async def test_a_past_one_to_one_opens_read_only(paths, db):
    onboard(db)
    record = o2o.create_one_to_one(db, date(2026, 1, 5))
    record = o2o.mark_agreed(db, o2o.add_item(db, record, ItemKind.TALKING_POINT, "[b]kept as typed[/b]"))
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o", "p")
        assert isinstance(app.screen, PastOneToOnesDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OneToOneScreen) and app.screen.locked
        assert "[b]kept as typed[/b]" in screen_text(app)
        await pilot.press("t", "x", "e", "enter")
        assert isinstance(app.screen, OneToOneScreen)
        assert o2o.get_one_to_one(db, record.id) == record


@pilot_test
async def test_a_note_that_looks_identifiable_is_warned_about_not_blocked(paths, db):
    onboard(db)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o", "n")
        await type_text(pilot, "Mrs B, NHS 943 476 5919")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ItemDialog)  # not saved yet: the person looks first
        warning = str(app.screen.query_one("#warning", Static).render())
        assert "NHS number '943 476 5919'" in warning
        assert o2o.current_draft(db) is None
        await pilot.press("backspace", "backspace", "backspace", "backspace")  # edit the number out
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OneToOneScreen)
        assert [i.text for i in o2o.current_draft(db).items] == ["Mrs B, NHS 943 476 "]

        await pilot.press("n")
        await type_text(pilot, "Call 01274 123456")
        await pilot.press("ctrl+s", "ctrl+s")  # warned, then saved anyway
        await pilot.pause()
        assert [i.text for i in o2o.current_draft(db).items][-1] == "Call 01274 123456"


@pilot_test
async def test_a_save_after_a_change_elsewhere_is_told_and_can_be_retried(paths, db):
    onboard(db)
    draft = o2o.create_one_to_one(db, date(2026, 1, 5))
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o", "t")
        o2o.add_item(db, draft, ItemKind.TALKING_POINT, "from another window")
        await type_text(pilot, "from this window")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ItemDialog)  # the draft stays on screen
        assert "changed somewhere else" in str(app.screen.query_one("#error", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OneToOneScreen)
        assert [i.text for i in o2o.current_draft(db).items] == ["from another window", "from this window"]


@pilot_test
async def test_visibility_can_be_changed_from_the_agenda(paths, db):
    onboard(db)
    commitment = create_commitment(db, Commitment(id="", title="Shared commitment", lens=Lens.SELF,
                                                  mode=Mode.ACTION, visibility=Visibility.MANAGER))
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        assert "manager" in screen_text(app)
        await pilot.press("v")  # the first entry, the shared commitment, is highlighted
        assert isinstance(app.screen, VisibilityDialog)
        await pilot.press("up", "enter")  # from "manager" up to "private"
        await pilot.pause()
        assert get_commitment(db, commitment.id).visibility is Visibility.PRIVATE
        assert "Shared commitment" not in screen_text(app)


@pilot_test
async def test_home_shows_the_next_one_to_one_and_the_palette_opens_it(paths, db):
    onboard(db)
    o2o.create_one_to_one(db, date.today() + timedelta(days=2))
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        note = str(app.screen.query_one("#one-to-one-note", Static).render())
        assert note == (f"One-to-one with Alex Morgan on {(date.today() + timedelta(days=2)).isoformat()} "
                        "(in 2 days): press o to prepare.")
        await pilot.press("ctrl+p")
        await search_palette(pilot, "One-to-one with")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OneToOneScreen)


def fixed_store(paths):
    """A store with fixed dates, so the screen looks the same whatever day the test runs."""
    db = open_store(paths)
    onboard(db)
    shared = create_commitment(db, Commitment(
        id="", title="Offer an interpreter to every new patient", lens=Lens.PATIENTS, mode=Mode.ACTION,
        support="Ten minutes at a team meeting", visibility=Visibility.MANAGER))
    for on, progress, note, barriers in ((date(2025, 1, 2), 1, "Checklist drafted.", ""),
                                         (date(2025, 1, 20), 2, "Used it with 12 patients.", "Agency staff")):
        add_checkin(db, get_commitment(db, shared.id), CheckIn(
            id="", commitment_id=shared.id, at=f"{on.isoformat()}T10:00:00Z", on_date=on, progress=progress,
            note=note, barriers=barriers, visibility=Visibility.MANAGER))
    create_commitment(db, Commitment(id="", title=CANARY, lens=Lens.SELF, mode=Mode.AWARENESS))
    past = o2o.create_one_to_one(db, date(2025, 1, 6))
    past = o2o.add_item(db, past, ItemKind.TALKING_POINT, "Time to visit the lunch club")
    past = o2o.add_item(db, past, ItemKind.TALKING_POINT, "Night shifts are tiring", Visibility.PRIVATE)
    past = o2o.set_dates(db, past, past.held_on, date(2025, 2, 3))
    o2o.mark_agreed(db, past, at="2025-01-06T11:00:00Z")
    draft = o2o.create_one_to_one(db, date(2025, 2, 3))
    o2o.add_item(db, draft, ItemKind.AGREED_ACTION, "Alex to book the team meeting slot")
    return db


@pilot_test
async def test_the_screen_never_shows_a_private_commitment(paths):
    app = MyRoleApp(paths=paths, db=fixed_store(paths))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        text = screen_text(app)
        assert CANARY not in text
        assert "private: only you" in text and "carried forward from 2025-01-06" in text
        assert [c.title for c in list_commitments(app.db)][-1] == CANARY


def test_snapshot_of_the_one_to_one_screen(paths, snap_compare):
    app = MyRoleApp(paths=paths, db=fixed_store(paths))

    async def open_it(pilot):
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_it)


@pilot_test
async def test_a_refused_item_or_date_is_said_under_its_field_and_the_form_stays(paths, db):
    onboard(db)
    saved: list = []

    def refuse_item(text, visibility):
        raise ValueError("That item cannot be kept.")

    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.push_screen(ItemDialog(ItemKind.NOTE, refuse_item))
        await pilot.pause()
        await type_text(pilot, "a note")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ItemDialog)
        assert "cannot be kept" in str(app.screen.query_one("#error", Static).render())
        assert app.focused.id == "text"
        await app.screen.dismiss(None)
        await pilot.pause()
        await app.push_screen(DatesDialog(date.today(), None, lambda held, nxt: saved.append((held, nxt))))
        await pilot.pause()
        await type_text(pilot, (date.today() - timedelta(days=3)).isoformat())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DatesDialog)
        assert "in the past" in str(app.screen.query_one("#error", Static).render())
        assert app.focused.id == "next_on"
        assert saved == []
