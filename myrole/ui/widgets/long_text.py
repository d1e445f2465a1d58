"""Provides LongTextArea: Textual's TextArea, kept quick on the longest text myrole keeps (limits.TEXT_CHARS).

Textual's TextArea (8.2) does work in proportion to the whole text where it need not; this
subclass changes only that, and leaves editing, keys and drawing to Textual. Measured on a
100,000-character answer in the reflection stepper (bench/big_answer.py):

- it summed every line's rows to know the height, once per row drawn (50,000 short lines:
  50 ms a key); here the height is the length of a table Textual keeps anyway;
- it wrapped every line on opening, three times or more, even lines far too short to wrap
  (50,000 lines: over a second to open); here those are passed over, and wrapping again at
  an unchanged width with nothing edited is skipped;
- it wrapped a whole long line again on every key typed in it, and cut it into all its rows
  (as rich Text) for every row drawn (one 100,000-character line: 90-200 ms a key); here the
  line is wrapped again only from just before the edit, and only the row drawn is cut out;
- it joined the whole text again for every row drawn; here the text is kept until an edit.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate, islice, repeat
from typing import NamedTuple

from rich.control import strip_control_codes
from rich.containers import Lines
from rich.text import Span, Text
from textual._cells import cell_len
from textual._wrap import compute_wrap_offsets
from textual._wrap import re_chunk as WORD
from textual.document._document import Document, EditResult, Location
from textual.document._document_navigator import DocumentNavigator
from textual.document._edit import Edit
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import get_tab_widths
from textual.geometry import clamp
from textual.strip import Strip
from textual.widgets import TextArea

from myrole.collector import collector_paused


class QuickDocument(Document):
    """Textual's Document, remembering its whole text until the next edit (TextArea asks for it on every row it draws)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._text: str | None = None
        self.edits = 0  # how many edits so far, so that wrapping knows when the lines have changed

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = super().text
        return self._text

    def replace_range(self, start: Location, end: Location, text: str) -> EditResult:
        self._text = None  # Textual's only way to change a document
        self.edits += 1
        return super().replace_range(start, end, text)


def _is_word_start(line: str, column: int) -> bool:
    """True when Textual's wrapping starts a new word (a run of non-space and the spaces after it) at column."""
    return column == 0 or (line[column - 1].isspace() and not line[column].isspace())


class QuickWrappedDocument(WrappedDocument):
    """Textual's WrappedDocument, with the same results, in time that does not grow with the text's size.

    The four tables Textual keeps are built the same way, so the rest of TextArea reads them
    unchanged; tests check the results against Textual's own WrappedDocument.
    """

    @property
    def height(self) -> int:
        """The height of the wrapped document: one entry per screen row is kept already."""
        return len(self._offset_to_line_info)

    def _wrap_line(self, line: str) -> list[int]:
        """Where line breaks into screen rows at the current width (Textual's own wrapping)."""
        width = self._width
        if not width or ((len(line) * 2 <= width or (len(line) <= width and line.isascii())) and "\t" not in line):
            return []  # fits whatever its characters (none takes more than two cells)
        sections = get_tab_widths(line, self._tab_width)  # as Textual passes them (not capped at width)
        return compute_wrap_offsets(line, width, tab_size=self._tab_width, precomputed_tab_sections=sections)

    def _tab_widths(self, line: str) -> list[int]:
        if "\t" not in line:
            return [0] if line else []  # what get_tab_widths gives, without searching the line
        return [width for _, width in get_tab_widths(line, self._tab_width)]

    def _rewrap_edited(self, line: str, old_offsets: list[int], column: int) -> list[int]:
        """Where line breaks into rows after an edit starting at column, re-wrapping only what the edit can reach.

        Wrapping is greedy from the start of the line, so a row is decided by the text before its
        end: rows ending well before the edit stay as they were. The edit can pull the word it
        touches back onto the row before, so wrapping starts again a row earlier; a word wider
        than the box is cut at fixed widths from where it starts, so inside one the cut rows
        before the edit stay too, unless the edit made it narrow enough to move.
        """
        width = self._width
        if not width or column == 0 or not old_offsets or "\t" in line:
            return self._wrap_line(line)  # tab widths depend on everything before them
        starts = [0, *old_offsets]
        row = bisect_right(old_offsets, column - 1)  # the row holding the last character before the edit
        if _is_word_start(line, starts[row]):
            resume = starts[max(row - 1, 0)]
        else:  # inside a word wider than the box: it still is unless it now fits on a row
            first = row
            while not _is_word_start(line, starts[first]):
                first -= 1
            word = WORD.match(line, starts[first])
            assert word is not None  # a word starts there (the loop above stopped at one)
            word_end = word.end()
            if cell_len(line[starts[first]:word_end]) <= width:
                return self._wrap_line(line)
            resume = starts[row]
        if resume == 0:
            return self._wrap_line(line)
        kept = old_offsets[:bisect_right(old_offsets, resume)]
        return kept + [resume + offset for offset in compute_wrap_offsets(line[resume:], width, self._tab_width)]

    def _index_rows(self, wrap_offsets: list[list[int]], first_line: int, first_row: int,
                    all_one_row: bool = False) -> tuple[list[tuple[int, int]], list[list[int]]]:
        """The row-to-line and line-to-rows tables for consecutive lines wrapped at wrap_offsets (all_one_row: none wraps)."""
        if all_one_row or not any(wrap_offsets):  # one row each (the quick case for many short lines)
            rows = range(first_row, first_row + len(wrap_offsets))
            return list(zip(range(first_line, first_line + len(wrap_offsets)), repeat(0))), [[row] for row in rows]
        counts = [len(offsets) + 1 for offsets in wrap_offsets]
        line_info = [(index, row) for index, count in enumerate(counts, first_line) for row in range(count)]
        ends = islice(accumulate(counts, initial=first_row), 1, None)
        line_rows = [list(range(end - count, end)) for end, count in zip(ends, counts)]
        return line_info, line_rows

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        """Wrap every line at width, as Textual does, passing quickly over lines too short to wrap.

        Wrapping again at the same width, with the document unedited since, changes nothing, so it
        is skipped: TextArea asks for it several times while a screen opens.
        """
        tab_width = tab_width or self._tab_width
        state = (width, tab_width, self.document, getattr(self.document, "edits", None))
        if state[-1] is not None and state == getattr(self, "_wrapped", None):
            return
        with collector_paused():  # one small list per line, no cycles (a wrap: 170 ms, then 40)
            self._wrap_all(width, tab_width)
        self._wrapped = state

    def _wrap_all(self, width: int, tab_width: int) -> None:
        self._width, self._tab_width = width, tab_width
        lines = self.document.lines
        # One quick pass finds the few lines that need real work (the lines _wrap_line cannot pass
        # over: too long to be sure they fit, or holding a tab); every other line is one row with
        # no tabs, and calling a function for each of 50,000 lines took most of a wrap's time.
        half = width // 2
        to_wrap = [index for index, line in enumerate(lines)
                   if len(line) > half and (len(line) > width or not line.isascii()) or "\t" in line] if width else []
        self._wrap_offsets = [[] for _ in lines]
        for index in to_wrap:
            self._wrap_offsets[index] = self._wrap_line(lines[index])
        self._tab_width_cache = [[0] if line else [] for line in lines]
        for index in (to_wrap if width else [i for i, line in enumerate(lines) if "\t" in line]):
            self._tab_width_cache[index] = self._tab_widths(lines[index])
        self._offset_to_line_info, self._line_index_to_offsets = self._index_rows(
            self._wrap_offsets, 0, 0, all_one_row=not any(self._wrap_offsets[index] for index in to_wrap))

    def wrap_range(self, start: Location, old_end: Location, new_end: Location) -> None:
        """Re-wrap the lines an edit changed (called after the edit), as Textual does, only quicker on a long line."""
        with collector_paused():  # a line added renumbers every line below it
            self._wrap_edited(start, old_end, new_end)

    def _wrap_edited(self, start: Location, old_end: Location, new_end: Location) -> None:
        old_last = len(self._line_index_to_offsets) - 1
        new_last = self.document.line_count - 1
        start_line = clamp(start[0], 0, min(old_last, new_last))
        top, old_bottom = sorted((start_line, clamp(old_end[0], 0, old_last)))
        new_bottom = max(start_line, clamp(new_end[0], 0, new_last))
        lines = self.document.lines[top:new_bottom + 1]
        offsets = [self._wrap_line(line) for line in lines[1:]]
        if top == start[0]:
            offsets.insert(0, self._rewrap_edited(lines[0], self._wrap_offsets[top], start[1]))
        else:
            offsets.insert(0, self._wrap_line(lines[0]))
        top_row = self._line_index_to_offsets[top][0]
        old_bottom_row = self._line_index_to_offsets[old_bottom][-1]
        line_info, line_rows = self._index_rows(offsets, top, top_row)
        self._offset_to_line_info[top_row:old_bottom_row + 1] = line_info
        self._line_index_to_offsets[top:old_bottom + 1] = line_rows
        self._tab_width_cache[top:old_bottom + 1] = [self._tab_widths(line) for line in lines]
        self._wrap_offsets[top:old_bottom + 1] = offsets
        # Lines below the edit keep their rows, moved by how many lines and rows it added or removed.
        line_shift = new_bottom - old_bottom
        row_shift = len(line_info) - (old_bottom_row - top_row + 1)
        rows_below, lines_below = top_row + len(line_info), top + len(lines)
        if line_shift:
            self._offset_to_line_info[rows_below:] = [
                (index + line_shift, row) for index, row in self._offset_to_line_info[rows_below:]]
        if row_shift:
            self._line_index_to_offsets[lines_below:] = [
                [row + row_shift for row in rows] for rows in self._line_index_to_offsets[lines_below:]]

    def get_sections(self, line_index: int) -> list[str]:
        """The line's screen rows, cut by slicing rather than through rich Text objects (same result)."""
        line = strip_control_codes(self.document[line_index])  # as rich's Text does, which Textual used
        starts = [0, *self._wrap_offsets[line_index]]
        return [line[start:end] for start, end in zip(starts, [*starts[1:], len(line)])]


class _RowText(NamedTuple):
    """A row of a long line that is not being drawn: TextArea reads only its text (to count tabs)."""

    plain: str


class _RowTexts:
    """The text of each row of the last long line drawn, kept while that line and its wrapping stay the same."""

    def __init__(self) -> None:
        self.key: tuple[tuple[int, ...], str] | None = None
        self.rows: list[_RowText] = []

    def of(self, plain: str, offsets: tuple[int, ...]) -> list[_RowText]:
        if self.key != (offsets, plain):
            bounds = zip((0, *offsets), (*offsets, len(plain)))
            self.key, self.rows = (offsets, plain), [_RowText(plain[start:end]) for start, end in bounds]
        return self.rows


class _DrawnLine(Text):
    """A document line as TextArea draws it; a long one is cut into rows cheaply.

    Rich cuts a line into a Text object per row; for a 100,000-character line that is 1,300
    objects, for each row drawn, and was most of the time a key took. TextArea uses only the
    row it draws, and the text of the rows before it (to count tabs), so that row is cut out
    as rich would, and the others are only their text.
    """

    def __init__(self, text: str, drawing: int, row_texts: _RowTexts) -> None:
        super().__init__(text, end="", no_wrap=True)
        self.drawing, self.row_texts = drawing, row_texts

    def divide(self, offsets: Iterable[int]) -> Lines:
        offsets = tuple(offsets)
        if len(offsets) < 8:  # a short line: rich's own cut is quick enough
            return super().divide(offsets)
        rows: list = self.row_texts.of(self.plain, offsets).copy()
        rows[self.drawing] = self._row(rows[self.drawing].plain, ((0, *offsets)[self.drawing]))
        return rows  # type: ignore[return-value]  # TextArea only indexes it

    def _row(self, plain: str, start: int) -> Text:
        """The row starting at start, with its part of each style, exactly as rich's divide() makes it."""
        end = start + len(plain)
        row = Text(plain, style=self.style, justify=self.justify, overflow=self.overflow)
        row._spans.extend(Span(max(0, span_start - start), min(span_end, end) - start, style)
                          for span_start, span_end, style in self._spans
                          if min(span_end, end) > max(span_start, start))
        return row


class LongTextArea(TextArea):
    """A TextArea for a person's long text: plain text only (no syntax highlighting), quick up to limits.TEXT_CHARS."""

    def __init__(self, text: str = "", *args, **kwargs) -> None:
        self._drawing = 0  # which row of its line is being drawn (see _DrawnLine)
        self._row_texts = _RowTexts()
        # TextArea would build Textual's own documents for text first (wrapping every line) and
        # again when it sets its language: it is made empty here, and given text once.
        super().__init__("", *args, **kwargs)
        self._set_document(text, self.language)

    def _watch_language(self, language: str | None) -> None:
        """Plain text only: the document is already right (TextArea would build it again from its text)."""
        if language:
            raise ValueError("LongTextArea shows plain text only.")

    def _set_document(self, text: str, language: str | None) -> None:
        """As TextArea does for plain text, with the quicker wrapped document."""
        if language:
            raise ValueError("LongTextArea shows plain text only.")
        self._highlight_query = None
        self.document = QuickDocument(text)
        self.wrapped_document = QuickWrappedDocument(self.document, tab_width=self.indent_width)
        self.navigator = DocumentNavigator(self.wrapped_document)
        self._build_highlight_map()
        self.move_cursor((0, 0))
        self._rewrap_and_refresh_virtual_size()

    def edit(self, edit: Edit) -> EditResult:
        """Make the edit as TextArea does, then keep the cursor in view.

        TextArea scrolls to the cursor before it counts the rows the edit added, so a word
        wrapping onto a new last row left the cursor below the box until the next key.
        """
        result = super().edit(edit)
        self.scroll_cursor_visible()
        return result

    def _render_line(self, y: int) -> Strip:
        """Draw row y of the box as TextArea does, noting which row of its line that is (see _DrawnLine)."""
        try:
            self._drawing = self.wrapped_document._offset_to_line_info[y + self.scroll_offset.y][1]
        except IndexError:
            self._drawing = 0  # below the text: TextArea draws a blank row
        return super()._render_line(y)

    def get_line(self, line_index: int) -> Text:
        return _DrawnLine(self.document.get_line(line_index), self._drawing, self._row_texts)
