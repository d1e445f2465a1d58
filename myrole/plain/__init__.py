"""Provides plain mode: myrole's flows line by line, for screen readers, plain terminals and scripts.

Nothing here imports Textual or Rich: plain mode writes one line at a time to standard output
and reads one line at a time from standard input, over the same store functions the app calls.
This module itself imports nothing, so `myrole` alone can ask `wanted()` before choosing.
"""

from __future__ import annotations

from collections.abc import Mapping

FLAG_PLAIN, FLAG_APP = "--plain", "--no-plain"


def wanted(flag: bool | None, environ: Mapping[str, str]) -> bool:
    """Whether to run in plain mode: the flag if given, else ACCESSIBLE set (not 0) or TERM=dumb."""
    if flag is not None:
        return flag
    accessible = environ.get("ACCESSIBLE", "").strip()
    return (accessible not in ("", "0")) or environ.get("TERM", "") == "dumb"
