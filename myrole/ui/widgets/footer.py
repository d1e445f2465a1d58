"""Provides KeysFooter: Textual's footer showing only the keys that fit whole, with the palette's key always at the right."""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # Textual exports no public name for a footer's key


class KeysFooter(Footer):
    """The line of keys at the bottom of a screen.

    Textual's footer draws its keys in one row and cuts the last one that does not fit (at 60 columns
    "p Your deta", and a stray letter beside the palette's key); here a key that does not fit whole is
    left out instead, so every key named is named in full. Every key still works, the palette (ctrl+p)
    lists them all, and its key stays at the footer's right whatever the width.
    """

    DEFAULT_CSS = """
    KeysFooter.-compact FooterKey.-command-palette {
        margin-right: 0;  /* flush with the right edge: no column where a cut key could show through */
    }
    """

    async def recompose(self) -> None:
        await super().recompose()
        self.fit_keys()

    def on_resize(self) -> None:
        self.fit_keys()

    def fit_keys(self) -> None:
        """Show the keys, in order, while they fit whole beside the palette's key; hide the rest.

        Widths come from what each key draws, not from the layout, so this holds on a screen under a
        dialog as well as on the screen in front.
        """
        keys = list(self.query(FooterKey))
        palette = [key for key in keys if key.has_class("-command-palette")]
        room = self.size.width - sum(_width(key) for key in palette)
        full = False
        for key in keys:
            if key in palette:
                continue
            room -= _width(key)
            full = full or room < 0
            key.display = not full


def _width(key: FooterKey) -> int:
    """The columns a key takes in the footer: what it draws, its padding and border, and its margins."""
    styles = key.styles
    return key.get_content_width(Size(0, 0), Size(0, 0)) + styles.gutter.width + styles.margin.width
