"""Tests that the real app, running in a pseudo-terminal, loses no typed word to SIGKILL inside a form, to
ctrl+q straight after a burst of typing, or to the terminal closing (SIGHUP) or SIGTERM.

POSIX only (pseudo-terminals and these signals); skipped elsewhere.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
import threading
import time
from pathlib import Path

import pytest

from myrole.model import Commitment, Lens, Mode, Profile
from myrole.paths import resolve
from myrole.store import open_store
from myrole.store.commitments import create_commitment
from myrole.store.profile import save_profile

from .helpers import REPO

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals and SIGHUP are POSIX only")

TEXT = "Ask the ward team which languages patients speak most often and why"
QUIET = 0.3  # seconds without new output: the app has handled what it was sent and drawn it
WAIT = 60  # the longest any step may take on a busy machine


class TerminalApp:
    """`myrole --home HOME` in a pseudo-terminal of its own (80x24), as a person's terminal window runs it."""

    def __init__(self, home: Path) -> None:
        import fcntl
        import pty
        import struct
        import termios

        self.output = bytearray()
        self.last_output = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:  # the child: becomes the app, with the pseudo-terminal as its controlling terminal
            os.chdir(REPO)
            os.environ.update(TERM="xterm-256color", PYTHONPATH=str(REPO), COLUMNS="80", LINES="24")
            os.execv(sys.executable, [sys.executable, "-m", "myrole", "--home", str(home)])
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.status: int | None = None

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk
            self.last_output = time.monotonic()

    def wait_for(self, text: str) -> None:
        """Until text has been drawn (Textual writes a short label in one piece)."""
        deadline = time.monotonic() + WAIT
        while text.encode() not in self.output:
            assert time.monotonic() < deadline, f"the app never showed {text!r}"
            time.sleep(0.05)

    def settle(self) -> None:
        """Until the app has drawn nothing new for QUIET seconds: it has handled every key sent so far."""
        time.sleep(QUIET)
        deadline = time.monotonic() + WAIT
        while time.monotonic() - self.last_output < QUIET and time.monotonic() < deadline:
            time.sleep(0.05)

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def signal(self, number: int) -> None:
        os.kill(self.pid, number)

    def hang_up(self) -> None:
        """Close the terminal window: closing the pty's master end sends SIGHUP to the app."""
        os.close(self.fd)
        self.fd = -1

    def wait(self) -> int:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                break
            time.sleep(0.05)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            raise AssertionError("the app did not stop")
        if self.fd >= 0:
            os.close(self.fd)
        return self.status


def one_due_commitment(paths) -> None:
    db = open_store(paths)
    save_profile(db, Profile("Sam", onboarded=True))
    create_commitment(db, Commitment(id="", title="Offer an interpreter", lens=Lens.PATIENTS, mode=Mode.ACTION,
                                     cadence="weekly", created_at="2020-01-01T10:00:00Z"))
    db.close()


@pytest.fixture
def home(tmp_path, prepared_stores) -> Path:
    """A store with Sam's details and one commitment that is due, so home opens on it (a copy of one made
    once per test process)."""
    folder = tmp_path / "home"
    prepared_stores(resolve(folder), "one due commitment, for the crash tests", one_due_commitment)
    return folder


def drafts(home: Path) -> dict[str, dict]:
    conn = sqlite3.connect(resolve(home).store)
    try:
        return {form: json.loads(fields) for form, fields in conn.execute("SELECT form, fields FROM drafts")}
    finally:
        conn.close()


def saved_draft(home: Path, form: str, field: str) -> None:
    """Until the running app's autosave has written TEXT as the draft's field (the store is only read)."""
    deadline = time.monotonic() + WAIT
    while drafts(home).get(form, {}).get(field) != TEXT:
        assert time.monotonic() < deadline, "the draft was never saved"
        time.sleep(0.05)


def open_form(app: TerminalApp, keys: str, shown: str, then: str = "") -> None:
    """From home, press keys, wait until the form shows its words, then press then (e.g. tab to a field)."""
    app.wait_for("Welcome back")
    app.settle()
    app.type(keys)
    app.wait_for(shown)
    app.settle()
    if then:
        app.type(then)
        app.settle()


# (keys from home, words the form shows, keys to its field, the draft's form and field)
FORMS = {
    "new commitment": ("n", "New commitment", "", "commitment", "title"),
    "check-in": ("c", "Check in", "\t", "checkin", "note"),
    "one-to-one note": ("on", "A note of what was said", "", "one-to-one item", "text"),
}


async def reopen_then_quit(home: Path) -> tuple[list[str], int | None]:
    """Open the app on home in this process, as the next start after the kill; the words its first screen
    shows, then ctrl+q there, and the status it quit with.

    In this process, not a terminal of its own: the kill before it is real, and opening a store is the same
    either way (test_a_burst_of_typing_then_ctrl_q_keeps_every_key quits a real process with ctrl+q).
    """
    from textual.widgets import OptionList, Static

    from myrole.ui.app import MyRoleApp

    app = MyRoleApp(paths=resolve(home), db=open_store(resolve(home)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        shown = [str(widget.visual) for widget in screen.query(Static)]
        shown += [str(option.prompt) for option in screen.query_one(OptionList).options]
        await pilot.press("ctrl+q")
    return shown, app.return_code


@pytest.mark.parametrize("form", list(FORMS))
def test_sigkill_inside_a_form_leaves_its_draft_and_reopening_offers_it(home, form, monkeypatch):
    import asyncio

    keys, shown, then, name, field = FORMS[form]
    app = TerminalApp(home)
    open_form(app, keys, shown, then)
    app.type(TEXT)
    saved_draft(home, name, field)  # a person pausing: the draft saves 0.4 s after the last key
    app.signal(signal.SIGKILL)
    assert app.wait() == signal.SIGKILL
    assert drafts(home)[name][field] == TEXT

    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")  # as tests/ui/conftest.py sets it
    words, status = asyncio.run(reopen_then_quit(home))
    assert "Unsaved drafts" in words and any(TEXT.split()[0] in line for line in words)
    assert status == 0
    assert drafts(home)[name][field] == TEXT  # not now: still there


def test_a_burst_of_typing_then_ctrl_q_keeps_every_key(home):
    app = TerminalApp(home)
    open_form(app, "n", "New commitment")
    app.type(TEXT + "\x11")  # the keys and ctrl+q arrive together
    assert os.waitstatus_to_exitcode(app.wait()) == 0
    assert drafts(home)["commitment"]["title"] == TEXT


def test_a_burst_of_typing_in_an_answer_then_ctrl_q_keeps_every_key(home):
    app = TerminalApp(home)
    open_form(app, "r", "Start a reflection")
    app.type("\t\t\r")  # past the pack and the context to Start
    app.wait_for("Lens 1 of 6")
    app.settle()
    app.type(TEXT + "\x11")
    assert os.waitstatus_to_exitcode(app.wait()) == 0
    conn = sqlite3.connect(resolve(home).store)
    try:
        assert [row[0] for row in conn.execute("SELECT text FROM answers")] == [TEXT]
    finally:
        conn.close()


def test_closing_the_terminal_window_keeps_what_was_typed(home):
    app = TerminalApp(home)
    open_form(app, "c", "Check in", "\t")
    app.type(TEXT)
    app.settle()
    app.hang_up()  # SIGHUP
    status = app.wait()
    assert not os.WIFSIGNALED(status), "SIGHUP killed the app before it saved"
    assert drafts(home)["checkin"]["note"] == TEXT


def test_sigterm_keeps_what_was_typed_and_quits_cleanly(home):
    app = TerminalApp(home)
    open_form(app, "n", "New commitment")
    app.type(TEXT)
    app.settle()
    app.signal(signal.SIGTERM)
    assert os.waitstatus_to_exitcode(app.wait()) == 0
    assert drafts(home)["commitment"]["title"] == TEXT
