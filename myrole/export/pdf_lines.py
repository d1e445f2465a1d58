"""Provides quick line breaking and drawing for text that needs no shaping, measured from the font's own widths.

fpdf2's multi_cell measures a line again for every character it adds (most of the time of a long PDF,
see docs/performance.md). For text in Latin, Greek or Cyrillic letters that the font has, with no
combining marks and none of the characters fpdf2 breaks or hyphenates at specially, the same lines
come from whole words: each word's width is the sum of the font's advance widths, and a paragraph
breaks where fpdf2 would break it. A line is then drawn as one PDF text string of the glyph codes
fpdf2's font subset gives each character (so fpdf2 still embeds, subsets and maps the font back to
Unicode). A word's width and codes are kept once worked out, as most words come again. Everything
else goes to fpdf2 as before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import cast

from fpdf.fonts import TTFFont
from fpdf.util import escape_parens

# Characters fpdf2 lays out in its own way: spaces it may break at besides " ", the soft hyphen, tab
# and form feed. Text with any of them goes to fpdf2.
LAID_OUT_BY_FPDF = "\u00ad\u200b\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000\t\f"
TOLERANCE = 1e-9  # as fpdf2's FloatTolerance: a line may be this much wider than its room


Line = list[str]  # a line's words, without the single spaces between them


class FontWidths:
    """One font's widths and glyph codes, for text that needs no shaping."""

    def __init__(self, font: TTFFont, needs_shaping: re.Pattern[str]) -> None:
        self.font = font
        self.advance: list[int] = cast("list[int]", font.cw)  # per code point, in thousandths of the font size (fpdf2 types it loosely)
        drawn = (chr(code) for code in font.cmap)
        self.plain = frozenset(c for c in drawn if not needs_shaping.match(c) and c not in LAID_OUT_BY_FPDF)
        self.space = self.advance[32]
        self.word_units: dict[str, int] = {}  # only words of plain characters
        self.word_codes: dict[str, str] = {}
        self.char_codes: dict[int, str] = {}  # code point -> its glyph code, escaped for a PDF string
        self.coded: set[str] = set()  # the characters in char_codes
        self.one_liners: dict[tuple[str, float, float], tuple[list[Line], str]] = {}  # see drawn()
        self.listed_on = 0  # the page the font was last listed on among its resources (see Sheet._put)

    def drawn(self, text: str, room: float, size_pt: float, k: float) -> tuple[list[Line], str] | None:
        """Text's lines (as lines() breaks them) and all of them encoded (as encoded() writes them); None when a
        character cannot take the quick way.

        A paragraph that fits on one line is kept (by its text, room and size), as headings, prompts and
        short values come again and again.
        """
        known = self.one_liners.get((text, room, size_pt))
        if known is not None:
            return known
        lines = self.lines(text, room, size_pt, k)
        if lines is None:
            return None
        drawn = lines, self.encoded(lines)
        if len(lines) == 1:
            self.one_liners[text, room, size_pt] = drawn
        return drawn

    def lines(self, text: str, room: float, size_pt: float, k: float) -> list[Line] | None:
        """Text broken into lines no wider than room (mm) at size_pt, as fpdf2's multi_cell breaks it; None when
        a character cannot take the quick way.

        A line break in the text starts a new line (a last one ends the text without an empty line);
        a paragraph breaks at the last space that fits, the space dropped; a word wider than a whole
        line is broken between letters.
        """
        room_units = (room + TOLERANCE) * k * 1000 / size_pt
        paragraphs = text.split("\n") if "\n" in text else [text]
        if len(paragraphs) > 1 and not paragraphs[-1]:
            paragraphs.pop()
        lines: list[Line] = []
        for paragraph in paragraphs:
            words = paragraph.split(" ")
            found = list(map(self.word_units.get, words))
            if None in found:
                if not self._learn(words):
                    return None
                found = list(map(self.word_units.__getitem__, words))
            self._break(words, cast("list[int]", found), room_units, lines)  # no None left
        if paragraphs[-1].endswith(" ") and lines[-1] == [""]:
            lines.pop()  # fpdf2 makes no line of nothing after a space dropped at the end of the text
        return lines

    def line(self, text: str) -> list[Line] | None:
        """Text as one line, however long (a running head, a page number); None when it cannot take the quick way."""
        words = text.split(" ")
        return [words] if self._learn(words) else None

    def width(self, text: str, size_pt: float, k: float) -> float:
        """The width (mm) of text of plain characters, at size_pt."""
        words = text.split(" ")
        self._learn(words)
        return (sum(map(self.word_units.__getitem__, words)) + self.space * (len(words) - 1)) * size_pt * 0.001 / k

    def _learn(self, words: list[str]) -> bool:
        """Measure the words not seen before; False when one has a character that cannot take the quick way."""
        plain, advance, known = self.plain, self.advance, self.word_units
        for word in words:
            if word not in known:
                if not plain.issuperset(word):
                    return False
                known[word] = sum([advance[ord(c)] for c in word])
        return True

    def _break(self, words: list[str], sizes: list[int], room: float, lines: list[Line]) -> None:
        space = self.space
        if sum(sizes) + space * (len(words) - 1) <= room:
            lines.append(words)  # most paragraphs: one line
            return
        if max(sizes) > room:
            self._break_long_words(words, sizes, room, lines)
            return
        ends = list(accumulate(map(space.__add__, sizes), initial=0))  # ends[j]: words[:j], a space after each
        start, count = 0, len(words)
        while start < count:
            stop = bisect_right(ends, ends[start] + space + room) - 1  # words[start:stop] fit
            lines.append(words[start:stop])
            start = stop

    def _break_long_words(self, words: list[str], sizes: list[int], room: float, lines: list[Line]) -> None:
        """The same breaking, one word at a time, with a word wider than a line split between letters."""
        space = self.space
        line: Line = []
        used = 0.0
        index = 0
        while index < len(words):
            word, size = words[index], sizes[index]
            needed = size if not line else used + space + size
            if needed <= room:
                line.append(word)
                used = needed
                index += 1
                continue
            if line:  # break at the space before this word
                lines.append(line)
                line, used = [], 0.0
                continue
            fits = self._letters_that_fit(word, room)
            lines.append([word[:fits]])
            words[index] = rest = word[fits:]
            self._learn([word[:fits], rest])
            sizes[index] = self.word_units[rest]
        lines.append(line)

    def _letters_that_fit(self, word: str, room: float) -> int:
        advance = self.advance
        ends = list(accumulate(advance[ord(c)] for c in word))
        return max(1, bisect_right(ends, room))

    def encoded(self, lines: list[Line]) -> str:
        """Lines as PDF strings of glyph codes, each shown by the ' operator (move to the next line, then show)."""
        codes = self.word_codes
        space = codes.get(" ") or self._word_code(" ")
        if len(lines) == 1:
            found = list(map(codes.get, lines[0]))
            if None in found:
                found = list(map(self._word_code, lines[0]))
            return "(" + space.join(cast("list[str]", found)) + ") '"
        shown = []
        for words in lines:
            found = list(map(codes.get, words))
            if None in found:
                found = list(map(self._word_code, words))
            shown.append(space.join(cast("list[str]", found)))
        return "(" + ") '\n(".join(shown) + ") '"

    def _word_code(self, word: str) -> str:
        code = self.word_codes.get(word)
        if code is None:
            if not self.coded.issuperset(word):
                for char in set(word).difference(self.coded):
                    self.char_codes[ord(char)] = self._glyph_code(char)
                    self.coded.add(char)
            code = self.word_codes[word] = word.translate(self.char_codes)
        return code

    def _glyph_code(self, char: str) -> str:
        """A character's glyph code in fpdf2's subset of the font (two bytes), escaped as fpdf2 escapes it."""
        # fpdf2 draws a no-break space as a space (PDF viewers read it so); the width stays the font's.
        glyph = self.font.subset.pick(32 if char == "\u00a0" else ord(char))
        if glyph is None:
            return ""
        return escape_parens(chr(glyph).encode("utf-16-be").decode("latin-1"))
