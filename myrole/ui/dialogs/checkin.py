"""Provides the check-in dialog: progress, what happened, what got in the way, next step and confidence."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static

from myrole.model import CheckIn, Commitment, Status
from myrole.shared_choices import CONFIDENCE_SCALE, PROGRESS_SCALE, on_scale
from myrole.store import StoreError
from myrole.store.checkins import add_checkin, list_checkins, summarise
from myrole.store.commitments import get_commitment
from myrole.store.drafts import Draft
from myrole.store.rows import storable
from myrole.text import one_line
from myrole.ui.context import myrole_app
from myrole.ui.widgets.fields import TextInput
from myrole.ui.drafts import DraftForm
from myrole.ui.forms import check_field, check_sizes, show_error
from myrole.ui.keys import key_for
from myrole.ui.safe import plain_line
from myrole.ui.widgets.choices import VisibilitySelect, alliance_note, collective_of
from myrole.ui.widgets.scale import ScaleChoice
from myrole.ui.fresh_screen import FocusOnMount, FreshScreen

TEXT_FIELDS = (
    ("note", "What happened"),
    ("barriers", "What got in the way"),
    ("next_step", "Next step"),
)
SIZES = {
    "note": (("checkins", "note"), "What happened"),
    "barriers": (("checkins", "barriers"), "What got in the way"),
    "next_step": (("checkins", "next_step"), "The next step"),
}


class CheckInDialog(FreshScreen, FocusOnMount, DraftForm, ModalScreen[CheckIn | None]):
    """A check-in in under a minute with the keyboard alone; returns the saved check-in or None.

    What is typed is kept as a draft of this commitment's check-in (myrole.ui.drafts).
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="checkin.cancel"),
        Binding("ctrl+s", "save", "Save", id="checkin.save"),
    ]

    draft_form = "checkin"
    draft_fields = ("checkin-progress", "note", "barriers", "next_step", "checkin-confidence", "visibility")

    def __init__(self, commitment: Commitment, last: CheckIn | None = None) -> None:
        super().__init__()
        self.commitment = commitment
        self.last = last

    def draft_record(self) -> str:
        return self.commitment.id

    def draft_title(self) -> str:
        return f"Check-in on “{one_line(self.commitment.title, 40)}”"

    def compose(self) -> ComposeResult:
        c, last = self.commitment, self.last
        with VerticalScroll(classes="dialog wide", id="checkin-dialog"):  # an error line may not fit at 80x24
            yield Static(Content.assemble(("Check in: ", "bold"), plain_line(c.title, 60)),
                         classes="dialog-title")
            yield Static(self._last_time(), classes="help-text", id="last-time")
            with Grid(id="checkin-form"):
                yield Label("Progress")
                yield ScaleChoice(PROGRESS_SCALE, last.progress if last else 0, id="checkin-progress")
                for field, label in TEXT_FIELDS:
                    yield Label(label)
                    yield TextInput(id=field, placeholder="optional")
                yield Label("Confidence")
                yield ScaleChoice(CONFIDENCE_SCALE, last.confidence if last else 3, id="checkin-confidence")
            yield Label("Who can see this check-in", classes="above")
            yield VisibilitySelect(c.visibility, id="visibility")
            yield Static(Content(alliance_note("check-in", collective_of(self.app))), classes="help-text")
            yield Static(id="error", classes="error")
            yield Static(Content(f"Type a digit to choose, tab to move on, {key_for(self, 'checkin.save')} to save, "
                                 f"{key_for(self, 'checkin.cancel')} to cancel."), classes="help-text")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def _last_time(self) -> str:
        if self.last is None:
            return "First check-in on this commitment."
        return f"Last check-in {self.last.on_date.isoformat()}: {on_scale(PROGRESS_SCALE, self.last.progress)}."

    def on_mount(self) -> None:
        self.query_one("#checkin-progress", ScaleChoice).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def read_form(self) -> CheckIn:
        """The check-in as the form now stands (not yet saved)."""
        text = lambda name: self.query_one(f"#{name}", Input).value.strip()  # noqa: E731
        return CheckIn(
            id="", commitment_id=self.commitment.id, at="", on_date=myrole_app(self).today(),
            progress=self.query_one("#checkin-progress", ScaleChoice).value,
            note=text("note"), barriers=text("barriers"), next_step=text("next_step"),
            confidence=self.query_one("#checkin-confidence", ScaleChoice).value,
            visibility=self.query_one(VisibilitySelect).visibility,
        )

    def action_save(self) -> None:
        """Save, or show why not in the form and keep everything typed."""
        try:
            for field, _ in TEXT_FIELDS:
                check_field(field, partial(storable, self.query_one(f"#{field}", Input).value))
            check_sizes(self, SIZES)
            saved = add_checkin(myrole_app(self).db, self.commitment, self.read_form())
        except (ValueError, StoreError) as error:
            show_error(self, error)
            return
        self.draft_saved()
        self.app.notify(self._saved_message(), markup=False)
        self.dismiss(saved)

    def _saved_message(self) -> str:
        current = get_commitment(myrole_app(self).db, self.commitment.id)
        if current is None or current.status is Status.DONE:
            return "Check-in saved, and the commitment is marked done. Well done."
        due = summarise(myrole_app(self).db, current).due
        return f"Check-in saved. Next check-in due {due.isoformat()}." if due else "Check-in saved."

    def action_cancel(self) -> None:
        self.cancel_form(None)


def open_checkin(screen: Screen, commitment_id: str, done: Callable[[CheckIn | None], None]) -> None:
    """Open the check-in dialog on the latest copy of a commitment (or say why not)."""
    db = myrole_app(screen).db
    commitment = get_commitment(db, commitment_id)
    if commitment is None:
        screen.notify("That commitment no longer exists.", severity="warning")
        return
    if commitment.status in (Status.DONE, Status.DROPPED):
        screen.notify(f"This commitment is {commitment.status.value}; reopen it (p) to check in again.")
        return
    history = list_checkins(db, commitment_id)
    screen.app.push_screen(CheckInDialog(commitment, history[-1] if history else None), done)


def reopen_draft(app: App, draft: Draft) -> str | None:
    """Open the check-in dialog again for a draft (it refills itself), or say why it cannot be."""
    commitment = get_commitment(myrole_app(app).db, draft.record)
    if commitment is None:
        return "The commitment this check-in was for has since been deleted."
    if commitment.status in (Status.DONE, Status.DROPPED):
        return f"That commitment is {commitment.status.value} now, so it takes no more check-ins."
    history = list_checkins(myrole_app(app).db, commitment.id)
    app.push_screen(CheckInDialog(commitment, history[-1] if history else None))
    return None
