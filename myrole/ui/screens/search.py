"""Provides the search screen: type words, see every record holding them newest first (matches marked), Enter opens one."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from myrole.store.search import KINDS, Hit, Results, SearchError, Terms, excerpt, search
from myrole.text import inert, one_line
from myrole.ui import bindings
from myrole.ui.widgets.footer import KeysFooter
from myrole.ui.context import myrole_app
from myrole.ui.fresh_screen import FreshScreen

MATCH_STYLE = "bold reverse"  # a style on the person's own characters, never markup read from them
EXCERPT_WIDTH = 90


def marked(text: str, terms: Terms) -> Content:
    """The excerpt around the first match, each match styled; the words themselves stay exactly as typed."""
    return Content.assemble(*((inert(piece), MATCH_STYLE) if matched else inert(piece)
                              for piece, matched in excerpt(text, terms, EXCERPT_WIDTH)))


def hit_label(hit: Hit, terms: Terms) -> Content:
    """Two lines: when and where; then the words around the match."""
    return Content.assemble((f"{hit.day}  {one_line(hit.where, 70)}", "bold"), "\n   ", marked(hit.text, terms))


class SearchScreen(FreshScreen, Screen[None]):
    """Find anything written in myrole: answers, commitments, check-ins, one-to-one items and topics."""

    BINDINGS = bindings.for_screen("search")

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Search everything you wrote: whole words or their starts, any case, accents optional. "
                     "Enter opens a result.", classes="section-title")
        yield Input(placeholder="Words to find", id="search-words")
        yield Static(id="search-status")
        yield OptionList(id="search-results")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#search-words", Input).focus()
        self.hits: dict[str, Hit] = {}

    def on_screen_resume(self) -> None:
        """Search again on the way back: a record opened from here may have been changed or deleted."""
        words = self.query_one("#search-words", Input).value
        if words.strip():
            self.run_search(words)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_to_results()

    def action_to_results(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.option_count and not results.get_option_at_index(0).disabled:
            results.focus()
            results.highlighted = results.highlighted or 0

    def run_search(self, words: str) -> None:
        status = self.query_one("#search-status", Static)
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        self.hits = {}
        if not words.strip():
            status.update("")
            return
        try:
            found = search(myrole_app(self).db, words)
        except SearchError as error:
            status.update(Content(str(error)))
            return
        status.update(Content(describe_count(found)))
        for number, hit in enumerate(found.hits):
            key = f"hit-{number}"
            self.hits[key] = hit
            results.add_option(Option(hit_label(hit, found.terms), id=key))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits.get(event.option.id or "")
        if hit is not None:
            open_hit(self.app, hit)


def describe_count(found: Results) -> str:
    if not found.total:
        return "Nothing found."
    shown = f", the newest {len(found.hits)} shown" if found.total > len(found.hits) else ""
    return f"{found.total} found{shown}."


def open_hit(app: App, hit: Hit) -> None:
    """The screen a result belongs to: the commitment (for a check-in or a reason given too), the reflection (at
    its answer) or the one-to-one."""
    table = KINDS[hit.kind].table
    if table in ("commitments", "checkins", "commitment_events"):
        from myrole.ui.screens.commitment import CommitmentScreen

        app.push_screen(CommitmentScreen(hit.opens))
    elif table in ("answers", "reflections"):
        from myrole.ui.screens.history import ReflectionRecord

        app.push_screen(ReflectionRecord(hit.opens, focus=hit.record_id if table == "answers" else None))
    else:
        from myrole.ui.screens.one_to_one import OneToOneScreen

        app.push_screen(OneToOneScreen(hit.opens))
