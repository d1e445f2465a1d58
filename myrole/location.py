"""Provides the store's file path as a plain string, cheaply, for `myrole due` at shell start-up.

paths.py is the full answer (pathlib and platformdirs); importing those costs about half of
the time `myrole due` may take, so on Linux this module applies the same XDG rule itself.
A test checks that both always agree; other platforms ask platformdirs.
"""

from __future__ import annotations

import os
import sys

HOME_VARIABLE = "MYROLE_HOME"
STORE_NAME = "myrole.db"
APP_NAME = "myrole"


def store_file(home: str | None = None) -> str:
    """The store path for an explicit home, else MYROLE_HOME, else the platform data folder."""
    chosen = home if home is not None else os.environ.get(HOME_VARIABLE)
    if chosen:
        return os.path.join(os.path.realpath(os.path.expanduser(chosen)), STORE_NAME)
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_DATA_HOME", "").strip() or os.path.expanduser("~/.local/share")
        return os.path.join(base, APP_NAME, STORE_NAME)
    from myrole.paths import resolve

    return str(resolve().store)
