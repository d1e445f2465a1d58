"""Provides choosing and writing a file in plain mode: the file to write, asked for, checked and written whole.

Exporting a summary and writing a revalidation document both use it, so both refuse the same files in the
same words, ask before replacing one, say the whole path of the file written (a bare name is written in the
current folder, not the home folder the suggestion is in), and let the person go back without writing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from myrole.export.output import OutputError, check_target, write_private_file
from myrole.os_errors import reason
from myrole.paths import typed_path
from myrole.plain.console import END_MARK
from myrole.plain.session import Session
from myrole.text import inert

NOTHING_WRITTEN = "nothing was written"


def shown_path(path: Path) -> str:
    """A file's whole path (a bare name is said with the folder it is written in), safe to say (a name may hold
    control characters)."""
    return inert(str(path.absolute()))


def ask_target(session: Session, suggested: Path) -> Path | None:
    """The file to write, as a whole path: the suggestion, or one typed; None when the person goes back (a full
    stop alone).

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
        target = (typed_path(typed) if typed else suggested).absolute()  # every sentence about it names it whole
        try:
            check_target(target, force=True, protected=session.paths.own_files)
        except OutputError as error:
            console.say(inert(str(error)))
            continue
        if not target.exists() or console.confirm(f"{shown_path(target)} already exists; replace it?", default=False):
            return target


def write_to(session: Session, target: Path, data: bytes | list[bytes]) -> bool:
    """Write data to target whole, readable by the person only; whether it was written (if not, why is said,
    once)."""
    try:
        write_private_file(target, data, force=True, protected=session.paths.own_files)
    except OutputError as error:  # one sentence, most of them saying already that nothing was written
        said = inert(str(error))
        if NOTHING_WRITTEN not in said.lower():
            said = f"{said} Nothing was written."
    except OSError as error:  # before anything is written (a link that cannot be followed)
        said = f"{shown_path(target)} could not be written ({reason(error)}); nothing was written."
    else:
        return True
    session.console.say(said)
    return False


def ask_and_write(session: Session, suggested: Path, make: Callable[[], bytes | list[bytes]]) -> Path | None:
    """Ask for the file (ask_target) and write what make() gives to it; when it cannot be written, say why and
    ask again. The file written, or None when the person went back without writing (a full stop alone).

    make() is called once, when the first file is chosen: nothing is drawn (a PDF can take a while) for a
    person who goes back.
    """
    data: bytes | list[bytes] | None = None
    while True:
        target = ask_target(session, suggested)
        if target is None:
            return None
        if data is None:
            data = make()
        if write_to(session, target, data):
            return target
