"""Provides the collation report as a PDF (A4): the same sections, tables and sentences as the Markdown and the web page."""

from __future__ import annotations

from myrole.collate import words
from myrole.collate.report import Report
from myrole.export.pdf_sheet import Sheet, user_line
from myrole.model import Lens, Mode


def text(value: str) -> str:
    """Text from a file (a topic, a title, a tag, a file name): one line, inert."""
    return user_line(value) if value.strip() else "(blank)"


def _grid(sheet: Sheet, report: Report) -> None:
    sheet.heading("Commitments by lens and mode", 2, ours=True)
    rows = [[lens.label, *(words.count(report.cells[lens, mode]) for mode in Mode), words.count(report.lens_totals[lens])]
            for lens in Lens]
    rows.append(["All lenses", *(words.count(report.mode_totals[mode]) for mode in Mode), words.count(report.commitments)])
    sheet.data_table("Commitments in each lens (rows) and mode (columns), with totals",
                ["Lens", *(mode.label for mode in Mode), "All modes"], rows)


def _topics(sheet: Sheet, report: Report) -> None:
    sheet.heading("Commitments by topic", 2, ours=True)
    if not report.topics:
        sheet.line_of("No commitments.")
        return
    rows = [[text(row.label), words.count(row.count), "" if row.people is None else f"{row.people:,}"]
            for row in report.topics]
    sheet.data_table("Commitments and people for each topic", ["Topic", "Commitments", "People"], rows)
    for row in report.topics:
        if row.titles:
            sheet.heading(f"{text(row.label)}: what people committed to", 3, ours=True)
            for title in row.titles:
                sheet.line_of(f"\u2022 {text(title)}")
            sheet.space()


def _statuses(sheet: Sheet, report: Report) -> None:
    sheet.heading("Where commitments stand", 2, ours=True)
    rows = [[words.STATUS_WORDS[status], words.count(value)] for status, value in report.statuses.items()]
    sheet.data_table("Commitments by status", ["Status", "Commitments"], rows)


def _months(sheet: Sheet, report: Report) -> None:
    sheet.heading("Progress by month of the newest check-in", 2, ours=True)
    if not report.months:
        sheet.line_of("No commitments.")
        return
    rows = [[words.month_label(row.label, row.month), words.count(row.count), words.count(row.done),
             words.share(row.done_share), words.mean_progress(row.mean_progress)] for row in report.months]
    sheet.data_table("For each month, the commitments whose newest check-in was then",
                ["Newest check-in", "Commitments", "Done", "Done share", "Newest progress, on average"], rows)


def _tags(sheet: Sheet, report: Report) -> None:
    sheet.heading("What people most often tag", 2, ours=True)
    if not report.tags:
        sheet.line_of(f"No tag was used by {report.threshold} or more people.")
        return
    rows = [[text(row.tag), f"{row.count:,}", f"{row.people:,}"] for row in report.tags]
    sheet.data_table("The tags most often used", ["Tag", "Commitments", "People"], rows)


def _about(sheet: Sheet, report: Report) -> None:
    sheet.heading("What was hidden, and the files read", 2, ours=True)
    for sentence in (*words.suppression(report), *words.files(report)):
        sheet.line_of(sentence)
        sheet.space()
    for reason in report.files.skipped_reasons:  # no file named: see words.files
        sheet.line_of(f"\u2022 {text(reason)}")


def render(report: Report) -> bytes:
    title = text(words.title(report))  # names from an event file or the settings: inert, on one line
    sheet = Sheet(title)  # no running name: the report is about many people, none named
    sheet.heading(title, 1, ours=True)
    sheet.line_of(f"{words.SUBTITLE}. {text(words.scope(report))}", style="B")
    sheet.line_of(f"Hidden counts are shown as \u201c{words.HIDDEN}\u201d: see the last section.", muted=True)
    sheet.rule()
    for part in (_grid, _topics, _statuses, _months, _tags, _about):
        part(sheet, report)
    sheet.space(4)
    sheet.rule()
    sheet.line_of("Made with myrole collate.", muted=True, size=8.5)
    return sheet.finished()
