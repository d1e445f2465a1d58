"""Provides inert forms of user text for plain terminal output.

Control characters are made visible, and the line and paragraph separators made line breaks (where lines
are kept) or visible (on one line).
"""

from __future__ import annotations

import re

# What must never reach a terminal raw: C0 and C1 controls (Unicode category Cc), lone
# surrogates (Cs), and the format characters that reorder or hide text (bidi overrides,
# embeddings, isolates and marks). One compiled class keeps this at C speed on long text.
BIDI_CONTROLS = frozenset("\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")  # Unicode's Bidi_Control
_BIDI_CLASS = "".join(sorted(BIDI_CONTROLS))  # literal characters: none is special inside [...]
UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{_BIDI_CLASS}]")
# The line and paragraph separators: line breaks to str.splitlines() (and to an editor or a PDF), which a
# terminal does not obey, so a text that holds one would read as one line here and as two there.
SEPARATORS = "\u2028\u2029"
# What inert() changes, and so what makes one_line() change a text at all: anything unsafe, or a separator.
# Most text has none of these.
NOT_ONE_SAFE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{SEPARATORS}{_BIDI_CLASS}]")
# What inert(keep_newlines=True) changes: anything unsafe but a line feed or a tab, or a separator.
NOT_SAFE_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{SEPARATORS}{_BIDI_CLASS}]")


class AnyOf:
    """Whether a text holds any character of a class: like re.search, several times faster on ASCII text.

    Most text is ASCII: encoding it is a plain copy, and bytes.translate() then drops every harmless
    byte in one pass, so anything left over is a character of the class. Other text is searched with
    the regular expression itself.
    """

    def __init__(self, pattern: str) -> None:
        """pattern: a regular expression that matches exactly one character, such as '[&<>]'."""
        self.regex = re.compile(pattern)
        self.harmless = bytes(code for code in range(128) if not self.regex.fullmatch(chr(code)))

    def found_in(self, text: str) -> bool:
        if text.isascii():
            return bool(text.encode("ascii").translate(None, self.harmless))
        return self.regex.search(text) is not None


def visible(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str, *, keep_newlines: bool = False) -> str:
    """Text safe to print to a terminal: control, bidi-override and surrogate characters become visible escapes.

    On one line (the default) a line feed, a tab and the line and paragraph separators are escapes too
    ('\\x0a', '\\u2028'); with keep_newlines, line feeds and tabs are kept and a separator becomes a line
    feed, the line break it stands for. Everything else (emoji with joiners, combining marks, right-to-left
    letters) passes through unchanged, so what a person wrote is shown as they wrote it.
    """
    if keep_newlines:
        return NOT_SAFE_LINES.sub(_line_or_visible, text)
    return NOT_ONE_SAFE_LINE.sub(_visible_match, text)


def _visible_match(match: re.Match) -> str:
    return visible(match.group())


def _line_or_visible(match: re.Match) -> str:
    char = match.group()
    return "\n" if char in SEPARATORS else visible(char)


def one_line(text: str, width: int = 0) -> str:
    """Inert text on a single line (line breaks shown as ' / '), cut to width with an ellipsis."""
    if width:
        text = text[: width * 8]  # enough for any line of width; spares a long answer's whole length
    flat = text
    if NOT_ONE_SAFE_LINE.search(text):  # otherwise the text is already one inert line: spare the work
        flat = inert(" / ".join(part for part in text.splitlines() if part.strip()) or text)
    if width and len(flat) > width:
        return flat[: max(width - 1, 0)] + "…"
    return flat
