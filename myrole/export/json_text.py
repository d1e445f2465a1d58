"""Provides JSON text as json.dumps(value, ensure_ascii=False, indent=2) writes it, but for lists of records.

Long lists of records, given as Rows or Records, are written one compact record per line
(json.dumps(record, ensure_ascii=False, separators=(",", ":"))), the way SQLite's json_object
writes a record; everything else is the same byte for byte (tests/unit/test_fast_paths.py).
Why it is written this way: docs/performance.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from json.encoder import encode_basestring
from typing import Any

INDENT = "  "
string = encode_basestring  # a str (or str enum member) as JSON text, exactly as json.dumps writes it
CONTAINERS = (dict, list, tuple)
PLAIN = frozenset((str, int, float, bool, type(None)))  # exact types: a subclass goes the standard way
TEXT = frozenset((str,))


@dataclass(frozen=True)
class Rows:
    """A list of records that all have these fields; row(item) gives an item's values, JSON-encoded.

    For the bulk of an export (answers, check-ins): the field names are laid out once for all rows,
    where a list of dicts would have every name encoded again for every record.
    """

    fields: tuple[str, ...]
    items: list[Any]
    row: Callable[[Any], tuple[str, ...]]

    def text(self, newline: str) -> str:
        record, row = _record_template(self.fields), self.row
        return one_per_line([record % row(each) for each in self.items], newline)


@dataclass(frozen=True)
class Records:
    """A list of records already written as one-line JSON texts (by SQLite, say), laid out as Rows are."""

    texts: list[str]

    def text(self, newline: str) -> str:
        return one_per_line(self.texts, newline)


def one_per_line(records: list[str], newline: str) -> str:
    """A JSON list of one-line records, each on a line of its own, one step in from `newline`."""
    if not records:
        return "[]"
    item = newline + INDENT
    return "[" + item + ("," + item).join(records) + newline + "]"


def number(value: int) -> str:
    """An int as JSON text (anything else as json.dumps writes it)."""
    return str(value) if type(value) is int else json.dumps(value, ensure_ascii=False)


def dumps(value: Any) -> str:
    """The same text as json.dumps(value, ensure_ascii=False, indent=2), but Rows and Records one record per line."""
    return "".join(pieces(value))


def pieces(value: Any) -> list[str]:
    """That text in pieces (a long text is cheaper to filter piece by piece, and then to join once)."""
    out: list[str] = []
    _write(value, "\n", out)
    return out


def _write(value: Any, newline: str, out: list[str]) -> None:
    """Append the text of value, which starts on the line that `newline` (a break plus indentation) opens."""
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif kind is Rows or kind is Records:
        out.append(value.text(newline))
    elif kind in PLAIN or (not value and kind in CONTAINERS):  # a number, true, false, null, {} or []
        out.append(_flat_writer(newline)(value))
    elif kind not in CONTAINERS:
        out.append(_standard(value, newline))
    elif PLAIN.issuperset(map(type, value.values() if kind is dict else value)):
        inner = newline + INDENT
        text = _flat_writer(inner)(value)  # '{"a": 1,<inner>"b": 2}': the brackets need lines of their own
        out.append(f"{text[0]}{inner}{text[1:-1]}{newline}{text[-1]}")
    elif kind is dict and TEXT.issuperset(map(type, value)):
        _nested(((f"{encode_basestring(key)}: ", item) for key, item in value.items()), "{}", newline, out)
    elif kind is dict:  # keys that are not text, which the standard encoder converts
        out.append(_standard(value, newline))
    else:
        _nested((("", item) for item in value), "[]", newline, out)


def _nested(entries: Iterator[tuple[str, Any]], brackets: str, newline: str, out: list[str]) -> None:
    """A container holding containers: each entry (its key text, if any, and value) on a line of its own."""
    inner = newline + INDENT
    separator = brackets[0] + inner
    for label, item in entries:
        out.append(separator + label)
        _write(item, inner, out)
        separator = "," + inner
    out.append(newline + brackets[1])


def _standard(value: Any, newline: str) -> str:
    """The standard encoder's text, indented to fit: for what is rare here (subclasses, keys that are not text)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline)


@cache
def _record_template(fields: tuple[str, ...]) -> str:
    """'{"id":%s,"text":%s}': a one-line record with a place for each field's JSON text."""
    names = [string(name).replace("%", "%%") for name in fields]
    return "{" + ",".join(f"{name}:%s" for name in names) + "}"


def _flat_writer(inner: str) -> Callable[[Any], str]:
    """Writes a container of plain values on one line per item, each line opened by `inner`."""
    return json.JSONEncoder(ensure_ascii=False, separators=("," + inner, ": ")).encode
