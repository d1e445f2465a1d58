"""Tests done and dropped commitments in the app: listed in History, shown closed, reopened with p."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import OptionList, Static

from myrole.model import Commitment, Lens, Mode, Profile, Status, Visibility
from myrole.store import open_store
from myrole.store.checkins import list_checkins
from myrole.store.commitments import create_commitment, get_commitment, status_history
from myrole.store.profile import save_profile
from myrole.store.status import drop, mark_done
from myrole.ui.dialogs.status import ReasonDialog
from myrole.ui.screens.commitment import CommitmentScreen
from myrole.ui.screens.history import HistoryScreen
from myrole.ui.screens.home import HomeScreen

from .pilot import Typed, pilot_test, press_or_type, reopened, running, type_text


@pytest.fixture
def db(empty_db):
    """The migrated, empty store in this test's home, copied from one migrated once per test process
    (conftest's empty_db): no test here is about a new store's own key or its migrations."""
    return empty_db



def _stamp_last_event(db, commitment_id: str, at: str) -> None:
    db.execute("UPDATE commitment_events SET at = ? WHERE id = (SELECT max(id) FROM commitment_events "
               "WHERE commitment_id = ?)", [at, commitment_id])


def _store(paths, prepared_stores) -> dict[str, str]:
    """One open, one done (2026-10-01) and one dropped (2026-11-20) commitment; their ids by word.

    The store is made once per test process and copied (see the prepared_stores fixture)."""
    return prepared_stores(paths, "one open, one done and one dropped commitment", _make_store)


def _make_store(paths) -> dict[str, str]:
    db = open_store(paths)
    save_profile(db, Profile("Sam", onboarded=True))
    new = lambda title: create_commitment(db, Commitment(  # noqa: E731
        id="", title=title, lens=Lens.FUTURE, mode=Mode.ACTION, visibility=Visibility.MANAGER))
    done = mark_done(db, new("Mentor an apprentice"), "Passed the first placement")
    _stamp_last_event(db, done.id, "2026-10-01T09:00:00Z")
    dropped = drop(db, new("Raise transport costs"), "The board has a transport lead now")
    _stamp_last_event(db, dropped.id, "2026-11-20T09:00:00Z")
    still_open = new("Offer an interpreter")
    db.close()
    return {"done": done.id, "dropped": dropped.id, "open": still_open.id}


def _text(widget: Static) -> str:
    return widget.content.plain


def _options(options: OptionList) -> list[tuple[str | None, str]]:
    return [(options.get_option_at_index(i).id, options.get_option_at_index(i).prompt.plain)
            for i in range(options.option_count)]


def _keys(screen) -> dict[str, str]:
    """Each key the screen answers now, with the action it runs."""
    return {key: active.binding.action for key, active in screen.active_bindings.items()}


async def _open_from_history(pilot, row: int) -> CommitmentScreen:
    await pilot.press("h", "tab", *["down"] * row, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommitmentScreen)
    return pilot.app.screen


@pilot_test
async def test_history_lists_done_and_dropped_commitments_newest_first_in_words(paths, prepared_stores):
    ids = _store(paths, prepared_stores)

    async with running(paths) as pilot:
        app = pilot.app
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert _options(app.screen.query_one("#closed-commitments", OptionList)) == [
            (ids["dropped"], "Raise transport costs\n   Dropped on 2026-11-20 · Nurturing the future · manager"),
            (ids["done"], "Mentor an apprentice\n   Done on 2026-10-01 · Nurturing the future · manager"),
        ]


@pilot_test
async def test_with_nothing_closed_history_says_where_closed_commitments_will_go(db, paths):
    save_profile(db, Profile("Sam", onboarded=True))

    async with running(paths, db) as pilot:
        app = pilot.app
        await pilot.press("h")
        await pilot.pause()
        [(option_id, words)] = _options(app.screen.query_one("#closed-commitments", OptionList))
        assert option_id is None and "A commitment you mark done (d) or drop (x) is kept here." in words


@pilot_test
async def test_a_done_commitment_says_so_and_offers_reopen_not_check_in(paths, prepared_stores):
    ids = _store(paths, prepared_stores)

    async with running(paths) as pilot:
        app = pilot.app
        detail = await _open_from_history(pilot, row=1)
        assert detail.commitment_id == ids["done"]
        status = _text(detail.query_one("#detail-status", Static))
        assert status.startswith("Status: done on 2026-10-01 · closed: no more check-ins or reminders")
        assert "Closing note: Passed the first placement" in status
        assert _text(detail.query_one("#detail-keys", Static)).startswith(
            "Keys: p reopen · e edit · v who sees a check-in · w correct a check-in · escape back")
        assert "No check-ins were recorded." in _text(detail.query_one("#detail-chart", Static))
        keys = _keys(detail)
        assert keys["p"] == "reopen" and keys["e"] == "edit" and keys["v"] == "checkin_visibility"
        assert {keys[k] for k in "csrdxn"} == {"closed_key"}
        footer = [active.binding.description for active in detail.active_bindings.values()
                  if active.binding.show]
        assert "Reopen" in footer and "Check in" not in footer and "Remind me later" not in footer
        for key in "csrdxn":
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is detail  # no dialog opens on a closed commitment

    with reopened(paths) as db:
        assert get_commitment(db, ids["done"]).status is Status.DONE
        assert list_checkins(db, ids["done"]) == []


@pilot_test
async def test_a_dropped_commitment_shows_why_and_p_reopens_it_with_a_note_in_its_history(paths, prepared_stores):
    ids = _store(paths, prepared_stores)

    async with running(paths) as pilot:
        app = pilot.app
        detail = await _open_from_history(pilot, row=0)
        status = _text(detail.query_one("#detail-status", Static))
        assert status.startswith("Status: dropped on 2026-11-20")
        assert "Why it was dropped: The board has a transport lead now" in status
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog)
        await type_text(pilot, "Asked back onto the board")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is detail
        assert _text(detail.query_one("#detail-status", Static)).startswith("Status: active · due")
        assert _keys(detail)["p"] == "pause_or_resume" and _keys(detail)["c"] == "check_in"
        await pilot.press("escape")
        await pilot.pause()
        closed = app.screen.query_one("#closed-commitments", OptionList)
        assert [option_id for option_id, _ in _options(closed)] == [ids["done"]]  # it left the list

    with reopened(paths) as db:
        assert get_commitment(db, ids["dropped"]).status is Status.ACTIVE
        last = status_history(db, ids["dropped"])[-1]
        assert (last["kind"], last["from_status"], last["to_status"], last["reason"]) == (
            "reopened", "dropped", "active", "Asked back onto the board")


@pilot_test
async def test_marking_done_from_home_keeps_it_findable_in_history(paths, prepared_stores):
    ids = _store(paths, prepared_stores)

    async with running(paths) as pilot:
        app = pilot.app
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")  # the only open commitment has the cursor
        await pilot.pause()
        assert app.screen.commitment_id == ids["open"]
        await press_or_type(pilot, "d", Typed("Everyone is offered one now"), "ctrl+s")
        await pilot.pause()
        assert _text(app.screen.query_one("#detail-status", Static)).startswith(
            f"Status: done on {date.today().isoformat()}")  # stamped by the clock, not the app's day
        await pilot.press("escape", "h")
        await pilot.pause()
        closed = app.screen.query_one("#closed-commitments", OptionList)
        assert _options(closed)[0][0] == ids["open"]


@pilot_test
async def test_a_closed_title_is_shown_exactly_as_typed(paths):
    db = open_store(paths)
    save_profile(db, Profile("Sam", onboarded=True))
    hostile = "[bold]x[/] [link=https://e.vil]y[/link]"
    mark_done(db, create_commitment(db, Commitment(id="", title=hostile, lens=Lens.SELF, mode=Mode.ACTION)))
    db.close()

    async with running(paths) as pilot:
        app = pilot.app
        await pilot.press("h")
        await pilot.pause()
        [(_, words)] = _options(app.screen.query_one("#closed-commitments", OptionList))
        assert words.startswith(f"{hostile}\n   Done on ")
