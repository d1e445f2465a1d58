"""Provides the store's file path as a plain string, cheaply, for `myrole due` at shell start-up, and whether a home folder can be used.

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


def home_problem(*folders: str | os.PathLike[str]) -> str | None:
    """Why one of myrole's folders cannot be used at all (it is a file; it cannot be opened), or None.

    A folder that does not exist yet is fine: myrole makes it when it first saves. A read-only
    folder is fine here too: reading commands work, and opening the store says so when it must write.
    """
    import stat

    from myrole.os_errors import reason

    for folder in dict.fromkeys(os.fspath(f) for f in folders):
        try:
            if not stat.S_ISDIR(os.stat(folder).st_mode):
                return f"{folder} is a file, not a folder, so myrole cannot keep your store there; nothing was changed."
            os.listdir(folder)  # permission to look inside, as the system really decides it
        except FileNotFoundError:
            continue
        except OSError as error:
            return (f"The folder {folder} cannot be opened ({reason(error)}), so myrole cannot use it; "
                    "nothing was changed.")
    return None
