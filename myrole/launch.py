"""Provides starting the app: open the store, or say in one sentence why it cannot be used."""

from __future__ import annotations

import gc
import os
import sys
from contextlib import ExitStack
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING

from myrole.paths import Paths

if TYPE_CHECKING:
    import sqlite3

# The exit status after the app stopped on a bug (Textual sets return_code to 1 then).
CRASHED = 1


def start(paths: Paths, *, reflect_pack: str | None = None) -> int:
    """Run the app on the store in paths until it quits; the exit status.

    0 after a normal quit, 2 when the store is refused (one sentence on stderr), and non-zero
    when the app stopped on a bug (its short report, myrole.ui.crash, is printed as it exits).
    """
    return with_window(paths, lambda conn: _run_app(paths, conn, reflect_pack))


def _run_app(paths: Paths, conn: sqlite3.Connection, reflect_pack: str | None) -> int:
    """Run the app on the open store until it quits; its exit status."""
    # Importing Textual and drawing the first screen make a great many objects that live as
    # long as the app; the cyclic garbage collector would walk them again and again (about a
    # tenth of a second). It pauses until the first paint (MyRoleApp.after_first_paint).
    gc.disable()
    from myrole.ui.app import MyRoleApp

    app = MyRoleApp(paths=paths, db=conn, reflect_pack=reflect_pack)
    app.run()
    if app.refusal is not None:
        print(f"myrole: {app.refusal}", file=sys.stderr)
    # None would mean the app never reached its exit; treat that as the failure it is.
    return CRASHED if app.return_code is None else app.return_code


def with_window(paths: Paths, use: Callable[[sqlite3.Connection], int]) -> int:
    """Open the store as a window (open_as_window), run use(conn) while it is marked open, and return
    its exit status; a refused store is one sentence on stderr and exit status 2. The app and plain
    mode both start here."""
    import sqlite3

    from myrole.store.errors import StoreError
    from myrole.store.health import unreadable

    with ExitStack() as window:
        try:
            conn = open_as_window(paths, window)
        except StoreError as error:
            print(f"myrole: {error}", file=sys.stderr)
            return 2
        try:
            return use(conn)
        except sqlite3.OperationalError as error:  # plain mode's; the app's own stop is MyRoleApp._fatal_error
            refusal = unreadable(paths.store, error)
            if refusal is None:
                raise
            print(f"myrole: {refusal}", file=sys.stderr)
            return 2


def open_as_window(paths: Paths, window: ExitStack) -> sqlite3.Connection:
    """Open the store and mark, until `window` closes, that a myrole window has it open.

    The store is opened before it is marked, so a store that is refused gets no marker file
    beside it. A restore may replace the file in between; then the new file is opened instead.
    """
    from myrole.store.connection import open_store
    from myrole.store.window import window_open

    before = _identity(paths.store)
    conn = open_store(paths)
    try:
        window.enter_context(window_open(paths))
    except BaseException:
        conn.close()
        raise
    if before is None or _identity(paths.store) != before:  # made now, or replaced by a restore meanwhile
        conn.close()
        conn = open_store(paths)  # no restore can replace it now
    return conn


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at path (device and file number; Windows gives a file index), or None if none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino
