"""Tests that writes last where each system allows it, and never fail where a system does not (a folder Windows
will not open, a file system without F_FULLFSYNC)."""

from __future__ import annotations

import os

from myrole import durable
from myrole.export.output import write_private_file
from myrole.paths import resolve
from myrole.store import open_store
from myrole.store.profile import get_profile


def windows_folders(monkeypatch) -> None:
    """os.open refuses a folder, as it does on Windows (PermissionError), and opens files as before."""
    real_open = os.open

    def open_as_windows_does(path, flags, *args, **kwargs):
        if os.path.isdir(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(durable.os, "open", open_as_windows_does)


def test_a_new_store_is_made_at_the_first_try_where_a_folder_cannot_be_opened(tmp_path, monkeypatch):
    windows_folders(monkeypatch)
    paths = resolve(tmp_path / "home")
    conn = open_store(paths)  # before: "A new store could not be made ... (Permission denied)" the first time
    try:
        assert get_profile(conn).name == ""  # a new, empty store
    finally:
        conn.close()
    assert paths.store.is_file()


def test_an_export_is_written_where_a_folder_cannot_be_opened(tmp_path, monkeypatch):
    windows_folders(monkeypatch)
    target = tmp_path / "summary.md"
    write_private_file(target, b"words", force=False)
    assert target.read_bytes() == b"words"


def test_a_file_system_without_full_sync_falls_back_to_fsync(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr(durable.os, "fsync", synced.append)
    if durable.fcntl is not None:
        monkeypatch.setattr(durable.fcntl, "F_FULLFSYNC", 51, raising=False)  # as on macOS

        def unsupported(descriptor, command, *args):
            raise OSError(45, "Operation not supported")

        monkeypatch.setattr(durable.fcntl, "fcntl", unsupported)
    with (tmp_path / "file").open("wb") as handle:
        durable.flush_to_drive(handle.fileno())
        assert synced == [handle.fileno()]
