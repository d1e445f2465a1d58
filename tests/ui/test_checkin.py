"""Tests check-ins and status changes in the app, driven by keys as a person would, checked against the store."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date, timedelta

from textual.widgets import Input, OptionList, Static

from myrole.due import due_lines, scheduled
from myrole.model import Status, Visibility
from myrole.store import open_store
from myrole.store.checkins import list_checkins, summarise
from myrole.store.commitments import get_commitment, status_history, update_commitment
from myrole.ui.app import MyRoleApp
from myrole.ui.dialogs.checkin import CheckInDialog
from myrole.ui.dialogs.commitment import CommitmentEditor
from myrole.ui.dialogs.status import CadenceDialog, PauseDialog, ReasonDialog, SnoozeDialog
from myrole.ui.screens.commitment import CommitmentScreen
from myrole.ui.screens.home import HomeScreen

from .pilot import SIZE, TITLE, TODAY, one_weekly_commitment, pilot_test


def _store(paths) -> str:
    """A store with one weekly commitment, three days overdue; returns its id."""
    return one_weekly_commitment(paths, days_old=10, visibility=Visibility.MANAGER)


def _app(paths) -> MyRoleApp:
    return MyRoleApp(paths=paths, db=open_store(paths), today=TODAY)


def _text(widget: Static) -> str:
    content = widget.content
    return content.plain if hasattr(content, "plain") else str(content)


async def _type(pilot, text: str) -> None:
    await pilot.press(*text)


async def _open_detail(pilot) -> CommitmentScreen:
    await pilot.pause()
    await pilot.press("enter")  # the due commitment has the cursor when home opens
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommitmentScreen)
    return pilot.app.screen


@pilot_test
async def test_check_in_from_home_with_keys_alone_saves_it_and_moves_the_due_date_on(paths):
    cid = _store(paths)
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.query_one("#due-list", OptionList).get_option_at_index(0).id == cid  # overdue, shown first
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CheckInDialog)
        await pilot.press("3", "tab")
        await _type(pilot, "Asked twelve people")
        await pilot.press("enter")
        await _type(pilot, "Agency staff")
        await pilot.press("enter")
        await _type(pilot, "Brief them")
        await pilot.press("enter", "5", "ctrl+s")
        await pilot.pause()
        assert app.screen is home
        due_list = home.query_one("#due-list", OptionList)
        assert due_list.option_count == 1 and due_list.get_option_at_index(0).disabled  # "Nothing is due"
        shown = home.query_one("#open-list", OptionList).get_option_at_index(0).prompt.plain
        assert "due 2026-12-03 (in 7 days)" in shown and "progress: nearly there" in shown
    db = open_store(paths)
    [saved] = list_checkins(db, cid)
    assert (saved.on_date, saved.progress, saved.note, saved.barriers, saved.next_step, saved.confidence,
            saved.visibility) == (TODAY, 3, "Asked twelve people", "Agency staff", "Brief them", 5, Visibility.MANAGER)
    assert summarise(db, get_commitment(db, cid)).due == TODAY + timedelta(days=7)
    db.close()


@pilot_test
async def test_progress_four_marks_it_done(paths):
    cid = _store(paths)
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", "4", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    db = open_store(paths)
    assert get_commitment(db, cid).status is Status.DONE
    assert [k.progress for k in list_checkins(db, cid)] == [4]
    db.close()


@pilot_test
async def test_a_check_in_on_a_commitment_changed_elsewhere_is_refused_and_the_draft_kept(paths):
    cid = _store(paths)
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", "2", "tab")
        await _type(pilot, "Draft note")
        other = open_store(paths)  # another window saves a change first
        update_commitment(other, replace(get_commitment(other, cid), title="Changed elsewhere"))
        other.close()
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CheckInDialog)
        assert "changed somewhere else" in _text(dialog.query_one("#error", Static))
        assert dialog.query_one("#note", Input).value == "Draft note"
    db = open_store(paths)
    assert list_checkins(db, cid) == []
    db.close()


@pilot_test
async def test_pause_from_detail_refuses_a_past_date_then_pauses_and_nothing_is_due(paths):
    cid = _store(paths)
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        detail = await _open_detail(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PauseDialog)
        await _type(pilot, "2026-11-20")
        await pilot.press("enter")
        await _type(pilot, "Annual leave")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "A pause needs to end after today" in _text(app.screen.query_one("#error", Static))
        assert get_commitment(app.db, cid).status is Status.ACTIVE  # nothing saved half-way
        await pilot.press(*["backspace"] * 10)  # the error put the cursor back in the date
        await _type(pilot, "2026-12-10")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is detail
        assert "paused until 2026-12-10" in _text(detail.query_one("#detail-status", Static))
        assert "Annual leave" in _text(detail.query_one("#detail-history", Static))
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert "paused until 2026-12-10" in home.query_one("#open-list", OptionList).get_option_at_index(0).prompt.plain
        assert due_lines(scheduled(app.db), TODAY) == []
    db = open_store(paths)
    c = get_commitment(db, cid)
    assert (c.status, c.paused_until, c.status_reason) == (Status.PAUSED, date(2026, 12, 10), "Annual leave")
    assert [e["kind"] for e in status_history(db, cid)] == ["created", "paused"]
    db.close()


@pilot_test
async def test_snooze_a_week_from_detail(paths):
    cid = _store(paths)
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await _open_detail(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeDialog)
        await pilot.press("7")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentScreen)
        assert get_commitment(app.db, cid).snoozed_until == TODAY + timedelta(days=7)


@pilot_test
async def test_change_cadence_refuses_zero_days_then_saves_every_ten_days(paths):
    cid = _store(paths)
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await _open_detail(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, CadenceDialog)
        await pilot.press("enter", "down", "down", "down", "down", "enter")  # open the list, pick "Every N days"
        await pilot.pause()
        await pilot.press("0", "ctrl+s")
        await pilot.pause()
        assert "at least one day" in _text(app.screen.query_one("#error", Static))
        assert get_commitment(app.db, cid).cadence == "weekly"
        await pilot.press("backspace", "1", "0", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentScreen)
        assert get_commitment(app.db, cid).cadence == "10d"


@pilot_test
async def test_drop_needs_a_reason_and_keeps_it_as_history(paths):
    cid = _store(paths)
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        detail = await _open_detail(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Say briefly why" in _text(app.screen.query_one("#error", Static))
        await _type(pilot, "Someone else leads it")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is detail
        assert "Status: dropped" in _text(detail.query_one("#detail-status", Static))
    db = open_store(paths)
    assert status_history(db, cid)[-1]["reason"] == "Someone else leads it"
    db.close()


@pilot_test
async def test_renegotiate_edits_the_commitment_with_a_reason(paths):
    cid = _store(paths)
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await _open_detail(pilot)
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, CommitmentEditor)
        await pilot.press("end")
        await _type(pilot, " at first visits")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Say briefly why" in _text(editor.query_one("#error", Static))
        editor.query_one("#reason", Input).focus()
        await _type(pilot, "Booking is done by admin")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentScreen)
    db = open_store(paths)
    assert get_commitment(db, cid).title == f"{TITLE} at first visits"
    assert status_history(db, cid)[-1]["kind"] == "renegotiated"
    db.close()


@pilot_test
async def test_editing_in_two_windows_tells_the_second_and_keeps_its_draft(paths):
    cid = _store(paths)
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await _open_detail(pilot)
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        await pilot.press("end")
        await _type(pilot, " soon")
        other = open_store(paths)
        update_commitment(other, replace(get_commitment(other, cid), title="From the other window"))
        other.close()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert "changed somewhere else" in _text(editor.query_one("#error", Static))
        assert editor.query_one("#title", Input).value == f"{TITLE} soon"
    db = open_store(paths)
    assert get_commitment(db, cid).title == "From the other window"
    db.close()


@pilot_test
async def test_a_target_date_in_the_past_is_refused_in_the_form(paths):
    cid = _store(paths)
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await _open_detail(pilot)
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        editor.query_one("#target_date", Input).focus()
        await _type(pilot, "2026-11-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert "target date is in the past" in _text(editor.query_one("#error", Static))
    db = open_store(paths)
    assert get_commitment(db, cid).target_date is None and get_commitment(db, cid).version == 1
    db.close()


@pilot_test
async def test_hostile_text_is_shown_exactly_and_inert_in_detail_and_check_in(paths):
    hostile = "[bold]x[/] [link=https://e.vil]y[/link] \x1b[31m red"
    cid = _store(paths)
    db = open_store(paths)
    c = get_commitment(db, cid)
    update_commitment(db, replace(c, title=hostile, detail=hostile))
    db.close()
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        detail = await _open_detail(pilot)
        shown = "[bold]x[/] [link=https://e.vil]y[/link] \\x1b[31m red"
        assert _text(detail.query_one("#detail-title", Static)) == shown
        assert f"Detail: {shown}" in _text(detail.query_one("#detail-fields", Static))
        await pilot.press("c")
        await pilot.pause()
        assert shown in _text(app.screen.query_one(".dialog-title", Static))


def test_visibility_of_a_check_in_can_be_changed_from_the_detail_screen(paths):
    """v on the detail screen: choose a check-in, then who can see it; saved and shown in words."""
    from datetime import date

    from myrole.model import CheckIn, Commitment, Lens, Mode, Profile, Visibility
    from myrole.store import open_store
    from myrole.store.checkins import add_checkin, list_checkins
    from myrole.store.commitments import create_commitment
    from myrole.store.profile import save_profile
    from myrole.ui.app import MyRoleApp
    from myrole.ui.screens.commitment import CommitmentScreen

    db = open_store(paths)
    save_profile(db, Profile(onboarded=True))
    commitment = create_commitment(db, Commitment(id="", title="Ask about interpreters", lens=Lens.PATIENTS,
                                                  mode=Mode.ACTION))
    add_checkin(db, commitment, CheckIn(id="", commitment_id=commitment.id, at="", on_date=date.today(),
                                        progress=1, note="a private note", confidence=3))

    async def journey() -> None:
        app = MyRoleApp(paths=paths, db=db)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await app.push_screen(CommitmentScreen(commitment.id))
            await pilot.pause()
            for key in ("v", "enter", "down", "enter"):
                await pilot.press(key)
                await pilot.pause()

    asyncio.run(journey())
    reopened = open_store(paths)
    assert [k.visibility for k in list_checkins(reopened, commitment.id)] == [Visibility.MANAGER]
    reopened.close()
