"""Provides MyRoleApp: the Textual application that holds the store and the prompt catalogue."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database
from textual.app import App
from textual.binding import Binding

from myrole.paths import Paths
from myrole.prompts import Catalogue, load_catalogue
from myrole.text import inert
from myrole.ui.commands import MyRoleCommands


class MyRoleApp(App[None]):
    """myrole in the terminal."""

    TITLE = "myrole"
    SUB_TITLE = "my role in reducing health inequalities"
    CSS_PATH = Path(__file__).parent / "app.tcss"
    COMMANDS = App.COMMANDS | {MyRoleCommands}
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help"),
    ]

    def __init__(self, paths: Paths, db: Database, reflect_pack: str | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.db = db
        self.reflect_pack = reflect_pack
        self.catalogue: Catalogue = load_catalogue(paths.user_prompts)

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
