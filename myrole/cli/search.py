"""Provides `myrole search`: everything you wrote that holds some words, newest first.

It searches answers, commitments (with the reasons given for their changes), check-ins and one-to-one items.
"""

from __future__ import annotations

import click

from myrole.cli.errors import open_existing_or_explain, refuse
from myrole.paths import Paths

AREAS = ("answers", "commitments", "checkins", "one-to-ones")
WIDTH = 100


@click.command("search")
@click.argument("words", nargs=-1, required=True)
@click.option("--since", "since_text", metavar="DATE", help="Only what happened from this date (2026-04-01).")
@click.option("--in", "areas", type=click.Choice(AREAS), multiple=True,
              help="Only answers (and reflection topics), commitments (and the reasons you gave for changing them), "
                   "check-ins or one-to-ones; repeat for more.")
@click.pass_obj
def search(paths: Paths, words: tuple[str, ...], since_text: str | None, areas: tuple[str, ...]) -> None:
    """Find what you wrote: whole words or their starts, any case, accents optional; newest first."""
    from myrole.cli.share import parse_since
    from myrole.store.search import SearchError
    from myrole.store.search import search as find

    since = parse_since(since_text)
    conn = open_existing_or_explain(paths)  # a plain connection: no sqlite-utils to load, answered in a blink
    try:
        results = find(conn, " ".join(words), since=since, areas=areas or AREAS)
    except SearchError as error:
        raise refuse(str(error)) from None
    finally:
        conn.close()
    if not results.hits:
        click.echo("Nothing found.", err=True)
        return
    for hit in results.hits:
        click.echo(f"{hit.day}  {describe_where(hit.where)}")
        click.echo(f"    {highlighted(hit.text, results.terms)}")
    if results.total > len(results.hits):
        click.echo(f"Showing the newest {len(results.hits)} of {results.total}; add words or --since to narrow it.",
                   err=True)


def describe_where(where: str) -> str:
    from myrole.text import one_line

    return one_line(where, 80)


def highlighted(text: str, terms) -> str:  # noqa: ANN001 - search.Terms
    """The excerpt around the first match, inert, with matches in bold (plain text when not a terminal)."""
    from myrole.store.search import excerpt
    from myrole.text import inert

    return "".join(click.style(inert(piece), bold=True, underline=True) if matched else inert(piece)
                   for piece, matched in excerpt(text, terms, WIDTH))


COMMANDS = (search,)
