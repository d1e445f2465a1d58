"""Provides a dialog that asks the person to pick one item from a list (escape picks nothing)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from myrole.ui.fresh_screen import FreshScreen


class ChooseDialog(FreshScreen, ModalScreen[str | None]):
    """Returns the id of the chosen item, or None."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel", id="choose.cancel")]

    def __init__(self, title: str, items: list[tuple[str, Content]], empty: str = "") -> None:
        """items: (id, label) pairs; empty: what the list says when there are none."""
        super().__init__()
        self.title_text = title
        self.items = items
        self.empty = empty

    def compose(self) -> ComposeResult:
        options = [Option(label, id=item_id) for item_id, label in self.items]
        if not options and self.empty:
            options = [Option(Content(self.empty), disabled=True)]
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield OptionList(*options, id="choices")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
