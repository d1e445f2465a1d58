"""The app as a running process: no restore while it has the store open, and a crash exits non-zero.

The app runs for real, in a pseudo-terminal (as a person runs it), so these tests need POSIX.
"""

from __future__ import annotations

import os
import re
import select
import signal
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import pytest

from myrole.paths import resolve
from myrole.store.window import WINDOW_OPEN
from .helpers import REPO, assert_no_traceback, invoke_cli, run_cli, store_files
from .stores import used_store

pty = pytest.importorskip("pty", reason="the app is run in a POSIX pseudo-terminal")

ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


class RunningApp:
    """`python -c CODE` in a 100x30 pseudo-terminal, with MYROLE_HOME=home."""

    def __init__(self, code: str, home: Path) -> None:
        env = {**os.environ, "MYROLE_HOME": str(home), "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(REPO)
            os.execvpe(sys.executable, [sys.executable, "-c", code], env)
        self.seen = ""
        self.status: int | None = None

    def read_until(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in ESCAPES.sub("", self.seen):
            assert time.monotonic() < deadline, f"never drew {text!r}"
            if not self._read(deadline - time.monotonic()):
                break
        assert text in ESCAPES.sub("", self.seen), f"never drew {text!r}"

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], max(wait, 0))
        if ready:
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # the program ended and its terminal closed
                return False
            self.seen += data.decode("utf-8", "replace")
        return True

    def write(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def wait(self, timeout: float = 60) -> int:
        """Read to the end and return the exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self._drain()
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            self._read(0.2)
        raise AssertionError("the app did not stop")

    def _drain(self) -> None:
        while self._read(0.1) and select.select([self.fd], [], [], 0)[0]:
            pass

    def kill(self) -> None:
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            self.status = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


APP = "from myrole.entry import main; main([])"


@pytest.fixture
def home(tmp_path, prepared_stores) -> Path:
    """A home holding a used store (a copy of one made once: the demo's data, closed cleanly)."""
    folder = tmp_path / "home"
    prepared_stores(resolve(folder), "used", lambda paths: used_store(paths.data))
    return folder


@pytest.fixture
def apps():
    with ExitStack() as stack:
        def start(code: str, home: Path) -> RunningApp:
            app = RunningApp(code, home)
            stack.callback(app.kill)
            return app
        yield start


def backup_of(home: Path, target: Path) -> Path:
    """A backup of home's store, made by `myrole backup` (in this process: the backup is not what is tested)."""
    assert invoke_cli("backup", str(target), home=home).returncode == 0
    return target


def test_restore_is_refused_while_the_app_is_open_and_works_once_it_was_killed(home, tmp_path, apps):
    backup = backup_of(home, tmp_path / "backup.db")
    app = apps(APP, home)
    app.read_until("Sam Patel")  # the home screen, drawn from the store
    before = store_files(resolve(home).store)

    refused = run_cli("restore", str(backup), home=home)
    assert refused.returncode == 2
    assert_no_traceback(refused)
    assert refused.stderr == f"myrole: {WINDOW_OPEN}\n"
    assert store_files(resolve(home).store) == before, "the store (and its journal) byte for byte as it was"
    assert not list(resolve(home).backups.glob("*before-restore*"))
    assert not [p for p in resolve(home).data.iterdir() if p.name.startswith(".myrole-restore")]

    app.kill()  # kill -9: the marker file stays, the lock goes with the process
    assert app.status == -signal.SIGKILL
    assert (resolve(home).data / ".myrole-window").exists()
    restored = run_cli("restore", str(backup), home=home)
    assert restored.returncode == 0, restored.stderr
    assert "Restored your records" in restored.stdout


def test_two_windows_both_hold_the_store_and_restore_waits_for_both(home, tmp_path, apps):
    backup = backup_of(home, tmp_path / "backup.db")
    first, second = apps(APP, home), apps(APP, home)
    first.read_until("Sam Patel")
    second.read_until("Sam Patel")
    first.write("\x11")  # Ctrl+Q
    assert first.wait() == 0
    assert run_cli("restore", str(backup), home=home).returncode == 2, "the second window is still open"
    second.write("\x11")
    assert second.wait() == 0
    assert run_cli("restore", str(backup), home=home).returncode == 0


def test_a_window_that_opened_while_a_restore_swapped_the_file_uses_the_restored_store(home, tmp_path, monkeypatch):
    """The store is opened before it is marked; a restore that replaced it in between is noticed."""
    import sqlite3

    from myrole.launch import open_as_window
    from myrole.store import connection

    replacement = tmp_path / "replacement.db"
    backup_of(home, replacement)
    conn = sqlite3.connect(replacement)
    conn.execute("UPDATE profile SET name = 'Restored'")
    conn.commit()
    conn.close()
    real_open = connection.open_store

    def open_then_restore(paths, **kwargs):  # noqa: ANN001, ANN202
        opened = real_open(paths, **kwargs)
        if replacement.exists():  # a restore finishes just after this window opened the old file
            os.replace(replacement, paths.store)
        return opened

    monkeypatch.setattr(connection, "open_store", open_then_restore)
    with ExitStack() as window:
        conn = open_as_window(resolve(home), window)
        try:
            assert conn.execute("SELECT name FROM profile").fetchone()[0] == "Restored"
        finally:
            conn.close()


CRASHING_APP = """
import sys
from myrole.entry import main
from myrole.ui.screens.home import HomeScreen

def broken_mount(self):
    raise KeyError("a bug on the home screen")

HomeScreen.on_mount = broken_mount
main([])
"""


def test_the_app_exits_non_zero_after_a_crash_with_its_short_report(home, apps):
    app = apps(CRASHING_APP, home)
    status = app.wait()
    shown = ESCAPES.sub("", app.seen)
    assert status == 1, shown[-2000:]
    assert "KeyError" in shown and "broken_mount" in shown, "the report still helps find the bug"
    assert "message not shown" in shown and "a bug on the home screen" not in shown, "myrole's report, not Textual's"


def test_the_app_exits_0_after_a_normal_quit(home, apps):
    app = apps(APP, home)
    app.read_until("Sam Patel")
    app.write("\x11")
    assert app.wait() == 0
