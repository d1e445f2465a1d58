"""Tests that a form's error lands on its field at 80x24: the field focused, its sentence under it, both in view."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from textual.widget import Widget
from textual.widgets import Input, Label, Static

from myrole.model import Commitment, Lens, Mode, Profile
from myrole.store import open_store
from myrole.store.commitments import create_commitment, get_commitment
from myrole.store.profile import save_profile
from myrole.ui.app import MyRoleApp
from myrole.ui.dialogs.commitment import CommitmentEditor
from myrole.ui.dialogs.status import CadenceDialog, PauseDialog

SIZE = (80, 24)
TODAY = date(2026, 11, 26)
TITLE = "Offer an interpreter to every new patient"


def _store(paths) -> str:
    db = open_store(paths)
    save_profile(db, Profile("Sam", onboarded=True))
    created = f"{(TODAY - timedelta(days=3)).isoformat()}T10:00:00Z"
    c = create_commitment(db, Commitment(id="", title=TITLE, lens=Lens.PATIENTS, mode=Mode.ACTION,
                                         cadence="weekly", created_at=created))
    db.close()
    return c.id


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
        app = MyRoleApp(paths=paths, db=open_store(paths), today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await steps(app, pilot)

    asyncio.run(run())


async def _save_from_the_bottom(pilot) -> None:
    """Save with the Save button, the form scrolled to its end, as a person tabbing through would."""
    pilot.app.screen.query_one("#save").focus()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def test_an_empty_title_brings_the_form_back_up_to_the_title(paths):
    cid = _store(paths)

    async def steps(app, pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k")
        await _save_from_the_bottom(pilot)
        assert isinstance(app.screen, CommitmentEditor)
        _assert_error_on(app.screen, "title", "Give the commitment a title")

    _journey(paths, steps)
    db = open_store(paths)
    assert get_commitment(db, cid).title == TITLE
    db.close()


def test_a_bad_target_date_is_focused_with_its_sentence_under_it(paths):
    cid = _store(paths)

    async def steps(app, pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#target_date", Input).focus()
        await pilot.press(*"31/02/2027")
        app.screen.query_one("#visibility").focus()  # moved on to a field further down
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        _assert_error_on(app.screen, "target_date", "The target date '31/02/2027' is not a date I can read.")
        await pilot.press(*["backspace"] * 10, *"2027-02-28", "ctrl+s")  # typed straight into the field
        await pilot.pause()
        assert not isinstance(app.screen, CommitmentEditor)

    _journey(paths, steps)
    db = open_store(paths)
    assert get_commitment(db, cid).target_date == date(2027, 2, 28)
    db.close()


def test_renegotiating_without_a_reason_goes_to_the_reason(paths):
    _store(paths)

    async def steps(app, pilot) -> None:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#title", Input).focus()
        await pilot.press("end", *" at first visits", "ctrl+s")
        await pilot.pause()
        _assert_error_on(app.screen, "reason", "Say briefly why you are changing it")

    _journey(paths, steps)


def test_a_custom_cadence_of_no_days_goes_to_the_number_of_days(paths):
    _store(paths)

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


def test_a_past_pause_date_is_focused_in_the_pause_dialog(paths):
    _store(paths)

    async def steps(app, pilot) -> None:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PauseDialog)
        await pilot.press(*"2026-11-20", "tab", *"Annual leave", "ctrl+s")
        await pilot.pause()
        _assert_error_on(app.screen, "until", "A pause needs to end after today")

    _journey(paths, steps)


def test_zero_days_in_the_cadence_dialog_is_focused(paths):
    _store(paths)

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
