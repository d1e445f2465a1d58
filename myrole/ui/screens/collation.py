"""Provides the collation screen: an organiser names a folder of alliance files and reads the report, small numbers hidden."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from myrole.collate import CollateRefused, Report, collate
from myrole.collate import words as collate_words
from myrole.model import Lens, Mode, Status
from myrole.text import one_line
from myrole.ui.widgets.coverage import SHORT_LENS, SHORT_MODE, centred_padding
from myrole.ui.widgets.fields import TextInput

BAR_WIDTH = 24
HIDDEN = collate_words.HIDDEN


def _bar(value: int | float | None, largest: float) -> str:
    """A bar of block characters beside the number it shows (never the only way it is said)."""
    if value is None or largest <= 0:
        return ""
    return "█" * max(1 if value else 0, round(BAR_WIDTH * value / largest))


def grid_lines(report: Report) -> list[str]:
    """The 6x3 grid as on home, with totals; a hidden count in words."""
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


def _bars(rows: list[tuple[str, int | None]], width: int = 30) -> list[str]:
    largest = max((value or 0 for _, value in rows), default=0)
    return [f" {one_line(label, width):<{width}} {collate_words.count(value):>7}  {_bar(value, largest)}"
            for label, value in rows]


def report_lines(report: Report) -> list[str]:
    """The whole report as plain terminal lines: text from the files on one line each, made inert."""
    lines = [collate_words.scope(report), "", "Commitments by lens and mode", *grid_lines(report), "",
             "Commitments by topic (bars: commitments)"]
    lines += _bars([(row.label, row.count) for row in report.topics]) or [" No commitments."]
    for row in report.topics:
        if row.titles:
            lines += ["", f"{one_line(row.label, 60)}: what people committed to"]
            lines += [f" • {one_line(title, 90)}" for title in row.titles]
    lines += ["", "Where commitments stand", *_bars([(collate_words.STATUS_WORDS[s], report.statuses[s])
                                                     for s in Status])]
    lines += ["", "Progress by month of the newest check-in (bars: share done)"]
    for month in report.months:
        label = collate_words.month_label(month.label, month.month)
        share = collate_words.share(month.done_share)
        progress = collate_words.mean_progress(month.mean_progress)
        lines.append(f" {one_line(label, 30):<30} {collate_words.count(month.count):>7}  done "
                     f"{collate_words.count(month.done):>6} {share:>5} {_bar(month.done_share, 1):<{BAR_WIDTH}} {progress}")
    lines += ["", "What people most often tag"]
    lines += _bars([(row.tag, row.count) for row in report.tags]) or [
        f" No tag was used by {report.threshold} or more people."]
    lines += ["", "What was hidden, and the files read",
              *collate_words.suppression(report, collate_words.CHANGE_FROM_APP),
              *collate_words.files(report), *(f" • {one_line(s)}" for s in report.files.skipped)]
    return lines


class CollationScreen(Screen[None]):
    """Asks for a folder of alliance files, then shows the collation: the grid, bars, and what was hidden."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="collation.back")]
    CSS = """
    #collation-folder { margin: 0 1; }
    #collation-report { padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Collate alliance files: type the folder that holds them (each person's .json file), "
                     "then press enter. Files that cannot be read are left out and listed.",
                     classes="section-title")
        yield TextInput(placeholder="folder of alliance files", id="collation-folder")
        with VerticalScroll(id="collation-body"):
            yield Static(id="collation-report")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#collation-folder", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        if not typed:
            self.notify("Type the folder that holds the alliance files first.", severity="warning")
            return
        self.show_folder(Path(typed).expanduser())

    def show_folder(self, folder: Path) -> None:
        shown = self.query_one("#collation-report", Static)
        try:
            report = collate([folder], skip_bad=True)
        except CollateRefused as refusal:
            shown.update(Content("\n".join(one_line(sentence) for sentence in refusal.sentences)))
            self.notify(one_line(refusal.sentences[-1]), severity="error")
            return
        shown.update(Content("\n".join(report_lines(report))))
        self.query_one("#collation-body", VerticalScroll).focus()
