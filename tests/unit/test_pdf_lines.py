"""Tests for the PDF's own line breaking (pdf_lines.py): the same lines as fpdf2's multi_cell, and what it leaves to fpdf2."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from types import SimpleNamespace

import fpdf.fonts
import pytest
from fontTools import ttLib
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from myrole.export.pdf_sheet import BODY_SIZE, NEEDS_SHAPING, Sheet

LETTERS = "aeiltmwWM.,-ąłŻé\u00a0"


def _sheet() -> Sheet:
    sheet = Sheet("Lines")
    sheet.set_font("sans", "", BODY_SIZE)
    return sheet


def _fpdf2_lines(sheet: Sheet, text: str, width: float) -> list[str]:
    lines = sheet.multi_cell(width, 5, text, dry_run=True, output="LINES")
    return [line.replace("\u00a0", " ") for line in lines]  # fpdf2 hands back a no-break space as a space


def _our_lines(sheet: Sheet, text: str, width: float) -> list[str]:
    lines = sheet._quick("").lines(text, width - 2 * sheet.c_margin, BODY_SIZE, sheet.k)
    return [line.replace("\u00a0", " ") for line in lines]


words = st.text(alphabet=LETTERS, min_size=0, max_size=14) | st.text(alphabet="x", min_size=40, max_size=160)
texts = st.lists(st.tuples(words, st.sampled_from([" ", " ", "  ", "\n"])), max_size=60).map(
    lambda pairs: "".join(word + gap for word, gap in pairs))


# fpdf2 parses each font file with fontTools for every new sheet: most of the property test's time, with a
# sheet for each example. There each file is parsed once (see font_files_parsed_once).
_parsed_font_file = cache(ttLib.TTFont)


@contextmanager
def font_files_parsed_once() -> Iterator[None]:
    """fpdf2's sheets made inside share each font file's parsed, read-only tables; each sheet is still new (its
    fonts, their widths, subsets and measured words are its own). Only for sheets never written out: fpdf2
    subsets the parsed font in place when it writes one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fpdf.fonts, "ttLib", SimpleNamespace(TTFont=_parsed_font_file))  # fpdf2's only use of ttLib
        yield


@settings(max_examples=150, deadline=None)
@given(text=texts, width=st.sampled_from([25.0, 43.0, 128.0, 174.0]))
def test_lines_break_where_fpdf2_breaks_them(text, width):
    with font_files_parsed_once():
        sheet = _sheet()
    assert _our_lines(sheet, text, width) == _fpdf2_lines(sheet, text, width)


def test_a_long_word_and_trailing_spaces_break_as_fpdf2_breaks_them():
    sheet = _sheet()
    for text in ("x" * 300 + " tail", "word " * 40, "a  " * 60, "ends with a space ", "", "\n", "one\n\ntwo\n"):
        assert _our_lines(sheet, text, 43.0) == _fpdf2_lines(sheet, text, 43.0), text
    text = "x" * 129 + "  a.  \n"  # a space dropped at a line's end before a line break leaves a line of nothing
    assert _our_lines(sheet, text, 25.0) == _fpdf2_lines(sheet, text, 25.0)
    assert _our_lines(sheet, text, 25.0)[-1] == ""


def test_text_needing_shaping_or_special_breaks_is_left_to_fpdf2():
    quick = _sheet()._quick("")
    for text in ("فاطمہ خان", "e\u0301", "soft\u00adhyphen", "thin\u2009space", "tab\there", "日本"):
        assert quick.lines(text, 100, BODY_SIZE, 72 / 25.4) is None, text
    assert quick.lines("Zażółć gęślą jaźń, Ελλάδα, Привет", 100, BODY_SIZE, 72 / 25.4) is not None
    assert not NEEDS_SHAPING.search("Zażółć gęślą jaźń")


def test_quick_lines_read_back_and_every_page_is_numbered():
    sheet = Sheet("Numbered", running_head="Sam Patel")
    for n in range(120):
        sheet.field(f"Label {n}", f"Value number {n} " * 12)
    reader = PdfReader(io.BytesIO(sheet.finished()))
    total = len(reader.pages)
    assert total > 2
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {total}" in text
        if number > 1:
            assert "Sam Patel \u2014 Numbered" in text  # the running head, from the second page
    assert "Value number 119" in reader.pages[-1].extract_text()


def test_a_line_kept_once_drawn_breaks_again_at_another_size_or_width():
    sheet = _sheet()
    quick = sheet._quick("")
    text = "A prompt that comes again and again in a long summary of reflections"
    for width, size in ((128.0, 8.5), (128.0, 18.0), (43.0, 8.5), (128.0, 8.5), (43.0, 18.0)):
        sheet.set_font("sans", "", size)
        expected = _fpdf2_lines(sheet, text, width)
        count, encoded = quick.drawn(text, width - 2 * sheet.c_margin, size, sheet.k)
        lines = quick.lines(text, width - 2 * sheet.c_margin, size, sheet.k)
        assert lines == expected and count == len(expected), (width, size)
        assert encoded == quick.encoded(lines)


def test_the_font_subset_numbers_each_character_by_its_code_point_and_shaped_glyphs_apart():
    sheet = Sheet("Codes")
    shaped = "Ame\u0301lie, n\u0303, office"  # combining marks: shaped by HarfBuzz, fpdf2 picks these glyphs itself
    sheet.passage(shaped)
    sheet.passage("Amélie, office (plain)")  # the quick way: its codes are its text in UTF-16
    subset = sheet.fonts["sans"].subset
    singles = [(glyph, code) for glyph, code in subset.items() if glyph is not None and len(glyph.unicode) == 1]
    assert len(singles) > 10
    for glyph, code in singles:
        if code < 0xE000:  # below the spare codes, a code is the character's own code point
            assert code == glyph.unicode[0], glyph
            assert glyph == subset.get_glyph(unicode=code)  # and its own glyph, not a shaped form of it
    composed = {glyph.unicode: code for glyph, code in subset.items() if glyph is not None and len(glyph.unicode) > 1}
    assert composed[(ord("e"), 0x301)] >= 0xE000  # HarfBuzz's é for e and an accent: a spare code, not é's
    assert composed[tuple(map(ord, "ffi"))] >= 0xE000  # the ffi ligature likewise
    text = PdfReader(io.BytesIO(sheet.finished())).pages[0].extract_text()
    assert "Amélie, office (plain)" in text
    assert "office" in text.replace("Amélie, office (plain)", "")  # the shaped paragraph reads back too


def _line_starts(page, first_word: str) -> list[float]:
    """Where each of a page's lines of text beginning with first_word starts across the page, in points."""
    found: list[float] = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: found.append(round(tm[4], 2))
                      if text.startswith(first_word) else None)
    return found


def test_a_paragraph_broken_over_a_page_goes_on_from_the_same_left_edge():
    sheet = Sheet("Lines")
    sheet.set_y(sheet.page_break_trigger - 12)  # room for two lines at the foot of the first page
    sheet.passage(" ".join(f"word{n}" for n in range(200)))
    first, second = (_line_starts(page, "word") for page in PdfReader(io.BytesIO(sheet.finished())).pages)
    assert len(first) == 2 and second  # the paragraph really runs on to the second page
    assert set(first) == set(second) == {round((sheet.l_margin + sheet.c_margin) * sheet.k, 2)}
