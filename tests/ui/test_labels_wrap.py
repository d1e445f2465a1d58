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
@pytest.mark.parametrize("dialog", DIALOGS)
@pilot_test
async def test_no_label_is_cut_off_and_dates_are_in_words(demo_app, dialog, size):
    steps, dialog_class = DIALOGS[dialog]
    async with demo_app.run_test(size=size) as pilot:
        await pilot.pause()
        for step in steps:
            await (step(pilot) if callable(step) else pilot.press(step))
        await pilot.pause()
        screen = pilot.app.screen
        assert type(screen).__name__ == dialog_class
        assert screen.query(Label), f"{dialog_class} has no labels to check"
        assert cut_labels(screen) == []
        labels = [str(label.render()) for label in screen.query(Label).results(Label)]
        assert not [text for text in labels if "YYYY" in text], "a date's form is said in words: year-month-day"
