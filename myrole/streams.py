"""Provides the standard streams as myrole uses them: UTF-8 when redirected to a file or a pipe, on every system.

A terminal needs nothing: Linux and macOS terminals are UTF-8, and Windows writes to its console in UTF-16.
But Windows reads and writes a redirected stream in its ANSI code page (cp1252 in the UK), which cannot hold
Urdu, Polish or an emoji: printing one stopped `myrole due > due.txt` with a traceback, and an answers file
piped into plain mode was read as "cafÃ©". Redirected, myrole's streams are UTF-8 there as everywhere else,
and what comes in may start with a byte-order mark (Notepad and PowerShell 5.1 write one), which is dropped.
"""

from __future__ import annotations

from typing import TextIO


def as_utf8_when_redirected(stream: TextIO, *, reading: bool = False, errors: str | None = None) -> TextIO:
    """The stream, read or written as UTF-8 if it is not a terminal; errors, if given, on any stream."""
    change: dict[str, str] = {} if errors is None else {"errors": errors}
    try:
        if not stream.isatty():
            change["encoding"] = "utf-8-sig" if reading else "utf-8"
        if change:
            stream.reconfigure(**change)  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        pass  # not a stream that can change (a test's StringIO, a closed stream): used as it is
    return stream
