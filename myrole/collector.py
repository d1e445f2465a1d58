"""Provides collector_paused(): Python's cycle collector held off while many small objects are made.

The collector runs each time enough new objects exist, and each run walks everything the
process holds. Building the wrap tables of a 50,000-line text makes a great
many small objects with no cycles among them, so those runs find nothing; each caller says
in a comment what the pause saves it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection inside the with-block; as it was afterwards (a pause already on stays on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
