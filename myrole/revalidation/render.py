"""Provides drawing a revalidation document as Markdown, a printable web page or a PDF, the person's words inert.

Escaping is the exports' own: markdown.inline/block/heading_text and html.text/line; the PDF is
drawn by export/pdf_sheet.py (imported only when a PDF is made).
"""

from __future__ import annotations

from functools import partial
from html import escape
from typing import TYPE_CHECKING

from myrole.export import html as page
from myrole.export.html_style import STYLE
from myrole.export.markdown import block, heading_text, inline
from myrole.revalidation.document import Part, RevalidationDocument, Section
from myrole.text import one_line

if TYPE_CHECKING:
    from myrole.export.pdf_sheet import Sheet

FORMATS = ("md", "html", "pdf")
BLANK = "_" * 40  # a line to write on
FOOTER = "Made with myrole. Check every part before you use it: you are responsible for what you submit."


def _md_part(part: Part) -> list[str]:
    label = f"**{part.label}**"  # labels and notes are our own words, never the person's
    flag = " (needs your attention)" if part.flagged else ""
    if part.fill_in:  # each further line to write on a paragraph of its own
        return [f"{label}: \\{BLANK}", *(f"\n\\{BLANK}{BLANK}" for _ in range(part.lines - 1)), ""]
    head = f"{label}: {part.note}{flag}" if part.note else f"{label}{flag}"
    if not part.text.strip():
        return [head if part.note else f"{head}: (not written yet)", ""]
    return [head, "", block(part.text), ""]


def _md_section(section: Section) -> list[str]:
    lines = [f"{'#' * section.level} {heading_text(section.heading)}", ""]
    for note in section.notes:
        lines += [note, ""]
    for part in section.parts:
        lines += _md_part(part)
    return lines


def markdown(document: RevalidationDocument) -> str:
    lines = [f"# {document.title}", ""]
    if document.who:
        lines += [", ".join(inline(one_line(t)) for t in document.who), ""]
    lines += [f"- {p.label}: {p.note}" for p in document.facts]
    lines += [f"- Made: {document.made_on}", ""]
    for section in document.sections:
        lines += _md_section(section)
    lines += ["---", "", FOOTER, ""]
    return "\n".join(lines)


def _html_part(part: Part) -> str:
    css = ' class="flagged"' if part.flagged else ""
    if part.fill_in:
        return f'<dt>{escape(part.label)}</dt>' + f'<dd class="fill-in">{BLANK}</dd>' * part.lines
    note = f"{escape(part.note)}{' (needs your attention)' if part.flagged else ''}"
    body = f'<p class="text">{page.text(part.text)}</p>' if part.text.strip() else (
        "" if part.note else "<p>(not written yet)</p>")
    return f"<dt{css}>{escape(part.label)}</dt><dd{css}>{note}{body}</dd>"


def _html_section(section: Section) -> str:
    tag = f"h{section.level}"
    notes = "".join(f"<p>{escape(note)}</p>" for note in section.notes)
    parts = "".join(_html_part(part) for part in section.parts)
    listed = f'<dl class="fields">{parts}</dl>' if parts else ""
    return f"<section><{tag}>{page.line(section.heading)}</{tag}>{notes}{listed}</section>"


EXTRA_STYLE = (".flagged{font-weight:bold}.fill-in{border-bottom:1px solid;min-height:1.6em;color:transparent}"
               "section{break-inside:avoid-page}")


def html(document: RevalidationDocument) -> str:
    title = escape(document.title)
    facts = "".join(f"<dt>{escape(p.label)}</dt><dd>{escape(p.note)}</dd>" for p in document.facts)
    who = f'<p class="who">{", ".join(page.line(t) for t in document.who)}</p>' if document.who else ""
    parts = [
        "<!DOCTYPE html>", f'<html lang="{document.language}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{page.CSP}">',
        '<meta name="referrer" content="no-referrer">', f"<title>{title}</title>",
        f"<style>{STYLE}{EXTRA_STYLE}</style>", "</head>", page.BODY_OPEN,
        "<header>", f"<h1>{title}</h1>", who,
        f'<dl class="fields">{facts}<dt>Made</dt><dd>{escape(document.made_on)}</dd></dl>', "</header>",
        '<main id="main">', *(_html_section(s) for s in document.sections), "</main>",
        f"<footer><p>{escape(FOOTER)}</p></footer>", "</body>", "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def pdf(document: RevalidationDocument) -> bytes:
    """The document on A4: the same title, facts, sections and parts as the Markdown and the web page."""
    from myrole.export.pdf_sheet import Sheet, user_line

    sheet = Sheet(document.title, running_head=user_line(document.who[0]) if document.who else "",
                  language=document.language)
    sheet.heading(document.title, 1, ours=True)
    if document.who:
        sheet.joined_line(document.who, style="B")
        sheet.space()
    for fact in (*document.facts, Part("Made", note=document.made_on)):
        sheet.field(fact.label, fact.note)
    sheet.rule()
    for section in document.sections:
        if any(part.fill_in for part in section.parts):  # a form to fill in by hand: one page, not split
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
    for part in section.parts:
        if part.fill_in:
            sheet.writing_line(part.label, lines=part.lines)
            continue
        flag = " (needs your attention)" if part.flagged else ""
        sheet.line_of(f"{part.label}: {part.note}{flag}" if part.note else f"{part.label}{flag}", style="B")
        if part.text.strip():
            sheet.passage(part.text)
        elif not part.note:
            sheet.line_of("(not written yet)", muted=True)
        sheet.space(1)


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
