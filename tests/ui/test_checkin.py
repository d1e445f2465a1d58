"""Tests check-ins and status changes in the app, driven by keys as a person would, checked against the store."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest
from textual.widgets import Input, OptionList, Static

from myrole.due import due_lines, scheduled
from myrole.model import Commitment, Status, Visibility
from myrole.store import open_store
from myrole.store.checkins import list_checkins, summarise
from myrole.store.commitments import get_commitment, status_history, update_commitment
from myrole.ui.app import MyRoleApp
from myrole.ui.dialogs.checkin import CheckInDialog
from myrole.ui.dialogs.commitment import CommitmentEditor
from myrole.ui.dialogs.status import CadenceDialog, PauseDialog, ReasonDialog, SnoozeDialog
from myrole.ui.screens.commitment import CommitmentScreen
from myrole.ui.screens.home import HomeScreen

from .pilot import SIZE, TITLE, TODAY, Typed, pilot_test, prepared_weekly_commitment, press_or_type, reopened, type_text


@pytest.fixture
def cid(paths, prepared_stores) -> str:
    """A store with one weekly commitment, three days overdue (a copy of one made once); its id."""
    return prepared_weekly_commitment(paths, prepared_stores, days_old=10, visibility=Visibility.MANAGER)


def _app(paths) -> MyRoleApp:
    return MyRoleApp(paths=paths, db=open_store(paths), today=TODAY)


def _text(widget: Static) -> str:
    content = widget.content
    return content.plain if hasattr(content, "plain") else str(content)


async def _open_detail(pilot) -> CommitmentScreen:
    await pilot.pause()
    await pilot.press("enter")  # the due commitment has the cursor when home opens
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommitmentScreen)
    return pilot.app.screen


@pilot_test
async def test_check_in_from_home_with_keys_alone_saves_it_and_moves_the_due_date_on(paths, cid):
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
        await type_text(pilot, "Asked twelve people")
        await pilot.press("enter")
        await type_text(pilot, "Agency staff")
        await pilot.press("enter")
        await type_text(pilot, "Brief them")
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
async def test_progress_four_marks_it_done(paths, cid):
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
async def test_a_check_in_on_a_commitment_changed_elsewhere_is_refused_and_the_draft_kept(paths, cid):
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", "2", "tab")
        await type_text(pilot, "Draft note")
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


@dataclass(frozen=True)
class RefusedThenSaved:
    """A change of status made from the commitment's screen: refused in its form first, then put right and saved."""

    key: str  # on the commitment's screen
    dialog: type
    wrong: tuple[str, ...]  # keys (or text) that make the form refuse
    error: str  # the sentence the form shows under it
    right: tuple[str, ...]  # keys (or text) that put it right
    saved: Callable[[Commitment, list[dict]], bool]  # the stored commitment and its history, once saved
    shown: Callable[[object, CommitmentScreen], Awaitable[None]] | None = None  # then, with the pilot


async def _pause_is_shown(pilot, detail: CommitmentScreen) -> None:
    """The commitment's screen and then home say it is paused until then, and nothing is due."""
    assert "paused until 2026-12-10" in _text(detail.query_one("#detail-status", Static))
    assert "Annual leave" in _text(detail.query_one("#detail-history", Static))
    await pilot.press("escape")
    await pilot.pause()
    home = pilot.app.screen
    assert "paused until 2026-12-10" in home.query_one("#open-list", OptionList).get_option_at_index(0).prompt.plain
    assert due_lines(scheduled(pilot.app.db), TODAY) == []


PAUSE = "(let the screen settle)"


def _keys(*parts: str | list[str]) -> tuple[str, ...]:
    """Keys to press: a string of more than one character is text typed letter by letter (type_text); a list
    is keys."""
    return tuple(key for part in parts for key in (part if isinstance(part, list) else
                                                   [part] if len(part) == 1 else [Typed(part)]))


async def _press(pilot, *keys: str) -> None:
    """Press keys in order, letting the screen settle wherever PAUSE stands among them."""
    group: list[str] = []
    for key in [*keys, PAUSE]:
        if key != PAUSE:
            group.append(key)
            continue
        await press_or_type(pilot, *group)
        await pilot.pause()
        group = []


async def _drop_is_shown(pilot, detail: CommitmentScreen) -> None:
    assert "Status: dropped" in _text(detail.query_one("#detail-status", Static))


REFUSED_THEN_SAVED = {
    "pause: a date in the past, then a later one": RefusedThenSaved(
        "p", PauseDialog, _keys("2026-11-20", ["enter"], "Annual leave"), "A pause needs to end after today",
        _keys(["backspace"] * 10, "2026-12-10"),  # the error put the cursor back in the date
        lambda c, history: (c.status, c.paused_until, c.status_reason, [e["kind"] for e in history]) == (
            Status.PAUSED, date(2026, 12, 10), "Annual leave", ["created", "paused"]), _pause_is_shown),
    "cadence: every zero days, then every ten": RefusedThenSaved(
        "r", CadenceDialog, _keys(["enter", "down", "down", "down", "down", "enter", PAUSE], "0"),  # pick "Every N days"
        "at least one day", _keys(["backspace"], "10"),
        lambda c, history: c.cadence == "10d" and c.status is Status.ACTIVE),
    "drop: no reason, then a reason kept as history": RefusedThenSaved(
        "x", ReasonDialog, (), "Say briefly why", _keys("Someone else leads it"),
        lambda c, history: c.status is Status.DROPPED and history[-1]["reason"] == "Someone else leads it",
        _drop_is_shown),
}


@pytest.mark.parametrize("change", REFUSED_THEN_SAVED.values(), ids=REFUSED_THEN_SAVED.keys())
@pilot_test
async def test_a_change_of_status_is_refused_in_its_form_then_saved_once_put_right(paths, cid, change):
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        detail = await _open_detail(pilot)
        before = get_commitment(app.db, cid)
        await pilot.press(change.key)
        await pilot.pause()
        assert isinstance(app.screen, change.dialog)
        await _press(pilot, *change.wrong, "ctrl+s")
        assert change.error in _text(app.screen.query_one("#error", Static))
        assert get_commitment(app.db, cid) == before  # nothing saved half-way
        await _press(pilot, *change.right, "ctrl+s")
        assert app.screen is detail
        if change.shown:
            await change.shown(pilot, detail)
    with reopened(paths) as db:
        assert change.saved(get_commitment(db, cid), status_history(db, cid))


@pilot_test
async def test_snooze_a_week_from_detail(paths, cid):
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
async def test_renegotiate_edits_the_commitment_with_a_reason(paths, cid):
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await _open_detail(pilot)
        await pilot.press("n")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, CommitmentEditor)
        await pilot.press("end")
        await type_text(pilot, " at first visits")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Say briefly why" in _text(editor.query_one("#error", Static))
        editor.query_one("#reason", Input).focus()
        await type_text(pilot, "Booking is done by admin")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentScreen)
    db = open_store(paths)
    assert get_commitment(db, cid).title == f"{TITLE} at first visits"
    assert status_history(db, cid)[-1]["kind"] == "renegotiated"
    db.close()


@pilot_test
async def test_editing_in_two_windows_tells_the_second_and_keeps_its_draft(paths, cid):
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await _open_detail(pilot)
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        await pilot.press("end")
        await type_text(pilot, " soon")
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
async def test_a_target_date_in_the_past_is_refused_in_the_form(paths, cid):
    app = _app(paths)
    async with app.run_test(size=SIZE) as pilot:
        await _open_detail(pilot)
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        editor.query_one("#target_date", Input).focus()
        await type_text(pilot, "2026-11-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert "target date is in the past" in _text(editor.query_one("#error", Static))
    db = open_store(paths)
    assert get_commitment(db, cid).target_date is None and get_commitment(db, cid).version == 1
    db.close()


@pilot_test
async def test_hostile_text_is_shown_exactly_and_inert_in_detail_and_check_in(paths, cid):
    hostile = "[bold]x[/] [link=https://e.vil]y[/link] \x1b[31m red"
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
