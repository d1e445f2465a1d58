"""Provides choosing and writing a file in plain mode: the file to write, asked for, checked and written whole.

Exporting a summary and writing a revalidation document both use it, so both refuse the same files in the
same words, ask before replacing one, and let the person go back without writing anything.
"""

from __future__ import annotations

from pathlib import Path

from myrole.export.output import OutputError, check_target, write_private_file
from myrole.paths import typed_path
from myrole.plain.console import END_MARK
from myrole.plain.session import Session
from myrole.text import inert


def shown_path(path: Path) -> str:
    """A file's name as typed, safe to say (a name may hold control characters)."""
    return inert(str(path))


def ask_target(session: Session, suggested: Path) -> Path | None:
    """The file to write: the suggestion, or one typed; None when the person goes back (a full stop alone).

    An existing file is replaced only when the person says so; a place that cannot take the file, or the
    store itself, is refused in one sentence and the question asked again.
    """
    console = session.console
    while True:
        typed = console.ask(f"Which file? Enter alone writes {shown_path(suggested)}; a full stop alone goes back "
                            "without writing.")
        if typed == END_MARK:
            console.say("Nothing was written.")
            return None
        target = typed_path(typed) if typed else suggested
        try:
            check_target(target, force=True, protected=session.paths.own_files)
        except OutputError as error:
            console.say(inert(str(error)))
            continue
        if not target.exists() or console.confirm(f"{shown_path(target)} already exists; replace it?", default=False):
            return target


def write_to(session: Session, target: Path, data: bytes | list[bytes]) -> bool:
    """Write data to target whole, readable by the person only; whether it was written (if not, why is said)."""
    try:
        write_private_file(target, data, force=True, protected=session.paths.own_files)
    except (OutputError, OSError) as error:
        session.console.say(f"Nothing was written: {inert(str(error))}")
        return False
    return True
