"""Provides starting the app: open the store, or say in one sentence why it cannot be used."""

from __future__ import annotations

import gc
import sys

from myrole.paths import Paths


def start(paths: Paths, *, reflect_pack: str | None = None) -> int:
    """Run the app on the store in paths until it quits; the exit status (2 when the store is refused)."""
    from myrole.store.connection import open_connection
    from myrole.store.errors import StoreError

    try:
        conn = open_connection(paths)
    except StoreError as error:
        print(f"myrole: {error}", file=sys.stderr)
        return 2
    # Importing Textual and drawing the first screen make a great many objects that live as
    # long as the app; the cyclic garbage collector would walk them again and again (about a
    # tenth of a second). It pauses until the first paint (MyRoleApp.after_first_paint).
    gc.disable()
    from myrole.ui.app import MyRoleApp

    MyRoleApp(paths=paths, db=conn, reflect_pack=reflect_pack).run()
    return 0
