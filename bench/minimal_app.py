"""Provides the baseline for first-paint and memory benchmarks: a minimal Textual app."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Baseline ready")
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
