"""Provides making a write last: a file's bytes flushed to the drive, and a rename made durable in its folder.

What each system allows differs, and each function says what happens where:
- Linux: os.fsync reaches the drive; a folder can be opened and flushed, which makes a new name last.
- macOS: os.fsync only reaches the drive's cache; F_FULLFSYNC asks the drive to write it out (SQLite's
  side of this is `PRAGMA fullfsync`, set where the store is opened).
- Windows: os.fsync (FlushFileBuffers) reaches the drive; a folder cannot be opened as a file, and NTFS
  journals renames, so flushing the folder is left out there.
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no fcntl; os.fsync is the whole of it there
    fcntl = None  # type: ignore[assignment]


def flush_to_drive(descriptor: int) -> None:
    """Write a file's bytes out to the drive (OSError if the system says it could not)."""
    full = getattr(fcntl, "F_FULLFSYNC", None) if fcntl is not None else None  # macOS only
    if full is not None:
        try:
            fcntl.fcntl(descriptor, full)
            return
        except OSError:  # a file system that does not support it (a network share): fsync as elsewhere
            pass
    os.fsync(descriptor)


def sync_folder(folder: Path) -> None:
    """Make a rename in folder last, where the system allows opening a folder (not Windows: see the module)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows (PermissionError), or a folder that cannot be read: the rename stands as it is
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
