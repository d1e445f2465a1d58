"""Provides the root command group and the everyday commands: the app, reflect, due, calendar, where, demo and prompts."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from myrole import __version__
from myrole.cli.errors import (
    OUTPUT,
    PATH,
    Interrupted,
    UserError,
    open_existing_or_explain,
    open_or_explain,
    refuse_unusable_home,
    usage_sentence,
)
from myrole.paths import Paths, resolve

if TYPE_CHECKING:
    from myrole.model import Pack, Prompt


class MyroleGroup(click.Group):
    """click's group, with what the operating system refuses turned into one sentence (exit 2), and a
    reader who leaves early (`myrole export | head -1`) ending the command quietly (exit 0)."""

    def make_context(self, info_name, args, parent=None, **extra):  # noqa: ANN001, ANN201 - click's signature
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as error:
            raise usage_sentence(error) from None

    def invoke(self, ctx: click.Context):  # noqa: ANN201 - click's signature
        try:
            return super().invoke(ctx)
        except click.UsageError as error:  # a command's own options, read as it starts
            raise usage_sentence(error) from None
        except KeyboardInterrupt:
            raise Interrupted() from None
        except BrokenPipeError:
            from myrole.os_errors import stop_writing

            stop_writing()
            raise click.exceptions.Exit(0) from None
        except OSError as error:
            from myrole.os_errors import sentence

            raise UserError(sentence(error)) from None
        except sqlite3.OperationalError as error:
            from myrole.store.health import unreadable

            refusal = unreadable((ctx.obj if isinstance(ctx.obj, Paths) else resolve(None)).store, error)
            if refusal is None:
                raise
            raise UserError(str(refusal)) from None



@click.group(cls=MyroleGroup, invoke_without_command=True)
@click.option("--home", type=PATH,
              help="Use this folder for your records and settings (also: MYROLE_HOME).")
@click.option("--plain/--no-plain", default=None,
              help="Plain mode: line by line, for screen readers and scripts (also: ACCESSIBLE=1 or TERM=dumb).")
@click.version_option(__version__, prog_name="myrole")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, plain: bool | None) -> None:
    """myrole: reflect on your part in reducing health inequalities, commit to a few
    concrete things, and keep going.

    Run with no command to open the app.
    """
    import os

    from myrole.plain import has_terminal, wanted

    ctx.obj = resolve(home)
    ctx.meta[PLAIN] = wanted(plain, os.environ, has_terminal(sys.stdin, sys.stdout))
    if ctx.invoked_subcommand != "demo":  # the demo never uses your home
        refuse_unusable_home(ctx.obj)
    if ctx.invoked_subcommand is None:
        run_app(ctx.obj)


PLAIN = "myrole.plain"  # in the context's meta: whether this run is in plain mode


def in_plain_mode() -> bool:
    return bool(click.get_current_context().meta.get(PLAIN))


def run_app(paths: Paths, *, reflect_pack: str | None = None) -> None:
    if in_plain_mode():
        from myrole.plain.menu import main_menu
        from myrole.plain.session import run

        status = run(paths, main_menu)
    else:
        from myrole.launch import start
        from myrole.plain import NO_TERMINAL, has_terminal

        if not has_terminal(sys.stdin, sys.stdout):  # --no-plain with no terminal: the app could not work
            raise UserError(NO_TERMINAL)
        status = start(paths, reflect_pack=reflect_pack)
    if status:
        sys.exit(status)


@cli.command()
@click.option("--pack", "pack_id", help="The question set to use, by its id (see `myrole prompts list`).")
@click.option("--context", "context_value", type=click.Choice(("self", "event", "one-to-one")),
              help="Plain mode: why you are reflecting (default: self).")
@click.option("--topic", help="Plain mode: the event's topic, with --context event.")
@click.pass_obj
def reflect(paths: Paths, pack_id: str | None, context_value: str | None, topic: str | None) -> None:
    """Start a reflection straight away; in plain mode, answers can be piped in on standard input."""
    from myrole.prompts import load_catalogue

    if pack_id is not None and load_catalogue(paths.user_prompts).get(pack_id) is None:
        raise UserError(f"There is no question set called '{pack_id}'; `myrole prompts list` shows them.")
    if not in_plain_mode():
        if context_value or topic is not None:
            raise UserError("--context and --topic work in plain mode only (myrole --plain reflect); "
                            "in the app, choose them when the reflection starts.")
        run_app(paths, reflect_pack=pack_id or "")
        return
    sys.exit(run_plain_reflect(paths, pack_id, context_value, topic))


def run_plain_reflect(paths: Paths, pack_id: str | None, context_value: str | None, topic: str | None) -> int:
    """The reflection in plain mode; its exit status."""
    from myrole.limits import FIELDS, problem
    from myrole.model import Context
    from myrole.plain.reflect import reflect as plain_reflect
    from myrole.plain.session import run

    if topic is not None and context_value != "event":
        raise UserError("--topic goes with --context event (the event's topic).")
    if topic is not None:
        sentence = problem(topic, FIELDS[("reflections", "topic")], "The topic")
        if sentence:
            raise UserError(sentence)
    context = Context(context_value) if context_value else None
    return run(paths, lambda session: plain_reflect(session, pack_id, context, topic))


@cli.command()
@click.pass_obj
def due(paths: Paths) -> None:
    """Print due and overdue check-ins, one line each (nothing when none is due)."""
    from myrole import due as due_module

    sys.exit(due_module.run(str(paths.store)))


@cli.command()
@click.option("-o", "--output", type=OUTPUT,
              help="Write the .ics file here (default, or -: standard output). A calendar myrole wrote there before "
                   "is replaced.")
@click.option("--force", is_flag=True, help="Replace the output file even if it is not a calendar myrole wrote.")
@click.pass_obj
def calendar(paths: Paths, output: Path | None, force: bool) -> None:
    """Check-in reminders as an iCalendar (.ics) file; importing it again updates them."""
    from myrole.calendar_export import build_calendar, made_by_myrole
    from myrole.export.output import OutputError, check_target, write_private_file

    try:
        if output is not None:  # a calendar myrole wrote is replaced: that is how it gets updated
            check_target(output, force=True, protected=paths.own_files)
            if output.exists() and not force and not made_by_myrole(output):
                raise OutputError(f"{output} already exists and is not a calendar myrole wrote; "
                                  "add --force to replace it.")
        db = open_existing_or_explain(paths)
        try:
            data = build_calendar(db)
        finally:
            db.close()
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        write_private_file(output, data, force=True, protected=paths.own_files)
    except OutputError as error:
        raise UserError(str(error)) from None
    click.echo(f"Wrote check-in reminders to {output}.", err=True)


@cli.command()
@click.pass_obj
def where(paths: Paths) -> None:
    """Show the folders and files myrole uses."""
    click.echo(f"your records:           {paths.store}")
    click.echo(f"data folder:            {paths.data}")
    click.echo(f"your question sets:     {paths.user_prompts}")
    click.echo(f"backups:                {paths.backups}")
    from myrole.settings import settings_file

    click.echo(f"your settings:          {settings_file(paths.config)}")
    from myrole.prompts import builtin_folder

    click.echo(f"built-in question sets: {builtin_folder()}")
    from myrole.paths import STORE_PYTHON_WARNING, kept_by_store_python

    if kept_by_store_python(paths):
        click.echo(f"myrole: {STORE_PYTHON_WARNING}", err=True)


@cli.command()
@click.option("--home", "demo_home", type=PATH,
              help="Folder for the demo records (default: a new temporary folder).")
@click.option("--seed-only", is_flag=True, help="Fill the demo records without opening the app.")
def demo(demo_home: Path | None, seed_only: bool) -> None:
    """Try myrole with realistic sample data, kept apart from your own records."""
    import tempfile

    from myrole.demo import name_the_collective, seed

    folder = demo_home or Path(tempfile.mkdtemp(prefix="myrole-demo-"))
    paths = resolve(folder)
    refuse_unusable_home(paths)
    if paths.store.exists():
        raise UserError(f"{paths.store} already holds myrole records; choose an empty folder for the demo.")
    db = open_or_explain(paths)
    seed(db)
    name_the_collective(paths.config)
    click.echo(f"Demo records: {paths.store}")
    if seed_only:
        click.echo(f"Open it with: myrole --home {folder}")
        return
    db.close()
    run_app(paths)


@cli.group()
def prompts() -> None:
    """List, show and check question sets (the questions a reflection asks)."""


@prompts.command("list")
@click.pass_obj
def prompts_list(paths: Paths) -> None:
    """List the question sets that can be used (and any that cannot)."""
    from myrole.prompts import load_catalogue
    from myrole.text import one_line

    catalogue = load_catalogue(paths.user_prompts)
    for pack in catalogue.packs:
        count = len(pack.prompts)
        click.echo(f"{one_line(pack.id):<14} {count:>3} question{'s' if count != 1 else ' '}  {one_line(pack.title)} "
                   f"(version {one_line(pack.version)})")
    for error in catalogue.errors:
        click.echo(f"cannot be used: {one_line(str(error))}", err=True)


@prompts.command("show")
@click.argument("item_id")
@click.pass_obj
def prompts_show(paths: Paths, item_id: str) -> None:
    """Show a question set (by its id) or one question (by its id)."""
    from myrole.prompts import load_catalogue
    from myrole.text import inert

    catalogue = load_catalogue(paths.user_prompts)
    pack = catalogue.get(item_id)
    if pack:
        click.echo(inert(f"{pack.title} ({pack.id}, version {pack.version})"))
        click.echo(inert(pack.description))
        click.echo(inert(f"Source: {pack.source}"))
        for prompt in pack.prompts:
            click.echo(inert(f"  {prompt.id:<22} [{prompt.placement}] {prompt.text}"))
        return
    found = catalogue.find_prompts(item_id)
    if not found:
        raise UserError(f"There is no question set or question with the id '{inert(item_id)}'.")
    if len(found) > 1:
        click.echo(inert(f"{len(found)} question sets have a question '{item_id}':"))
    for number, (pack, prompt) in enumerate(found):
        if number:
            click.echo("")
        _show_prompt(pack, prompt)


def _show_prompt(pack: Pack, prompt: Prompt) -> None:
    """One question: its id and set, lens and mode, words, hint and examples, inert."""
    from myrole.text import inert

    click.echo(inert(f"{prompt.id} (question set {pack.id})"))
    click.echo(inert(f"Lens: {prompt.lens.label}. Mode: {prompt.mode.explained}." if prompt.lens and prompt.mode else
                     "No lens or mode: a step of a reflection model such as Gibbs (you choose the lenses at its end)."))
    click.echo(inert(prompt.text))
    click.echo(inert(f"Hint: {prompt.hint}"))
    for example in prompt.examples:
        click.echo(inert(f"  e.g. {example}"))


@prompts.command("validate")
@click.argument("file", type=PATH)
@click.pass_obj
def prompts_validate(paths: Paths, file: Path) -> None:
    """Check a question set file you wrote; exit status 2 with the problem if it cannot be used."""
    from myrole.prompts import PackError, id_taken, load_catalogue, load_pack
    from myrole.text import inert

    try:
        pack = load_pack(file)
        clash = id_taken(pack, load_catalogue(paths.user_prompts).packs)  # as `prompts list` and the app will see it
        if clash:
            raise PackError(file, clash)
    except PackError as error:
        raise UserError(inert(error.sentence())) from None
    click.echo(f"{inert(str(file))}: question set '{inert(pack.id)}' can be used; it has {len(pack.prompts)} question{'s' if len(pack.prompts) != 1 else ''}.")
