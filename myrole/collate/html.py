"""Provides the collation report as one self-contained, printable, accessible web page (no scripts, no external files)."""

from __future__ import annotations

from html import escape

from myrole.collate import words
from myrole.collate.report import Report
from myrole.export.html import CSP, line
from myrole.export.html_style import STYLE
from myrole.model import Lens, Mode

# Added to the personal summary's stylesheet: tables, and bars drawn with CSS beside the numbers they show.
TABLE_STYLE = """
table { border-collapse: collapse; margin: 0.5rem 0 1rem; width: 100%; }
caption { text-align: left; font-weight: 600; color: var(--muted); padding-bottom: 0.3rem; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th, tbody th { background: var(--soft); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.n { white-space: nowrap; }  /* a number on one line; a column's heading may wrap, so the grid fits the page */
td.hidden { color: var(--muted); font-style: italic; }
tr.total th, tr.total td { font-weight: 600; border-top: 2px solid var(--ink); }
td.chart { width: 25%; }  /* room for the bars, which shrink with the page rather than push the table past it */
.meter { display: inline-block; vertical-align: middle; width: 100%; max-width: 12rem; height: 0.8rem;
  border: 1px solid var(--ink); border-radius: 3px; margin-right: 0.4rem; }
.meter > span { display: block; height: 100%; background: var(--accent); }
ul.titles { margin: 0.2rem 0 1rem; padding-left: 1.2rem; }
.note { color: var(--muted); }
@media print {
  table { break-inside: auto; } tr { break-inside: avoid; page-break-inside: avoid; }
  .meter, .meter > span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _number(value: int | None) -> str:
    css = "n hidden" if value is None else "n"
    return f'<td class="{css}">{escape(words.count(value))}</td>'


def _bar(value: int | float | None, largest: float) -> str:
    """A bar for a number shown in words beside it (so the chart is never the only way it is said)."""
    if value is None or largest <= 0:
        return '<td class="chart"></td>'
    width = round(100 * value / largest)
    return f'<td class="chart"><span class="meter" aria-hidden="true"><span style="width: {width}%"></span></span></td>'


def _section(title: str, anchor: str, body: list[str]) -> list[str]:
    return [f'<section aria-labelledby="{anchor}">', f'<h2 id="{anchor}">{escape(title)}</h2>', *body, "</section>"]


def _grid(report: Report) -> list[str]:
    head = "".join(f'<th scope="col" class="n">{escape(mode.label)}</th>' for mode in Mode)
    rows = [f'<tr><th scope="row">{escape(lens.label)}</th>'
            + "".join(_number(report.cells[lens, mode]) for mode in Mode)
            + _number(report.lens_totals[lens]) + "</tr>" for lens in Lens]
    rows.append('<tr class="total"><th scope="row">All lenses</th>'
                + "".join(_number(report.mode_totals[mode]) for mode in Mode) + _number(report.commitments) + "</tr>")
    table = ["<table>", "<caption>Commitments in each lens (rows) and mode (columns), with totals</caption>",
             f'<thead><tr><th scope="col">Lens</th>{head}<th scope="col" class="n">All modes</th></tr></thead>',
             "<tbody>", *rows, "</tbody>", "</table>"]
    return _section("Commitments by lens and mode", "grid", table)


def _topics(report: Report) -> list[str]:
    if not report.topics:
        return _section("Commitments by topic", "topics", ["<p>No commitments.</p>"])
    largest = max((row.count or 0 for row in report.topics), default=0)
    rows = [f'<tr><th scope="row">{line(row.label)}</th>{_number(row.count)}'
            f'<td class="n">{"" if row.people is None else f"{row.people:,}"}</td>{_bar(row.count, largest)}</tr>'
            for row in report.topics]
    body = ["<table>", "<caption>Commitments and people for each topic; the bar shows the commitments</caption>",
            '<thead><tr><th scope="col">Topic</th><th scope="col" class="n">Commitments</th>'
            '<th scope="col" class="n">People</th><th scope="col">Chart</th></tr></thead>',
            "<tbody>", *rows, "</tbody>", "</table>"]
    for row in report.topics:
        if row.titles:
            body += [f"<h3>{line(row.label)}: what people committed to</h3>", '<ul class="titles">',
                     *(f"<li>{line(title)}</li>" for title in row.titles), "</ul>"]
    return _section("Commitments by topic", "topics", body)


def _statuses(report: Report) -> list[str]:
    largest = max((value or 0 for value in report.statuses.values()), default=0)
    rows = [f'<tr><th scope="row">{escape(words.STATUS_WORDS[status])}</th>{_number(value)}{_bar(value, largest)}</tr>'
            for status, value in report.statuses.items()]
    return _section("Where commitments stand", "statuses", [
        "<table>", "<caption>Commitments by status; the bar shows the commitments</caption>",
        '<thead><tr><th scope="col">Status</th><th scope="col" class="n">Commitments</th>'
        '<th scope="col">Chart</th></tr></thead>', "<tbody>", *rows, "</tbody>", "</table>"])


def _months(report: Report) -> list[str]:
    if not report.months:
        return _section("Progress by month of the newest check-in", "months", ["<p>No commitments.</p>"])
    rows = [f'<tr><th scope="row">{escape(words.month_label(row.label, row.month))}</th>{_number(row.count)}'
            f'{_number(row.done)}<td class="n">{escape(words.share(row.done_share))}</td>'
            f'{_bar(row.done_share, 1)}<td>{escape(words.mean_progress(row.mean_progress))}</td></tr>'
            for row in report.months]
    return _section("Progress by month of the newest check-in", "months", [
        "<table>", "<caption>For each month, the commitments whose newest check-in was then: how many, how many "
        "are done, and their newest progress on average; the bar shows the share done</caption>",
        '<thead><tr><th scope="col">Newest check-in</th><th scope="col" class="n">Commitments</th>'
        '<th scope="col" class="n">Done</th><th scope="col" class="n">Done share</th><th scope="col">Chart</th>'
        '<th scope="col">Newest progress, on average</th></tr></thead>', "<tbody>", *rows, "</tbody>", "</table>"])


def _tags(report: Report) -> list[str]:
    if not report.tags:
        return _section("What people most often tag", "tags",
                        [f"<p>No tag was used by {report.threshold} or more people.</p>"])
    largest = max(row.count for row in report.tags)
    rows = [f'<tr><th scope="row">{line(row.tag)}</th><td class="n">{row.count:,}</td>'
            f'<td class="n">{row.people:,}</td>{_bar(row.count, largest)}</tr>' for row in report.tags]
    return _section("What people most often tag", "tags", [
        "<table>", "<caption>The tags most often used; the bar shows the commitments</caption>",
        '<thead><tr><th scope="col">Tag</th><th scope="col" class="n">Commitments</th>'
        '<th scope="col" class="n">People</th><th scope="col">Chart</th></tr></thead>',
        "<tbody>", *rows, "</tbody>", "</table>"])


def _about(report: Report) -> list[str]:
    body = [*(f"<p>{escape(s)}</p>" for s in words.suppression(report)),
            *(f"<p>{escape(s)}</p>" for s in words.files(report))]
    if report.files.skipped_reasons:  # no file named: see words.files
        body += ["<ul>", *(f"<li>{line(reason)}</li>" for reason in report.files.skipped_reasons), "</ul>"]
    return _section("What was hidden, and the files read", "about", body)


def render(report: Report) -> str:
    title = line(words.title(report))  # names from an event file or the settings: escaped, on one line
    page = ["<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="referrer" content="no-referrer">', f"<title>{title}</title>",
            f"<style>{STYLE}{TABLE_STYLE}</style>", "</head>", "<body>",
            f"<header><h1>{title}</h1>", f'<p class="who">{escape(words.SUBTITLE)}. {line(words.scope(report))}</p>',
            f'<p class="note">Hidden counts are shown as \u201c{words.HIDDEN}\u201d: see the last section.</p>',
            "</header>", '<main id="main">']
    for part in (_grid, _topics, _statuses, _months, _tags, _about):
        page += part(report)
    page += ["</main>", "<footer><p>Made with myrole collate.</p></footer>", "</body>", "</html>", ""]
    return "\n".join(page)
