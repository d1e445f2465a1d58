"""Provides a small dialog to choose who can see an item: private, manager or alliance, in words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from myrole.model import Visibility
from myrole.ui.safe import plain_line
from myrole.ui.widgets.choices import alliance_note, collective_of
from myrole.ui.fresh_screen import FreshScreen


class VisibilityDialog(FreshScreen, ModalScreen[Visibility | None]):
    """Choose who can see one item; escape keeps it as it is (returns None)."""

    BINDINGS = [Binding("escape", "dismiss_none", "Keep as it is", id="visibility.close")]

    def __init__(self, current: Visibility, what: str, kind: str) -> None:
        super().__init__()
        self.current = current
        self.what = what
        self.kind = kind  # "commitment", "answer", "check-in"...: what alliance means differs

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Who can see this?", classes="dialog-title")
            yield Static(plain_line(self.what, 64))
            yield Static(f"Now: {self.current.explanation}", classes="help-text")
            yield OptionList(*(Option(Content(v.explanation), id=v.value) for v in Visibility),
                             id="visibility-choices")
            yield Static(Content(alliance_note(self.kind, collective_of(self.app))), classes="help-text")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = list(Visibility).index(self.current)
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(Visibility(event.option.id or ""))  # each option's id is a Visibility's value

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
