"""Provides launching a program in an 80x24 pseudo-terminal, reading what it draws, and timing it."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass
from typing import Self

ANSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


@dataclass(frozen=True)
class Paint:
    seconds: float  # from launch until the marker text was on screen
    peak_kib: int  # the child's peak resident memory


class Terminal:
    """A program running in an 80x24 pseudo-terminal; use as a context manager to stop it."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.argv = argv
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the program
            os.execvpe(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.peak_kib = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            _, _, usage = os.wait4(self.pid, 0)
            os.close(self.fd)
            self.pid, self.peak_kib = 0, usage.ru_maxrss

    def write(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def read(self, wait: float) -> bytes:
        """Whatever the program drew within wait seconds (b"" if nothing)."""
        ready, _, _ = select.select([self.fd], [], [], max(wait, 0))
        if not ready:
            return b""
        try:
            return os.read(self.fd, 65536)
        except OSError:
            raise RuntimeError(f"{self.argv} ended unexpectedly") from None

    def wait_for(self, text: str, since: float | None = None, timeout: float = 30.0) -> float:
        """Read until text is drawn (ignoring escape codes); return the time it took from since."""
        since = self.started if since is None else since
        seen, needle = b"", text.encode()
        while needle not in ANSI.sub(b"", seen):
            left = timeout - (time.perf_counter() - since)
            if left <= 0:
                raise TimeoutError(f"{self.argv} never drew {text!r}")
            seen += self.read(left)
        return time.perf_counter() - since

    def settle(self, quiet: float, timeout: float = 10.0) -> None:
        """Read until nothing has been drawn for quiet seconds."""
        end = time.perf_counter() + timeout
        while self.read(quiet) and time.perf_counter() < end:
            pass


def time_until_drawn(argv: list[str], marker: str, env: dict[str, str], timeout: float = 30.0) -> Paint:
    """Start argv in an 80x24 pseudo-terminal; stop it once marker appears in what it drew."""
    with Terminal(argv, env) as term:
        elapsed = term.wait_for(marker, timeout=timeout)
    return Paint(elapsed, term.peak_kib)
