"""Snapshot tests at 80x24 of home, commitment detail and the check-in dialog, over the demo store on a fixed day."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, TextArea

from myrole.demo import seed
from myrole.store import open_store
from myrole.ui.app import MyRoleApp

SIZE = (80, 24)
TODAY = date(2026, 11, 26)  # the demo's dates are all counted from this day


def _demo_app(paths) -> MyRoleApp:
    db = open_store(paths)
    seed(db, today=TODAY)
    return MyRoleApp(paths=paths, db=db, today=TODAY)


def _then(*keys: str):
    """Press keys, then switch off the cursor blink so the picture is steady."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        for widget in pilot.app.screen.query("Input, TextArea"):
            if isinstance(widget, (Input, TextArea)):
                widget.cursor_blink = False
        await pilot.pause()

    return run_before


def test_home_shows_the_overdue_commitment_first(paths, snap_compare):
    assert snap_compare(_demo_app(paths), terminal_size=SIZE, run_before=_then())


def test_commitment_detail_top(paths, snap_compare):
    assert snap_compare(_demo_app(paths), terminal_size=SIZE, run_before=_then("enter"))


def test_commitment_detail_check_ins_and_history(paths, snap_compare):
    assert snap_compare(_demo_app(paths), terminal_size=SIZE, run_before=_then("enter", "end"))


def test_check_in_dialog(paths, snap_compare):
    assert snap_compare(_demo_app(paths), terminal_size=SIZE, run_before=_then("c"))


def test_closed_commitment_detail(paths, snap_compare):
    """From History's list of closed commitments: dropped, when and why, and only the keys that still apply."""
    assert snap_compare(_demo_app(paths), terminal_size=SIZE, run_before=_then("h", "tab", "enter"))
