"""Tests that a form's error lands on its field at 80x24: the field focused, its sentence under it, both in view."""

from __future__ import annotations

import asyncio
from datetime import date

from textual.widget import Widget
from textual.widgets import Input, Label, Static

from myrole.store.commitments import get_commitment
from myrole.ui.dialogs.commitment import CommitmentEditor
from myrole.ui.dialogs.status import CadenceDialog, PauseDialog

from .pilot import TITLE, Typed, prepared_weekly_commitment, press_or_type, reopened, running, type_text



def _in_view(dialog: Widget, widget: Widget) -> bool:
    return dialog.scrollable_content_region.contains_region(widget.region)


def _assert_error_on(screen, field: str, words: str) -> None:
    """The field has the focus, the sentence is right under it, and label, field and sentence are on screen."""
    dialog = screen.query_one(".dialog")
    widget = screen.query_one(f"#{field}")
    error = screen.query_one("#error", Static)
    assert screen.focused is widget
    assert words in error.content.plain
    siblings = list(dialog.children)
    row = widget if widget.parent is dialog else widget.parent
    assert siblings.index(error) == siblings.index(row) + 1
    label = siblings[siblings.index(row) - 1]
    assert isinstance(label, Label) and _in_view(dialog, label)
    assert _in_view(dialog, widget) and _in_view(dialog, error)


def _journey(paths, steps) -> None:
    """Open the commitment's detail screen from home, then run the steps."""

    async def run() -> None:
        async with running(paths) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            await steps(pilot.app, pilot)

    asyncio.run(run())


async def _save_from_the_bottom(pilot) -> None:
    """Save with the Save button, the form scrolled to its end, as a person tabbing through would."""
    pilot.app.screen.query_one("#save").focus()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def test_an_empty_title_brings_the_form_back_up_to_the_title(paths, prepared_stores):
    cid = prepared_weekly_commitment(paths, prepared_stores, days_old=3)

    async def steps(app, pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k")
        await _save_from_the_bottom(pilot)
        assert isinstance(app.screen, CommitmentEditor)
        _assert_error_on(app.screen, "title", "Give the commitment a title")

    _journey(paths, steps)
    with reopened(paths) as db:
        assert get_commitment(db, cid).title == TITLE


def test_a_bad_target_date_is_focused_with_its_sentence_under_it(paths, prepared_stores):
    cid = prepared_weekly_commitment(paths, prepared_stores, days_old=3)

    async def steps(app, pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#target_date", Input).focus()
        await type_text(pilot, "31/02/2027")
        app.screen.query_one("#visibility").focus()  # moved on to a field further down
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        _assert_error_on(app.screen, "target_date", "The target date is not a day in the calendar; check the day and the month.")
        await press_or_type(pilot, *["backspace"] * 10, Typed("2027-02-28"), "ctrl+s")  # typed straight into the field
        await pilot.pause()
        assert not isinstance(app.screen, CommitmentEditor)

    _journey(paths, steps)
    with reopened(paths) as db:
        assert get_commitment(db, cid).target_date == date(2027, 2, 28)


def test_renegotiating_without_a_reason_goes_to_the_reason(paths, prepared_stores):
    prepared_weekly_commitment(paths, prepared_stores, days_old=3)

    async def steps(app, pilot) -> None:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#title", Input).focus()
        await press_or_type(pilot, "end", Typed(" at first visits"), "ctrl+s")
        await pilot.pause()
        _assert_error_on(app.screen, "reason", "Say briefly why you are changing it")

    _journey(paths, steps)


def test_a_custom_cadence_of_no_days_goes_to_the_number_of_days(paths, prepared_stores):
    prepared_weekly_commitment(paths, prepared_stores, days_old=3)

    async def steps(app, pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        editor.query_one("#cadence").value = "custom"
        await pilot.pause()
        editor.query_one("#cadence_days", Input).value = "0"
        await _save_from_the_bottom(pilot)
        _assert_error_on(editor, "cadence_days", "at least one day")

    _journey(paths, steps)


def test_a_past_pause_date_is_focused_in_the_pause_dialog(paths, prepared_stores):
    prepared_weekly_commitment(paths, prepared_stores, days_old=3)

    async def steps(app, pilot) -> None:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PauseDialog)
        await press_or_type(pilot, Typed("2026-11-20"), "tab", Typed("Annual leave"), "ctrl+s")
        await pilot.pause()
        _assert_error_on(app.screen, "until", "A pause needs to end after today")

    _journey(paths, steps)


def test_zero_days_in_the_cadence_dialog_is_focused(paths, prepared_stores):
    prepared_weekly_commitment(paths, prepared_stores, days_old=3)

    async def steps(app, pilot) -> None:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, CadenceDialog)
        app.screen.query_one("#cadence").value = "custom"
        await pilot.pause()  # choosing "Every N days" moves the focus to the number of days
        await pilot.press("0")
        await _save_from_the_bottom(pilot)
        _assert_error_on(app.screen, "cadence_days", "at least one day")

    _journey(paths, steps)
