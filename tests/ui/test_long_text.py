"""LongTextArea wraps, edits and draws exactly as Textual's own TextArea does, only without the work
that grows with the whole text (myrole/ui/widgets/long_text.py)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.document._document import Document
from textual.document._wrapped_document import WrappedDocument
from textual.widgets import TextArea

from myrole.ui.widgets.long_text import LongTextArea, QuickDocument, QuickWrappedDocument

from .pilot import pilot_test

# Pieces that exercise wrapping: spaces, tabs, wide and zero-width characters, a combining
# accent, and words longer than any width tried (cut across rows).
PIECES = ["a", "b", " ", "  ", "\n", "\t", "字", "e\u0301", "\u200b", "x" * 50, "averyveryverylongword"]
texts = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
widths = st.sampled_from([0, 1, 3, 7, 12, 20, 40])


def tables(wrapped: WrappedDocument) -> tuple:
    return (wrapped._wrap_offsets, wrapped._offset_to_line_info, wrapped._line_index_to_offsets,
            wrapped._tab_width_cache, wrapped.height)


def location(document: Document, draw) -> tuple[int, int]:
    row = draw(st.integers(0, document.line_count - 1))
    return row, draw(st.integers(0, len(document[row])))


@settings(max_examples=300, deadline=None)
@given(text=texts, width=widths, data=st.data())
def test_wrapping_and_rewrapping_after_edits_match_textual(text, width, data):
    theirs_document, ours_document = Document(text), QuickDocument(text)
    theirs, ours = WrappedDocument(theirs_document, width), QuickWrappedDocument(ours_document, width)
    assert tables(ours) == tables(theirs)
    for _ in range(4):
        top, bottom = sorted((location(ours_document, data.draw), location(ours_document, data.draw)))
        insert = data.draw(texts.map(lambda s: s[:6]))
        end = theirs_document.replace_range(top, bottom, insert).end_location
        assert ours_document.replace_range(top, bottom, insert).end_location == end
        theirs.wrap_range(top, bottom, end)
        ours.wrap_range(top, bottom, end)
        assert ours_document.text == theirs_document.text
        assert tables(ours) == tables(theirs)
        assert tables(ours) == tables(WrappedDocument(Document(ours_document.text), width))
        for line in range(ours_document.line_count):
            assert ours.get_sections(line) == theirs.get_sections(line)


def test_wrapping_again_at_the_same_width_after_an_edit_is_not_skipped():
    document = QuickDocument("short")
    wrapped = QuickWrappedDocument(document, 10)
    document.replace_range((0, 5), (0, 5), " and now long enough to wrap")
    wrapped.wrap(10)
    assert tables(wrapped) == tables(WrappedDocument(Document(document.text), 10))


LONG_LINE = " ".join(f"word{n}" for n in range(3_000))  # 26,000 characters, over 400 rows at 60 columns
SHAPES = {
    "one long line": LONG_LINE,
    "long line between short ones": f"first\n{LONG_LINE}\n\tlast\n",
    "many short lines": "\n".join(f"line {n}" for n in range(2_000)),
}


class Both(App[None]):
    """Textual's TextArea and ours side by side, the same size, holding the same text."""

    CSS = "TextArea { width: 40; height: 8; }"

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        for area, name in ((TextArea, "theirs"), (LongTextArea, "ours")):
            yield area(self.text, soft_wrap=True, show_line_numbers=False, id=name)

    def on_mount(self) -> None:
        for area in self.query(TextArea):
            area.cursor_blink = False  # the cursor drawn steadily, so both draw it at any moment


def drawn(area: TextArea) -> list:
    return [list(area.render_line(y)) for y in range(area.size.height)]


async def assert_same(app: Both, pilot) -> None:
    """Both show the same text, scrolled alike, and draw the same rows when focused (cursor shown)."""
    theirs, ours = app.query_one("#theirs", TextArea), app.query_one("#ours", TextArea)
    assert ours.text == theirs.text
    rows = []
    for area in (theirs, ours):
        area.focus()
        area.scroll_cursor_visible()  # ours already did (see the next test); Textual may lag by a row
        await pilot.pause()
        rows.append((area.scroll_offset, area.virtual_size, area.cursor_location, drawn(area)))
    assert rows[1] == rows[0]


@pilot_test
async def test_it_draws_and_edits_exactly_as_textual_does():
    for text in SHAPES.values():
        app = Both(text)
        async with app.run_test(size=(80, 20)) as pilot:
            await pilot.pause()
            await assert_same(app, pilot)
            # The cursor in the middle of the long line, then at its end; a selection; typing; a new line.
            for step in (lambda a: a.move_cursor((1 if a.document.line_count > 3 else 0, 13_001)),
                         lambda a: a.move_cursor(a.document.end),
                         lambda a: a.select_line(0),
                         lambda a: a.move_cursor(a.document.end),
                         lambda a: a.insert(" typed at the end, long enough to wrap onto a new row"),
                         lambda a: a.insert("\nand a new line\t"),
                         lambda a: a.move_cursor((0, 3)),
                         lambda a: a.delete((0, 2), (0, 9))):
                for area in app.query(TextArea):
                    step(area)
                await assert_same(app, pilot)


@pilot_test
async def test_a_word_wrapping_onto_a_new_last_row_keeps_the_cursor_in_view():
    app = Both(("lorem ipsum dolor " * 40).strip())
    async with app.run_test(size=(80, 20)) as pilot:
        ours = app.query_one("#ours", LongTextArea)
        ours.focus()
        ours.move_cursor(ours.document.end)
        await pilot.pause()
        for key in "space z q a b c d e f g h i j k l m n o p q r s t u v w x".split():
            await pilot.press(key)
            _, cursor_y = ours.cursor_screen_offset
            assert ours.content_region.y <= cursor_y < ours.content_region.bottom
