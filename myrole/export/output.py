"""Provides writing an export file all at once, readable by you only.

The file is written to a temporary file, flushed to disk and renamed. On Windows it has its folder's
permissions (paths.WHO_CAN_READ).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from myrole.durable import flush_to_drive, sync_folder
from myrole.os_errors import reason

WRITE_BUFFER = 1 << 20  # a long export in pieces goes out in a few large writes, not thousands of small ones


class OutputError(ValueError):
    """The file cannot be written there; the message is one sentence and nothing was written."""


def check_target(path: Path, *, force: bool, protected: tuple[Path, ...] = ()) -> None:
    """Refuse a place that cannot or should not take the file, before any work is done.

    protected: myrole's own files (Paths.own_files, the store first), never written over.
    """
    try:
        _check_place(path, force=force, protected=protected)
    except OutputError:
        raise
    except OSError as error:  # a name too long for the system, a folder that cannot be read ...
        raise OutputError(f"{path} could not be used ({reason(error)}); choose another file name.") from None
    except (ValueError, RuntimeError):  # a NUL character in the name; links that point round in a loop
        raise OutputError(f"{path} cannot be a file's name; choose another file name.") from None


def _check_place(path: Path, *, force: bool, protected: tuple[Path, ...]) -> None:
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name inside it instead.")
    if path.exists() and not path.is_file():  # even with --force: never replace a device or a pipe
        raise OutputError(f"{path} is not a regular file (it is a device, pipe or other special file), so "
                          "myrole will not write over it; choose a file name.")
    parent = path.parent
    if not parent.exists():
        raise OutputError(f"The folder {parent} does not exist; create it first or choose another place.")
    if not parent.is_dir():
        raise OutputError(f"{parent} is not a folder, so {path.name} cannot be written there.")
    for number, own in enumerate(protected):
        if _same_or_beside(path, own):
            what = "your myrole store" if number == 0 else f"one of myrole's own files ({own.name})"
            raise OutputError(f"{path} is {what}; choose another file name.")
    if path.exists() and not force:
        raise OutputError(f"{path} already exists; add --force to replace it.")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"The folder {parent} is read-only for you, so nothing was written.")


def _same_or_beside(path: Path, own: Path) -> bool:
    """Whether path is one of myrole's own files, or beside it as the store's side files are (myrole.db-wal ...),
    however it is written: on macOS and Windows names that differ only in case are one file (MyRole.DB is
    myrole.db), which a string comparison misses."""
    if path.exists() and own.exists() and os.path.samefile(path, own):
        return True
    resolved, kept = os.path.normcase(path.resolve()), os.path.normcase(own.resolve())  # Windows: lower case
    if _folds_case(own):
        resolved, kept = resolved.casefold(), kept.casefold()
    return resolved == kept or resolved.startswith(f"{kept}-")


def _folds_case(own: Path) -> bool:
    """Whether the file's disk takes names that differ only in case as one (macOS's and Windows' usual disks)."""
    swapped = own.with_name(own.name.swapcase())
    try:
        return swapped != own and swapped.exists() and os.path.samefile(swapped, own)
    except OSError:
        return False


def write_private_file(path: Path, data: bytes | list[bytes], *, force: bool, protected: tuple[Path, ...] = ()) -> None:
    """Write data (or its pieces, in order) to path in one step, mode 0600; on any failure nothing is left behind.

    A path that is a symbolic link (a calendar linked into a synced folder) is written where it points, so the link
    keeps working, rather than being replaced by a file of its own.
    """
    check_target(path, force=force, protected=protected)  # first: a name the system refuses gets its sentence
    if path.is_symlink():
        path = path.resolve()
        check_target(path, force=force, protected=protected)
    try:
        # A short name of its own, not the file's name again: beside a long name in a long folder (OneDrive,
        # SharePoint) it stays within Windows' 260-character paths wherever the file itself does.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".myrole-", suffix=".partial")
    except OSError as error:
        raise OutputError(f"{path} could not be written ({error.strerror}); nothing was written.") from None
    try:
        with os.fdopen(handle, "wb", buffering=WRITE_BUFFER) as out:
            if isinstance(data, bytes):
                out.write(data)
            else:
                out.writelines(data)
            out.flush()
            flush_to_drive(out.fileno())
        os.chmod(temporary, 0o600)  # Windows: no effect (paths.WHO_CAN_READ)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{path} could not be written ({error.strerror}); nothing was written.") from None
    sync_folder(path.parent)
