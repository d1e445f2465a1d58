"""Provides the collation screen: an organiser names a folder of alliance files and reads the report, small numbers hidden."""

from __future__ import annotations

import textwrap
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from myrole.collate import CollateRefused, Report, Subject, collate
from myrole.collate import words as collate_words
from myrole.model import Lens, Mode, Status
from myrole.paths import typed_path
from myrole.text import one_line
from myrole.ui import bindings
from myrole.ui.widgets.choices import collective_of
from myrole.ui.widgets.coverage import SHORT_LENS, SHORT_MODE, centred_padding
from myrole.ui.widgets.fields import TextInput
from myrole.ui.fresh_screen import FreshScreen

BAR_WIDTH = 24  # the longest bar, when the terminal is wide enough for it
NARROWEST = 53  # the grid's width: the report is laid out for at least this many columns
COUNT_WIDTH = 7
HIDDEN = collate_words.HIDDEN


def _bar(value: int | float | None, largest: float, width: int = BAR_WIDTH) -> str:
    """A bar of block characters beside the number it shows (never the only way it is said)."""
    if value is None or largest <= 0:
        return ""
    return "█" * max(1 if value else 0, round(width * value / largest))


def _wrapped(text: str, width: int, first: str = " ", rest: str = "   ") -> list[str]:
    """Text from a file or a sentence of ours, inert, over as many lines of width as it needs: never cut."""
    return textwrap.wrap(one_line(text), max(width, len(rest) + 10), initial_indent=first, subsequent_indent=rest,
                         break_on_hyphens=False) or [first.rstrip()]


def _bar_width(width: int) -> int:
    return BAR_WIDTH if width >= 80 else max(6, width // 5)


def grid_lines(report: Report) -> list[str]:
    """The 6x3 grid as on home, with totals; a hidden count in words (53 columns)."""
    lens_width = max(len(name) for name in SHORT_LENS.values())
    columns = [max(len(SHORT_MODE[mode]), len(HIDDEN)) + 2 for mode in Mode] + [len("All modes") + 2]

    def row(name: str, values: list[str]) -> str:
        cells = []
        for value, width in zip(values, columns):
            before, after = centred_padding(value, width)
            cells.append(f"{before}{value}{after}")
        return f" {name:<{lens_width}} " + "".join(cells)

    lines = [row("Lens", [*(SHORT_MODE[mode] for mode in Mode), "All modes"])]
    for lens in Lens:
        lines.append(row(SHORT_LENS[lens], [*(collate_words.count(report.cells[lens, mode]) for mode in Mode),
                                            collate_words.count(report.lens_totals[lens])]))
    lines.append(row("All", [*(collate_words.count(report.mode_totals[mode]) for mode in Mode),
                             collate_words.count(report.commitments)]))
    return lines


def _bars(rows: list[tuple[str, int | None]], width: int) -> list[str]:
    """A label, its count and a bar per row; a label too long for its column carries on below it, whole."""
    bar_width = _bar_width(width)
    label_width = max(12, min(40, width - COUNT_WIDTH - bar_width - 4))
    largest = max((value or 0 for _, value in rows), default=0)
    lines = []
    for label, value in rows:
        parts = _wrapped(label, label_width, first="", rest="  ")
        lines.append(f" {parts[0]:<{label_width}} {collate_words.count(value):>{COUNT_WIDTH}}  "
                     f"{_bar(value, largest, bar_width)}".rstrip())
        lines += [f" {part}" for part in parts[1:]]
    return lines


def _month_lines(report: Report, width: int) -> list[str]:
    """Each month's count, how many are done (and the share, with a bar), and the newest progress on average."""
    bar_width = _bar_width(width)
    label_width = max(12, min(30, width - COUNT_WIDTH - bar_width - 24))
    lines = []
    for row in report.months:
        parts = _wrapped(collate_words.month_label(row.label, row.month), label_width, first="", rest="  ")
        line = (f" {parts[0]:<{label_width}} {collate_words.count(row.count):>{COUNT_WIDTH}}  done "
                f"{collate_words.count(row.done):>6} {collate_words.share(row.done_share):>4} "
                f"{_bar(row.done_share, 1, bar_width):<{bar_width}}")
        progress = collate_words.mean_progress(row.mean_progress)
        continued = [f" {part}" for part in parts[1:]]
        if progress and len(line) + 1 + len(progress) <= width:
            line = f"{line} {progress}"
        elif progress:
            continued.append(f"   newest progress on average: {progress}")
        lines += [line.rstrip(), *continued]
    return lines


def report_lines(report: Report, width: int = 100) -> list[str]:
    """The whole report as plain terminal lines of at most width columns (NARROWEST at least): text from the
    files made inert, and long text carried onto further lines rather than cut, so all of it can be read."""
    width = max(width, NARROWEST)
    lines = [*_wrapped(collate_words.title(report), width, first="", rest="  "), "",
             *_wrapped(f"{collate_words.SUBTITLE}. {collate_words.scope(report)}", width, first="", rest=""), "",
             "Commitments by lens and mode", *grid_lines(report), "",
             "Commitments by topic (bars: commitments)"]
    lines += _bars([(row.label, row.count) for row in report.topics], width) or [" No commitments."]
    for row in report.topics:
        if row.titles:
            lines += ["", *_wrapped(f"{row.label}: what people committed to", width, first="", rest="  ")]
            lines += [line for title in row.titles for line in _wrapped(title, width, first=" • ")]
    lines += ["", "Where commitments stand", *_bars([(collate_words.STATUS_WORDS[s], report.statuses[s])
                                                     for s in Status], width)]
    lines += ["", *_wrapped("Progress by month of the newest check-in (bars: share done)", width, first="", rest=""),
              *_month_lines(report, width)]
    lines += ["", "What people most often tag"]
    lines += _bars([(row.tag, row.count) for row in report.tags], width) or [
        f" No tag was used by {report.threshold} or more people."]
    lines += ["", "What was hidden, and the files read"]
    sentences = [*collate_words.suppression(report, collate_words.CHANGE_FROM_APP), *collate_words.files(report, from_app=True)]
    lines += [line for sentence in sentences for line in _wrapped(sentence, width, rest=" ")]
    # Why files were left out, naming none (left_out_lines names them, apart from the report).
    lines += [line for reason in report.files.skipped_reasons for line in _wrapped(reason, width, first=" • ")]
    return lines


NOT_IN_REPORT = ("Not part of the report, and for you only: the files left out, by name (file names often name "
                 "the people who sent them).")


def left_out_lines(report: Report, width: int = 100) -> list[str]:
    """The files left out, each named in a sentence with what is wrong with it: for the organiser, shown below the
    report and marked as not part of it (the report itself names no file). None when no file was left out."""
    if not report.files.skipped:
        return []
    width = max(width, NARROWEST)
    return [*_wrapped(NOT_IN_REPORT, width, first="", rest=""),
            *(line for sentence in report.files.skipped for line in _wrapped(sentence, width, first=" • "))]


class CollationScreen(FreshScreen, Screen[None]):
    """Asks for a folder of alliance files, then shows the collation: the grid, bars, and what was hidden."""

    BINDINGS = bindings.for_screen("collation")
    # The files left out, by name: below the report, set apart from it by a rule, and only when there are any.
    DEFAULT_CSS = """
    #collation-left-out { padding: 0 1; margin-top: 1; border-top: solid $warning; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Type the folder of alliance files (one .json file per person) and press Enter; "
                     "files that cannot be read are left out and listed.", classes="section-title")
        yield TextInput(placeholder="folder of alliance files", id="collation-folder")
        with VerticalScroll(id="collation-body"):
            yield Static(id="collation-report")
            left_out = Static(id="collation-left-out")
            left_out.display = False  # until a report leaves a file out
            yield left_out
        yield Footer()

    def __init__(self) -> None:
        super().__init__()
        self.report: Report | None = None

    def on_mount(self) -> None:
        self.query_one("#collation-folder", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        if not typed:
            self.notify("Type the folder that holds the alliance files first.", severity="warning")
            return
        self.show_folder(typed_path(typed))

    def on_key(self, event: events.Key) -> None:
        """Typing while the report has the focus starts another folder in the folder box, not lost keys."""
        field = self.query_one("#collation-folder", Input)
        if self.focused is not field and event.is_printable and event.character:
            event.stop()
            field.focus()
            field.value = event.character  # another folder, in place of the one already read
            field.cursor_position = len(field.value)

    def action_scroll_report(self, how: str) -> None:
        body = self.query_one("#collation-body", VerticalScroll)
        body.action_page_up() if how == "page_up" else body.action_page_down()

    def on_resize(self) -> None:
        self.call_after_refresh(self._lay_out_again)  # once the report's box has its new width

    def _lay_out_again(self) -> None:
        if self.report is not None:  # for the new width: nothing cut, nothing wrapped a second time
            self._show(report_lines(self.report, self._columns()), left_out_lines(self.report, self._columns()))

    def _columns(self) -> int:
        """The columns the report may use: its box less the report's padding and a scroll bar's room."""
        return self.query_one("#collation-body", VerticalScroll).size.width - 4

    def _show(self, lines: list[str], left_out: list[str] | None = None) -> None:
        """The report (or a refusal) as lines; left_out, the files left out by name, apart from it (or nothing)."""
        self.query_one("#collation-report", Static).update(Content("\n".join(lines)))
        apart = self.query_one("#collation-left-out", Static)
        apart.update(Content("\n".join(left_out or [])))
        apart.display = bool(left_out)

    def show_folder(self, folder: Path) -> None:
        try:
            self.report = collate([folder], skip_bad=True, subject=Subject(collective_of(self.app) or None))
        except CollateRefused as refusal:
            self.report = None
            self._show([line for sentence in refusal.sentences
                        for line in _wrapped(sentence, self._columns(), first="", rest="")])
            self.notify(one_line(refusal.sentences[-1]), severity="error")
            return
        self._show(report_lines(self.report, self._columns()), left_out_lines(self.report, self._columns()))
        body = self.query_one("#collation-body", VerticalScroll)
        body.scroll_home(animate=False)  # a second folder's report starts at its top too
        body.focus()  # arrows, Page Up/Down, Home and End now move through the report
