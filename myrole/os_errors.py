"""Provides plain-English sentences for what the operating system refused, and a quiet end when a pipe's reader leaves.

Standard library only: `myrole due` and the app's start use it before click is loaded.
"""

from __future__ import annotations

import errno
import os
import sys

# What each common refusal means, in words a person can act on.
REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "the system does not allow it",
    errno.ENOENT: "it does not exist",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder, not a file",
    errno.EEXIST: "something else already has that name",
    errno.EROFS: "the disk is read-only",
    errno.ENOSPC: "the disk is full",
    errno.ELOOP: "it is a loop of symbolic links",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "the disk could not be read or written",
    errno.EBUSY: "another program is using it",
}
# Windows' own error numbers (OSError.winerror) where its errno would mislead: a file another program holds open
# is EACCES there, which read as "permission denied" to someone who has every permission.
WINDOWS_REASONS = {
    32: "another program has it open",  # ERROR_SHARING_VIOLATION
    33: "another program has part of it locked",  # ERROR_LOCK_VIOLATION
}


def reason(error: OSError) -> str:
    """Why the system refused, in a few plain words (e.g. 'permission denied')."""
    known = WINDOWS_REASONS.get(getattr(error, "winerror", None) or 0) or REASONS.get(error.errno or 0)
    if known:
        return known
    return (error.strerror or type(error).__name__).rstrip(".").lower()


def sentence(error: OSError) -> str:
    """One sentence for an OSError that reached the command line: which file, and why."""
    if error.filename is None:
        return f"A file or folder could not be used ({reason(error)})."
    return f"{os.fsdecode(error.filename)} could not be used ({reason(error)})."


def stop_writing() -> None:
    """Send what is left of standard output to the null device, after its reader has gone (`myrole due | head -1`).

    Without this, Python's last flush at exit meets the closed pipe again and prints a warning.
    os.devnull is 'nul' on Windows, where dup2 works the same way.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no standard output at all: nothing is left to flush
        pass
