"""Provides ReadingScroll: a scrolling body of text that takes the focus (for the arrow and page keys) without restyling all it holds."""

from __future__ import annotations

from textual.containers import VerticalScroll


class ReadingScroll(VerticalScroll):
    """A VerticalScroll whose gaining or losing the focus restyles only itself.

    Textual restyles a widget and everything inside it when its focus changes, in case a style
    rule depends on it (`Select:focus > SelectCurrent`); inside a body of text that is every
    paragraph (help's guide was about 190 widgets before it became one). No rule in
    myrole or Textual makes anything inside a VerticalScroll look different when the scroll has
    the focus (tests/ui/test_reading_scroll.py checks the style rules for one).
    """

    def watch_has_focus(self, _has_focus: bool) -> None:
        self.app.stylesheet.update_nodes([self], animate=True)
