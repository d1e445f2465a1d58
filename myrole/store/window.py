"""Provides the mark that a myrole window has the store open, so that nothing replaces the store under it.

The app writes through the store file it opened. If `myrole restore` put another file in its
place while the app ran, the app would go on saving into the old file, which is no longer the
store: those saves would be in neither the restored store nor the copy kept aside. So:

- each myrole window holds a *shared* lock on a small marker file beside the store
  (`.myrole-window`, empty) for as long as it runs; many windows can hold it at once;
- a restore takes the same lock *alone* (exclusive) for as long as it replaces the store, and
  is refused with one sentence while any window holds it;
- a window that starts during a restore waits for it to finish.

The locks are the operating system's advisory locks, which it lets go of when the process that
held them ends, however it ends (a crash, kill -9, a power cut): a window that died never
blocks a restore, and the marker file left behind means nothing by itself.

- Linux and macOS: fcntl.flock, LOCK_SH for a window and LOCK_EX for a restore.
- Windows: msvcrt.locking, which only has exclusive locks on byte ranges. Each window locks one
  byte of its own among the first WINDOW_SLOTS bytes; a restore locks all of them at once, which
  fails while any window holds one. (A window that finds every byte taken waits, as during a
  restore; that needs WINDOW_SLOTS windows open at once.) Windows also refuses to replace a file
  another process has open, so there a restore could never swap the store under a window anyway;
  the lock turns that failure into a clear sentence.
- Anywhere else (neither fcntl nor msvcrt): no lock is taken and a restore is not guarded.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from types import ModuleType

from myrole.location import WINDOW_MARKER_NAME
from myrole.paths import Paths
from myrole.store.errors import StoreError

MARKER_NAME = WINDOW_MARKER_NAME
WINDOW_SLOTS = 64
WAIT_FOR_RESTORE_SECONDS = 30.0
POLL_SECONDS = 0.1


def _module(name: str) -> ModuleType | None:
    """A platform's own module, or None where it has none."""
    try:
        return import_module(name)
    except ImportError:
        return None


fcntl = _module("fcntl")  # None on Windows
msvcrt = _module("msvcrt")  # None on Linux and macOS

WINDOW_OPEN = ("A myrole window has your store open; quit myrole there, then run the restore again "
               "(nothing was changed).")
RESTORE_RUNNING = "Another restore of your store is under way; nothing was changed."
STILL_RESTORING = "A restore of your store is still under way; run myrole again once it has finished."


def marker(paths: Paths) -> Path:
    return paths.data / MARKER_NAME


def _open_marker(paths: Paths) -> int:
    """The marker file, opened (and made if needed) for locking; readable by its owner only."""
    return os.open(marker(paths), os.O_RDWR | os.O_CREAT, 0o600)


def _try_lock(handle: int, *, alone: bool) -> bool:
    """Take the lock without waiting: alone (a restore) or shared (a window); whether it was taken."""
    if fcntl is not None:
        try:
            fcntl.flock(handle, (fcntl.LOCK_EX if alone else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except OSError:
            return False
        return True
    if msvcrt is not None:
        return _try_lock_windows(handle, alone=alone)
    return True  # no advisory locks on this system: nothing to take


def _try_lock_windows(handle: int, *, alone: bool) -> bool:
    assert msvcrt is not None  # only called where there is msvcrt (Windows)
    slots = [0] if alone else range(WINDOW_SLOTS)
    size = WINDOW_SLOTS if alone else 1
    for slot in slots:
        os.lseek(handle, slot, os.SEEK_SET)
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, size)
        except OSError:
            continue
        return True  # the lock stays on these bytes until the handle is closed or the process ends
    return False


def _unlock(handle: int) -> None:
    """Let go of the lock and close the marker (closing alone releases it, on every system)."""
    os.close(handle)


@contextmanager
def window_open(paths: Paths) -> Iterator[None]:
    """Mark, for the with-block (the app's whole run), that a window has the store open.

    Waits while a restore is replacing the store; StoreError if it takes too long.
    """
    handle = _open_marker(paths)
    try:
        deadline = time.monotonic() + WAIT_FOR_RESTORE_SECONDS
        while not _try_lock(handle, alone=False):
            if time.monotonic() > deadline:
                raise StoreError(STILL_RESTORING)
            time.sleep(POLL_SECONDS)
        yield
    finally:
        _unlock(handle)


@contextmanager
def replacing(paths: Paths) -> Iterator[None]:
    """Hold the store alone while it is replaced; StoreError (nothing changed) if a window has it open."""
    handle = _open_marker(paths)
    try:
        if not _try_lock(handle, alone=True):
            raise StoreError(_why_busy(handle))
        yield
    finally:
        _unlock(handle)


def _why_busy(handle: int) -> str:
    """Windows hold the lock shared and a restore alone: if a shared lock can be had, it is a window."""
    if fcntl is not None and not _try_lock(handle, alone=False):
        return RESTORE_RUNNING
    return WINDOW_OPEN  # on Windows a window is by far the likelier; the sentence says what to do
