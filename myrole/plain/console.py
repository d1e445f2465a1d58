"""Provides the plain-mode console: one line out, one line in, numbered choices, and answers ended by a full stop.

Every line written is whole (no cursor movement, no colour, no box drawing), so a screen reader
reads it once, in order, and a script can pipe answers in. Text a person wrote must be made inert
(myrole.text.inert) before it is given to say().
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO, TypeVar

T = TypeVar("T")
END_MARK = "."  # a line holding only this ends a long answer


class EndOfInput(Exception):
    """Input ended (Ctrl+D; on Windows Ctrl+Z then Enter; or the end of a pipe); partial is what had been typed of the
    current answer."""

    def __init__(self, partial: str = "") -> None:
        super().__init__("The input ended.")
        self.partial = partial


class Interrupted(EndOfInput):
    """The person pressed Ctrl+C; what they had typed is saved as at the end of input."""


class Console:
    """Reads lines from reader and writes lines to writer; nothing else."""

    def __init__(self, reader: TextIO, writer: TextIO) -> None:
        self.reader, self.writer = reader, writer

    def say(self, text: str = "") -> None:
        """Write one line (or an empty line for a pause) and make sure it is shown at once."""
        self.writer.write(text + "\n")
        self.writer.flush()

    def read_line(self, partial: str = "") -> str:
        """One line as typed, without its line ending; EndOfInput (carrying partial) when input ends."""
        try:
            line = self.reader.readline()
        except KeyboardInterrupt:
            self.say()
            raise Interrupted(partial) from None
        if not line:
            raise EndOfInput(partial)
        if not line.endswith("\n"):  # the last line of a pipe, with no line break: it still counts
            return line
        return line[:-1].removesuffix("\r")

    def ask(self, label: str) -> str:
        """Say label, then read one line of answer (spaces around it removed)."""
        self.say(label)
        return self.read_line().strip()

    def ask_text(self, label: str) -> str:
        """ask() for a one-line text field: a line holding only a full stop means nothing, as it ends a long answer
        (so a person used to ending answers with one never stores a lone full stop)."""
        typed = self.ask(label)
        return "" if typed == END_MARK else typed

    def ask_long(self, label: str, first_line: str | None = None) -> str:
        """Say label (if any), then read lines until one holds only a full stop; the lines joined.

        first_line: a line already read (the person began their answer on it). At the end of input,
        EndOfInput carries the lines typed so far, so the caller can save them.
        """
        if label:
            self.say(label)
        lines: list[str] = []
        if first_line is not None:
            if first_line.strip() == END_MARK:
                return ""
            lines.append(first_line)
        while True:
            line = self.read_line(partial="\n".join(lines))
            if line.strip() == END_MARK:
                return "\n".join(lines)
            lines.append(line)

    def choose(self, label: str, options: Sequence[tuple[str, T]], default: int | None = None, *,
               first: int = 1) -> T:
        """Say label and the options, numbered from first (1, or a scale's own lowest number); read numbers until
        one is given; its value.

        default: the index of the option that Enter alone keeps (None: a number must be typed).
        """
        self.say(label)
        for number, (words, _) in enumerate(options, start=first):
            self.say(f"{number}. {words}")
        last = first + len(options) - 1
        keep = (f"; Enter alone keeps {default + first}, {options[default][0].rstrip('.')}" if default is not None
                else "")
        while True:
            typed = self.ask(f"Type a number from {first} to {last}{keep}.")
            if not typed and default is not None:
                return options[default][1]
            if typed.isdecimal() and typed.isascii() and first <= int(typed) <= last:
                return options[int(typed) - first][1]
            self.say(f"Please type a number from {first} to {last}.")

    def confirm(self, question: str, *, default: bool) -> bool:
        """A yes or no question; Enter alone gives default."""
        keep = "yes" if default else "no"
        while True:
            typed = self.ask(f"{question} Type yes or no; Enter alone means {keep}.").lower()
            if not typed:
                return default
            if typed in ("y", "yes"):
                return True
            if typed in ("n", "no"):
                return False
            self.say("Please type yes or no.")
