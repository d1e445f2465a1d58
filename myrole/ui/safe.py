"""Provides user text as inert Textual content: never parsed as markup, control characters made visible."""

from __future__ import annotations

from textual.content import Content

from myrole.text import inert, one_line


def plain(text: str) -> Content:
    """A person's text, multi-line, shown exactly as typed."""
    return Content(inert(text, keep_newlines=True))


def plain_line(text: str, width: int = 0) -> Content:
    """A person's text on one line, shortened to width."""
    return Content(one_line(text, width))
