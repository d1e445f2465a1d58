"""Tests for the revalidation PDF's layout: the discussion form on one page, room to write, and the person's details line."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

from pypdf import PdfReader
from pypdf.generic import ContentStream

from myrole.export.pdf_sheet import Sheet
from myrole.revalidation import nmc
from myrole.revalidation.document import Part, RevalidationDocument, Section
from myrole.revalidation.render import pdf

URDU_NAME = "عائشہ خان"  # Aisha Khan, in Urdu
LEFT_EDGE = 53.86  # points: where a line of text starts at the left margin (18 mm and the cell's 1 mm)


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _texts(data: bytes, page: int) -> list[tuple[str, float, float]]:
    """Each piece of text on a page, in the order drawn, with where it starts (x, y in points)."""
    pieces: list[tuple[str, float, float]] = []
    PdfReader(io.BytesIO(data)).pages[page].extract_text(
        visitor_text=lambda text, cm, tm, font, size: pieces.append((text.strip(), round(tm[4], 2), tm[5]))
        if text.strip() else None)
    return pieces


def _lines_drawn(data: bytes, page: int) -> list[tuple[float, float]]:
    """The start (x, y in points) of each straight line drawn on a page."""
    reader = PdfReader(io.BytesIO(data))
    operations = ContentStream(reader.pages[page].get_contents(), reader).operations
    return [(float(operands[0]), float(operands[1])) for operands, operator in operations if operator == b"m"]


def _form_near_the_foot(db) -> RevalidationDocument:
    """The NMC document with its discussion form after enough text to leave only a third of the page for it."""
    document = nmc.build(db, date(2026, 11, 30))
    filler = Section("Notes", (Part("Filler", text="A line of notes.\n" * 26),))
    return replace(document, sections=(filler, document.sections[-1]))


def test_the_discussion_form_is_kept_on_one_page(db):
    pages = _pages(pdf(_form_near_the_foot(db)))
    form = [text for text in pages if "Reflective discussion form" in text]
    assert len(pages) == 2 and len(form) == 1
    assert "Their signature" in form[0] and "Their name" in form[0]
    assert "A line of notes" in pages[0]  # the notes stay on the first page: only the form moved


def test_the_summary_of_the_discussion_has_several_lines_to_write_on(db):
    data = pdf(_form_near_the_foot(db))
    heights = {text: y for text, _, y in _texts(data, 1)}
    top, bottom = heights["A short summary of the discussion"], heights["Your signature"]
    assert len([y for _, y in _lines_drawn(data, 1) if bottom < y < top]) >= 4


def test_a_long_write_in_label_ends_before_its_line_begins():
    sheet = Sheet("Form")
    label = "Their NMC PIN (or other registration number)"
    sheet.writing_line(label)
    label_end = (sheet.l_margin + sheet.c_margin + sheet.get_string_width(label)) * sheet.k  # still in the label's font
    data = sheet.finished()
    line_x = min(x for x, _ in _lines_drawn(data, 0))
    assert line_x > label_end


def test_a_label_too_long_to_write_beside_has_its_line_below_it():
    sheet = Sheet("Form")
    sheet.writing_line("A label far too long to leave room beside it " * 2)
    data = sheet.finished()
    [(line_x, line_y)] = _lines_drawn(data, 0)
    label_y = _texts(data, 0)[0][2]  # its baseline
    assert line_x == round(sheet.l_margin * sheet.k, 2) and label_y - line_y > 5 * sheet.k  # a row below, not beside


def test_a_details_line_with_an_arabic_script_name_reads_left_to_right():
    document = RevalidationDocument("Title", (URDU_NAME, "Staff nurse (Łódź rotation)", "Leeds Teaching Hospitals"),
                                    (), (Section("Notes", (Part("In Urdu", text="میں نے بات کی"),)),), "1 May 2026")
    pieces = _texts(pdf(document), 0)
    _, details_x, _ = pieces[1]  # the first piece of the line under the title
    assert details_x == LEFT_EDGE and "Staff" not in pieces[1][0]  # from the left margin, the name first, as on the web page
    after_label = [text for text, _, _ in pieces].index("In Urdu") + 1
    assert pieces[after_label][1] > 300  # a paragraph wholly in Urdu is still right-aligned
