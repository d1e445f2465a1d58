"""Provides user text as inert Textual content: never parsed as markup, control characters made visible."""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter

from myrole.text import BIDI_CONTROLS, inert, one_line

# Control and bidi characters take no cell, so they are dropped; a lone surrogate takes one
# and cannot be encoded for the terminal at all, so it becomes the replacement character.
INERT_TABLE: dict[int, str | None] = {
    **{code: None for code in [*range(0x20), *range(0x7F, 0xA0), *map(ord, BIDI_CONTROLS)]},
    **{code: "\ufffd" for code in range(0xD800, 0xE000)},
}


# Laying out a 100,000-line paste would freeze the screen for most of a minute, so reading
# views show the first part and say how much more is kept (all of it is in the store and exports).
SHOWN_CHARACTERS = 20_000
SHOWN_LINES = 500


def plain(text: str) -> Content:
    """A person's text, multi-line, shown exactly as typed (very long text: its start, and a note)."""
    shown = text[:SHOWN_CHARACTERS]
    if shown.count("\n") >= SHOWN_LINES:
        shown = "\n".join(shown.split("\n")[:SHOWN_LINES])
    if len(shown) == len(text):
        return Content(inert(text, keep_newlines=True))
    more = len(text) - len(shown)
    return Content.assemble(
        Content(inert(shown, keep_newlines=True)),
        (f"\n… shortened here: {more:,} more characters are kept in full (see them with `myrole export`).",
         "italic"),
    )


def plain_line(text: str, width: int = 0) -> Content:
    """A person's text on one line, shortened to width."""
    return Content(one_line(text, width))


class InertLines(LineFilter):
    """The last line of defence: no control or bidi-override character reaches the terminal.

    Widgets that edit text (TextArea, Input) show it raw, so an ESC, C1 or NUL a person
    pasted would otherwise be written to the terminal as a live control sequence. These
    characters take no cell on screen, so dropping them here never moves anything else.
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            segment if segment.control else Segment(segment.text.translate(INERT_TABLE), segment.style)
            for segment in segments
        ]
