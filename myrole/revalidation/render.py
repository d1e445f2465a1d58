"""Provides drawing a revalidation document as Markdown, a printable web page or a PDF, the person's words inert.

Escaping is the exports' own: markdown.inline/block/heading_text and html.text/line; the PDF is
drawn by export/pdf_sheet.py (imported only when a PDF is made).
"""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from html import escape
from typing import TYPE_CHECKING

from myrole.export import html as page
from myrole.export.html_style import STYLE, running_head_style
from myrole.export.markdown import block, heading_text, inline
from myrole.revalidation.document import Part, RevalidationDocument, Section, Table
from myrole.text import one_line

if TYPE_CHECKING:
    from myrole.export.pdf_sheet import Sheet

FORMATS = ("md", "html", "pdf")
BLANK = "_" * 40  # a line to write on
FOOTER = "Made with myrole. Check every part before you use it: you are responsible for what you submit."
FLAG = "needs your attention"
# A blank line (spaces and tabs allowed on it) ends a paragraph of the person's text.
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _md_part(part: Part) -> list[str]:
    label = f"**{part.label}**"  # labels and notes are our own words, never the person's
    flag = " (needs your attention)" if part.flagged else ""
    if part.fill_in:  # each further line to write on a paragraph of its own
        return [f"{label}: \\{BLANK}", *(f"\n\\{BLANK}{BLANK}" for _ in range(part.lines - 1)), ""]
    head = f"{label}: {part.note}{flag}" if part.note else f"{label}{flag}"
    if not part.text.strip():
        return [head if part.note else f"{head}: (not written yet)", ""]
    return [head, "", block(part.text), ""]


def _md_table(table: Table) -> list[str]:
    """A pipe table, the person's cells on one line and inert (a pipe in them escaped; ours have none); the totals
    in bold."""
    def row(cells: tuple[str, ...], bold: bool = False) -> str:
        shown = (inline(one_line(cell)) if n in table.theirs else cell for n, cell in enumerate(cells))
        return "| " + " | ".join(f"**{cell}**" if bold and cell else cell for cell in shown) + " |"

    rule = "| " + " | ".join("---:" if n >= table.numbers_from else "---" for n in range(len(table.header))) + " |"
    totals = [row(table.totals, bold=True)] if table.totals else []
    return [row(table.header), rule, *(row(cells) for cells in table.rows), *totals, ""]


def _md_section(section: Section) -> list[str]:
    lines = [f"{'#' * section.level} {heading_text(section.heading)}", ""]
    for note in section.notes:
        lines += [note, ""]
    if section.table is not None:
        lines += _md_table(section.table)
    for part in section.parts:
        lines += _md_part(part)
    return lines


def markdown(document: RevalidationDocument) -> str:
    lines = [f"# {document.title}", ""]
    if document.who:
        lines += [", ".join(inline(one_line(t)) for t in document.who), ""]
    if document.about:
        lines += [document.about, ""]
    lines += [f"- {p.label}: {p.note}" for p in document.facts]
    lines += [f"- Made: {document.made_on}", ""]
    for section in document.sections:
        lines += _md_section(section)
    lines += ["---", "", FOOTER, ""]
    return "\n".join(lines)


def paragraphs(text: str) -> str:
    """The person's text as paragraphs (a blank line ends one), each taking its direction from its own first
    letters (dir="auto"): Arabic and Urdu right-aligned, their full stop at the left; inert."""
    found = (chunk.strip("\n") for chunk in PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")))
    return "".join(f'<p class="text" dir="auto">{page.text(chunk)}</p>' for chunk in found if chunk.strip())


def _flag(part: Part) -> str:
    """The flag on a part's label (the person's text itself is never marked)."""
    return f' <span class="flag">({FLAG})</span>' if part.flagged else ""


def _html_part(part: Part) -> str:
    """A labelled part: the label (with any flag) above the note and the person's text; a part with no text of
    theirs on one line ('Date: 1 November 2026')."""
    label = f"<dt>{escape(part.label)}{_flag(part)}</dt>"
    if not part.text.strip():
        said = escape(part.note) if part.note else '<span class="missing">(not written yet)</span>'
        return f'<div class="part short">{label}<dd>{said}</dd></div>'
    note = f'<p class="note">{escape(part.note)}</p>' if part.note else ""
    return f'<div class="part">{label}<dd>{note}{paragraphs(part.text)}</dd></div>'


def _html_form_part(part: Part) -> str:
    """A part of a form to fill in by hand: the label beside its lines to write on (drawn as borders, in ink)."""
    label = f"<dt>{escape(part.label)}{_flag(part)}</dt>"
    if part.fill_in:
        return label + '<dd class="fill-in">' + '<span class="write-line"></span>' * part.lines + "</dd>"
    note = escape(part.note)
    return f"{label}<dd>{note}{paragraphs(part.text)}</dd>"


def _html_table(table: Table) -> str:
    """A table: our header, rows (the person's cells taking their own direction), and the totals."""
    def attributes(n: int, *, ours: bool = False) -> str:
        theirs = ' dir="auto"' if n in table.theirs and not ours else ""
        return theirs + (' class="number"' if n >= table.numbers_from else "")

    def cells(row: tuple[str, ...]) -> str:
        return "".join(f"<td{attributes(n)}>{page.line(cell) if cell else ''}</td>" for n, cell in enumerate(row))

    head = "".join(f'<th scope="col"{attributes(n, ours=True)}>{escape(cell)}</th>'
                   for n, cell in enumerate(table.header))
    body = "".join(f"<tr>{cells(row)}</tr>" for row in table.rows)
    totals = "".join(f'<th scope="row">{escape(cell)}</th>' if n == 0
                     else f"<td{attributes(n, ours=True)}>{escape(cell)}</td>" for n, cell in enumerate(table.totals))
    foot = f"<tfoot><tr>{totals}</tr></tfoot>" if table.totals else ""
    return f'<table class="log"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>'


def _html_section(section: Section) -> str:
    tag = f"h{section.level}"
    notes = "".join(f"<p>{escape(note)}</p>" for note in section.notes)
    table = _html_table(section.table) if section.table is not None else ""
    if section.form:
        parts = "".join(_html_form_part(part) for part in section.parts)
        listed = f'<dl class="fields form">{parts}</dl>'
    else:
        parts = "".join(_html_part(part) for part in section.parts)
        listed = f'<dl class="parts">{parts}</dl>' if parts else ""
    css = ' class="form"' if section.form else ""
    return f"<section{css}><{tag}>{page.line(section.heading)}</{tag}>{notes}{table}{listed}</section>"


# The person's text may be in any script: the fonts myrole's PDFs bundle are named after the usual ones, so a
# computer that has them shows Arabic and Urdu letters (they are not put in the page).
FONTS = ('system-ui, -apple-system, "Segoe UI", Roboto, Arial, "Noto Sans", "Noto Naskh Arabic", '
         '"Noto Nastaliq Urdu", sans-serif')
EXTRA_STYLE = (
    f"body{{font-family:{FONTS}}}"
    ".about{color:var(--muted)}"
    "dl.parts{margin:0.5rem 0}dl.parts dt{font-weight:600;color:var(--muted);margin-top:0.6rem}"
    "dl.parts dd{margin:0}.part.short dt,.part.short dd{display:inline}"
    ".part.short dt::after{content:': '}.note{margin:0.1rem 0}"
    ".flag{color:#8a1c1c;font-weight:700}.missing{color:var(--muted);font-style:italic}"
    ".text{unicode-bidi:plaintext;text-align:start}"
    "dl.form dt{padding-top:0.9em}.fill-in .write-line{display:block;height:2.4em;"
    "border-bottom:1px solid var(--ink)}"
    "table.log{border-collapse:collapse;width:100%;margin:0.5rem 0;font-size:0.95em}"
    "table.log th,table.log td{border-bottom:1px solid var(--line);padding:0.25em 0.4em;text-align:start;"
    "vertical-align:top}table.log .number{text-align:end}table.log td{white-space:nowrap}"
    "table.log td[dir]{white-space:normal}"
    "table.log tfoot th,table.log tfoot td{font-weight:700;text-align:start;border-top:2px solid var(--ink)}"
    "table.log tfoot .number{text-align:end}"
    "@media print{section.form{break-inside:avoid;page-break-inside:avoid}"
    "dl.parts dt{break-after:avoid;page-break-after:avoid}"
    "p.text,dl.parts dd{break-inside:auto;page-break-inside:auto}"
    ".part.short,table.log tr{break-inside:avoid;page-break-inside:avoid}"
    "p.note{break-after:avoid;page-break-after:avoid}}"
)


def running_head(document: RevalidationDocument) -> str:
    """Whose document and which, at the top of every printed page: 'Sam Patel — HCPC CPD profile'."""
    name = one_line(document.name) if document.name.strip() else ""
    return running_head_style(f"{name} — {document.title}" if name else document.title)


def html(document: RevalidationDocument) -> str:
    title = escape(document.title)
    facts = "".join(f"<dt>{escape(p.label)}</dt><dd>{escape(p.note)}</dd>" for p in document.facts)
    who = (f'<p class="who">{", ".join(f"<bdi>{page.line(t)}</bdi>" for t in document.who)}</p>'
           if document.who else "")
    about = f'<p class="about">{escape(document.about)}</p>' if document.about else ""
    parts = [
        "<!DOCTYPE html>", f'<html lang="{document.language}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{page.CSP}">',
        '<meta name="referrer" content="no-referrer">', f"<title>{title}</title>",
        f"<style>{STYLE}{EXTRA_STYLE}{running_head(document)}</style>", "</head>", page.BODY_OPEN,
        "<header>", f"<h1>{title}</h1>", who, about,
        f'<dl class="fields">{facts}<dt>Made</dt><dd>{escape(document.made_on)}</dd></dl>', "</header>",
        '<main id="main">', *(_html_section(s) for s in document.sections), "</main>",
        f"<footer><p>{escape(FOOTER)}</p></footer>", "</body>", "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def pdf(document: RevalidationDocument) -> bytes:
    """The document on A4: the same title, facts, sections and parts as the Markdown and the web page."""
    from myrole.export.pdf_sheet import Sheet, user_line

    sheet = Sheet(document.title, running_head=user_line(document.name) if document.name.strip() else "",
                  language=document.language)
    sheet.heading(document.title, 1, ours=True)
    if document.who:
        sheet.joined_line(document.who, style="B")
        sheet.space()
    if document.about:
        sheet.line_of(document.about, muted=True)
        sheet.space()
    for fact in (*document.facts, Part("Made", note=document.made_on)):
        sheet.field(fact.label, fact.note)
    sheet.rule()
    for section in document.sections:
        if section.form:  # a form to fill in by hand: one page, not split
            sheet.together(partial(_pdf_section, section=section))
        else:
            _pdf_section(sheet, section)
    sheet.space(4)
    sheet.rule()
    sheet.line_of(FOOTER, muted=True, size=8.5)
    return sheet.finished()


def _pdf_section(sheet: Sheet, section: Section) -> None:
    """A section's heading, notes and parts, drawn on the sheet."""
    sheet.heading(section.heading, section.level)
    for note in section.notes:
        sheet.line_of(note)
        sheet.space(1)
    if section.table is not None:
        _pdf_table(sheet, section.table)
    for part in section.parts:
        if part.fill_in:
            sheet.writing_line(part.label, lines=part.lines)
            continue
        _keep_together(sheet, part)
        flag = f" ({FLAG})" if part.flagged else ""
        sheet.line_of(f"{part.label}: {part.note}{flag}" if part.note else f"{part.label}{flag}", style="B")
        if part.text.strip():
            sheet.passage(part.text)
        elif not part.note:
            sheet.line_of("(not written yet)", muted=True)
        sheet.space(1)


# A part's text of at most this many lines is kept on one page with its label; a longer one may break, after its
# label and the first lines of it.
KEPT_LINES = 8


def _keep_together(sheet: Sheet, part: Part) -> None:
    """Start a new page unless the part's label and its text (when short; else its first lines) fit on this one,
    so a CPD entry's date and title, or a label and its text, are not split by a page break."""
    from myrole.export.pdf_sheet import BODY_SIZE, LEADING, right_to_left, user_text

    line = BODY_SIZE * LEADING / sheet.k
    height = line  # the label
    if part.text.strip():
        text = user_text(part.text)
        measured = sheet._measure(text, "", BODY_SIZE, 0, rtl=right_to_left(text))  # as passage() will lay it out
        height += min(measured.line_count, KEPT_LINES) * measured.line_height if measured.line_count <= KEPT_LINES \
            else 2 * measured.line_height
    sheet.room_for(height)


def _pdf_table(sheet: Sheet, table: Table) -> None:
    """The table on the sheet, the person's cells inert on one line; the totals as its last row."""
    from myrole.export.pdf_sheet import user_line

    rows = [[user_line(cell) if n in table.theirs else cell for n, cell in enumerate(row)] for row in table.rows]
    count = len(table.rows)
    sheet.data_table(f"{count} {'activity' if count == 1 else 'activities'}, oldest first", list(table.header),
                     [*rows, *([list(table.totals)] if table.totals else [])], numbers_from=table.numbers_from)


def default_file_name(which: str, fmt: str, today: date) -> str:
    """Where the app and plain mode suggest writing a document: a file in the home folder, e.g.
    ~/myrole-nmc-revalidation-2026-11-26.html (which: 'nmc' or 'hcpc')."""
    return f"~/myrole-{which}-revalidation-{today.isoformat()}.{fmt}"


def render(document: RevalidationDocument, fmt: str) -> str:
    """The document as Markdown or a web page (a PDF is bytes: see pdf())."""
    if fmt == "md":
        return markdown(document)
    if fmt == "html":
        return html(document)
    raise ValueError(f"myrole cannot write a revalidation document as {fmt} text; choose md or html.")


def render_bytes(document: RevalidationDocument, fmt: str) -> bytes:
    """The document in any of FORMATS, ready to write."""
    return pdf(document) if fmt == "pdf" else render(document, fmt).encode("utf-8")
