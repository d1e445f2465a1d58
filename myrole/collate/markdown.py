"""Provides the collation report as Markdown: tables of counts, hidden ones in words, every text from a file inert."""

from __future__ import annotations

from myrole.collate import words
from myrole.collate.report import Report
from myrole.export.markdown import inline
from myrole.model import Lens, Mode
from myrole.text import one_line


def text(value: str) -> str:
    """Text from a file (a topic, a title, a tag, a file name): one line, inert, unable to make Markdown."""
    return inline(one_line(value)) or "(blank)"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows] + [""]


def _grid(report: Report) -> list[str]:
    header = ["Lens", *(mode.label for mode in Mode), "All modes"]
    rows = [[lens.label, *(words.count(report.cells[lens, mode]) for mode in Mode), words.count(report.lens_totals[lens])]
            for lens in Lens]
    rows.append(["All lenses", *(words.count(report.mode_totals[mode]) for mode in Mode), words.count(report.commitments)])
    return ["## Commitments by lens and mode", "", *_table(header, rows)]


def _topics(report: Report) -> list[str]:
    lines = ["## Commitments by topic", ""]
    if not report.topics:
        return [*lines, "No commitments.", ""]
    rows = [[text(row.label), words.count(row.count), "" if row.people is None else f"{row.people:,}"]
            for row in report.topics]
    lines += _table(["Topic", "Commitments", "People"], rows)
    for row in report.topics:
        if row.titles:
            lines += [f"### {text(row.label)}", "", *(f"- {text(title)}" for title in row.titles), ""]
    return lines


def _statuses(report: Report) -> list[str]:
    rows = [[words.STATUS_WORDS[status], words.count(value)] for status, value in report.statuses.items()]
    return ["## Where commitments stand", "", *_table(["Status", "Commitments"], rows)]


def _months(report: Report) -> list[str]:
    lines = ["## Progress by month of the newest check-in", ""]
    rows = [[words.month_label(row.label, row.month), words.count(row.count), words.count(row.done),
             words.share(row.done_share), words.mean_progress(row.mean_progress)] for row in report.months]
    header = ["Newest check-in", "Commitments", "Done", "Done share", "Newest progress, on average"]
    return lines + (_table(header, rows) if rows else ["No commitments.", ""])


def _tags(report: Report) -> list[str]:
    lines = ["## What people most often tag", ""]
    if not report.tags:
        return [*lines, f"No tag was used by {report.threshold} or more people.", ""]
    rows = [[text(row.tag), f"{row.count:,}", f"{row.people:,}"] for row in report.tags]
    return lines + _table(["Tag", "Commitments", "People"], rows)


def _about(report: Report) -> list[str]:
    lines = ["## What was hidden, and the files read", "", *(f"{s}\n" for s in words.suppression(report))]
    lines += [f"{s}\n" for s in words.files(report)]
    lines += [f"- {text(reason)}" for reason in report.files.skipped_reasons]  # no file named: see words.files
    return lines


def render(report: Report) -> str:
    lines = [f"# {text(words.title(report))}", "", f"{words.SUBTITLE}. {text(words.scope(report))}", ""]
    for part in (_grid, _topics, _statuses, _months, _tags, _about):
        lines += part(report)
    return "\n".join(lines).rstrip("\n") + "\n"
