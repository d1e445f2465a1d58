"""Tests that the Markdown export's whole-text escaping gives exactly what the old line-by-line way gave."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from myrole.export import markdown
from myrole.text import NOT_ONE_SAFE_LINE, AnyOf, inert

# -- the old way, kept here as it was (one Python call per line) to compare with ------------------

OLD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")
OLD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
OLD_LINE_START = re.compile(r"^(?:([-+=:])|(\d{1,9})([.)]))")
OLD_MARKUP = re.compile(r"[\\`*_\[\]<>#|~$&]")
OLD_NEEDS_WORK = AnyOf(f"{OLD_MARKUP.pattern}|{NOT_ONE_SAFE_LINE.pattern}")  # all inert() changes


def _old_neutral_start(match: re.Match) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def old_inline(text: str) -> str:
    if OLD_MARKUP.search(text) or OLD_LINE_START.match(text):
        escaped = OLD_ENTITY.sub("\\&", OLD_SPECIAL.sub(r"\\\1", text))
        return OLD_LINE_START.sub(_old_neutral_start, escaped)
    return text


def _old_line(text: str) -> str:
    leading = len(text) - len(text.lstrip(" \t"))
    body = old_inline(text[leading:])
    return "".join("&#9;" if ch == "\t" else "&#32;" for ch in text[:leading]) + body


def old_block(text: str, indent: str = "") -> str:
    if OLD_NEEDS_WORK.found_in(text) or OLD_LINE_START.match(text) or text.startswith(" "):
        return old_block_lines(text, indent)
    return text


def old_block_lines(text: str, indent: str) -> str:
    lines = inert(text.replace("\r\n", "\n"), keep_newlines=True).split("\n")
    rendered = [_old_line(line) for line in lines]
    out = []
    for index, line in enumerate(rendered):
        last = index == len(rendered) - 1
        end = "" if last or not line or not rendered[index + 1] else "\\"
        out.append((indent if index else "") + line + end if line else "")
    return "\n".join(out)


# -- arbitrary text, rich in what the escaping looks for ------------------------------------------

# Every line break str.splitlines() knows ("\n", "\r\n" made "\n", and the line and paragraph separators
# made "\n" by inert() end a Markdown line here; the others are made visible).
LINE_BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
MARKUP_LOOKING = ["*", "**", "_", "`", "```", "[", "]", "(", ")", "<", ">", "<b>", "#", "## ", "|", "~", "$",
                  "\\", "&", "&amp;", "&#32;", "&#x41;", "&x", ";", "-", "- ", "+", "=", "===", ":", ".",
                  "1.", "12)", "123456789.", "1234567890.", "\u0661.", "> ", "!", "{", "}", "%", "'", '"']
CONTROLS = ["\x00", "\x07", "\x1b", "\x1b[31m", "\x7f", "\x9b", "\x9f", "\u200e", "\u202e", "\u2066",
            "\u2069", "\ud800", "\udfff"]
WORDS = [" ", "  ", "\t", " \t ", "a", "word", "é", "’", "😀", "\u0301", "0", "42"]
PIECES = LINE_BREAKS + MARKUP_LOOKING + CONTROLS + WORDS

texts = (st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
         | st.text(max_size=60)
         | st.text(alphabet=st.sampled_from("".join(PIECES)), max_size=60))
indents = st.sampled_from(["", "  ", "\t", "\\", "\\1 \\g<0>"])  # the last two would be misread as a regex template

EXAMPLES = ["", "a", "a\n" * 50, "a\n\nb", "\n", "\n\n", "a\n", "\na", " a\n\tb\n  \n-\n1.\n1)\nx",
            "-\n+\n=\n:\n7.\n7)\n", "a\r\nb\rc", "*\n*\n", "&amp;\n&#32;\n&\n", "  - item\n\t1. step",
            "\u2028a\u2029b\x85c\x0bd\x0ce\x1cf", "1234567890. x\n123456789) y", "\\\n\\"]


@given(texts, indents)
def test_block_matches_the_old_line_by_line_way(text, indent):
    for sample in [text, *EXAMPLES]:
        assert markdown.block(sample, indent) == old_block(sample, indent)


@pytest.mark.parametrize("text", ["a\n" * 50_000, "- a\n\t2) b\n\n" * 5_000, "*é* &amp;\r\n" * 10_000],
                         ids=["one-letter lines", "list-looking lines", "markup and accents"])
def test_long_texts_match_the_old_way(text):
    """The texts the speed-up is for, whole (the property tests use short ones)."""
    for indent in ("", "  "):
        assert markdown.block(text, indent) == old_block(text, indent)


@given(texts, indents)
def test_whole_text_escaping_matches_the_old_way_on_any_text(text, indent):
    """The escaping path by itself (block() sends plain one-line text past it), on every sample."""
    for sample in [text, *EXAMPLES]:
        assert markdown._block_lines(sample, indent) == old_block_lines(sample, indent)


@given(texts)
def test_inline_matches_the_old_way(text):
    for sample in [text, *EXAMPLES]:
        line = sample.replace("\n", " ")  # inline() is given one line (one_line() comes first)
        assert markdown.inline(line) == old_inline(line)
        assert markdown._escaped_inline(line) == old_inline(line)


def test_a_long_text_keeps_its_shape():
    """A hand-checked case: escapes, entities for leading spaces, hard breaks and the indent."""
    assert markdown.block("* one\n  two\n\n3. three", "  ") == "\\* one\\\n  &#32;&#32;two\n\n  3\\. three"
