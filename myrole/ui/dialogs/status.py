"""Provides the small dialogs that change a commitment's status: pause, resume, snooze, cadence, done, drop.

Each dialog does its one change itself, so a problem (a date in the past, a change
made in another window) is shown in the form with everything typed kept, and
nothing is saved half-way. Each returns True when the change was saved. What is typed
is kept as a draft of that change to that commitment (myrole.ui.drafts); the commitment
screen opens it again (myrole.ui.screens.commitment.reopen_draft).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from myrole.model import Commitment
from myrole.schedule import parse_cadence
from myrole.store import StoreError
from myrole.store.status import change_cadence, pause, snooze
from myrole.text import one_line
from myrole.ui.context import myrole_app
from myrole.ui.widgets.fields import TextInput
from myrole.ui.drafts import DraftForm
from myrole.ui.forms import check_field, check_sizes, show_error
from myrole.ui.keys import key_for
from myrole.ui.safe import plain_line
from myrole.ui.widgets.choices import CadenceSelect
from myrole.validation import check_cadence, check_pause_until, parse_form_date
from myrole.ui.fresh_screen import FreshScreen


REASON = {"reason": (("commitments", "status_reason"), "The reason")}
# ReasonDialog's change, told by its button's words (the commitment screen names each one so).
REASON_KINDS = {"Mark done": "done", "Drop": "drop", "Resume": "resume", "Reopen": "reopen"}


class StatusDialog(FreshScreen, DraftForm, ModalScreen[bool]):
    """The shared frame: a heading naming the commitment, fields, an error line and buttons."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="status.cancel"),
        Binding("ctrl+s", "save", "Save", id="status.save"),
    ]
    heading = ""
    save_label = "Save"

    def __init__(self, commitment: Commitment) -> None:
        super().__init__()
        self.commitment = commitment

    def draft_record(self) -> str:
        return self.commitment.id

    def draft_title(self) -> str:
        return f"{self.heading}: “{one_line(self.commitment.title, 40)}”"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.assemble((self.heading, "bold"), "\n", plain_line(self.commitment.title, 64)),
                         classes="dialog-title")
            yield from self.fields()
            yield Static(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield from self.buttons()

    def fields(self) -> ComposeResult:
        yield from ()

    def buttons(self) -> ComposeResult:
        yield Button(self.save_label, variant="primary", id="save")
        yield Button("Cancel", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.action_cancel()
        else:
            self.submit(event.button.id or "save")

    def action_save(self) -> None:
        self.submit("save")

    def submit(self, choice: str) -> None:
        try:
            check_sizes(self, REASON)
            self.apply(choice)
        except (ValueError, StoreError) as error:
            show_error(self, error)
            return
        self.draft_saved()
        self.dismiss(True)

    def apply(self, choice: str) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.cancel_form(False)

    def text(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value


class PauseDialog(StatusDialog):
    """Pause until a date, at no notice: no nudges until then, and never overdue."""

    heading = "Pause this commitment"
    save_label = "Pause"
    draft_form = "pause"
    draft_fields = ("until", "reason")

    def fields(self) -> ComposeResult:
        yield Label("Pause until (year-month-day); it comes back on that day")
        yield TextInput(id="until", placeholder="for example 2027-01-15")
        yield Label("Why, if you like (leave, shifts, sickness...)")
        yield TextInput(id="reason", placeholder="optional")

    def apply(self, choice: str) -> None:
        until = check_field("until", lambda: check_pause_until(
            parse_form_date(self.text("until"), "pause end date"), myrole_app(self).today()))
        pause(myrole_app(self).db, self.commitment, until, self.text("reason"), today=myrole_app(self).today())


class SnoozeDialog(StatusDialog):
    """Put off the current reminder by a day or a week."""

    heading = "Remind me later"
    BINDINGS = [
        Binding("1", "snooze('day')", "A day", id="snooze.day"),
        Binding("7", "snooze('week')", "A week", id="snooze.week"),
    ]

    def fields(self) -> ComposeResult:
        yield Static(Content(f"Remind me again after a day (press {key_for(self, 'snooze.day')}) or a week (press "
                             f"{key_for(self, 'snooze.week')}). Checking in before then cancels this."),
                     classes="question")

    def buttons(self) -> ComposeResult:
        yield Button("A day", variant="primary", id="day")
        yield Button("A week", id="week")
        yield Button("Cancel", id="cancel")

    def action_snooze(self, choice: str) -> None:
        self.submit(choice)

    def action_save(self) -> None:
        self.submit("day")

    def apply(self, choice: str) -> None:
        snooze(myrole_app(self).db, self.commitment, 7 if choice == "week" else 1, today=myrole_app(self).today())


class CadenceDialog(StatusDialog):
    """A new check-in rhythm."""

    heading = "Change how often to check in"
    draft_form = "cadence"
    draft_fields = ("cadence", "cadence_days")

    def fields(self) -> ComposeResult:
        code = self.commitment.cadence
        yield Label(f"Now: {parse_cadence(code).label}. Counted from your last check-in.")
        yield CadenceSelect(code, id="cadence", week_starts=myrole_app(self).settings.week_starts)
        yield Label("Number of days (for every N days)")
        yield TextInput(code[:-1] if code.endswith("d") else "", id="cadence_days", placeholder="for example 10")

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "cadence" and event.value == "custom":
            self.query_one("#cadence_days").focus()

    def apply(self, choice: str) -> None:
        cadence = self.query_one(CadenceSelect).value
        if cadence == "custom":
            days = self.text("cadence_days").strip() or "0"
            cadence = check_field("cadence_days", lambda: check_cadence(f"{days}d"))
        change_cadence(myrole_app(self).db, self.commitment, str(cadence))


class ReasonDialog(StatusDialog):
    """A change that takes a short reason: mark done, drop, resume or reopen."""

    draft_form = "status-reason"
    draft_fields = ("reason",)

    def __init__(self, commitment: Commitment, *, heading: str, label: str, save_label: str,
                 change: Callable[[str], object]) -> None:
        super().__init__(commitment)
        self.heading, self.label, self.save_label, self.change = heading, label, save_label, change
        self.kind = REASON_KINDS.get(save_label, save_label.lower())

    def draft_record(self) -> str:
        return f"{self.kind}:{self.commitment.id}"

    def fields(self) -> ComposeResult:
        yield Label(self.label)
        yield TextInput(id="reason")

    def apply(self, choice: str) -> None:
        check_field("reason", lambda: self.change(self.text("reason")))  # its one field

