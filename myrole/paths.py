"""Provides the folders and files myrole uses: MYROLE_HOME if set, else the platform's."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from myrole.location import APP_NAME, COLLATIONS_NAME, HOME_VARIABLE, SETTINGS_NAME, STORE_NAME, WINDOW_MARKER_NAME


@dataclass(frozen=True)
class Paths:
    """Where one myrole home keeps its things."""

    data: Path
    config: Path

    @property
    def store(self) -> Path:
        return self.data / STORE_NAME

    @property
    def user_prompts(self) -> Path:
        return self.config / "prompts"

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def own_files(self) -> tuple[Path, ...]:
        """The files no export or document may be written over: the store (first), the settings, the mark that an
        app window has the store open (written over, a restore could replace the store under the window), and the
        list of collation reports made here."""
        return self.store, self.config / SETTINGS_NAME, self.data / WINDOW_MARKER_NAME, self.data / COLLATIONS_NAME


def resolve(home: str | os.PathLike[str] | None = None) -> Paths:
    """The paths in use: an explicit home, else MYROLE_HOME, else the platform folders.

    With a home folder, data and config share it, so one folder holds everything
    (handy for demos, tests and carrying a store on a stick).
    """
    chosen = home if home is not None else os.environ.get(HOME_VARIABLE)
    if chosen:
        folder = Path(chosen).expanduser().resolve()
        return Paths(data=folder, config=folder)
    import platformdirs  # only when needed: `myrole due` with MYROLE_HOME skips it

    return Paths(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )


# File modes (files 0600, folders 0700, umask 077) make what myrole writes the person's alone on Linux and macOS.
# Windows keeps no more of a mode than its read-only flag: there a new file or folder takes its folder's
# permissions (a person's own profile folders are theirs alone; a shared drive's are the share's). Messages that
# say who can read a file written say it with WHO_CAN_READ.
ON_WINDOWS = os.name == "nt"
WHO_CAN_READ = "with its folder's permissions" if ON_WINDOWS else "readable by you only"


STORE_PYTHON_WARNING = (
    "This is the Microsoft Store's Python, which keeps what programs write in AppData (where these folders are) "
    "inside its own app data: uninstalling or resetting that Python, or moving to its next version, loses your "
    "records. Set MYROLE_HOME to a folder of your own (for example in Documents), or use Python from python.org.")


def kept_by_store_python(paths: Paths) -> bool:
    """Whether these folders are the platform's, kept by the Microsoft Store's Python (see STORE_PYTHON_WARNING).

    Windows redirects that Python's writes under AppData to its package's LocalCache; elsewhere, with a home
    given (--home, or MYROLE_HOME), or with python.org's Python, the folders are what they say.
    """
    if not ON_WINDOWS or "PythonSoftwareFoundation.Python" not in sys.base_prefix:
        return False
    import platformdirs

    return paths.data == Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def typed_path(typed: str) -> Path:
    """A file or folder a person typed or pasted: the spaces around it and the quotes Windows' "Copy as path" puts
    round it left out, and ~ as their home folder."""
    text = typed.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    try:
        return Path(text).expanduser()
    except RuntimeError:  # ~name for a user the system does not know: the name as typed (its folder then is not found)
        return Path(text)


def ensure_private_folder(folder: Path) -> None:
    """Create the folder if needed and make it readable by its owner only (0700; Windows: see WHO_CAN_READ)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
