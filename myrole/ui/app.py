"""Provides MyRoleApp: the Textual application that holds the store and the prompt catalogue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlite_utils import Database
from textual.app import App
from textual.binding import Binding

from myrole.paths import Paths
from myrole.prompts import Catalogue, load_catalogue
from myrole.text import inert
from myrole.ui.commands import MyRoleCommands
from myrole.ui.safe import InertLines

INERT_LINES = InertLines()


class MyRoleApp(App[None]):
    """myrole in the terminal."""

    TITLE = "myrole"
    SUB_TITLE = "my role in reducing health inequalities"
    CSS_PATH = Path(__file__).parent / "app.tcss"
    COMMANDS = App.COMMANDS | {MyRoleCommands}
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help"),
    ]

    def __init__(self, paths: Paths, db: Database, reflect_pack: str | None = None,
                 today: date | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.db = db
        self.reflect_pack = reflect_pack
        self.fixed_today = today  # a seam for tests and snapshots; None means the real date
        self.catalogue: Catalogue = load_catalogue(paths.user_prompts)

    def _fatal_error(self) -> None:
        """Textual's exit on an unhandled error, with a report that never quotes a person's text."""
        import sys

        from myrole.ui.crash import crash_report

        error = sys.exc_info()[1] or self._exception
        if error is None:
            return super()._fatal_error()
        self.bell()
        self._exit_renderables.append(crash_report(error, self.console, self.console.options))
        self._close_messages_no_wait()

    def get_line_filters(self):  # noqa: ANN201 - Textual's signature
        """Textual's filters, then InertLines: no control character a person typed reaches the terminal."""
        return [*super().get_line_filters(), INERT_LINES]

    def today(self) -> date:
        """Today's local calendar date (fixed in tests and snapshots)."""
        return self.fixed_today or date.today()

    def on_mount(self) -> None:
        from myrole.ui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        for error in self.catalogue.errors:
            self.notify(inert(str(error)), title="A prompt pack was not loaded", severity="warning",
                        timeout=10, markup=False)

    def action_help(self) -> None:
        from myrole.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        """Save whatever is on screen before leaving."""
        for screen in self.screen_stack:
            flush = getattr(screen, "flush", None)
            if flush:
                flush()
        self.exit()

    def on_unmount(self) -> None:
        self.db.close()
