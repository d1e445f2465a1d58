"""Tests that the export's fast paths give exactly what the plain way gives, for any text or data."""

from __future__ import annotations

import json
import math
import sqlite3
from enum import IntEnum, StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from myrole.demo import seed
from myrole.export import (
    html,
    joined_in_pieces,
    json_text,
    markdown,
    render,
    render_pieces,
    summary,
)
from myrole.export.json_format import RISKY, dumps
from myrole.model import Commitment, Lens, Mode, Visibility
from myrole.privacy import (
    DOB_HINT,
    DOB_KEYWORD,
    Audience,
    find_dates_of_birth,
    find_identifiable,
    has_dob_hint,
)
from myrole.store.commitments import create_commitment
from myrole.store.rows import Members
from myrole.store.snapshot import read_contents
from myrole.text import AnyOf, inert, one_line
from tricky_text import TRICKY

texts = st.text(alphabet=st.sampled_from(TRICKY), max_size=40) | st.text(max_size=40)
# One of each kind of character a fast path must notice, alone and inside plain words.
EXAMPLES = [f"a{c}b" for c in TRICKY] + list(TRICKY) + ["&amp; x", "1. x", "12) x", " x", "\tx", "-x", "a\r\nb"]


@pytest.fixture
def db(empty_db):
    """Here, as everywhere, an open, migrated, empty store; for these tests a copy of one migrated once."""
    return empty_db


@given(texts, st.sampled_from([markdown.NEEDS_WORK, html.NEEDS_WORK, AnyOf("[0-9]"),
                               AnyOf("[\x00-\x1f]|[é]")]))
def test_any_of_agrees_with_the_regular_expression(text, check):
    for sample in [text, *EXAMPLES]:
        assert check.found_in(sample) == (check.regex.search(sample) is not None)


@given(texts)
def test_inline_fast_path_matches_full_escaping(text):
    for sample in [text, *EXAMPLES]:
        assert markdown.inline(sample) == markdown._escaped_inline(sample)


@given(texts, st.sampled_from(["", "  "]))
def test_block_fast_path_matches_line_by_line(text, indent):
    for sample in [text, *EXAMPLES]:
        assert markdown.block(sample, indent) == markdown._block_lines(sample, indent)


@given(texts)
def test_html_text_fast_path_matches_full_escaping(text):
    for sample in [text, *EXAMPLES]:
        assert html.text(sample) == html._escaped_text(sample)


def _plain_one_line(text: str, width: int) -> str:
    """one_line() as it was before its fast path."""
    cut = text[: width * 8] if width else text
    flat = inert(" / ".join(part for part in cut.splitlines() if part.strip()) or cut)
    return flat[: max(width - 1, 0)] + "…" if width and len(flat) > width else flat


@given(texts, st.sampled_from([0, 1, 5, 80]))
def test_one_line_fast_path_matches_the_plain_rule(text, width):
    for sample in [text, *EXAMPLES]:
        assert one_line(sample, width) == _plain_one_line(sample, width)


class Colour(StrEnum):
    RED = "red"


class Size(IntEnum):
    BIG = 3


class Labelled(dict):
    pass


plain = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
         | texts | st.sampled_from([Colour.RED, Size.BIG]))
keys = texts | st.integers() | st.booleans() | st.none()
json_values = st.recursive(
    plain,
    lambda inner: (st.lists(inner, max_size=4) | st.lists(inner, max_size=3).map(tuple)
                   | st.dictionaries(texts, inner, max_size=4)
                   | st.dictionaries(keys, inner, max_size=3)
                   | st.dictionaries(texts, inner, max_size=2).map(Labelled)),
    max_leaves=25,
)


@settings(max_examples=300)
@given(json_values)
def test_json_text_is_what_json_dumps_writes(value):
    expected = json.dumps(value, ensure_ascii=False, indent=2)
    assert json_text.dumps(value) == expected
    assert "".join(json_text.pieces(value)) == expected


def test_json_text_handles_the_shapes_of_an_export():
    data = {"format": "myrole-export", "empty": {}, "none": [], "nested": [{"a": 1, "tags": ["x", "y"], "b": [],
            "deep": {"c": [{"d": None, "e": True}]}}], "number": 1.5, "nan": math.nan}
    assert json_text.dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)


@given(st.lists(texts, max_size=4, unique=True), st.data())
def test_rows_are_the_same_dicts_one_compact_record_per_line(fields, data):
    records = data.draw(st.lists(st.tuples(*[plain for _ in fields]), max_size=3))
    rows = json_text.Rows(tuple(fields), records, lambda r: tuple(json.dumps(v, ensure_ascii=False) for v in r))
    dicts = [dict(zip(fields, record)) for record in records]
    text = json_text.dumps({"rows": rows, "more": [rows]})
    assert json.loads(text) == json.loads(json.dumps({"rows": dicts, "more": [dicts]}))
    lines = [line.strip().rstrip(",") for line in text.split("\n")]
    for record in dicts:
        assert json.dumps(record, ensure_ascii=False, separators=(",", ":")) in lines


def test_rows_and_records_are_laid_out_alike():
    rows = json_text.Rows(("id", "n"), [("a", 1), ("b", 2)], lambda r: (json.dumps(r[0]), json.dumps(r[1])))
    records = json_text.Records(['{"id":"a","n":1}', '{"id":"b","n":2}'])
    expected = '{\n  "list": [\n    {"id":"a","n":1},\n    {"id":"b","n":2}\n  ],\n  "none": []\n}'
    assert json_text.dumps({"list": rows, "none": json_text.Rows(("id",), [], tuple)}) == expected
    assert json_text.dumps({"list": records, "none": json_text.Records([])}) == expected


@given(st.integers() | st.booleans() | st.sampled_from([Size.BIG]))
def test_number_is_what_json_dumps_writes(value):
    assert json_text.number(value) == json.dumps(value)


def test_rows_keep_a_percent_sign_in_a_field_name():
    rows = json_text.Rows(("100%", "%s"), [("a", 1)], lambda r: (json.dumps(r[0]), json.dumps(r[1])))
    assert json_text.dumps(rows) == '[\n  {"100%":"a","%s":1}\n]'


@given(json_values)
def test_export_dumps_escapes_risky_characters_as_before(value):
    for sample in [value, "plain \x7f delete", ["\u2028", {"k": "\x85"}]]:
        text = json.dumps({"v": sample}, ensure_ascii=False, indent=2)
        expected = RISKY.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
        assert dumps({"v": sample}) == expected


DOB_EXAMPLES = ["born", "Born on 1 May", "d.o.b", "D. O. B.", "dob:", "date of birth", "DATE  OF\tBİRTH",
                "date of bırth", "reborn", "xdob", "a baby, born 2/3/2001"]


@given(texts)
def test_dob_hint_is_found_wherever_a_dob_keyword_is(text):
    assert all(DOB_KEYWORD.search(sample) for sample in DOB_EXAMPLES[:8])
    for sample in [text, *DOB_EXAMPLES]:
        if DOB_KEYWORD.search(sample):
            assert DOB_HINT.search(sample), sample
        assert has_dob_hint(sample) is (DOB_HINT.search(sample) is not None), sample


@given(st.text(alphabet=st.sampled_from("dobDOBATEFIRHN. :-\t\n\x0bate fbirthrn on x"), max_size=30))
def test_the_quick_dob_hint_on_ascii_text_finds_what_the_pattern_finds(text):
    assert has_dob_hint(text) is (DOB_HINT.search(text) is not None)


@given(st.text(alphabet=st.sampled_from("dobDOBıİ. :-\tate fbirthrn on x"), max_size=30))
def test_text_without_digits_gets_the_full_date_of_birth_check(text):
    assert find_identifiable(text) == find_dates_of_birth(text)


@given(st.lists(texts, max_size=9), st.integers(min_value=1, max_value=4))
def test_joined_in_pieces_joins_to_the_whole(lines, size):
    assert "".join(joined_in_pieces(lines, size)) == "\n".join(lines)


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
@pytest.mark.parametrize("audience", list(Audience))
def test_pieces_of_an_export_make_the_whole_export(db, fmt, audience):
    seed(db)
    create_commitment(db, Commitment(id="", title="Emoji 😀 and \u202e bidi", lens=Lens.SELF, mode=Mode.ACTION,
                                     detail="’quotes’ \x7f", visibility=Visibility.ALLIANCE))
    document = summary(db, audience, exported_at="2026-01-02T03:04:05Z")
    assert "".join(render_pieces(document, fmt)) == render(document, fmt)


def test_members_look_up_like_the_enum_and_refuse_unknown_values():
    lenses = Members(Lens)
    assert all(lenses[lens.value] is lens for lens in Lens)
    with pytest.raises(ValueError):
        Members(Visibility)["everyone"]


def test_read_contents_gives_the_same_from_a_plain_connection(db, paths):
    seed(db)
    via_database = read_contents(db)
    conn = sqlite3.connect(paths.store)
    try:
        assert read_contents(conn) == via_database
        assert not conn.in_transaction
    finally:
        conn.close()
