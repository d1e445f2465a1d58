"""Tests that hostile titles, topics and tags in alliance files are inert in every form of the collation report."""

from __future__ import annotations

import json
import re

import pytest
from test_collate import crowd, person
from test_hostile_export import ALLOWED_TAGS, HOSTILE, _markdown_tokens

from myrole.collate import collate, render
from myrole.collate.reading import FileRefused, read_submission
from myrole.collate.sample import commitment
from myrole.limits import LINE_BREAKS
from myrole.text import one_line

ONE_LINE = [text for text in HOSTILE if LINE_BREAKS.isdisjoint(text)]
SEVERAL_LINES = [text for text in HOSTILE if not LINE_BREAKS.isdisjoint(text)]
TABLE_TAGS = {"table", "caption", "thead", "tbody", "tr", "th", "td", "ul", "li"}


@pytest.fixture(params=range(len(ONE_LINE)), ids=lambda i: f"hostile{i}")
def report(request, tmp_path):
    text = ONE_LINE[request.param]
    crowd(tmp_path, 5, title=text[:200], topic=text, tags=[text[:50]])
    return collate([tmp_path]), text


def test_json_holds_hostile_text_exactly(report):
    report, text = report
    output = render(report, "json")
    data = json.loads(output)
    assert data["topics"][0]["topic"] == text and data["topics"][0]["titles"] == [text[:200]]
    assert data["tags"][0]["tag"] == text[:50]
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", output.replace("\n", ""))


def test_markdown_cannot_forge_structure(report):
    report, text = report
    tokens = _markdown_tokens(render(report, "md"))
    kinds = {child.type for t in tokens for child in (t.children or [])} | {t.type for t in tokens}
    assert not kinds & {"html_block", "html_inline", "image", "code_block", "fence", "blockquote_open",
                        "s_open", "em_open", "strong_open", "code_inline", "link_open"}
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h3"]
    assert len(headings) == 1  # the topic's own heading for its titles; nothing forged


def test_html_escapes_hostile_text(report):
    from html.parser import HTMLParser

    report, text = report
    page = render(report, "html")
    tags: list[str] = []
    attributes: list[str] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)
            attributes.extend(name for name, _ in attrs)

    Collector().feed(page)
    assert set(tags) <= ALLOWED_TAGS | TABLE_TAGS
    assert "a" not in tags and "script" not in tags
    assert not any(name.startswith("on") or name in ("src", "href") for name in attributes)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", page)
    assert "default-src 'none'" in page


def test_the_terminal_words_are_inert(report):
    from myrole.ui.screens.collation import report_lines

    report, text = report
    shown = "\n".join(report_lines(report))
    assert one_line(text) in shown
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", shown)


@pytest.mark.parametrize("text", SEVERAL_LINES)
def test_a_title_on_several_lines_is_refused(tmp_path, text):
    path = person(tmp_path, "p.json", commitment(title=text[:200]))
    with pytest.raises(FileRefused, match="is not on one line"):
        read_submission(path)
