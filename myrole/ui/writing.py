"""Provides writing a file the person named in the app: checked first, written in one step, readable by them only.

The export screen and the revalidation write dialog both use it, so both refuse the same files in the same words
and ask the same way before replacing one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from pathlib import Path

from textual.screen import Screen

from myrole.paths import typed_path
from myrole.ui.context import myrole_app

ENDINGS = ("md", "html", "json", "pdf")  # every format myrole writes: a name ending in another's is a mistake


def named_ending(name: str) -> tuple[str, str]:
    """A file name's stem and its ending when that ending is a format's ('md', 'html', 'json', 'pdf'), else (name, '')."""
    stem, dot, ending = name.strip().rpartition(".")
    ending = ending.lower()
    return (stem, ending) if dot and "/" not in ending and ending in ENDINGS else (name, "")


def following(typed: str, old_default: str, new_default: str, fmt: str) -> str:
    """The file name once the choices change: the new suggestion where the old one stood untouched; a name the
    person typed keeps all but an ending of another format, which follows fmt."""
    stem, ending = named_ending(typed)
    if typed == old_default:
        return new_default
    return f"{stem}.{fmt}" if ending and ending != fmt else typed


def chosen_file(screen: Screen, typed: str, fmt: str, example: str) -> Path | str:
    """The file to write to, or the sentence saying why not: nothing typed, an ending of another format, or a place
    that cannot be written or must not be (export/output.check_target; the store itself)."""
    from myrole.export.output import OutputError, check_target
    from myrole.export.words import FORMAT_WORDS

    if not typed.strip():
        return f"Type the file to write to, for example {example}."
    path = typed_path(typed.strip())
    _, ending = named_ending(path.name)
    if ending and ending != fmt:
        return (f"The file name ends in .{ending}, but you chose {FORMAT_WORDS[fmt]} (.{fmt}); change one so that "
                "they agree.")
    try:
        check_target(path, force=True, protected=myrole_app(screen).paths.own_files)
    except OutputError as error:
        return str(error)
    return path


def write_asking_first(screen: Screen, path: Path, data: bytes | list[bytes], *, what: str,
                       written: Callable[[], Any], failed: Callable[[str], Any], keep_focused: bool = True,
                       force: bool = False) -> None:
    """Write data to path in one step; an existing file is replaced only when the person says so. what: the thing
    written, in words ("this export"). keep_focused: "Keep it" has the focus, so a second Enter replaces nothing
    (the export screen still focuses "Replace it"). Afterwards written() or failed(sentence)."""
    from myrole.export.output import OutputError, write_private_file
    from myrole.ui.dialogs.confirm import ConfirmDialog

    def again(replace: bool | None) -> None:
        if replace:
            write_asking_first(screen, path, data, what=what, written=written, failed=failed, force=True)
        else:
            failed("Nothing was written; choose another file name, or write again to replace it.")

    if path.exists() and not force:
        screen.app.push_screen(ConfirmDialog(f"{path} already exists. Replace it with {what}?", yes="Replace it",
                                             no="Keep it", safe_first=keep_focused), again)
        return
    try:
        write_private_file(path, data, force=force, protected=myrole_app(screen).paths.own_files)
    except OutputError as error:
        if not force and path.exists():  # it appeared since the check: ask, as for any existing file
            write_asking_first(screen, path, data, what=what, written=written, failed=failed,
                               keep_focused=keep_focused)
            return
        failed(str(error))
        return
    written()
