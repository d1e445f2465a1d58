"""Provides the report printed when the app stops on a bug: the stack, without anything a person wrote.

Textual's own report shows local variables, and an exception's message can quote its input;
either could hold a private reflection, and a crash report is exactly what gets pasted into
an email or an issue. So this one keeps file names, line numbers and code, and drops the rest.
"""

from __future__ import annotations

import rich
from rich.console import Console, ConsoleOptions
from rich.segment import Segments
from rich.traceback import Trace, Traceback

WITHHELD = "(message not shown: it could quote what you wrote; nothing you saved is lost)"


def withhold(trace: Trace) -> Trace:
    for stack in trace.stacks:
        stack.exc_value = WITHHELD
        stack.notes = []
        for inner in stack.exceptions:
            withhold(inner)
    return trace


def crash_report(error: BaseException, console: Console, options: ConsoleOptions) -> Segments:
    trace = Traceback.extract(type(error), error, error.__traceback__, show_locals=False)
    return Segments(console.render(Traceback(withhold(trace), width=None, suppress=[rich]), options))
