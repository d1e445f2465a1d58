"""Provides a yes/no question as a modal dialog (escape answers None)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from myrole.ui.safe import plain
from myrole.ui.fresh_screen import FreshScreen


class ConfirmDialog(FreshScreen, ModalScreen[bool | None]):
    BINDINGS = [
        Binding("escape", "dismiss_none", "Close", id="confirm.close"),
        # The two answers side by side: the arrows move between them, as Tab does.
        Binding("left", "app.focus_previous", "Previous answer", show=False, id="confirm.previous"),
        Binding("right", "app.focus_next", "Next answer", show=False, id="confirm.next"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No", safe_first: bool = False) -> None:
        """safe_first: the answer that changes nothing has the focus, so a stray Enter keeps things as
        they are (for a question whose yes cannot be undone, such as deleting for good)."""
        super().__init__()
        self.question, self.yes, self.no = question, yes, no
        self.safe_first = safe_first

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(self.yes, variant="primary", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        if self.safe_first:
            self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
