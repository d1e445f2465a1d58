"""Provides `myrole event`: keep an organiser's event file, list kept events, name the collective, make a new submitter key."""

from __future__ import annotations

from pathlib import Path

import click

from myrole.cli.errors import PATH, UserError, open_existing_or_explain, open_or_explain, refuse
from myrole.paths import Paths


@click.group("event")
def event() -> None:
    """Events and workshops: their topics, and the collective you share commitments with."""


@event.command("add")
@click.argument("file", type=PATH)
@click.pass_obj
def add(paths: Paths, file: Path) -> None:
    """Check an organiser's event file and keep the event and its topics."""
    from myrole.events import EventFileError, read_event_file
    from myrole.store.events import add_event
    from myrole.text import inert

    try:
        found = read_event_file(file)
    except EventFileError as error:
        for problem in error.problems:
            click.echo(f"myrole: {inert(str(file))}: {inert(str(problem))}", err=True)
        raise refuse(f"{error} Nothing was kept; see docs/events.md for the format.") from None
    conn = open_or_explain(paths)
    try:
        outcome = add_event(conn, found).outcome
    finally:
        conn.close()
    topics = f"{len(found.topics)} topic{'s' if len(found.topics) != 1 else ''}"
    click.echo(f"{_event_line(found)}: {outcome} ({topics}).")
    _take_collective(paths, found.collective)


def _event_line(found) -> str:  # noqa: ANN001 - an events.Event
    from myrole.text import inert

    return inert(f"{found.name} ({found.id}, {found.held_on.isoformat()})")


def _take_collective(paths: Paths, name: str) -> None:
    """An event names its collective: it becomes the setting when the person has none set yet."""
    from myrole.settings import SettingsError, change_settings, load_settings
    from myrole.text import inert

    loaded = load_settings(paths.config).settings
    if not name or loaded.collective_name:
        return
    try:
        change_settings(paths.config, collective_name=name)
    except SettingsError as error:
        click.echo(f"myrole: {inert(str(error))} The collective's name was not kept.", err=True)
        return
    click.echo(f"Commitments you share go to: {inert(name)} (change it with `myrole event collective NAME`).")


@event.command("list")
@click.pass_obj
def list_(paths: Paths) -> None:
    """The kept events, newest first, with their topics."""
    from myrole.store.events import list_events
    from myrole.text import inert

    if not paths.store.exists():  # no records yet is not a problem, as for `myrole due`: exit 0
        click.echo("No events kept yet; add an organiser's event file with `myrole event add FILE`.")
        return
    conn = open_existing_or_explain(paths)
    try:
        events = list_events(conn)
    finally:
        conn.close()
    if not events:
        click.echo("No events kept yet; add an organiser's event file with `myrole event add FILE`.")
    for kept in events:
        by = f", by {inert(kept.collective)}" if kept.collective else ""
        click.echo(f"{_event_line(kept)}{by}")
        for topic in kept.topics:
            click.echo(f"  {inert(topic.id)}: {inert(topic.title)}")


@event.command("collective")
@click.argument("name", required=False)
@click.option("--clear", is_flag=True, help="Set no name: screens then say \"your organisation's inequalities group\".")
@click.pass_obj
def collective(paths: Paths, name: str | None, clear: bool) -> None:
    """Show or set the name of the collective you share commitments with (the collective_name setting)."""
    from myrole.events import collective_words, label_problem
    from myrole.limits import LINE, problem
    from myrole.settings import SettingsError, change_settings, load_settings
    from myrole.text import inert

    loaded = load_settings(paths.config).settings
    if name is None and not clear:
        click.echo(f"Commitments you share go to: {inert(collective_words(loaded.collective_name))}.")
        return
    name = "" if clear else (name or "").strip()
    if not clear:
        sentence = problem(name, LINE, "The collective's name") or label_problem(name, "The collective's name")
        if sentence or not name:
            raise UserError(sentence or "Give the collective's name, or --clear to set none.")
    try:
        change_settings(paths.config, collective_name=name)
    except SettingsError as error:
        raise UserError(str(error)) from None
    click.echo(f"Commitments you share go to: {inert(collective_words(name))}.")


@event.command("new-key")
@click.option("--yes", is_flag=True, help="Do it without asking.")
@click.pass_obj
def new_key(paths: Paths, yes: bool) -> None:
    """Make a new anonymous submitter key for your later alliance files (your commitments keep theirs)."""
    from myrole.store.events import new_submitter_key

    if not yes and not _ask("After this, alliance files you send carry a new submitter key. Each commitment keeps "
                            "its own key, so a collation that reads an earlier file of yours beside a later one still "
                            "counts you once. Make a new key?"):
        click.echo("No new key was made.")
        return
    conn = open_existing_or_explain(paths)
    try:
        new_submitter_key(conn)
    finally:
        conn.close()
    click.echo("Made a new submitter key: alliance files you export from now on carry it.")


def _ask(question: str) -> bool:
    """A yes or no at the terminal, as `myrole erase` asks; input that ends (or Ctrl+C) before an answer changes
    nothing and stops with one sentence (exit 2)."""
    try:
        return click.confirm(question, err=True)
    except click.Abort:
        raise refuse("No answer came, so no new key was made.") from None


COMMANDS = [event]
