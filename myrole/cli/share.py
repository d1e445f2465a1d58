"""Provides the sharing and safety commands: export, import, backup and restore (registered in cli/__init__.py)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from myrole.cli.errors import OUTPUT, PATH, open_or_explain
from myrole.cli.errors import refuse as _refuse
from myrole.validation import SINCE_FORMS, check_since, looks_typed_as_a_date, typed_day
from myrole.paths import Paths

if TYPE_CHECKING:
    import sqlite3

AUDIENCES = ("me", "manager", "alliance")


def parse_since(text: str | None) -> date | None:
    if text is None:
        return None
    since = typed_day(text)
    if since is None and looks_typed_as_a_date(text.strip()):
        raise _refuse("The --since date is not a day in the calendar; check the day and the month.")
    if since is None:
        raise _refuse(f"--since needs a date written as {SINCE_FORMS}.")
    try:
        check_since(since, date.today())
    except ValueError as error:
        raise _refuse(str(error)) from None
    return since


def check_pdf_target(fmt: str, output: Path | None) -> None:
    """Refuse to pour a PDF's bytes onto a terminal; piped elsewhere, or to a file, is fine."""
    if fmt == "pdf" and output is None and sys.stdout.isatty():
        raise _refuse("A PDF cannot be shown in the terminal; give a file to write it to with -o, such as -o summary.pdf.")


def warn_identifiable(document, audience: str, where_to_correct: str | None = None) -> None:  # noqa: ANN001
    """Say (on stderr) what looks like patient-identifiable data, and where to correct it (by default,
    where an export's texts are corrected); the export still goes ahead. document: a Document, or
    anything with texts()."""
    from myrole.privacy import WHERE_TO_CORRECT, identifiable_in, with_article
    from myrole.text import one_line

    seen: set[tuple[str, str, str]] = set()
    for where, finding in identifiable_in(document.texts(), date.today()):
        key = (where, finding.kind, finding.text)
        if key in seen:
            continue
        seen.add(key)
        click.echo(f"myrole: warning: {where} in this {audience} export holds what looks like "
                   f"{with_article(finding.kind)}: {one_line(finding.text)}", err=True)
    if seen:
        click.echo(f"myrole: it is exported as written; if it should not be, {where_to_correct or WHERE_TO_CORRECT}; then export "
                   "again (reflections should not identify patients).", err=True)


def encoded_export(conn: sqlite3.Connection, fmt: str, audience: str, since: date | None,
                   collective: str = "") -> list[bytes]:
    """The export as UTF-8, in pieces (a PDF: its bytes); closes conn.

    Made with the cycle collector paused: an export makes millions of short-lived objects and no
    cycles worth collecting, and the collector's passes over them were 0.19 s of the ten-year PDF's
    2.2 s (docs/performance.md, "The garbage collector in exports").
    """
    from myrole.collector import collector_paused

    with collector_paused():
        return _encoded(conn, fmt, audience, since, collective)


def _encoded(conn: sqlite3.Connection, fmt: str, audience: str, since: date | None,
             collective: str) -> list[bytes]:
    from myrole.export import render_pdf, render_pieces, shows_every_checkin, summary
    from myrole.privacy import Audience

    try:
        if fmt == "json" and audience == "me" and since is None:
            from myrole.export.json_records import whole_store_pieces

            return [piece.encode("utf-8") for piece in whole_store_pieces(conn)]
        document = summary(conn, Audience(audience), since, every_checkin=shows_every_checkin(fmt),
                           collective=collective)
    finally:
        conn.close()
    if audience != "me":
        warn_identifiable(document, audience)
    if fmt == "pdf":
        return [render_pdf(document)]
    return [piece.encode("utf-8") for piece in render_pieces(document, fmt)]


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(("md", "html", "json", "pdf")), default="md", show_default=True,
              help="Markdown, a printable web page, the full JSON format, or a PDF (A4).")
@click.option("--audience", type=click.Choice(AUDIENCES), default="me", show_default=True,
              help="me: everything; manager: what you shared with them; alliance: only commitments marked alliance, "
                   "without names, for the group you share commitments with.")
@click.option("--since", "since_text", metavar="DATE", help="Only what happened from this date (2026-04-01).")
@click.option("-o", "--output", type=OUTPUT, help="Write to this file (default, or -: standard output).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_obj
def export(paths: Paths, fmt: str, audience: str, since_text: str | None, output: Path | None, force: bool) -> None:
    """A summary of your commitments, for you, your line manager or the group you share commitments with."""
    from myrole.export.output import OutputError, check_target, write_private_file
    from myrole.store import StoreError, open_store

    since = parse_since(since_text)
    check_pdf_target(fmt, output)
    try:
        if output is not None:
            check_target(output, force=force, protected=paths.own_files)
        conn = open_store(paths, create=False)  # exporting never makes an empty store
        data = encoded_export(conn, fmt, audience, since, _collective(paths) if audience == "alliance" else "")
        if output is None:
            sys.stdout.buffer.writelines(data)
            sys.stdout.flush()
            return
        write_private_file(output, data, force=force, protected=paths.own_files)
    except (OutputError, StoreError) as error:
        raise _refuse(str(error)) from None
    from myrole.export.words import written
    from myrole.text import inert

    click.echo(f"Wrote {written(audience, fmt)} to {inert(str(output))}.", err=True)


def _collective(paths: Paths) -> str:
    """The collective's name from the settings ("" when none is set or the file cannot be used)."""
    from myrole.settings import load_settings

    return load_settings(paths.config).settings.collective_name


@click.command("import")
@click.argument("file", type=PATH)
@click.pass_obj
def import_(paths: Paths, file: Path) -> None:
    """Add what a `me` JSON export holds to your records (all or nothing; importing twice changes nothing)."""
    from myrole.export.importer import ImportRefused, import_file, load_export
    from myrole.store import StoreError

    try:
        data = load_export(file)  # the whole file is checked before the store is opened
        conn = open_or_explain(paths)
        try:
            report = import_file(conn, file, data)
        finally:
            conn.close()
    except (ImportRefused, StoreError) as error:
        raise _refuse(str(error)) from None
    click.echo(describe_merge(file, report))


def describe_merge(file: Path, report) -> str:  # noqa: ANN001 - a MergeReport
    from myrole.text import inert

    if not report.changed:
        return f"Imported {inert(str(file))}: nothing new; your records already hold all of it."
    def counted(counter) -> str:  # noqa: ANN001 - a Counter
        return ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(counter.items()))

    parts = []
    if report.added:
        parts.append(f"added {counted(report.added)}")
    if report.updated:
        parts.append(f"replaced with newer copies: {counted(report.updated)}")
    return f"Imported {inert(str(file))}: {'; '.join(parts)}."


def _default_backup(paths: Paths) -> Path:
    from datetime import datetime, timezone

    from myrole.paths import ensure_private_folder

    ensure_private_folder(paths.backups)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target, number = paths.backups / f"myrole-{stamp}.db", 1
    while target.exists():
        number += 1
        target = paths.backups / f"myrole-{stamp}-{number}.db"
    return target


@click.command("backup")
@click.argument("file", required=False, type=PATH)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.pass_obj
def backup(paths: Paths, file: Path | None, force: bool) -> None:
    """A checked copy of your records (default: a dated file in the backups folder)."""
    from myrole.export.output import OutputError, check_target
    from myrole.store import StoreError, open_store
    from myrole.store.backup import backup_to, remove_if_empty

    made_folder = file is None and not paths.backups.exists()
    try:
        if file is not None:
            check_target(file, force=force, protected=paths.own_files)
        conn = open_store(paths, create=False)
        try:
            target = backup_to(conn, file or _default_backup(paths))
        finally:
            conn.close()
    except (OutputError, StoreError) as error:
        if made_folder:
            remove_if_empty(paths.backups)  # a failed first backup leaves no empty folder behind
        raise _refuse(str(error)) from None
    click.echo(f"Backed up your records to {target}.")


@click.command("restore")
@click.argument("file", type=PATH)
@click.pass_obj
def restore(paths: Paths, file: Path) -> None:
    """Replace your records with a backup; your current records are kept in the backups folder first."""
    from myrole.store import StoreError, open_store
    from myrole.store.restore import restore as restore_store

    try:
        kept = restore_store(paths, file)
        open_store(paths).close()  # brings an older backup up to date (after a backup of its own)
    except StoreError as error:
        raise _refuse(str(error)) from None
    click.echo(f"Restored your records from {file}.")
    if kept:
        click.echo(f"Your previous records were kept at {kept}.")


COMMANDS = (export, import_, backup, restore)
