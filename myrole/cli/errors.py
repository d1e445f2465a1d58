"""Provides what every command shares: the one-sentence error (exit 2), the path type, and opening the store or explaining why not."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from myrole.paths import Paths

if TYPE_CHECKING:
    import sqlite3

# Paths are checked by myrole, not by click, so a problem with one is a sentence, not a usage message.
PATH = click.Path(path_type=Path, readable=False)


class OutputPath(click.Path):
    """A file to write to, where `-` means standard output, as it does for most command-line tools."""

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201 - click's signature
        return None if value == "-" else super().convert(value, param, ctx)


OUTPUT = OutputPath(path_type=Path, readable=False)


class UserError(click.ClickException):
    """One clear sentence for the person at the terminal; exit status 2."""

    exit_code = 2

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        from myrole.text import inert

        # inert: a path or a name in the sentence may hold control characters; it stays one line.
        click.echo(f"myrole: {inert(self.message)}", err=True)


class Interrupted(UserError):
    """Ctrl+C stopped a command: one sentence, and the exit status a shell expects after an interrupt (128 + SIGINT).

    What the command was writing is not left half done: each write is one transaction, and files are
    written whole or not at all."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__("Stopped by Ctrl+C before it finished.")


def refuse(message: str) -> UserError:
    """A sentence that may hold what came from a file or a folder name, made safe to print."""
    from myrole.text import inert

    return UserError(inert(message))


def usage_sentence(error: click.UsageError) -> click.ClickException:
    """click's usage error (an unknown option, a value not among the choices) as one line, not its
    four lines of usage."""
    if type(error).__name__ == "NoArgsIsHelpError":  # `myrole prompts` alone: its help is the answer
        return error
    command = error.ctx.command_path if error.ctx is not None else "myrole"
    dash = ""
    if isinstance(error, click.NoSuchOption) and error.ctx is not None and any(
            isinstance(param, click.Argument) for param in error.ctx.command.params):
        dash = "; to give a word or file name that starts with '-', put -- before it"
    return UserError(f"{error.format_message().rstrip('.')}{dash}; see '{command} --help'.")


def refuse_unusable_home(paths: Paths) -> None:
    """Stop with one sentence when the home folder is a file or cannot be opened."""
    from myrole.location import home_problem

    problem = home_problem(paths.data, paths.config)
    if problem:
        raise UserError(problem)


def open_or_explain(paths: Paths, *, create: bool = True) -> sqlite3.Connection:
    """Open the store (with create=False, only one that exists), or stop with its sentence and exit 2."""
    from myrole.store import StoreError, open_store

    try:
        return open_store(paths, create=create)
    except StoreError as error:
        raise UserError(str(error)) from None


def open_existing_or_explain(paths: Paths) -> sqlite3.Connection:
    """Open a store that already exists: reading commands never create one."""
    return open_or_explain(paths, create=False)
