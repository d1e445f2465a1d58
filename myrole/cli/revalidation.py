"""Provides `myrole revalidation`: the NMC accounts and discussion form, the HCPC CPD profile, and making an account."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from myrole.cli.errors import OUTPUT, open_or_explain
from myrole.cli.errors import refuse as _refuse
from myrole.paths import Paths

FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(("md", "html", "pdf")), default="md",
                             show_default=True, help="Markdown, a printable web page, or a PDF (A4).")
OUTPUT_OPTION = click.option("-o", "--output", type=OUTPUT, help="Write to this file (default, or -: standard output).")
FORCE_OPTION = click.option("--force", is_flag=True, help="Replace the output file if it exists.")
WHAT = {"nmc": "NMC revalidation", "hcpc": "HCPC CPD profile"}


@click.group()
def revalidation() -> None:
    """Documents for your regulator, made from your reflections (they stay private to you)."""


def write_document(paths: Paths, which: str, fmt: str, output: Path | None, force: bool) -> None:
    """Build the document from the store, warn about identifiable data, and write it whole (0600) or print it."""
    from myrole.cli.share import check_pdf_target, warn_identifiable
    from myrole.export.words import FORMAT_WORDS
    from myrole.export.output import OutputError, check_target, write_private_file
    from myrole.revalidation import hcpc, nmc
    from myrole.revalidation.document import WHERE_TO_CORRECT
    from myrole.revalidation.render import render_bytes
    from myrole.store import StoreError, open_store
    from myrole.text import inert

    check_pdf_target(fmt, output)
    try:
        if output is not None:
            check_target(output, force=force, protected=paths.own_files)
        conn = open_store(paths, create=False)
        try:
            document = (nmc if which == "nmc" else hcpc).build(conn, date.today())
        finally:
            conn.close()
        warn_identifiable(document, WHAT[which], WHERE_TO_CORRECT)
        data = render_bytes(document, fmt)
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        write_private_file(output, data, force=force, protected=paths.own_files)
    except (OutputError, StoreError) as error:
        raise _refuse(str(error)) from None
    click.echo(f"Wrote the {WHAT[which]} ({FORMAT_WORDS[fmt]}) to {inert(str(output))}.", err=True)


# `myrole revalidation nmc` and `hcpc`: each writes its document with write_document.
DOCUMENT_COMMANDS = {
    "nmc": "Your written reflective accounts in this three-year cycle, and the reflective discussion form.",
    "hcpc": "Your CPD profile: summary of practice, dated activities (gaps flagged) and personal statement.",
}


def add_document_command(which: str) -> None:
    @revalidation.command(which, help=DOCUMENT_COMMANDS[which])
    @FORMAT_OPTION
    @OUTPUT_OPTION
    @FORCE_OPTION
    @click.pass_obj
    def document_command(paths: Paths, fmt: str, output: Path | None, force: bool) -> None:
        write_document(paths, which, fmt, output, force)


for _which in DOCUMENT_COMMANDS:
    add_document_command(_which)


@revalidation.command("account")
@click.argument("reflection", required=False)
@click.pass_obj
def account_command(paths: Paths, reflection: str | None) -> None:
    """Make an NMC account from a finished reflection (its id's first letters); alone, list them.

    The account is filled in from the reflection's answers; read and edit it in the app (History, n).
    """
    db = open_or_explain(paths, create=False)
    try:
        _make_account(db, reflection)
    finally:
        db.close()


def _make_account(db, reflection: str | None) -> None:  # noqa: ANN001 - the store's connection
    """List the finished reflections (reflection None), or make an account from the one whose id starts so."""
    from myrole.revalidation.prefill import prefill, reflection_title
    from myrole.store.cpd import get_account, list_accounts, save_account
    from myrole.store.reflections import get_answers, list_reflections
    from myrole.text import inert, one_line

    finished = [r for r, _ in list_reflections(db) if r.finished_at]
    if reflection is None:
        made = {a.reflection_id for a in list_accounts(db)}
        for r in finished:
            mark = "account made" if r.id in made else "no account yet"
            click.echo(f"{r.id[:8]}  {r.started_at[:10]}  {one_line(reflection_title(r), 50)}  ({mark})")
        if not finished:
            click.echo("No finished reflections yet.")
        return
    matches = [r for r in finished if r.id.startswith(reflection.strip().lower())] if reflection.strip() else []
    if len(matches) != 1:
        raise _refuse("No finished reflection has that id; run 'myrole revalidation account' to list them."
                      if not matches else "More than one reflection starts with that; give more of its id.")
    chosen = matches[0]
    if get_account(db, chosen.id) is not None:
        raise _refuse("That reflection already has an account; edit it in the app (History, then n).")
    save_account(db, prefill(chosen, get_answers(db, chosen.id)))
    click.echo(f"Made an account from '{inert(one_line(reflection_title(chosen), 50))}'; read it and choose its "
               "themes of the Code in the app (History, then n).")


COMMANDS = [revalidation]
