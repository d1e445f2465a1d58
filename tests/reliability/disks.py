"""Provides small disks for the tests: a tmpfs of a few megabytes, filled on demand, and read-only views.

Mounting needs root (CI runs as root); without it the tests that need a disk are skipped
and say why.
"""

from __future__ import annotations

import errno
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot simulate a disk here: `mount {' '.join(args)}` failed "
                    f"({result.stderr.strip() or 'no reason given'}); it needs root")


@contextmanager
def small_disk(folder: Path, size: str = "4m"):
    """A tmpfs of the given size mounted at folder, unmounted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@contextmanager
def read_only_view(source: Path, view: Path):
    """source seen read-only at view (a read-only bind mount)."""
    view.mkdir(parents=True, exist_ok=True)
    _mount("--bind", str(source), str(view))
    try:
        _mount("-o", "remount,ro,bind", str(view))
        yield view
    finally:
        subprocess.run(["umount", "-l", str(view)], capture_output=True)


def fill(disk: Path) -> Path:
    """Fill the disk to the last byte; returns the filler file (delete it to make room again)."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as handle:
        for size in (1 << 16, 1 << 12, 1):
            try:
                while handle.write(b"\0" * size):
                    pass
            except OSError as error:
                if error.errno != errno.ENOSPC:  # only a full disk was expected
                    raise
    return filler
