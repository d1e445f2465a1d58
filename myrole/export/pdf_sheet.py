"""Provides an A4 sheet for every PDF myrole makes: bundled fonts, shaped text in any script, page numbers, and inert user text.

Imported only when a PDF is made (fpdf2 and its fonts take a moment to load): `myrole due` and the
app's start-up never import it. The summaries (pdf.py), the revalidation documents and the
collation report all draw with the same few calls: heading, line, text, field, rule.

The person's words are never read as markup: fpdf2 is only given plain text (no markdown=True, no
write_html), made inert first as the other exports do (control and bidi-override characters shown
as visible escapes).
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import cast
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import PDFResourceType, XPos, YPos
from fpdf.fonts import FontFace, TTFFont
from fpdf.syntax import PDFContentStream

from myrole.export.pdf_lines import FontWidths, number_by_code_point
from myrole.export.pdf_output import QuickOutput
from myrole.text import inert, one_line

FONTS = Path(__file__).resolve().parent / "fonts"
SANS, NASKH, NASTALIQ = "sans", "naskh", "nastaliq"
FONT_FILES = {
    (SANS, ""): "NotoSans-Regular.ttf", (SANS, "B"): "NotoSans-Bold.ttf",
    (NASKH, ""): "NotoNaskhArabic-Regular.ttf", (NASKH, "B"): "NotoNaskhArabic-Bold.ttf",
    (NASTALIQ, ""): "NotoNastaliqUrdu-Regular.ttf",
}
# Arabic script (Arabic, Urdu, Persian ...): the blocks and presentation forms.
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
# Letters Urdu uses and Arabic does not (ٹ ڈ ڑ ں ھ ہ ۃ ے ۓ): such text is set in Nastaliq, as Urdu is read.
URDU_LETTERS = re.compile("[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06c3\u06d2\u06d3]")
# Only these need HarfBuzz: joining scripts, combining marks, and anything outside Latin, Greek and
# Cyrillic. Plain text is measured without it, which is several times quicker on a long summary.
NEEDS_SHAPING = re.compile("[^\u0000-\u02ff\u0370-\u052f\u1e00-\u1fff\u2000-\u206f\u20a0-\u20cf\u2100-\u218f]")

INK, MUTED, ACCENT, LINE = (27, 27, 27), (69, 69, 69), (11, 61, 107), (184, 184, 184)
BODY_SIZE, SMALL_SIZE = 10, 8.5
HEADING_SIZES = {1: 18, 2: 14, 3: 12, 4: 10.5}
LABEL_WIDTH = 46  # mm: the label column of a field
WRITING_ROW, WRITING_GAP = 11, 9  # mm: a write-in label's row (its line 8 mm down), and between further lines
SHORTEST_WRITING_LINE = 60  # mm: a write-in line any shorter goes below its label instead
LEADING = 1.45  # line height as a multiple of the font size
QUESTION_SIZE = HEADING_SIZES[4]  # a question in a reflection (see Sheet.answer)
QUESTION_LINE_PT, BODY_LINE_PT = QUESTION_SIZE * LEADING, BODY_SIZE * LEADING  # their line heights, in points
ABOVE_HEADING = 0.3  # mm of space above a heading, for each point of its size (none above the title)
BELOW_HEADING, BELOW_PASSAGE = 0.8, 1.5  # mm of space after a heading (not a level-2 one) and after a passage
BASELINE = 0.3  # a line's baseline sits this much of the font size below the middle of its line, as in fpdf2's cells
URDU_LEADING = 2.3  # Nastaliq's tall letters need more room between lines
CONTENT_COMPRESSION = 3  # zlib level for page content (see quicker_compression)


def right_to_left(text: str) -> bool:
    """Whether a paragraph reads right to left: its first strongly directional letter is Arabic or Hebrew."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def heading_room(level: int) -> float:
    """The room (mm) a heading needs left on the page: two lines of it, and a little of what follows."""
    return HEADING_SIZES[level] * 0.35 * LEADING * 2 + 14


@cache
def fill_colour(colour: tuple[int, int, int]) -> str:
    """The PDF operator that sets the colour text is drawn in."""
    return " ".join(f"{part / 255:.4f}" for part in colour) + " rg"


@dataclass
class Paragraph:
    """A paragraph measured for drawing: its lines when we break them ourselves, or None when fpdf2 lays it out."""

    text: str
    style: str
    size: float
    width: float  # mm, the column (0: to the right margin)
    line_height: float
    lines: list[str] | None
    line_count: int  # exact for our own lines, estimated for fpdf2's
    rtl: bool = False  # laid out right to left (and right-aligned)

    @property
    def height(self) -> float:
        return self.line_count * self.line_height


class Sheet(FPDF):
    """An A4 document with our fonts, a running header, page numbers and a few drawing calls."""

    def __init__(self, title: str, *, running_head: str = "", language: str = "en-GB") -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_margins(18, 20, 18)
        self.set_auto_page_break(True, margin=18)
        self.running_head = user_line(running_head) if running_head else ""
        self.document_title = user_line(title)  # our own titles, but a title may one day name something typed
        self.arabic_loaded = False
        self.quick_fonts: dict[str, FontWidths] = {}  # Noto Sans by style, for text that needs no shaping
        self.fonts_listed: set[tuple[int, int]] = set()  # (font, page): listed among the page's resources
        self.head_drawn: bytes | None = None  # the running head's operators, the same on every page
        self.head_shaped = ""  # the running head, when it needs shaping (fpdf2 draws it on each page)
        self.openings: dict[tuple[int, float, float, tuple[int, int, int]], bytes] = {}  # see _opening
        self.answer_openings: dict[tuple[str, str, float], tuple[int, int, bytes]] = {}  # see _question_and_note
        self.set_title(self.document_title)
        self.set_lang(language)
        self.set_creator("myrole")
        self.set_display_mode(zoom="fullwidth")
        # One /Resources dictionary shared by every page (our fonts), not one per page: a 3,700-page
        # summary is 3,700 fewer objects for fpdf2 to write (docs/performance.md).
        self.single_resources_object = True
        for (family, style), name in FONT_FILES.items():
            if family == SANS:
                self.add_font(family, style, str(FONTS / name))
                number_by_code_point(cast(TTFFont, self.fonts[family + style]))  # for FontWidths.encoded
        self.set_text_color(*INK)
        self.add_page()

    # -- pages ------------------------------------------------------------------------------------

    def header(self) -> None:
        """From the second page: who it is about (never in an alliance export) and the title, small and grey."""
        if self.page == 1:
            return
        quick = self.quick_fonts.get("") or self._quick("")
        if self.head_drawn is None:  # the same on every page: worked out once
            self.head_drawn = self._head_operators(quick)
        if self.head_shaped:  # an Arabic-script name: fpdf2 shapes and draws it, page by page
            head = self.head_shaped
            self.set_y(10)
            self._for(head, "", SMALL_SIZE, rtl=False)  # our own line of a name and a title: left to right
            self.set_text_color(*MUTED)
            self.cell(0, 5, head, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(*INK)
        self._put(self.head_drawn, quick)
        self.set_y(self.t_margin)

    def _head_operators(self, quick: FontWidths) -> bytes:
        """The running head's text (unless it needs shaping: then head_shaped holds it) and the rule under it."""
        head = " \u2014 ".join(part for part in (self.running_head, self.document_title) if part)
        quick_head = quick.line(head)
        operators = b""
        if quick_head is None:
            self.head_shaped = head
        else:
            operators = self._operators(self._opening(quick, SMALL_SIZE, 5, MUTED), quick.encoded(quick_head),
                                        self.l_margin + self.c_margin, 10, 5, SMALL_SIZE)
        rule = " ".join(f"{part / 255:.4f}" for part in LINE)
        return operators + (f"q {rule} RG {self.l_margin * self.k:.2f} {(self.h - 15.5) * self.k:.2f} m "
                            f"{(self.w - self.r_margin) * self.k:.2f} {(self.h - 15.5) * self.k:.2f} l S Q\n"
                            ).encode("latin-1")

    def footer(self) -> None:
        """Nothing while pages are made: page numbers are drawn when the document is finished (see _page_numbers)."""

    def _page_numbers(self) -> None:
        """'Page 3 of 40' at the foot of every page, centred: drawn at the end, when the number of pages is known."""
        last, total = self.page, self.pages_count
        widths = self._quick("")
        for number in range(1, total + 1):
            words = f"Page {number} of {total}"
            self.page = number
            self.y = self.h - 12
            self._draw_lines([words], self.w / 2 - widths.width(words, SMALL_SIZE, self.k) / 2 + (self.l_margin - self.r_margin) / 2,
                             5, "", SMALL_SIZE, MUTED, breaks=False)
        self.page = last

    # -- fonts ------------------------------------------------------------------------------------

    def _load_arabic(self) -> None:
        """The Arabic-script fonts, added only for a document that needs them (each takes time to read)."""
        if self.arabic_loaded:
            return
        for (family, style), name in FONT_FILES.items():
            if family != SANS:
                self.add_font(family, style, str(FONTS / name))
        self.arabic_loaded = True

    def _font(self, family: str, style: str, size: float) -> None:
        """Set the font fpdf2 draws its next text in."""
        if family == NASTALIQ:
            style = ""  # Nastaliq comes in one weight
        self.set_font(family, style, size)
        # fpdf2 skips the font operator when it thinks the font is still set, but it may have set it inside a
        # q ... Q (a line that mixes fonts), as our own text objects do: then the next text would have no font.
        self.current_font_is_set_on_page = False

    def _quick(self, style: str) -> FontWidths:
        """Noto Sans in this style, measured for text that needs no shaping (see pdf_lines.py)."""
        widths = self.quick_fonts.get(style)
        if widths is None:
            font = cast(TTFFont, self.fonts[SANS + style])  # added from our own .ttf files, never a core font
            widths = self.quick_fonts[style] = FontWidths(font, NEEDS_SHAPING)
        return widths

    def _shaped(self, text: str, *, rtl: bool) -> None:
        """Turn HarfBuzz on only for text that needs it (see NEEDS_SHAPING), laying the paragraph out in this direction."""
        self.set_text_shaping(bool(NEEDS_SHAPING.search(text)), direction="rtl" if rtl else "ltr")

    def _for(self, text: str, style: str, size: float, *, rtl: bool) -> float:
        """Choose the font for a paragraph (Arabic-script ones lead text that reads right to left, with Noto
        Sans after them for Latin letters and digits) and return its line height."""
        leading = LEADING
        if ARABIC_SCRIPT.search(text):
            self._load_arabic()
            urdu = bool(URDU_LETTERS.search(text))
            arabic_family = NASTALIQ if urdu else NASKH
            if rtl:
                self._font(arabic_family, style, size)
                self.set_fallback_fonts([SANS, NASKH], exact_match=False)
            else:
                self._font(SANS, style, size)
                self.set_fallback_fonts([arabic_family, NASKH], exact_match=False)
            leading = URDU_LEADING if urdu else 1.8
        else:
            self._font(SANS, style, size)
            if self.arabic_loaded:
                self.set_fallback_fonts([NASKH], exact_match=False)
        self._shaped(text, rtl=rtl)
        return size * leading / self.k

    # -- drawing ----------------------------------------------------------------------------------

    def _measure(self, text: str, style: str, size: float, width: float, *, rtl: bool) -> Paragraph:
        """A paragraph's lines in a column `width` mm wide (0: from here to the right margin), laid out right to
        left when rtl is true.

        Text Noto Sans draws without shaping is broken here, whole words at a time; anything else is
        left to fpdf2 (Arabic script, combining marks, scripts beyond Latin, Greek and Cyrillic),
        with its number of lines estimated.
        """
        column = width or self.w - self.r_margin - self.x
        lines = self._quick(style).lines(text, column - 2 * self.c_margin, size, self.k)
        if lines is not None:
            return Paragraph(text, style, size, width, size * LEADING / self.k, lines, len(lines))
        line_height = self._for(text, style, size, rtl=rtl)
        return Paragraph(text, style, size, width, line_height, None, self._estimate(text, column), rtl)

    def _draw(self, paragraph: Paragraph, x: float, colour: tuple[int, int, int]) -> None:
        """Draw a measured paragraph from x and the current height down, left-aligned, or right-aligned when it reads
        right to left; the next thing starts at the left margin below it."""
        if paragraph.lines is not None:
            self._draw_lines(paragraph.lines, x + self.c_margin, paragraph.line_height, paragraph.style,
                             paragraph.size, colour)
            self.x = self.l_margin
            return
        text = paragraph.text
        self._for(text, paragraph.style, paragraph.size, rtl=paragraph.rtl)
        self.set_text_color(*colour)
        self.x = x
        self.multi_cell(paragraph.width, paragraph.line_height, text, align="R" if paragraph.rtl else "L",
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)

    def _draw_lines(self, lines: list[str], x: float, line_height: float, style: str, size: float,
                    colour: tuple[int, int, int], *, breaks: bool = True) -> None:
        """Lines of text that needs no shaping, each at x, one below another, onto a new page when one is full."""
        quick = self.quick_fonts.get(style) or self._quick(style)
        opening = self._opening(quick, size, line_height, colour)
        count = len(lines)
        if not breaks or not self.auto_page_break or self.y + line_height * count <= self.page_break_trigger + 1e-9:
            self._text_object(opening, quick.encoded(lines), quick, x, line_height, size)
            self.y += line_height * count
            return
        start = 0
        while start < count:
            room = int((self.page_break_trigger - self.y) / line_height + 1e-9)  # lines above the foot of the page
            if room < 1:
                # fpdf2's _perform_page_break without leaving a local_context (we never draw inside one) and
                # without copying the graphics state around the header (ours puts back what it changes)
                # (self.x is put back as fpdf2 puts it back; x, where these lines start, is kept)
                here = self.x
                self.add_page(same=True)
                self.x = here
                room = int((self.page_break_trigger - self.y) / line_height + 1e-9)
            fits = max(1, min(count - start, room))
            self._text_object(opening, quick.encoded(lines[start:start + fits]), quick, x, line_height, size)
            self.y += line_height * fits
            start += fits

    def _opening(self, quick: FontWidths, size: float, line_height: float, colour: tuple[int, int, int]) -> bytes:
        """The operators that begin a text object in this font, size, leading and colour (worked out once each)."""
        key = (quick.font.i, size, line_height, colour)
        opening = self.openings.get(key)
        if opening is None:
            opening = self.openings[key] = (f"q {fill_colour(colour)} BT /F{quick.font.i} {size:.2f} Tf "
                                            f"{line_height * self.k:.3f} TL ").encode("latin-1")
        return opening

    def _text_object(self, opening: bytes, encoded: bytes, quick: FontWidths, x: float, line_height: float,
                     size: float) -> None:
        """Write a text object for encoded lines (FontWidths.encoded), the first line starting at the current height."""
        self._put(self._operators(opening, encoded, x, self.y, line_height, size), quick)

    def _operators(self, opening: bytes, encoded: bytes, x: float, y: float, line_height: float, size: float) -> bytes:
        """PDF text operators for encoded lines of text that needs no shaping, the first one's line starting y mm down.

        Placed as fpdf2's cells place them (a line's baseline 0.3 of the font size below the middle of its
        line); the ' operator moves down one line, then shows a line.
        """
        k = self.k
        above_first = (self.h - y - 0.5 * line_height - BASELINE * size / k + line_height) * k
        return b"%s%.2f %.2f Td\n%s\nET Q\n" % (opening, x * k, above_first, encoded)

    def _list_font(self, quick: FontWidths) -> None:
        """List the font among this page's resources (once a page)."""
        if quick.listed_on != self.page:
            self._resource_catalog.add(PDFResourceType.FONT, quick.font.i, self.page)
            quick.listed_on = self.page

    def _put(self, operators: bytes, quick: FontWidths) -> None:
        """Add operators (ending in a line break) to this page's content and list the font among the page's resources.

        They go straight into the page's content, as fpdf2's own _out puts its operators there (without
        its checks on each call: the page is open here).
        """
        contents = self.pages[self.page].contents
        if isinstance(contents, bytearray):
            contents += operators
        else:
            self._out(operators[:-1].decode("latin-1"))
        self._list_font(quick)

    def _write(self, text: str, *, style: str = "", size: float = BODY_SIZE, colour: tuple[int, int, int] = INK,
               composed: bool = False) -> None:
        """One paragraph (line breaks kept) of plain text across the page, right-aligned when it reads right to left
        (never when composed: a line we made of several parts reads left to right, as we wrote it)."""
        quick = self.quick_fonts.get(style) or self._quick(style)
        room = self.w - self.r_margin - self.x - 2 * self.c_margin
        drawn = quick.drawn(text, room, size, self.k)
        if drawn is None:
            rtl = not composed and right_to_left(text)
            self._draw(self._measure(text, style, size, 0, rtl=rtl), self.x, colour)
            return
        count, encoded = drawn
        k, y = self.k, self.y
        line_height = size * LEADING / k
        if y + line_height * count <= self.page_break_trigger + 1e-9:  # most paragraphs: all on this page
            # As _text_object draws them, in one step: this is done for each of a long summary's paragraphs.
            opening = self.openings.get((quick.font.i, size, line_height, colour)) \
                or self._opening(quick, size, line_height, colour)
            page = self.page
            contents = self.pages[page].contents
            operators = b"%s%.2f %.2f Td\n%s\nET Q\n" % (opening, (self.x + self.c_margin) * k,
                                                        (self.h - y - 0.5 * line_height - BASELINE * size / k + line_height) * k, encoded)
            if isinstance(contents, bytearray) and quick.listed_on == page:
                contents += operators
            else:
                self._put(operators, quick)
            self.y = y + line_height * count
        else:
            self._draw_lines(cast("list[str]", quick.lines(text, room, size, self.k)), self.x + self.c_margin,
                             line_height, style, size, colour)
        self.x = self.l_margin

    def room_for(self, height: float) -> None:
        """Start a new page unless `height` mm fit on this one (so a heading is not left alone at a page's foot)."""
        if self.y + height > self.page_break_trigger:
            self.add_page()

    def _down(self, mm: float) -> None:
        """Move down mm and back to the left margin: fpdf2's ln(mm), without its check that a page is open
        (one always is: the sheet begins with one), as this is done after every paragraph."""
        self.x = self.l_margin
        self.y += mm

    def heading(self, text: str, level: int, *, ours: bool = False) -> None:
        """A heading, also listed in the PDF's outline (bookmarks, and a tagged title where fpdf2 makes one)."""
        shown = text if ours else user_line(text)
        self.room_for(heading_room(level))
        self._down(HEADING_SIZES[level] * ABOVE_HEADING if level > 1 else 0)
        if level <= 3:
            self.start_section(shown[:200], level=level - 1, strict=False)
        self._write(shown, style="B", size=HEADING_SIZES[level], colour=ACCENT if level < 4 else INK)
        if level == 2:
            self.set_draw_color(*ACCENT)
            self.line(self.l_margin, self.get_y() + 0.5, self.w - self.r_margin, self.get_y() + 0.5)
            self._down(2)
        else:
            self._down(BELOW_HEADING)

    def line_of(self, text: str, *, ours: bool = True, style: str = "", muted: bool = False,
                size: float = BODY_SIZE) -> None:
        """One line of text (ours, or the person's shown inert on one line)."""
        self._write(text if ours else user_line(text), style=style, size=size, colour=MUTED if muted else INK)

    def joined_line(self, parts: Sequence[str], *, style: str = "") -> None:
        """The person's words (a name, a role, a place) on one line, each inert, joined by commas.

        Laid out left to right whatever the parts' scripts, as the web page shows it: an Arabic-script name
        stays a right-to-left run within the line.
        """
        self._write(", ".join(user_line(part) for part in parts), style=style, composed=True)

    def passage(self, text: str, *, muted: bool = False) -> None:
        """The person's text, line breaks kept, inert."""
        self._write(user_text(text), colour=MUTED if muted else INK)
        self._down(BELOW_PASSAGE)

    def answer(self, question: str, note: str, text: str) -> None:
        """A question (a level-4 heading), a muted note on it (none when empty) and the person's answer under them,
        as heading(), line_of() and passage() draw them one after another.

        A long summary holds tens of thousands of answers: when all three need no shaping and fit on this page,
        they are one text object, the question and note written once for every answer to the same question
        (docs/performance.md, "Answers in one text object"); anything else takes the three calls.
        """
        question = user_line(question)
        if not self._answer_in_one(question, note, text):
            self.heading(question, 4, ours=True)
            if note:
                self.line_of(note, muted=True)
            self.passage(text)

    def _answer_in_one(self, question: str, note: str, text: str) -> bool:
        """Draw answer()'s three parts as one text object, exactly where the three calls would put them; False when
        one needs shaping or they would not all fit on the page (nothing drawn then, beyond the new page heading()
        would have started too)."""
        self.room_for(heading_room(4))  # as heading() does first
        room = self.w - self.r_margin - self.l_margin - 2 * self.c_margin
        asked = self._question_and_note(question, note, room)
        answered = self._quick("").drawn(user_text(text), room, BODY_SIZE, self.k)
        if asked is None or answered is None:
            return False
        question_lines, note_lines, middle = asked
        top = self.y + QUESTION_SIZE * ABOVE_HEADING
        bottom = top + question_lines * QUESTION_LINE_PT / self.k + BELOW_HEADING + (note_lines + answered[0]) * BODY_LINE_PT / self.k
        if bottom > self.page_break_trigger + 1e-9:
            return False
        bold, regular = self.quick_fonts["B"], self.quick_fonts[""]
        opening = self._opening(bold, QUESTION_SIZE, QUESTION_LINE_PT / self.k, INK)
        self._put(self._operators(opening, middle + answered[1], self.l_margin + self.c_margin, top,
                                  QUESTION_LINE_PT / self.k, QUESTION_SIZE), bold)
        self._list_font(regular)
        self.y = bottom + BELOW_PASSAGE
        self.x = self.l_margin
        return True

    def _question_and_note(self, question: str, note: str, room: float) -> tuple[int, int, bytes] | None:
        """The lines of the question and of the note, and the operators that draw them and set the answer's font and
        colour (worked out once for each question and note); None when either needs shaping.

        Within the text object the note starts at a fixed offset below the question's last line, whatever the
        number of lines: the gap below a heading, and the difference in where the two sizes sit in their lines.
        The answer follows the note's last line directly, as passage() follows line_of().
        """
        key = (question, note, room)
        known = self.answer_openings.get(key)
        if known is not None:
            return known
        bold, regular = self._quick("B"), self._quick("")
        asked = bold.drawn(question, room, QUESTION_SIZE, self.k)
        said = regular.drawn(note, room, BODY_SIZE, self.k) if note else (0, b"")
        if asked is None or said is None:
            return None
        k = self.k
        below = k * (-BELOW_HEADING + 0.5 * (BODY_LINE_PT - QUESTION_LINE_PT) / k) + BASELINE * (QUESTION_SIZE - BODY_SIZE)
        switch = (f"/F{regular.font.i} {BODY_SIZE:.2f} Tf {BODY_LINE_PT:.3f} TL 0 {below:.2f} Td\n").encode("latin-1")
        muted, ink = (f"{fill_colour(colour)}\n".encode("latin-1") for colour in (MUTED, INK))
        middle = asked[1] + b"\n" + (muted + switch + said[1] + b"\n" + ink if note else ink + switch)
        known = self.answer_openings[key] = (asked[0], said[0], middle)
        return known

    def field(self, label: str, value: str) -> None:
        """Our label in the left column, the value (already inert where it is the person's) beside it.

        A value that fits on one page is kept on one page with its label.
        """
        label_part = self._measure(label, "B", BODY_SIZE, LABEL_WIDTH - 3, rtl=right_to_left(label))
        value_part = self._measure(value, "", BODY_SIZE, self.epw - LABEL_WIDTH, rtl=right_to_left(value))
        needed = max(value_part.height, label_part.height)
        if needed < self.page_break_trigger - self.t_margin:
            self.room_for(needed)
        top, page = self.get_y(), self.page
        self._draw(label_part, self.l_margin, MUTED)
        below_label = self.get_y()
        self.page = page
        self.set_xy(self.l_margin + LABEL_WIDTH, top)
        self._draw(value_part, self.l_margin + LABEL_WIDTH, INK)
        if self.page == page:
            self.set_y(max(self.get_y(), below_label))
        self._down(0.6)

    def _estimate(self, text: str, width: float) -> int:
        """About how many lines text takes in a column of this width, in the current font: enough to keep a
        field on one page, at a fraction of the cost of laying it out twice (fpdf2's line breaking is slow)."""
        usable = width - 2 * self.c_margin
        return sum(max(1, math.ceil(self.get_string_width(part) * 1.08 / usable)) for part in text.split("\n"))

    def data_table(self, caption: str, header: list[str], rows: list[list[str]], *, numbers_from: int = 1) -> None:
        """A table with a header row repeated on each page; columns from `numbers_from` on are numbers (right-aligned).

        Every cell is plain text (fpdf2's table is given no markdown), the person's words already inert.
        """
        self.line_of(caption, muted=True, size=SMALL_SIZE)
        if any(ARABIC_SCRIPT.search(cell) for row in rows for cell in row):
            self._load_arabic()
        if self.arabic_loaded:
            self.set_fallback_fonts([NASKH], exact_match=False)
        self._font(SANS, "", 9)
        self.set_text_shaping(any(NEEDS_SHAPING.search(cell) for row in rows for cell in row))
        align = ["LEFT"] + ["RIGHT" if i >= numbers_from else "LEFT" for i in range(1, len(header))]
        with super().table(text_align=align, line_height=9 * LEADING / self.k, padding=1, col_widths=(2, *[1] * (len(header) - 1)),
                           borders_layout="SINGLE_TOP_LINE", headings_style=FontFace(emphasis="BOLD", color=ACCENT),
                           first_row_as_headings=True,
                           repeat_headings=1) as grid:
            for values in [header, *rows]:
                grid.row(values)
        self.ln(3)

    def space(self, mm: float = 2) -> None:
        self._down(mm)

    def rule(self) -> None:
        self.set_draw_color(*LINE)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(3)

    def writing_line(self, label: str, *, lines: int = 1) -> None:
        """A label and a line to write on by hand beside it (after it, when it is long; below it, when it is very
        long), with more lines below for a longer answer."""
        self.room_for(WRITING_ROW + lines * WRITING_GAP)
        self._font(SANS, "B", BODY_SIZE)
        self._shaped(label, rtl=False)
        start = self.l_margin + max(LABEL_WIDTH, self.get_string_width(label) + 2 * self.c_margin + 2)
        beside = start <= self.w - self.r_margin - SHORTEST_WRITING_LINE
        self.set_text_color(*MUTED)
        self.cell(start - self.l_margin if beside else 0, 9, label)
        self.set_text_color(*INK)
        self.set_draw_color(*INK)
        if not beside:
            start, self.y = self.l_margin, self.y + WRITING_GAP
        self.line(start, self.y + 8, self.w - self.r_margin, self.y + 8)
        for _ in range(lines - 1):
            self.y += WRITING_GAP
            self.line(self.l_margin, self.y + 8, self.w - self.r_margin, self.y + 8)
        self._down(WRITING_ROW)

    def together(self, draw: Callable[[Sheet], None]) -> None:
        """Draw something on one page, starting a new page when it does not fit in what is left of this one.

        It is drawn first on a scratch sheet to measure it; anything taller than a page runs on across pages.
        """
        scratch = Sheet(self.document_title)
        draw(scratch)
        if scratch.page == 1:
            self.room_for(scratch.y - scratch.t_margin)
        draw(self)

    def finished(self) -> bytes:
        """The whole PDF, page numbers added."""
        self._page_numbers()
        return self.written()

    def written(self) -> bytes:
        """The PDF as fpdf2 writes it, with pages, their content and bookmarks written the quicker way (pdf_output.py)."""
        with quicker_compression():
            return bytes(self.output(output_producer_class=QuickOutput))


@contextmanager
def quicker_compression() -> Iterator[None]:
    """Compress page content at zlib level 3 instead of fpdf2's default (6) while a PDF is written.

    On the ten-year summary's 29 MB of page content that is 0.2 s of CPU instead of 0.33 s, for a file
    about 8% larger (3.05 MB of compressed content instead of 2.72 MB; docs/performance.md). fpdf2 reads
    the level from a class attribute, so it is set for the moment of output() and put back after; an
    fpdf2 without that attribute keeps its own level. Two PDFs written at once in threads could leave
    level 3 set after both: harmless, it is only a quicker level.
    """
    if not hasattr(PDFContentStream, "_COMPRESSION_LEVEL"):
        yield
        return
    before = PDFContentStream._COMPRESSION_LEVEL
    PDFContentStream._COMPRESSION_LEVEL = CONTENT_COMPRESSION
    try:
        yield
    finally:
        PDFContentStream._COMPRESSION_LEVEL = before


def user_line(text: str) -> str:
    """The person's text on one line, inert (line breaks shown as ' / '), or '(untitled)'."""
    return one_line(text) or "(untitled)"


def user_text(text: str) -> str:
    """The person's text with its line breaks, inert; tabs as spaces (a PDF has no tab stops)."""
    if (text.replace("\n", " ") if "\n" in text else text).isprintable():
        # Most text: no control, surrogate or format character (bidi controls are format characters), no tab or
        # carriage return, so inert() would hand it back unchanged; isprintable() says so several times quicker.
        return text
    return inert(text.replace("\r\n", "\n"), keep_newlines=True).replace("\t", "    ")
