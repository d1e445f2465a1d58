"""Provides the baseline for the typing benchmark: a bare Textual app with one focused TextArea."""

from textual.app import App, ComposeResult
from textual.widgets import Static, TextArea


class BareEditor(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Bare editor ready")
        yield TextArea()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()


if __name__ == "__main__":
    BareEditor().run()
