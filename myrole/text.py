"""Provides inert forms of user text for plain terminal output: control characters made visible."""

from __future__ import annotations

import unicodedata

# Format characters that can reorder or hide text on screen (bidi overrides and isolates).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def visible(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str, *, keep_newlines: bool = False) -> str:
    """Text safe to print to a terminal: control, bidi-override and surrogate characters become visible escapes.

    Everything else (emoji with joiners, combining marks, right-to-left letters) passes
    through unchanged, so what a person wrote is shown as they wrote it.
    """
    out: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if keep_newlines and char in "\n\t":
            out.append(char)
        elif category in ("Cc", "Cs") or char in BIDI_CONTROLS:
            out.append(visible(char))
        else:
            out.append(char)
    return "".join(out)


def one_line(text: str, width: int = 0) -> str:
    """Inert text on a single line (line breaks shown as ' / '), cut to width with an ellipsis."""
    if width:
        text = text[: width * 8]  # enough for any line of width; spares a long answer's whole length
    flat = " / ".join(part for part in text.splitlines() if part.strip()) or text
    flat = inert(flat)
    if width and len(flat) > width:
        return flat[: max(width - 1, 0)] + "…"
    return flat
