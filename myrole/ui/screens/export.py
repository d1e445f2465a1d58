"""Provides the export screen: choose a format and an audience, preview the summary, then write it to a file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Header, Input, Label, Select, Static, TextArea
from textual.worker import Worker, WorkerState, get_current_worker

from myrole.validation import SINCE_FORMS, check_since, typed_day
from myrole.events import collective_words
from myrole.paths import WHO_CAN_READ
from myrole.privacy import WHERE_TO_CORRECT
from myrole.store import StoreError
from myrole.store.connection import connect
from myrole.store.health import unreadable
from myrole.store.rows import now_utc
from myrole.store.snapshot import read_contents
from myrole.ui import bindings
from myrole.ui.context import myrole_app
from myrole.ui.safe import plain
from myrole.ui.widgets.choices import collective_of
from myrole.ui.widgets.fields import TextInput
from myrole.ui.widgets.identifiable import IdentifiableWarning
from myrole.ui.widgets.long_text import LongTextArea
from myrole.ui.widgets.footer import KeysFooter
from myrole.ui.writing import chosen_file, following, write_asking_first
from myrole.ui.fresh_screen import FreshScreen

if TYPE_CHECKING:
    from myrole.export.document import Document
    from myrole.paths import Paths
    from myrole.store.snapshot import StoreContents

# The export code and Rich's Markdown (about a quarter of a second to load) are imported by the
# thread that reads the store, so the screen is drawn as soon as `e` is pressed.

# Short enough to show whole in their lists at 80 columns (the words under the row say the rest).
FORMATS = (("Markdown (.md)", "md"), ("Web page to print (.html)", "html"), ("PDF, A4 (.pdf)", "pdf"),
           ("JSON data (.json)", "json"))
AUDIENCES = (("Me only", "me"), ("My line manager", "manager"), ("Your group, no names", "alliance"))
AUDIENCE_WORDS = {
    "me": "Who sees it: only you. Left out: nothing. Private answers and notes are in it, "
          "so keep the file to yourself.",
    "manager": "Who sees it: your line manager. In it: what you marked manager or alliance, and your "
               "one-to-ones. Left out: everything marked private.",
    "alliance": "Who sees it: {collective}. In it: only commitments marked alliance, without your name, with "
                "their event, topic and progress as numbers. Left out: names, organisation, answers, "
                "check-in notes, anything private.",
}
SINCE_HINT = "optional: only what happened from this date"
SINCE_PROBLEM = f"Write the since date as {SINCE_FORMS}."
WARNING_LEAD = "Before you share it, this may identify a patient"
WARNING_ADVICE = f"It is exported as written; if it should not be, {WHERE_TO_CORRECT}; then export again."
READING = "Reading your records..."
# The preview shows the start of the file (a ten-year store makes megabytes) and says how much more
# it holds; all of it is written. Rich draws Markdown in time that grows with its rows (20,000 short
# lines took over 3 s to show), so lines are bounded as well as characters.
PREVIEW_LIMIT = 40_000  # characters shown
PREVIEW_LINES = 500  # lines shown (1,000 took about a second to draw on the largest store)

Choice = tuple[str, str, date | None]  # format, audience, since


@dataclass(frozen=True)
class Prepared:
    """An export made for one set of choices: the exact text to write, what looks identifiable in it,
    and the start of it that the preview shows (for Markdown, parsed ready to draw).

    For a PDF, `text` is the Markdown of the same document (the preview) and `data` the PDF written.
    """

    choice: Choice
    text: str
    found: list[str]
    shown: str = ""
    note: str = ""  # how much of the text the preview shows, when not all of it
    markdown: Any = None  # Rich's Markdown of `shown`, for the Markdown format (and a PDF's preview)
    data: bytes | None = None

    @property
    def written(self) -> bytes:
        return self.data if self.data is not None else self.text.encode("utf-8")


def prepare(contents: StoreContents, choice: Choice, stamp: str,
            cancelled: Callable[[], bool] = lambda: False, collective: str = "") -> Prepared | None:
    """Build, check and render the export, and its preview (no store access: safe in a thread); None once cancelled."""
    from myrole.export import render, render_pdf, shows_every_checkin
    from myrole.export.document import build
    from myrole.privacy import Audience

    fmt, audience, since = choice
    document = build(contents, Audience(audience), since, stamp, every_checkin=shows_every_checkin(fmt),
                     collective=collective)
    if cancelled():  # a newer choice came in: stop between steps (a ten-year store takes seconds)
        return None
    found = identifiable_warnings(document) if audience != "me" else []
    if cancelled():
        return None
    text = render(document, "md" if fmt == "pdf" else fmt)  # a PDF is previewed as the Markdown of the same document
    data = render_pdf(document) if fmt == "pdf" else None
    del document  # the text (and a PDF's bytes) is all that is kept
    if cancelled():
        return None
    shown, note = shortened(text)
    markdown = _parsed_markdown(shown) if fmt in ("md", "pdf") else None
    return Prepared(choice, text, found, shown, note, markdown, data)


@dataclass
class Handoff:
    """What a thread made for the screen, taken from it once.

    A finished worker keeps its result, and Textual keeps the last worker each thread ran (in the
    thread's context) for as long as the thread lives: long after the screen has gone. So what a
    worker returns must not go on holding the store's contents or an export's text.
    """

    contents: StoreContents | None = None
    prepared: Prepared | None = None

    def take(self) -> tuple[StoreContents | None, Prepared | None]:
        taken = self.contents, self.prepared
        self.contents = self.prepared = None
        return taken


def _parsed_markdown(text: str) -> Any:
    """Rich's Markdown of text: parsing it here, in the thread, leaves only the drawing to the screen."""
    from rich.markdown import Markdown

    return Markdown(text, hyperlinks=False)


def read_store(paths: Paths) -> StoreContents:
    """The whole store, read on a connection of this thread's own (the app's belongs to the UI thread)."""
    conn = connect(paths.store)
    try:
        return read_contents(conn)
    finally:
        conn.close()


def _body_start(page: str) -> tuple[int, int]:
    """Where a web page's body starts (the person's text in it is escaped, so the first <body> is the page's)."""
    from myrole.export.html import BODY_OPEN

    start = page.find(BODY_OPEN)
    return (page.count("\n", 0, start), 0) if start >= 0 else (0, 0)


def shortened(text: str, limit: int = PREVIEW_LIMIT, lines: int = PREVIEW_LINES) -> tuple[str, str]:
    """The start of a long text in whole lines (at most limit characters and lines), and a note saying how much is shown.

    A first line longer than limit (a JSON record) is cut inside it, and the note counts characters.
    """
    shown = text[:limit]
    if shown.count("\n") >= lines:
        shown = shown[:_nth_line_end(shown, lines)]
    elif len(shown) < len(text):
        shown = shown[:shown.rfind("\n") + 1] or shown
    if len(shown) == len(text):
        return text, ""
    if not shown.endswith("\n"):
        return shown, f"the first {len(shown):,} of {len(text):,} characters; all of it is written"
    return shown, f"the first {shown.count(chr(10)):,} of {_line_count(text):,} lines; all of it is written"


def _line_count(text: str) -> int:
    """How many lines text has, counting a last one with no line break after it."""
    return text.count("\n") + (not text.endswith("\n"))


def _nth_line_end(text: str, lines: int) -> int:
    """Where the given number of lines of text ends, just after its line break (text has at least that many)."""
    end = -1
    for _ in range(lines):
        end = text.index("\n", end + 1)
    return end + 1


def default_file_name(audience: str, fmt: str, today: date) -> str:
    """A sensible file in the home folder, e.g. ~/myrole-summary-for-manager-2027-03-15.md."""
    who = "" if audience == "me" else f"for-{audience}-"
    return f"~/myrole-summary-{who}{today.isoformat()}.{fmt}"


def identifiable_warnings(document: Document) -> list[str]:
    """Each thing in the document that looks identifiable, e.g. "NHS number '943 476 5919' in a check-in"."""
    from myrole.privacy import identifiable_in
    from myrole.text import one_line

    return [f"{found.kind} '{one_line(found.text, 30)}' in {where}" for where, found in identifiable_in(document.texts())]


class WarningBox(VerticalScroll):
    """Holds the warnings; a tab stop only when they are too long to show whole."""

    def allow_focus(self) -> bool:
        return self.display and self.max_scroll_y > 0


class ExportScreen(FreshScreen, Screen[None]):
    """A summary for you, your line manager or the Alliance, previewed before it is written."""

    BINDINGS = bindings.for_screen("export")

    def __init__(self) -> None:
        super().__init__()
        self.contents: StoreContents | None = None
        self.fmt, self.audience = "md", "me"
        self.since: date | None = None
        self.since_problem = ""  # why the since date cannot be used, as a sentence; empty when it can
        self.written_note = False  # whether the note under the file name is about a file just written
        self.since_note = False  # whether it says why the since date cannot be used
        self.read_failed = False
        self.prepared: Prepared | None = None
        self.default_path = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="export-body"):
            with Horizontal(classes="export-row", id="export-choices"):
                yield Label("Format", classes="export-label")
                yield Select(FORMATS, value="md", allow_blank=False, compact=True, id="format")
                yield Label("For", classes="export-label short")
                yield Select(AUDIENCES, value="me", allow_blank=False, compact=True, id="audience")
            with Horizontal(classes="export-row", id="export-since"):
                yield Label("Since", classes="export-label")
                yield TextInput(placeholder="YYYY-MM-DD", compact=True, id="since")
                yield Static(SINCE_HINT, id="since-hint", classes="help-text")
            yield Static(id="audience-words")
            with WarningBox(id="export-warnings"):
                yield IdentifiableWarning(id="export-warning")
            with ContentSwitcher(initial="preview-md", id="preview"):
                with VerticalScroll(id="preview-md"):
                    yield Static(id="preview-md-text")  # Rich's Markdown: one widget, fast on a long summary
                yield LongTextArea(read_only=True, soft_wrap=True, show_line_numbers=False, id="preview-text")
            with Horizontal(classes="export-row"):
                yield Label("Save to", classes="export-label")
                yield TextInput(compact=True, id="path")
                yield Button("Write", variant="primary", compact=True, id="write")
            yield Static(id="export-message")
        yield KeysFooter()

    def audience_words(self) -> str:
        """Who sees the export and what is in it, naming the collective the person shares with."""
        return AUDIENCE_WORDS[self.audience].replace("{collective}", collective_words(self.collective))

    def on_mount(self) -> None:
        self.collective = collective_of(self.app)  # the collective_name setting, read once ("" when none)
        self.query_one("#preview").border_title = "Preview"
        self.query_one("#preview").border_subtitle = READING
        self.query_one("#preview-md-text", Static).update(Content(READING))
        self.query_one("#audience-words", Static).update(Content(self.audience_words()))
        self.default_path = default_file_name(self.audience, self.fmt, myrole_app(self).today())
        self.query_one("#path", Input).value = self.default_path
        self.query_one("#format", Select).focus()
        # The whole store is read once, in a thread (a ten-year store takes about half a second), and
        # every preview is made from what was read; keys are answered all the while. The thread starts
        # after the first frame, which it would otherwise slow down.
        self.call_after_refresh(self.run_worker, partial(self._read_and_prepare, self._stamp()), thread=True,
                                group="preview", exit_on_error=False)

    def on_unmount(self) -> None:
        """Let go of the store's contents and the export made from them (a ten-year store: hundreds of MB)."""
        self.contents = None
        self.prepared = None

    # -- the preview -------------------------------------------------------------------------

    @property
    def choice(self) -> Choice:
        return self.fmt, self.audience, self.since

    @property
    def rendered(self) -> str:
        """Exactly what would be written for the current choices ("" while it is being prepared)."""
        prepared = self.prepared
        return prepared.text if prepared is not None and prepared.choice == self.choice else ""

    def _stamp(self) -> str:
        fixed = myrole_app(self).fixed_today  # snapshots need a fixed "made on" time
        return f"{fixed.isoformat()}T09:00:00Z" if fixed else now_utc()

    def _read_and_prepare(self, stamp: str) -> Handoff:
        """In a thread: read the store, then prepare the export for the choices made by then (the person
        may change them while the store is read: each preparation follows the newest choice)."""
        worker = get_current_worker()
        contents = read_store(myrole_app(self).paths)
        prepared = None
        while not worker.is_cancelled and (prepared is None or prepared.choice != self.choice):
            choice = self.choice

            def cancelled(chosen: Choice = choice) -> bool:  # this round's choice, bound now
                return worker.is_cancelled or self.choice != chosen

            prepared = prepare(contents, choice, stamp, cancelled, self.collective)
        return Handoff(contents, prepared)

    def _prepare(self, choice: Choice, stamp: str) -> Handoff:
        """In a thread: prepare the export for one choice from what was read (none once the screen has gone)."""
        worker, contents = get_current_worker(), self.contents
        if contents is None:
            return Handoff()
        return Handoff(prepared=prepare(contents, choice, stamp, lambda: worker.is_cancelled, self.collective))

    def refresh_preview(self) -> None:
        """Prepare the export for the current choices in a thread; the screen stays responsive."""
        self.query_one("#audience-words", Static).update(Content(self.audience_words()))
        if self.contents is None:
            return  # still reading: the reading thread prepares the newest choice when it is done
        self.prepared = None  # let go of the last export now: it is not what would be written any more
        self.query_one("#preview").border_subtitle = "preparing…"
        work = partial(self._prepare, self.choice, self._stamp())
        self.run_worker(work, thread=True, exclusive=True, group="preview", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "preview" or not self.is_mounted:
            return
        if event.state is WorkerState.ERROR:
            self.query_one("#preview").border_subtitle = ""
            if self.contents is None:  # reading the store failed
                self.query_one("#preview-md-text", Static).update("")
                self.read_failed = True
            refusal = unreadable(myrole_app(self).paths.store, event.worker.error)
            if isinstance(event.worker.error, StoreError) or refusal is not None:
                self.say(str(refusal or event.worker.error), error=True)
            else:
                self.say("The summary could not be made, so nothing can be written; please report this.",
                         error=True)
        elif event.state is WorkerState.SUCCESS:
            handoff = event.worker.result
            contents, prepared = handoff.take() if isinstance(handoff, Handoff) else (None, None)
            if contents is not None:  # the store has just been read
                self.contents = contents
            if prepared is not None and prepared.choice == self.choice:
                self.show(prepared)
            elif contents is not None:  # the choice changed just as the reading thread finished
                self.refresh_preview()
            # else a newer choice is on its way

    def show(self, prepared: Prepared) -> None:
        """Show the start of the prepared export (made in the thread) and any warnings."""
        self.prepared = prepared
        self.query_one(IdentifiableWarning).show_matches(prepared.found, WARNING_LEAD, WARNING_ADVICE, limit=50)
        self.query_one(WarningBox).display = bool(prepared.found)
        self.query_one("#preview").border_subtitle = prepared.note
        switcher = self.query_one(ContentSwitcher)
        if prepared.markdown is not None:
            self.query_one("#preview-md-text", Static).update(prepared.markdown)
            self.query_one("#preview-md", VerticalScroll).scroll_home(animate=False)
            switcher.current = "preview-md"
        else:
            area = self.query_one("#preview-text", TextArea)
            area.load_text(prepared.shown)
            start = _body_start(prepared.shown) if prepared.choice[0] == "html" else (0, 0)  # past the head
            area.move_cursor(start)
            area.call_after_refresh(self._scroll_preview, prepared, start)
            switcher.current = "preview-text"

    def _scroll_preview(self, prepared: Prepared, start: tuple[int, int]) -> None:
        """Put the preview's start line at the top, unless a newer preview has replaced it meanwhile."""
        if self.prepared is prepared:
            area = self.query_one("#preview-text", TextArea)
            area.scroll_to(y=area.wrapped_document.location_to_offset(start).y, animate=False)

    def on_select_changed(self, event: Select.Changed) -> None:
        value = str(event.value)
        if event.select.id == "format" and value != self.fmt:
            self.fmt = value
        elif event.select.id == "audience" and value != self.audience:
            self.audience = value
        else:
            return  # not a choice list, or the choice it already had (as each list says when it appears)
        self._follow_default_path()
        self._forget_written_note()
        self.refresh_preview()

    def _follow_default_path(self) -> None:
        """Keep the suggested file name in step with the choices; a name the person typed keeps all
        but its ending, which follows the format when it is another export's ending."""
        path = self.query_one("#path", Input)
        new_default = default_file_name(self.audience, self.fmt, myrole_app(self).today())
        path.value = following(path.value, self.default_path, new_default, self.fmt)
        self.default_path = new_default

    def _forget_written_note(self) -> None:
        """The note about the last file written is not about a new choice (other notes stay)."""
        if self.written_note:
            self.say("")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "since":
            return
        text = event.value.strip()
        since = typed_day(text) if text else None
        if text and since is None:
            self.since_problem = SINCE_PROBLEM
            self._since_hint(f"not a date yet: write it as {SINCE_FORMS}", error=True)
            return
        try:
            check_since(since, myrole_app(self).today())
        except ValueError as error:
            self.since_problem = str(error)
            self._since_hint(self.since_problem, error=True)
            return
        self.since_problem = ""
        if self.since_note:  # the date is put right: the note saying it was wrong goes
            self.say("")
        self._since_hint(SINCE_HINT if since is None else f"only what happened from {since.isoformat()}")
        if since != self.since:
            self.since = since
            self._forget_written_note()
            self.refresh_preview()

    def _since_hint(self, text: str, *, error: bool = False) -> None:
        hint = self.query_one("#since-hint", Static)
        hint.update(Content(text))
        hint.set_class(error, "error")
        hint.set_class(not error, "help-text")

    # -- writing -----------------------------------------------------------------------------

    def say(self, message: str, *, error: bool = False, written: bool = False, about_since: bool = False) -> None:
        """One sentence under the file name (a person's path is shown as typed, never as markup)."""
        line = self.query_one("#export-message", Static)
        line.update(plain(message))
        line.set_class(error, "error")
        self.written_note = written
        self.since_note = about_since

    def action_write(self) -> None:
        from myrole.export.words import written

        if self.since_problem:
            self.say(self.since_problem, error=True, about_since=True)
            return
        if self.read_failed:
            self.say("Your records could not be read, so there is nothing to export.", error=True)
            return
        if not self.rendered or self.prepared is None:
            self.say("The summary is still being prepared; write again in a moment.", error=True)
            return
        chosen = chosen_file(self, self.query_one("#path", Input).value, self.fmt, "~/myrole-summary.md")
        if isinstance(chosen, str):
            self.say(chosen, error=True)
            return
        fmt, audience, _ = self.prepared.choice
        write_asking_first(self, chosen, self.prepared.written, what="this export",
                           written=lambda: self.say(f"Wrote {written(audience, fmt)} to {chosen}, {WHO_CAN_READ}.",
                                                    written=True),
                           failed=lambda sentence: self.say(sentence, error=True), keep_focused=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "write":
            self.action_write()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "path":
            self.action_write()

    # -- keys --------------------------------------------------------------------------------

    def _cycle(self, select_id: str, choices: tuple[tuple[str, str], ...]) -> None:
        select = self.query_one(f"#{select_id}", Select)
        values = [value for _, value in choices]
        select.value = values[(values.index(str(select.value)) + 1) % len(values)]

    def action_next_format(self) -> None:
        self._cycle("format", FORMATS)

    def action_next_audience(self) -> None:
        self._cycle("audience", AUDIENCES)

    def action_back(self) -> None:
        self.dismiss()
