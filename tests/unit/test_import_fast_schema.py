"""The quick schema check (jsonschema-rs) accepts and refuses exactly what jsonschema does, on mutated exports."""

from __future__ import annotations

import copy
import json
import tempfile
from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from myrole.export import render, summary
from myrole.export.importer import _runtime_definitions, passes_schema, runtime_schema, schema_problem
from myrole.paths import resolve
from myrole.privacy import Audience
from myrole.store import open_store
from share_store import EXPORTED_AT, fill


@cache
def exported() -> str:
    """A `me` export of a store with something in every kind of record."""
    with tempfile.TemporaryDirectory() as folder:
        db = open_store(resolve(folder))
        fill(db)
        text = render(summary(db, Audience.ME, exported_at=EXPORTED_AT), "json")
        db.close()
    return text


@cache
def reference(definition: str | None = None) -> Draft202012Validator:
    """jsonschema, on the same rules the quick check compiles."""
    if definition is None:
        return Draft202012Validator(runtime_schema())
    return Draft202012Validator({"$defs": _runtime_definitions(), "$ref": f"#/$defs/{definition}"})


def jsonschema_passes(data: Any, definition: str | None = None) -> bool:
    return next(reference(definition).iter_errors(data), None) is None


def places(node: Any, path: tuple = ()) -> list[tuple]:
    """Every path to a value inside node (keys and list positions)."""
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += places(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += places(value, (*path, i))
    return found


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**7) | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", " ", "x", "self", "alliance", "weekly", "2027-02-30", "myrole-export", "me", "\n",
                       "a" * 60, "1.0", "draft", "agreed", "note", "7d"]) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "text", "x", "tags"]),
                                                                 inner, max_size=3),
    max_leaves=6)
CLOSE_VALUES = st.sampled_from([0, 1, 1.0, 3.0, 4.5, -1, 5, 10_001, 1_000_001, True, False, None, "", [], {}])


@st.composite
def mutated(draw) -> Any:
    """The export with a few of its values replaced, keys removed or keys added."""
    data = copy.deepcopy(json.loads(exported()))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(places(data)))
        if not where:
            continue
        parent = data
        for part in where[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "close", "remove", "add"]))
        if action == "replace":
            parent[where[-1]] = draw(JSON_VALUES)
        elif action == "close":
            parent[where[-1]] = draw(CLOSE_VALUES)
        elif action == "remove":
            del parent[where[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "id", "text", "lenses", "tags"]))] = draw(JSON_VALUES)
        else:
            parent.append(draw(JSON_VALUES))
    return data


def test_the_unchanged_export_passes_both():
    data = json.loads(exported())
    assert passes_schema(data) and jsonschema_passes(data)
    assert schema_problem(data) is None


@settings(max_examples=400, deadline=None)
@given(mutated())
def test_the_quick_check_agrees_with_jsonschema_on_mutated_exports(data):
    assert passes_schema(data) == jsonschema_passes(data)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["answer", "checkin", "commitment", "one_to_one_item", "reflection", "profile"]), JSON_VALUES,
       st.data())
def test_the_quick_check_of_one_record_agrees_with_jsonschema(definition, value, data):
    records = {"answer": ("reflections", 0, "answers", 0), "checkin": ("commitments", 0, "checkins", 0),
               "commitment": ("commitments", 0), "one_to_one_item": ("one_to_ones", 0, "items", 0),
               "reflection": ("reflections", 0), "profile": ("profile",)}
    record = json.loads(exported())
    for part in records[definition]:
        record = record[part]
    if data.draw(st.booleans()) and isinstance(record, dict):
        record[data.draw(st.sampled_from(sorted(record)))] = value
    else:
        record = value
    assert passes_schema(record, definition) == jsonschema_passes(record, definition)


def test_a_refused_export_is_worded_by_jsonschema():
    """What the quick check refuses is read again by jsonschema, whose first error is named, as before."""
    data = json.loads(exported())
    data["commitments"][0]["checkins"][0]["progress"] = 9
    assert not passes_schema(data)
    assert schema_problem(data) == "the value at commitments/0/checkins/0/progress is out of range"


def test_true_is_not_the_format_version_one():
    data = json.loads(exported())
    data["format_version"] = True
    assert not passes_schema(data) and not jsonschema_passes(data)


def test_a_share_key_with_a_line_break_after_it_is_refused():
    """The one place the two read a pattern differently: in Python's re, `$` also matches before a final line
    break, which the standard's patterns (and jsonschema-rs) do not; the quick check is the stricter."""
    data = json.loads(exported())
    data["commitments"][0]["share_key"] = "0" * 32 + "\n"
    assert not passes_schema(data)
    assert jsonschema_passes(data)  # jsonschema, on Python's re, lets it through
    assert schema_problem(data) == "the file holds a value that is not in the expected form"
