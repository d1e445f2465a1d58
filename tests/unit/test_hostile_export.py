"""Tests that hostile text comes out of every export verbatim and inert: escaped HTML, unforgeable Markdown, exact JSON."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from myrole.export import render, summary
from myrole.export.markdown import block, inline
from myrole.model import Commitment, Lens, Mode, Visibility
from myrole.privacy import Audience
from myrole.store.commitments import create_commitment
from myrole.text import inert, one_line

HOSTILE = [
    "# Forged heading",
    "## Section\n### Another section",
    "Title\n=====",
    "Text\n---\nmore",
    "[click me](https://evil.example/x) and ![img](https://evil.example/i.png)",
    "[ref]: https://evil.example/ref\nsee [ref]",
    "<https://evil.example/auto> and <mail@evil.example>",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "<b>bold</b> & &amp; &#60; &copy;",
    "<!-- hidden --> <details><summary>open</summary>x</details>",
    "**strong** __strong__ *em* _em_ `code` ~~strike~~ $x^2$",
    "- list item\n* another\n+ third\n1. numbered\n2) also",
    "> a quote\n>> nested",
    "    indented code\n\tand a tab",
    "```\nfenced\n```\n~~~\nfenced too\n~~~",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "[^1]: footnote",
    "\\# escaped already \\",
    "ends with a backslash\\\nnext line",
    "first\n\n# after a blank line",
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \x1b]52;c;SGVsbG8=\x07",
    "nul\x00 bell\x07 cr\rback c1\x9b31m",
    "bidi \u202eoverride\u202c and \u2066isolate\u2069",
    "[bold]rich[/bold] [link=https://evil.example]x[/link] [@click=app.quit]q[/]",
    "emoji 👩🏽‍⚕️ combining e\u0301 right-to-left مرحبا",
    "'; DROP TABLE commitments; --",
]


@pytest.fixture(params=range(len(HOSTILE)), ids=lambda i: f"hostile{i}")
def hostile(request, empty_db):
    db = empty_db
    text = HOSTILE[request.param]
    create_commitment(db, Commitment(id="", title=text, lens=Lens.SERVICES, mode=Mode.ACTION, detail=text,
                                     support=text, tags=(text,), visibility=Visibility.ALLIANCE))
    return db, text


def test_json_holds_hostile_text_exactly(hostile):
    db, text = hostile
    for audience in Audience:
        output = render(summary(db, audience), "json")
        commitment = json.loads(output)["commitments"][0]
        assert commitment["title"] == text and commitment["tags"] == [text]
        assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", output.replace("\n", ""))


def _markdown_tokens(source: str):
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return parser.parse(source)


def _inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        else:
            parts.append(child.content)
    return "".join(parts)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("audience", [Audience.ME, Audience.MANAGER, Audience.ALLIANCE], ids=str)
def test_markdown_cannot_forge_structure(hostile, audience):
    db, text = hostile
    tokens = _markdown_tokens(render(summary(db, audience), "md"))
    headings = [_inline_text(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert [_squash(h) for h in headings[1:]] == ["Teams, pathways and services", _squash(one_line(text))]
    kinds = {child.type for t in tokens for child in (t.children or [])} | {t.type for t in tokens}
    assert not kinds & {"html_block", "html_inline", "image", "code_block", "fence", "blockquote_open",
                        "table_open", "s_open", "em_open", "strong_open", "code_inline"}
    links = [c for t in tokens for c in (t.children or []) if c.type == "link_open"]
    assert [link.attrGet("href") for link in links] == [
        "https://www.kingsfund.org.uk/insight-and-analysis/reports/"
        "tackling-health-inequalities-framework-allied-health-professionals"]
    assert [t.type for t in tokens].count("hr") == 1  # only the footer rule


def test_markdown_shows_the_text_as_written(hostile):
    db, text = hostile
    tokens = _markdown_tokens(render(summary(db, Audience.ME), "md"))
    shown = "\n".join(_inline_text(t) for t in tokens if t.type == "inline")
    expected = inert(text.replace("\r\n", "\n"), keep_newlines=True)
    assert _squash(f"Detail: {expected}") in _squash(shown)


@pytest.mark.parametrize("line", ["# x", "- x", "+ x", "* x", "1. x", "12) x", "> x", "=== ", "--- ", "```",
                                  "~~~", "<div>", "    x", "\tx", ": x", "| x |"])
def test_no_line_start_can_begin_a_block(line):
    source = f"Intro paragraph.\n\n{block(line)}\n"
    types = [t.type for t in _markdown_tokens(source)]
    assert types == ["paragraph_open", "inline", "paragraph_close"] * 2


def test_inline_escapes_every_character_that_could_format():
    assert inline("a*b_c`d[e]f<g>h#i|j~k$l\\m&amp;") == "a\\*b\\_c\\`d\\[e\\]f\\<g\\>h\\#i\\|j\\~k\\$l\\\\m\\&amp;"
    assert inline("Tom & Jerry") == "Tom & Jerry"  # a lone ampersand is harmless and left alone


class Collector(HTMLParser):
    """Tags, and the text of each element with class 'text' (what a person wrote)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.headings: list[str] = []
        self.user_texts: list[str] = []
        self._capture: list[str] | None = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        if tag == "h3" or ("class", "text") in attrs:
            self._capture, self._depth = [], 1
        elif self._capture is not None:
            self._depth += 1

    def handle_endtag(self, tag):
        if self._capture is not None:
            self._depth -= 1
            if self._depth == 0:
                (self.headings if tag == "h3" else self.user_texts).append("".join(self._capture))
                self._capture = None

    def handle_data(self, data):
        if self._capture is not None:
            self._capture.append(data)


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "dl",
                "dt", "dd", "span", "main", "section", "article", "footer", "a"}


@pytest.mark.parametrize("audience", [Audience.ME, Audience.MANAGER, Audience.ALLIANCE], ids=str)
def test_html_escapes_hostile_text(hostile, audience):
    db, text = hostile
    page = render(summary(db, audience), "html")
    parsed = Collector()
    parsed.feed(page)
    assert set(parsed.tags) <= ALLOWED_TAGS
    assert parsed.tags.count("a") == 1
    assert not any(name.startswith("on") or name == "src" for name, _ in parsed.attrs)
    assert parsed.headings == [one_line(text)]
    if audience is not Audience.ALLIANCE:
        assert inert(text.replace("\r\n", "\n"), keep_newlines=True) in parsed.user_texts
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", page)
