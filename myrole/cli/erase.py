"""Provides `myrole erase`: remove everything myrole keeps about you from this computer, after one confirmation."""

from __future__ import annotations

from pathlib import Path

import click

from myrole.cli.errors import refuse
from myrole.paths import Paths


def size_of(paths: list[Path]) -> str:
    total = sum(p.stat().st_size for p in paths if p.is_file() and not p.is_symlink())  # a link is only unlinked
    return f"{total / 1_048_576:.1f} MB" if total >= 1_048_576 else f"{total / 1024:.0f} KB"


@click.command("erase")
@click.option("--yes", "all_packs", is_flag=True, help="Erase every question set of your own too, without asking each.")
@click.pass_obj
def erase(paths: Paths, all_packs: bool) -> None:
    """Remove your records, their backups, your settings and (asked) your own question sets, for good."""
    from myrole.store.erase import EraseRefused, check_no_window, plan
    from myrole.store.erase import erase as erase_all
    from myrole.text import one_line  # inert, and on one line: a line separator in a name is shown too

    try:
        check_no_window(paths)  # before any question: one sentence, nothing asked, nothing removed
    except EraseRefused as error:
        raise refuse(str(error)) from None
    found = plan(paths)
    if not (found.store_files or found.backups or found.settings or found.packs or found.leftovers):
        click.echo("There is nothing of yours for myrole to erase here.")
        return
    if found.packs and not all_packs:
        click.echo(f"You have {len(found.packs)} question set{'s' if len(found.packs) != 1 else ''} of your own; "
                   "say for each whether to erase it (nothing goes until you confirm at the end).")
    packs = found.packs if all_packs else [
        pack for pack in found.packs
        if _ask(f"Erase your question set {one_line(pack.name)}?", default=True)]
    click.echo("This removes for good:")
    if found.store_files:
        click.echo(f"  your records {one_line(str(found.store_files[0]))} and the temporary file beside them "
                   f"({size_of(found.store_files)})")
    if found.backups:
        click.echo(f"  {len(found.backups)} backup file{'s' if len(found.backups) != 1 else ''} in "
                   f"{one_line(str(paths.backups))}, copies kept before a restore among them ({size_of(found.backups)})")
    if found.settings:
        click.echo(f"  your settings {one_line(str(found.settings))}")
    for pack in packs:
        click.echo(f"  your question set {one_line(str(pack))}")
    if found.leftovers:
        click.echo(f"  {len(found.leftovers)} temporary file{'s' if len(found.leftovers) != 1 else ''} myrole left")
    if found.not_ours:
        names = ", ".join(one_line(p.name) for p in found.not_ours[:3]) + (", ..." if len(found.not_ours) > 3 else "")
        click.echo(f"Left as {'they are' if len(found.not_ours) != 1 else 'it is'}: {len(found.not_ours)} "
                   f"other {'things' if len(found.not_ours) != 1 else 'thing'} in {one_line(str(paths.backups))} "
                   f"that myrole did not make ({names}).")
    click.echo("If you may want any of it later, keep a copy somewhere else first, e.g. "
               "`myrole export --format json -o FILE`.")
    if not _ask("Erase all of this now?", default=False):
        click.echo("Nothing was erased.")
        return
    try:
        failed = erase_all(paths, found, packs)
    except EraseRefused as error:
        raise refuse(str(error)) from None
    if failed:
        raise refuse(f"{len(failed)} file{'s' if len(failed) != 1 else ''} could not be removed "
                     f"(another program may have {'them' if len(failed) != 1 else 'it'} open), the first "
                     f"{failed[0]}; the rest was erased.")
    click.echo("Erased. Files were overwritten before removal; on SSDs and some file systems older copies "
               "can remain on the disk until it reuses the space (see docs/search.md).")



def _ask(question: str, *, default: bool) -> bool:
    """A yes or no at the terminal; input that ends (or Ctrl+C) before an answer erases nothing."""
    try:
        return click.confirm(question, default=default)
    except click.Abort:
        raise refuse("No answer came, so nothing was erased.") from None


COMMANDS = (erase,)
