"""Provides a plain-mode session: the store opened as the app opens it, the console, and how a run ends.

Every flow takes a Session. Input that ends (a pipe runs dry, Ctrl+D) or Ctrl+C leaves cleanly once
the flow has saved what was typed: exit status 0 for the end of input, 130 for Ctrl+C (the usual
status for an interrupted command).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, TextIO

from myrole.paths import Paths
from myrole.plain.console import Console, EndOfInput, Interrupted
from myrole.streams import as_utf8_when_redirected

if TYPE_CHECKING:
    import sqlite3

    from myrole.prompts import Catalogue
    from myrole.settings import Settings

INTERRUPTED = 130


@dataclass
class Session:
    """One plain-mode run: where the store is, the store itself, the console and today's date."""

    paths: Paths
    db: sqlite3.Connection  # what every store function takes
    console: Console
    today: date = field(default_factory=date.today)

    @property
    def conn(self) -> sqlite3.Connection:
        """The store's connection (the same as self.db, as in the app)."""
        return self.db

    @cached_property
    def settings(self) -> Settings:
        """The person's settings (a value that cannot be used is left at its default, as in the app)."""
        from myrole.settings import load_settings

        return load_settings(self.paths.config).settings

    def reload_settings(self) -> Settings:
        """The settings read again from the file (after a change), for every flow from now on."""
        self.__dict__.pop("settings", None)  # cached_property keeps its value in the instance's __dict__
        return self.settings

    @cached_property
    def catalogue(self) -> Catalogue:
        from myrole.prompts import load_catalogue

        return load_catalogue(self.paths.user_prompts)


def run(paths: Paths, flow: Callable[[Session], None], *, reader: TextIO | None = None,
        writer: TextIO | None = None, today: date | None = None) -> int:
    """Open the store (marked open, as the app marks it), run flow, close; the exit status."""
    from myrole.launch import with_window

    console = Console(reader or _readable(sys.stdin), writer or _writable(sys.stdout))

    def run_flow(conn: sqlite3.Connection) -> int:
        try:
            flow(Session(paths, conn, console, today or date.today()))
        except Interrupted:
            console.say("Stopped; everything you typed is saved.")
            return INTERRUPTED
        except EndOfInput:
            console.say("The input ended; everything you typed is saved.")
        finally:
            conn.close()
        return 0

    return with_window(paths, run_flow)


def _readable(stream: TextIO) -> TextIO:
    """Standard input (UTF-8 when redirected: myrole/streams.py) that never stops on bytes it cannot decode (they
    become a replacement character)."""
    return as_utf8_when_redirected(stream, reading=True, errors="replace")


def _writable(stream: TextIO) -> TextIO:
    """Standard output (UTF-8 when redirected) that never stops on a character the terminal's encoding lacks (shown
    as an escape)."""
    return as_utf8_when_redirected(stream, errors="backslashreplace")
