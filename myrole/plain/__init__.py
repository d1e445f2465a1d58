"""Provides plain mode: myrole's flows line by line, for screen readers, plain terminals and scripts.

Nothing here imports Textual or Rich: plain mode writes one line at a time to standard output
and reads one line at a time from standard input, over the same store functions the app calls.
This module itself imports nothing, so `myrole` alone can ask `wanted()` before choosing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

FLAG_PLAIN, FLAG_APP = "--plain", "--no-plain"
NO_TERMINAL = ("The app needs a terminal, and standard input or output is not one; "
               "use myrole --plain to answer line by line from a pipe or a file.")


def wanted(flag: bool | None, environ: Mapping[str, str], terminal: bool = True) -> bool:
    """Whether to run in plain mode: the flag if given, else no terminal (see has_terminal), ACCESSIBLE set
    (not 0) or TERM=dumb. With --no-plain and no terminal, the caller refuses (NO_TERMINAL)."""
    if flag is not None:
        return flag
    if not terminal:  # the full-screen app would draw escape codes into a file and never see a key
        return True
    accessible = environ.get("ACCESSIBLE", "").strip()
    return (accessible not in ("", "0")) or environ.get("TERM", "") == "dumb"


def has_terminal(stdin: TextIO | None, stdout: TextIO | None) -> bool:
    """Whether both standard input and standard output are a terminal (a console window on Windows).

    Either can be missing (None under pythonw on Windows) or closed: then there is no terminal.
    """
    try:
        return stdin is not None and stdout is not None and stdin.isatty() and stdout.isatty()
    except (ValueError, OSError):  # a closed stream
        return False
