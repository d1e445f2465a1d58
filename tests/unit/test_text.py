"""Tests for myrole.text: control characters made visible, everything else left alone."""

from __future__ import annotations

import string
import unicodedata

from myrole.text import BIDI_CONTROLS, inert, one_line


def test_printable_ascii_passes_through_unchanged():
    assert inert(string.printable.strip()) == string.printable.strip()


def test_every_character_follows_the_rule():
    """Cc, Cs and bidi controls become escapes; every other code point is kept exactly."""
    for code in range(0x110000):
        char = chr(code)
        unsafe = unicodedata.category(char) in ("Cc", "Cs") or char in BIDI_CONTROLS
        expected = (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}") if unsafe else char
        assert inert(char) == expected, hex(code)


def test_keep_newlines_keeps_only_line_breaks_and_tabs():
    assert inert("a\nb\tc\x1b[31m\r", keep_newlines=True) == "a\nb\tc\\x1b[31m\\x0d"


def test_one_line_joins_lines_and_shortens():
    assert one_line("first\n\nsecond-line", 0) == "first / second-line"
    assert one_line("abcdefghij", 5) == "abcd…"
