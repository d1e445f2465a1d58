"""Provides typing latency in a real pseudo-terminal: from writing a key to the typed text being drawn.

Each line typed starts with "Zq" (which nothing else on screen contains) and goes on in
alphabetical order, so "the line typed so far" appears in what the program draws only once the
latest key is on screen. Textual redraws a changed line of a TextArea whole, so the typed text
arrives in one piece once escape codes are removed. Before each key the program is left until it
has drawn nothing for a short while, so every key is timed from idle.

Textual redraws at most 60 times a second, but from idle its update timer fires within a
millisecond of the key, so that batching adds nothing here: a bare TextArea's latency is
Textual's own handling of the key (1 to 2 ms) and redrawing (the rest), which is the floor.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from terminal import Terminal

LEAD = "Zq"  # starts every line; untimed, since "Z" alone could match other text on screen
LINE = LEAD + "abcdefghijklmnopqrstuvwx"  # 26 characters: no line wraps at 80 columns
QUIET = 0.04  # seconds without drawing before the next key


@dataclass(frozen=True)
class Step:
    """Wait until marker is drawn, then press keys."""

    marker: str
    keys: bytes = b""


class Typist:
    """Types into an editor in a program running in a pseudo-terminal, timing one key at a time."""

    def __init__(self, argv: list[str], env: dict[str, str], steps: list[Step]) -> None:
        self.term = Terminal(argv, env)  # starts it; reach_editor() then follows the steps
        self.steps = steps
        self.column = 0

    def reach_editor(self) -> None:
        for step in self.steps:
            self.term.wait_for(step.marker)
            self.term.settle(0.15)
            if step.keys:
                self.term.write(step.keys)

    def close(self) -> None:
        self.term.stop()

    def press(self) -> float:
        """Type the next character; return the seconds from writing it until it was drawn."""
        if self.column == len(LINE):
            self._key(b"\r")  # a new line, untimed
            self.term.settle(QUIET)
            self.column = 0
        while self.column < len(LEAD):
            self._type_next()
        return self._type_next()

    def _type_next(self) -> float:
        self.term.settle(QUIET)
        self.column += 1
        return self._key(LINE[self.column - 1].encode(), LINE[:self.column])

    def _key(self, key: bytes, drawn: str | None = None, timeout: float = 10.0) -> float:
        start = time.perf_counter()
        self.term.write(key)
        return self.term.wait_for(drawn, since=start, timeout=timeout) if drawn else 0.0
