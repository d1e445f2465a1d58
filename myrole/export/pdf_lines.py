"""Provides quick line breaking and drawing for text that needs no shaping, measured from the font's own widths.

fpdf2's multi_cell measures a line again for every character it adds (most of the time of a long PDF,
see docs/performance.md). For text in Latin, Greek or Cyrillic letters that the font has, with no
combining marks and none of the characters fpdf2 breaks or hyphenates at specially, the same lines
come from whole words: each word's width is the sum of the font's advance widths, and a paragraph
breaks where fpdf2 would break it. A word's width is kept once worked out, as most words come again.

Drawing: fpdf2 still embeds and subsets the font and maps it back to Unicode, but its subset numbers
each character by its code point (CodePointSubset), so a line's glyph codes are simply the line in
UTF-16 (one call for a whole paragraph, instead of looking each character up). Everything else goes
to fpdf2 as before.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import cast

from fpdf.fonts import Glyph, SubsetMap, TTFFont
from fpdf.util import escape_parens

# Characters fpdf2 lays out in its own way: spaces it may break at besides " ", the soft hyphen, tab
# and form feed. Text with any of them goes to fpdf2.
LAID_OUT_BY_FPDF = "\u00ad\u200b\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000\t\f"
TOLERANCE = 1e-9  # as fpdf2's FloatTolerance: a line may be this much wider than its room
SPARE_CODES = 0xE000  # where glyph codes for glyphs that are not one character's begin (Unicode's private use area)
LINE_SEPARATOR = "\n".encode("utf-16-be")  # between two lines in the encoded text (lines never hold a line break)
NEXT_LINE = b") '\n("  # end a line's string, move down a line, show the next one (the ' operator)


class CodePointSubset(SubsetMap):
    """fpdf2's font subset, numbering a character's own glyph by its code point (fpdf2 numbers glyphs 1, 2, 3 ...).

    A glyph that is not simply one character's glyph in the font (a ligature or a form HarfBuzz
    chose when shaping) gets a spare code above 0xE000 instead, so a code point only ever stands
    for that character's glyph. fpdf2 writes the subset, its widths and the map back to Unicode
    from these codes as from its own.
    """

    def __init__(self, font: TTFFont) -> None:
        super().__init__(font)
        self._taken = set(self._char_id_per_glyph.values())
        self._spare = SPARE_CODES

    def pick_glyph(self, glyph: Glyph | None) -> int | None:
        if glyph is None:
            return None
        code = self._char_id_per_glyph.get(glyph)
        if code is None:
            code = self._char_id_per_glyph[glyph] = self._code_for(glyph)
            self._taken.add(code)
        return code

    def _code_for(self, glyph: Glyph) -> int:
        unicode = glyph.unicode if isinstance(glyph.unicode, tuple) else (glyph.unicode,)
        if len(unicode) == 1 and unicode[0] <= 0xFFFF and unicode[0] not in self._taken \
                and glyph == self.get_glyph(unicode=unicode[0]):
            return unicode[0]
        while self._spare in self._taken or self._spare in self.font.glyph_ids:
            self._spare += 1
        if self._spare > 0xFFFF:
            raise ValueError("More glyphs than a PDF font can number.")
        return self._spare


def number_by_code_point(font: TTFFont) -> None:
    """Give a font just added (no glyph used yet) the CodePointSubset, before anything is drawn in it."""
    font.subset = CodePointSubset(font)


class FontWidths:
    """One font's widths and glyph codes, for text that needs no shaping (the font numbered by code point)."""

    def __init__(self, font: TTFFont, needs_shaping: re.Pattern[str]) -> None:
        if not isinstance(font.subset, CodePointSubset):
            raise ValueError("The font was not given number_by_code_point() when it was added.")
        self.font = font
        self.advance: list[int] = cast("list[int]", font.cw)  # per code point, in thousandths of the font size (fpdf2 types it loosely)
        drawn = (chr(code) for code in font.cmap)
        self.plain = set(c for c in drawn if not needs_shaping.match(c) and c not in LAID_OUT_BY_FPDF)
        self.space = self.advance[32]
        self.word_units: dict[str, int] = {}  # a word's width and a space's (only words of plain characters)
        self.in_subset: set[str] = set()  # plain characters already in fpdf2's subset of the font
        self.one_liners: dict[tuple[str, float, float], tuple[int, bytes]] = {}  # see drawn()
        self.listed_on = 0  # the page the font was last listed on among its resources (see Sheet._put)

    def drawn(self, text: str, room: float, size_pt: float, k: float) -> tuple[int, bytes] | None:
        """How many lines text takes (as lines() breaks it) and all of them encoded (as encoded() writes them);
        None when a character cannot take the quick way.

        A paragraph that fits on one line is kept (by its text, room and size), as headings, prompts and
        short values come again and again.
        """
        known = self.one_liners.get((text, room, size_pt))
        if known is not None:
            return known
        lines = self.lines(text, room, size_pt, k)
        if lines is None:
            return None
        drawn = len(lines), self.encoded(lines)
        if len(lines) == 1:
            self.one_liners[text, room, size_pt] = drawn
        return drawn

    def lines(self, text: str, room: float, size_pt: float, k: float) -> list[str] | None:
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
        lines: list[str] = []
        space, spaced = self.space, self.word_units
        for paragraph in paragraphs:
            words = paragraph.split(" ")
            try:  # ends[j]: the width of words[:j], each with the space after it
                ends = list(accumulate(map(spaced.__getitem__, words), initial=0))
            except KeyError:  # a word not seen before
                if not self._learn(words):
                    return None
                ends = list(accumulate(map(spaced.__getitem__, words), initial=0))
            if ends[-1] - space <= room_units:
                lines.append(paragraph)  # most paragraphs: one line
            else:
                self._break(words, ends, room_units, lines)
        if text.endswith(" ") and lines[-1] == "":
            lines.pop()  # fpdf2 makes no line of nothing after a space dropped at the very end (it does before a line break)
        return lines

    def line(self, text: str) -> list[str] | None:
        """Text as one line, however long (a running head, a page number); None when it cannot take the quick way."""
        return [text] if self._learn(text.split(" ")) else None

    def width(self, text: str, size_pt: float, k: float) -> float:
        """The width (mm) of text of plain characters, at size_pt."""
        words = text.split(" ")
        self._learn(words)
        return (sum(map(self.word_units.__getitem__, words)) - self.space) * size_pt * 0.001 / k

    def _learn(self, words: list[str]) -> bool:
        """Measure the words not seen before (their characters put in the font's subset); False when one has a
        character that cannot take the quick way."""
        plain, advance, known = self.plain, self.advance, self.word_units
        for word in words:
            if word not in known:
                if not plain.issuperset(word) or not self._in_subset(word):
                    return False
                known[word] = sum([advance[ord(c)] for c in word]) + self.space
        return True

    def _in_subset(self, word: str) -> bool:
        """Put the word's characters in fpdf2's subset of the font; False (and the character no longer taken the
        quick way) if one is not numbered by its code point (a shaped form of it came first)."""
        for char in set(word).difference(self.in_subset):
            code = ord(" " if char == "\u00a0" else char)  # a no-break space is drawn as a space (see encoded)
            if self.font.subset.pick(code) != code:
                self.plain.discard(char)
                return False
            self.in_subset.add(char)
        return True

    def _break(self, words: list[str], ends: list[int], room: float, lines: list[str]) -> None:
        """A paragraph wider than a line, broken after the last word that fits on each line (ends as in lines())."""
        space = self.space
        start, count = 0, len(words)
        while start < count:
            stop = bisect_right(ends, ends[start] + space + room) - 1  # words[start:stop] fit
            if stop == start:  # a word wider than a whole line, from here on
                rest = words[start:]
                self._break_long_words(rest, [self.word_units[word] - space for word in rest], room, lines)
                return
            lines.append(" ".join(words[start:stop]))
            start = stop

    def _break_long_words(self, words: list[str], sizes: list[int], room: float, lines: list[str]) -> None:
        """The same breaking, one word at a time, with a word wider than a line split between letters."""
        space = self.space
        line: list[str] = []
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
                lines.append(" ".join(line))
                line, used = [], 0.0
                continue
            fits = self._letters_that_fit(word, room)
            lines.append(word[:fits])
            words[index] = rest = word[fits:]
            self._learn([word[:fits], rest])
            sizes[index] = self.word_units[rest] - space
        lines.append(" ".join(line))

    def _letters_that_fit(self, word: str, room: float) -> int:
        advance = self.advance
        ends = list(accumulate(advance[ord(c)] for c in word))
        return max(1, bisect_right(ends, room))

    @staticmethod
    def encoded(lines: list[str]) -> bytes:
        """Lines (of characters _learn has put in the subset) as PDF strings of glyph codes, each shown by the '
        operator (move to the next line, then show it).

        The codes are the characters' code points (CodePointSubset), two bytes each: the lines in
        UTF-16, escaped as fpdf2 escapes its strings. A no-break space is drawn as a space, as fpdf2
        draws it (PDF viewers read it so).
        """
        text = "\n".join(lines)
        if "\u00a0" in text:
            text = text.replace("\u00a0", " ")
        # A line break is the two bytes 00 0A, which no other character in these fonts' plain ranges
        # makes across two of its neighbours' bytes; the escaping adds none.
        return b"(" + escape_parens(text.encode("utf-16-be")).replace(LINE_SEPARATOR, NEXT_LINE) + b") '"
