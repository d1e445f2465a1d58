"""Snapshot tests: what each screen looks like at 80x24 (cursor blink off, dates fixed)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from myrole.demo import seed
from myrole.model import Profile
from myrole.store.profile import save_profile
from myrole.ui.app import MyRoleApp

from .pilot import Typed, open_new_reflection, press_or_type

SIZE = (80, 24)
TODAY = date(2027, 3, 15)  # a fixed "today", so due dates and "overdue" counts never drift


@pytest.fixture
def new_app(db, paths):
    """A first run: an empty store."""
    return MyRoleApp(paths=paths, db=db, today=TODAY)


@pytest.fixture
def onboarded_app(db, paths):
    """A person who has given (or skipped) their details, with nothing else yet."""
    save_profile(db, Profile(name="Sam", onboarded=True))
    return MyRoleApp(paths=paths, db=db, today=TODAY)


@pytest.fixture
def demo_app(db, paths):
    """The demo store, seeded as of the fixed date."""
    seed(db, today=TODAY)
    return MyRoleApp(paths=paths, db=db, today=TODAY)


Step = str | Callable[[Pilot], Awaitable[None]]


def keys(*presses: Step):
    """A run_before hook: press keys as a person would (a Typed text typed into its field, a step such as
    open_new_reflection taken as it says), then switch off cursor blink."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        for press in presses:
            await (press(pilot) if callable(press) else press_or_type(pilot, press))
        await pilot.pause()
        for widget in pilot.app.screen.query("Input, TextArea"):
            assert isinstance(widget, (Input, TextArea))
            widget.cursor_blink = False
        await pilot.pause()

    return run_before


# Home -> the stepper on a new reflection, as the start dialog's Start makes it with its defaults, without
# drawing the dialog (test_start_dialog and test_reflection_flow's start_own_reflection press r, tab, tab, enter).
START_OWN: tuple[Step, ...] = (open_new_reflection,)
ANSWER = Typed("I assumed he would not manage the online booking.")


def test_first_run_details_dialog(snap_compare, new_app):
    assert snap_compare(new_app, terminal_size=SIZE, run_before=keys())


def test_home_new_user(snap_compare, new_app):
    assert snap_compare(new_app, terminal_size=SIZE, run_before=keys("escape"))


def test_home_with_demo_store(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=keys())


def test_start_dialog(snap_compare, onboarded_app):
    assert snap_compare(onboarded_app, terminal_size=SIZE, run_before=keys("r"))


def test_start_dialog_at_an_event(snap_compare, onboarded_app):
    presses = ("r", "tab", "enter", "down", "down", "enter", "tab", Typed("Open space: housing"))
    assert snap_compare(onboarded_app, terminal_size=SIZE, run_before=keys(*presses))


def test_reflection_stepper(snap_compare, onboarded_app):
    # Typing, then next and back: the answer is shown as saved (no timer in the picture).
    presses = (*START_OWN, ANSWER, "f3", "ctrl+n", "ctrl+b")
    assert snap_compare(onboarded_app, terminal_size=SIZE, run_before=keys(*presses))


def test_reflection_stepper_with_hint(snap_compare, onboarded_app):
    assert snap_compare(onboarded_app, terminal_size=SIZE, run_before=keys(*START_OWN, "f2"))


def test_review_pane(snap_compare, onboarded_app):
    presses = (*START_OWN, ANSWER, "ctrl+f")
    assert snap_compare(onboarded_app, terminal_size=SIZE, run_before=keys(*presses))


def test_commitment_editor(snap_compare, onboarded_app):
    presses = (*START_OWN, ANSWER, "ctrl+t")
    assert snap_compare(onboarded_app, terminal_size=SIZE, run_before=keys(*presses))


def test_history(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=keys("h"))


def test_history_record(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=keys("h", "enter"))


def test_help(snap_compare, onboarded_app):
    assert snap_compare(onboarded_app, terminal_size=SIZE, run_before=keys("f1"))
