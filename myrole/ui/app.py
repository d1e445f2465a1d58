"""Provides MyRoleApp: the Textual application that holds the store and the prompt catalogue."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import sqlite3
from collections.abc import Iterable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from myrole.paths import Paths
from myrole.store.errors import StoreError
from myrole.store.health import unreadable
from myrole.text import inert
from myrole.ui.commands import MyRoleCommands
from myrole.ui.drafts import settle_pending_keys
from myrole.ui.safe import InertLines

if TYPE_CHECKING:
    from textual.theme import Theme

    from myrole.prompts import Catalogue
    from myrole.ui.context import MyRole

INERT_LINES = InertLines()
ScreenT = TypeVar("ScreenT", bound=Screen)
# Closing the terminal window sends SIGHUP; `kill` and a logging-out session send SIGTERM.
QUIT_SIGNALS = ("SIGHUP", "SIGTERM")
HANG_UPS = ("SIGHUP",)  # the terminal is gone: nothing to draw on or restore
# Textual's own palette commands, in plain words: title -> (title, help). "Keys" has two: showing or hiding the panel.
SYSTEM_WORDS = {
    "Theme": ("Theme", "Choose the colours; your choice is kept for next time"),
    "Quit": ("Quit", "Close myrole; what you typed is saved first"),
    "Keys": ("Keys", "Show the keys you can press here, in a panel at the side"),
    "Hide keys": ("Keys", "Hide the panel of keys"),
    "Maximize": ("Enlarge", "Let the box you are in fill the screen"),
    "Minimize": ("Usual size", "Put the enlarged box back to its usual size"),
    "Screenshot": ("Screenshot", "Save a picture of this screen, as an SVG file, in your Downloads folder"),
}
QUIT_WOULD_LOSE = ("Some of what you typed could not be saved: {} Quitting now would lose it. Stay, and quit "
                   "again once it can be saved, or quit and lose it?")


class MyRoleApp(App[None]):
    """myrole in the terminal."""

    TITLE = "myrole"
    SUB_TITLE = "my role in reducing health inequalities"
    CSS_PATH = Path(__file__).parent / "app.tcss"
    # Each screen gets a class for its size (app.tcss lays out small screens with them).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (25, "-tall")]
    COMMANDS = App.COMMANDS | {MyRoleCommands}
    BINDINGS = [
        # priority: F1 must reach help from a form too, whatever field has the focus
        Binding("f1", "help", "Help", priority=True, id="app.help"),
        # Textual's own ctrl+q has no id; this one does, so a keymap can move it.
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
    ]

    def __init__(self, paths: Paths, db: sqlite3.Connection, reflect_pack: str | None = None,
                 today: date | None = None) -> None:
        super().__init__()
        self.paths = paths
        self.conn = db
        self.reflect_pack = reflect_pack
        self.refusal: StoreError | None = None  # why the app stopped, when the store's own fault stopped it
        self.fixed_today = today  # a seam for tests and snapshots; None means the real date
        self._signals: list[int] = []
        self._quitting = False
        self._asking_to_quit = False  # the question whether to quit and lose unsaved words is open
        self._setting_problems = self._apply_settings()

    def _apply_settings(self) -> list[str]:
        """The look and keys the person chose (settings.toml), before the first paint; what could not be used."""
        from myrole.settings import load_settings
        from myrole.ui.look import DEFAULT_THEME, OFFERED, register_themes, use_no_colour

        loaded = load_settings(self.paths.config)
        self.settings = loaded.settings
        problems = list(loaded.problems)
        register_themes(self)
        use_no_colour(self)
        chosen = self.settings.theme or DEFAULT_THEME
        if chosen not in self.available_themes:
            problems.append(f"There is no theme called '{chosen[:60]}'; the themes are {', '.join(OFFERED)}.")
            chosen = DEFAULT_THEME
        self.theme = chosen
        if self.settings.keymap:
            from myrole.ui.keys import keymap_problems, usable_keymap, with_closed_keys

            problems += keymap_problems(type(self), self.settings.keymap)
            # a misspelt key leaves that binding as it was
            self.set_keymap(with_closed_keys(usable_keymap(self.settings.keymap, type(self))))
        return problems

    def _keep_theme(self, theme: Theme) -> None:
        """A theme chosen in the palette is kept in settings.toml for next time."""
        from dataclasses import replace

        from myrole.settings import SettingsError, change_settings
        from myrole.ui.look import DEFAULT_THEME

        if theme.name == (self.settings.theme or DEFAULT_THEME):
            return
        self.settings = replace(self.settings, theme=theme.name)
        try:
            change_settings(self.paths.config, theme=theme.name)
        except SettingsError as error:
            self.notify(inert(str(error)), title="The theme is used now but not kept for next time",
                        severity="warning", markup=False)

    @property
    def db(self) -> sqlite3.Connection:
        """The store's connection (the same as self.conn), which every store function takes."""
        return self.conn

    @cached_property
    def catalogue(self) -> Catalogue:
        """The prompt packs, read when first needed rather than before the first paint."""
        from myrole.prompts import load_catalogue

        return load_catalogue(self.paths.user_prompts)

    def _fatal_error(self) -> None:
        """Textual's exit on an unhandled error, with a report that never quotes a person's text."""
        import sys

        from myrole.ui.crash import crash_report

        error = sys.exc_info()[1] or self._exception
        if error is None:
            return super()._fatal_error()
        self.bell()
        refusal = unreadable(self.paths.store, error)
        if refusal is not None:  # the store's fault, not a bug: its sentence (launch prints it), as a command says it
            self.refusal = refusal
            self._return_code = 2
            self._close_messages_no_wait()
            return
        self._exit_renderables.append(crash_report(error, self.console, self.console.options))
        self._close_messages_no_wait()

    def get_line_filters(self):  # noqa: ANN201 - Textual's signature
        """Textual's filters, then InertLines: no control character a person typed reaches the terminal."""
        return [*super().get_line_filters(), INERT_LINES]

    def today(self) -> date:
        """Today's local calendar date (fixed in tests and snapshots)."""
        return self.fixed_today or date.today()

    def get_default_screen(self) -> Screen:
        """Home is the bottom of the screen stack: every other screen returns to it."""
        from myrole.ui.screens.home import HomeScreen

        return self.with_size_classes(HomeScreen())

    def push_screen(self, screen, *args, **kwargs):  # noqa: ANN001, ANN201 - Textual's overloads, passed on
        """Textual's push_screen, the screen given its size classes first (see with_size_classes)."""
        if isinstance(screen, Screen):
            self.with_size_classes(screen)
        return super().push_screen(screen, *args, **kwargs)

    def with_size_classes(self, screen: ScreenT) -> ScreenT:
        """The screen, with the classes for the terminal's size (HORIZONTAL_ and VERTICAL_BREAKPOINTS) set now.

        Textual sets them when the screen is first sized, after its widgets are styled, and so styles
        every widget on it a second time; set before, they are already right then, and it does not.
        """
        width, height = self.size
        for own, usual, length in ((screen.HORIZONTAL_BREAKPOINTS, self.HORIZONTAL_BREAKPOINTS, width),
                                   (screen.VERTICAL_BREAKPOINTS, self.VERTICAL_BREAKPOINTS, height)):
            breakpoints = (usual if own is None else own) or []
            reached = [name for least, name in sorted(breakpoints, reverse=True) if length >= least][:1]
            for _, name in breakpoints:
                screen.set_class(name in reached, name, update=False)
        return screen

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._keep_theme)
        self.call_after_refresh(self.after_first_paint)
        self._save_and_quit_on_signals()

    def _save_and_quit_on_signals(self) -> None:
        """When the terminal window closes (SIGHUP) or the app is told to stop (SIGTERM), save what is
        typed and quit cleanly instead of dying with it.

        POSIX only. On Windows, closing the console window sends CTRL_CLOSE_EVENT, which Python's
        C runtime delivers as SIGBREAK, as it does Ctrl+Break in a window still open: the app saves at
        once, then quits as on SIGTERM, giving the terminal back as it found it (after Ctrl+Break the
        window goes on; after a close, Windows ends the process a few seconds later, so the quitting may
        be cut short, but what was typed is saved by then, and the drafts kept as you type are the
        protection before that).
        """
        loop = asyncio.get_running_loop()
        try:
            if os.name == "posix":
                for name in QUIT_SIGNALS:
                    number = getattr(signal, name)
                    loop.add_signal_handler(number, self._quit_on_signal, name)
                    self._signals.append(number)
            elif hasattr(signal, "SIGBREAK"):
                signal.signal(signal.SIGBREAK,
                              lambda *_: loop.call_soon_threadsafe(self._quit_on_signal, "SIGBREAK"))
        except (ValueError, RuntimeError, NotImplementedError):
            pass  # not the main thread (some test runners): the app still saves as you type

    def _quit_on_signal(self, name: str) -> None:
        """Save every screen's text at once, then leave. After a hang-up the terminal is gone, and
        Textual's restoring it would wait for ever on writes nobody reads: the store is closed
        (all saved, its journal folded in) and the process ends there."""
        if self._quitting:
            return
        self._quitting = True
        self.flush_all()
        if name in HANG_UPS:
            self.conn.close()
            os._exit(0)
        self.run_worker(self._save_and_exit(), exclusive=True, group="quit")

    def after_first_paint(self) -> None:
        """Load what the first screen did not need, and say if a prompt pack could not be read."""
        if not gc.isenabled():  # launch.start paused collection for the start-up
            gc.freeze()  # what start-up made lives as long as the app: never walk it again
            gc.enable()
        for problem in self._setting_problems:
            self.notify(inert(problem), title="A setting was not used", severity="warning", timeout=10,
                        markup=False)
        from myrole.paths import STORE_PYTHON_WARNING, kept_by_store_python

        if kept_by_store_python(self.paths):
            self.notify(STORE_PYTHON_WARNING, title="Where your records are kept", severity="warning", timeout=20,
                        markup=False)
        errors = self.catalogue.errors
        if len(errors) == 1:
            self.notify(inert(str(errors[0])), title="A question set could not be used", severity="warning",
                        timeout=10, markup=False)
        elif errors:  # one warning, not a stack of them over the first screen
            self.notify(inert(f"{len(errors)} files could not be used: {', '.join(error.path for error in errors)}. "
                              "`myrole prompts list` says why."),
                        title="Some question sets could not be used", severity="warning", timeout=10, markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette commands (Theme, Quit, Keys ...), each doing what it does, in plain words."""
        for command in super().get_system_commands(screen):
            name = "Hide keys" if command.title == "Keys" and command.help.startswith("Hide") else command.title
            title, help_text = SYSTEM_WORDS.get(name, (command.title, command.help))
            yield command._replace(title=title, help=help_text)

    def action_help(self) -> None:
        from myrole.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(over=self.screen))

    async def action_quit(self) -> None:
        """Save whatever is on screen before leaving, including keys typed just before the quit; if some of it
        cannot be saved (a full disk), ask before quitting would lose it."""
        await settle_pending_keys(self)
        at_risk = self.flush_all()
        if at_risk is None:
            self.exit()
        elif not self._asking_to_quit:
            from myrole.ui.dialogs.confirm import ConfirmDialog

            self._asking_to_quit = True
            self.push_screen(ConfirmDialog(QUIT_WOULD_LOSE.format(at_risk), yes="Quit and lose it", no="Stay",
                                           safe_first=True), self._quit_anyway)

    def _quit_anyway(self, quit_anyway: bool | None) -> None:
        self._asking_to_quit = False
        if quit_anyway:
            self.exit()

    async def _save_and_exit(self) -> None:
        """Asked to stop by a signal: save what can be saved, then leave without asking (there may be no one to ask)."""
        await settle_pending_keys(self)
        self.flush_all()
        self.exit()

    def flush_all(self) -> str | None:
        """Save every screen's pending text now (answers, and each open form's draft): None when all of it is safe
        in the store, else the sentence saying why some could not be saved."""
        at_risk = None
        for screen in self.screen_stack:
            flush = getattr(screen, "flush", None)
            problem = flush() if flush else None
            at_risk = at_risk or problem
        return at_risk

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for number in self._signals:
            loop.remove_signal_handler(number)
        self.conn.close()


if TYPE_CHECKING:
    def _provides_what_screens_use(app: MyRoleApp) -> MyRole:
        """Read only by mypy: it fails here if MyRoleApp lacks anything screens reach through myrole_app()."""
        return app
