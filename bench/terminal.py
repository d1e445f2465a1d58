"""Provides launching a program in a pseudo-terminal and timing it until some text is drawn."""

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

ANSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


@dataclass(frozen=True)
class Paint:
    seconds: float  # from launch until the marker text was on screen
    peak_kib: int  # the child's peak resident memory


def time_until_drawn(argv: list[str], marker: str, env: dict[str, str], timeout: float = 30.0) -> Paint:
    """Start argv in an 80x24 pseudo-terminal; stop it once marker appears in what it drew."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the program
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen, needle = b"", marker.encode()
    try:
        while True:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(f"{argv} never drew {marker!r}")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                raise RuntimeError(f"{argv} ended before drawing {marker!r}") from None
            seen += chunk
            if needle in ANSI.sub(b"", seen):
                elapsed = time.perf_counter() - start
                break
    finally:
        os.kill(pid, signal.SIGKILL)
        _, _, usage = os.wait4(pid, 0)
        os.close(fd)
    return Paint(elapsed, usage.ru_maxrss)
