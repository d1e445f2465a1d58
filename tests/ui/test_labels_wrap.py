"""Every dialog's field labels at 80x24 and 60x20: a long label wraps onto further lines instead of being cut at
the dialog's edge, so the rule at its end (at most 500 words, year-month-day) is always there to read; a date's
form is said in words (year-month-day), as everywhere else."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Label

from .pilot import pilot_test
from .test_snapshots import demo_app  # noqa: F401

Step = str | Callable[[Pilot], Awaitable[None]]


async def settings(pilot: Pilot) -> None:
    """Open the settings form as the palette's Settings does."""
    await pilot.app.screen.run_action("settings")


# Each dialog with labels: the keys that open it from home on the demo store, and the dialog they open.
DIALOGS: dict[str, tuple[tuple[Step, ...], str]] = {
    "your details": (("p",), "ProfileDialog"),
    "settings": ((settings,), "SettingsDialog"),
    "new commitment": (("n",), "CommitmentEditor"),
    "start a reflection": (("r",), "StartReflectionDialog"),
    "check in": (("c",), "CheckInDialog"),
    "edit a commitment": (("enter", "e"), "CommitmentEditor"),
    "pause": (("enter", "p"), "PauseDialog"),
    "how often": (("enter", "r"), "CadenceDialog"),
    "done": (("enter", "d"), "ReasonDialog"),
    "change the plan": (("enter", "n"), "CommitmentEditor"),
    "correct a check-in": (("enter", "w", "enter"), "CorrectionDialog"),
    "correct an answer": (("h", "enter", "tab", "c"), "CorrectionDialog"),
    "nmc account": (("h", "enter", "n"), "AccountDialog"),
    "cpd details": (("h", "enter", "k"), "CpdDialog"),
    "talking point": (("o", "t"), "ItemDialog"),
    "one-to-one dates": (("o", "d"), "DatesDialog"),
    "hcpc summary": (("v", "s"), "SummaryDialog"),
    "an hcpc activity": (("v", "a", "enter"), "StatementItemDialog"),
}


def cut_labels(screen) -> list[str]:
    """The labels wider than the box they sit in (so their ends are cut off), as their text."""
    return [str(label.render()) for label in screen.query(Label).results(Label)
            if label.outer_size.width > label.parent.content_size.width]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
@pilot_test
async def test_no_label_is_cut_off_and_dates_are_in_words(demo_app, size):
    """Each dialog in turn, opened from home and closed again (one app for them all: nothing is typed)."""
    found: dict[str, str] = {}
    async with demo_app.run_test(size=size) as pilot:
        await pilot.pause()
        for dialog, (steps, dialog_class) in DIALOGS.items():
            for step in steps:
                await (step(pilot) if callable(step) else pilot.press(step))
            await pilot.pause()
            found[dialog] = problems(pilot.app.screen, dialog_class)
            while len(pilot.app.screen_stack) > 1:  # back to home, closing each screen on the way
                await pilot.press("escape")
                await pilot.pause()
    assert {dialog: problem for dialog, problem in found.items() if problem} == {}


def problems(screen, dialog_class: str) -> str:
    """What is wrong with the dialog on screen, in words ("" when nothing is)."""
    if type(screen).__name__ != dialog_class:
        return f"{type(screen).__name__} opened, not {dialog_class}"
    labels = [str(label.render()) for label in screen.query(Label).results(Label)]
    if not labels:
        return "no labels to check"
    if cut_labels(screen):
        return f"cut: {cut_labels(screen)}"
    if [text for text in labels if "YYYY" in text]:
        return "a date's form is not said in words (year-month-day)"
    return ""
