"""Provides the folders and files myrole uses: MYROLE_HOME if set, else the platform's."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from myrole.location import APP_NAME, HOME_VARIABLE, STORE_NAME


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


def ensure_private_folder(folder: Path) -> None:
    """Create the folder if needed and make it readable by its owner only (0700)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
