"""Provides collation: many people's alliance exports read, checked and counted into one report with small numbers hidden.

reading.py checks one file; gather.py opens folders, refuses or skips bad files and keeps one file
per person; subject.py finds the collective's and the event's names; report.py counts; suppression.py
decides what must be hidden; markdown.py, html.py and json_out.py write the report; pdf.py draws it on A4.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from myrole.collate.gather import CollateRefused, gather
from myrole.collate.report import DEFAULT_THRESHOLD, Report, build_report
from myrole.collate.subject import NO_SUBJECT, Subject
from myrole.collector import collector_paused

FORMATS = ("md", "html", "json", "pdf")


def collate(paths: Iterable[Path], *, threshold: int = DEFAULT_THRESHOLD, event: str | None = None,
            skip_bad: bool = False, subject: Subject = NO_SUBJECT) -> Report:
    """The report for the files and folders given; CollateRefused (one sentence per bad file) otherwise.
    subject: the collective's and the event's names for the title (subject.subject_of finds them)."""
    with collector_paused():  # 10,000 files make a million small objects and no cycles: a third of the time
        return build_report(gather(paths, skip_bad=skip_bad), threshold, event, subject)


def render_bytes(report: Report, fmt: str) -> bytes:
    """The report in any of FORMATS, ready to write (a PDF is made only here; fpdf2 is imported only for it)."""
    if fmt == "pdf":
        from myrole.collate.pdf import render as render_pdf

        return render_pdf(report)
    return render(report, fmt).encode("utf-8")


def render(report: Report, fmt: str) -> str:
    """The report as 'md', 'html' or 'json' text."""
    if fmt == "md":
        from myrole.collate.markdown import render as render_md

        return render_md(report)
    if fmt == "html":
        from myrole.collate.html import render as render_html

        return render_html(report)
    if fmt == "json":
        from myrole.collate.json_out import render as render_json

        return render_json(report)
    raise ValueError(f"There is no collation format called {fmt!r}; choose md, html or json.")


__all__ = ["FORMATS", "CollateRefused", "Report", "Subject", "collate", "render", "render_bytes"]
