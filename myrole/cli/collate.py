"""Provides `myrole collate`: many people's alliance exports made into one report with small numbers hidden."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from myrole.cli.errors import OUTPUT, PATH
from myrole.cli.errors import refuse as _refuse
from myrole.paths import Paths


@click.command("collate")
@click.argument("paths", nargs=-1, required=True, type=PATH, metavar="FILE_OR_FOLDER...")
@click.option("--format", "fmt", type=click.Choice(("md", "html", "json", "pdf")), default="md", show_default=True,
              help="Markdown, a printable web page, JSON, or a PDF (A4).")
@click.option("-o", "--output", type=OUTPUT, help="Write to this file (default, or -: standard output).")
@click.option("--threshold", type=click.IntRange(2, 1000), default=5, show_default=True, metavar="N",
              help="Hide every count from 1 to N-1, and any count that comes from fewer than N people.")
@click.option("--event", metavar="ID", help="Only commitments made at this event (version 2 files only).")
@click.option("--skip-bad", is_flag=True,
              help="Leave out files that cannot be read: the report says how many and why; standard error names them.")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option("--ignore-earlier", is_flag=True,
              help="Make the report even if its people differ from an earlier report's by fewer than N "
                   "(only when that earlier report was never shared).")
@click.pass_obj
def collate(home: Paths, paths: tuple[Path, ...], fmt: str, output: Path | None, threshold: int, event: str | None,
            skip_bad: bool, force: bool, ignore_earlier: bool) -> None:
    """Collate alliance exports (files, or folders of .json files) into one report for the collective."""
    from myrole.cli.share import check_pdf_target
    from myrole.collate import CollateRefused, render_bytes
    from myrole.collate import earlier
    from myrole.collate import collate as collate_files
    from myrole.collate.reading import file_name
    from myrole.collate.subject import subject_of
    from myrole.export.output import OutputError, check_target, write_private_file

    check_pdf_target(fmt, output)
    subject = subject_of(home, event)  # the title's names: the kept event's, else the collective_name setting
    if subject.note:
        click.echo(f"myrole: {_inert(subject.note)}", err=True)
    try:
        if output is not None:
            check_target(output, force=force, protected=home.own_files)
        report = collate_files(paths, threshold=threshold, event=event, skip_bad=skip_bad, subject=subject)
        counted = earlier.fingerprints(report.counted)
        reports = earlier.read(home)  # a list not as myrole writes it refuses here, even with --ignore-earlier
        if not ignore_earlier:
            earlier.check(reports, counted, threshold)
        kept = output is not None or not sys.stdout.isatty()  # on the terminal it is only looked at
        if kept:
            earlier.ready(home)
        data = render_bytes(report, fmt)
        if output is not None:
            write_private_file(output, data, force=force, protected=home.own_files)
    except CollateRefused as refusal:
        _refuse_all(refusal.sentences)
    except (OutputError, earlier.EarlierRefused) as error:
        raise _refuse(str(error)) from None
    # The files left out are named here only, for the organiser: the report names none (organisers name files
    # after the people who sent them), it says how many and why.
    for sentence in report.files.skipped:
        click.echo(f"myrole: skipped: {_inert(sentence)}", err=True)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        click.echo(f"Wrote the collation ({fmt}) to {file_name(output)}.", err=True)
    try:
        if kept:  # once written: a report that never left needs no comparing
            earlier.remember(home, reports, counted, threshold)
    except earlier.EarlierRefused as error:
        raise _refuse(str(error)) from None


def _inert(text: str) -> str:
    from myrole.text import inert

    return inert(text)


def _refuse_all(sentences: list[str]) -> None:
    """Each bad file's sentence on its own line; the last sentence is the error (exit 2)."""
    for sentence in sentences[:-1]:
        click.echo(f"myrole: {_inert(sentence)}", err=True)
    raise _refuse(sentences[-1])


COMMANDS = [collate]
