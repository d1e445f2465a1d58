"""Tests for myrole.text: control characters made visible, everything else left alone."""

from __future__ import annotations

import string
import unicodedata

from myrole.text import BIDI_CONTROLS, inert, one_line


def test_printable_ascii_passes_through_unchanged():
    assert inert(string.printable.strip()) == string.printable.strip()


def test_every_character_follows_the_rule():
    """Cc, Cs, bidi controls and the line and paragraph separators become escapes; every other code point is
    kept exactly."""
    for code in range(0x110000):
        char = chr(code)
        unsafe = unicodedata.category(char) in ("Cc", "Cs") or char in BIDI_CONTROLS or char in "\u2028\u2029"
        expected = (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}") if unsafe else char
        assert inert(char) == expected, hex(code)


def test_keep_newlines_keeps_only_line_breaks_and_tabs():
    assert inert("a\nb\tc\x1b[31m\r", keep_newlines=True) == "a\nb\tc\\x1b[31m\\x0d"


def test_line_and_paragraph_separators_are_line_breaks_where_lines_are_kept_and_visible_on_one_line():
    text = "Ward 4\u2028Bay 2\u2029Bed 6"
    assert inert(text, keep_newlines=True) == "Ward 4\nBay 2\nBed 6"  # a terminal does not obey them
    assert inert(text) == "Ward 4\\u2028Bay 2\\u2029Bed 6"  # on one line, as a line feed is (\x0a)
    assert inert("a\nb") == "a\\x0ab"
    assert one_line(text) == "Ward 4 / Bay 2 / Bed 6"  # one_line shows every line break the same way
    for shown in (inert(text), one_line(text), inert(text, keep_newlines=True).split("\n")[0]):
        assert len(shown.splitlines()) == 1


def test_one_line_joins_lines_and_shortens():
    assert one_line("first\n\nsecond-line", 0) == "first / second-line"
    assert one_line("abcdefghij", 5) == "abcd…"
