"""Provides the store's file path as a plain string, cheaply, for `myrole due` at shell start-up, and whether a home folder can be used.

paths.py is the full answer (pathlib and platformdirs); importing those costs about half of
the time `myrole due` may take. So on Linux, in the two plain cases that cover nearly everyone
(XDG_DATA_HOME unset or empty with an absolute HOME, or XDG_DATA_HOME an absolute path with no
spaces around it), this module names the folder itself; any other value (relative, padded with
spaces, a relative HOME) is left to platformdirs, whose rules for those differ between its
versions. tests/unit/test_location.py checks that both always name the same file.
Other platforms always ask platformdirs.
"""

from __future__ import annotations

import os
import sys

HOME_VARIABLE = "MYROLE_HOME"
STORE_NAME = "myrole.db"
SETTINGS_NAME = "settings.toml"  # in the config folder (myrole/settings.py reads it)
WINDOW_MARKER_NAME = ".myrole-window"  # in the data folder while an app window has the store open (store/window.py)
COLLATIONS_NAME = "collations.json"  # in the data folder: the collation reports made here (collate/earlier.py)
APP_NAME = "myrole"


def store_file(home: str | None = None) -> str:
    """The store path for an explicit home, else MYROLE_HOME, else the platform data folder."""
    chosen = home if home is not None else os.environ.get(HOME_VARIABLE)
    if chosen:
        return os.path.join(os.path.realpath(os.path.expanduser(chosen)), STORE_NAME)
    base = _plain_linux_data_home() if sys.platform.startswith("linux") else None
    if base is not None:
        return os.path.join(base, APP_NAME, STORE_NAME)
    import platformdirs  # the same call paths.resolve makes (importing paths here would make a cycle)

    return os.path.join(platformdirs.user_data_dir(APP_NAME, appauthor=False), STORE_NAME)


def _plain_linux_data_home() -> str | None:
    """The XDG data folder when its rule is plain (see the module's docstring), else None."""
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if xdg:
        return xdg if os.path.isabs(xdg) and xdg == xdg.strip() else None
    home = os.environ.get("HOME")
    if home is not None and not (os.path.isabs(home) and home == home.strip()):
        return None
    return os.path.expanduser("~/.local/share")


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
