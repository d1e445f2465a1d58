"""The meaning checks asked a field at a time over all records (the quick way) pass exactly the files that
record_problem, asked record by record, passes; and a refusal is worded as before."""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from myrole.export.importer import (RULES, _column_passes, _records, _records_by_kind, meaning_problem,
                                    record_problem)
from test_import_fast_schema import exported


@cache
def document() -> dict[str, Any]:
    return json.loads(exported())


def test_both_ways_of_walking_the_file_give_the_same_records():
    data = document()
    walked: dict[str, list] = {kind: [] for kind in RULES}
    for kind, _, record in _records(data):
        walked[kind].append(id(record))
    grouped = {kind: [id(record) for record in records] for kind, records in _records_by_kind(data).items()}
    assert grouped == walked
    assert all(walked[kind] for kind in ("profile", "reflection", "answer", "commitment", "checkin", "history",
                                         "event", "topic", "one_to_one", "item", "revalidation", "cpd_details",
                                         "nmc_account", "statement_item"))


def every_field() -> list[tuple[str, str]]:
    fields = []
    for kind, rules in RULES.items():
        fields += [(kind, name) for name in (*rules.texts, *rules.ids, *rules.moments, *rules.days, *rules.numbers)]
    return sorted(fields)


TEXTS = st.sampled_from([
    "2026-02-28", "2026-02-29", "2024-02-29", "1899-12-31", "1900-01-01", "2999-12-31", "3000-01-01", "0000-01-01",
    "2026-02-28T23:59:59Z", "2026-02-28T24:00:00Z", "2026-02-28T23:60:00Z", "2026-02-28T23:59:60Z",
    "2026-02-30T10:00:00Z", "2026-02-28T10:00:00Z\n", "2026-02-28 10:00:00Z", "2026-02-28T10:00:00Z 2026-02-28T10:00:00Z",
    "2026-02-28 2026-02-28", "2026-02-28\n", "a" * 32, "a" * 100, "a" * 101, "", "a b", "a\n", "ab-_9", "é",
    "x" * 200, "x" * 201, "x" * 1000, "x" * 1001, "one\nline", "one\u2028line", "\ud800", "ok \udfff", "\U0001F600",
    "red \x1b[31m", "right \u202eto left", "csi \x9b"])  # controls: an event's name or a topic's title refuses them
NUMBERS = st.sampled_from([0, 1, 4, 5, -1, 10_000, 10_001, 1_000_000, 1_000_001, True, False, 3.0, 2.5])


def value_for(kind: str, name: str) -> st.SearchStrategy:
    """What the schema lets through for the field (the meaning checks only ever see such a document)."""
    rules = RULES[kind]
    if name in rules.numbers:
        return NUMBERS
    return TEXTS | st.none() if name in (*rules.ids, *rules.moments, *rules.days) else TEXTS


CHANGE = st.sampled_from(every_field()).flatmap(
    lambda field: st.tuples(st.just(field), st.integers(0, 50), value_for(*field)))


@settings(max_examples=500, deadline=None)
@given(st.lists(CHANGE, min_size=1, max_size=3))
def test_the_quick_way_agrees_with_record_by_record(changes):
    data = copy.deepcopy(document())
    groups = _records_by_kind(data)
    for (kind, name), which, value in changes:
        records = groups[kind]
        records[which % len(records)][name] = value
    for kind, records in groups.items():
        by_record = all(record_problem(RULES[kind], record, "x") is None for record in records)
        assert _column_passes(RULES[kind], records) == by_record, kind


def test_a_refusal_names_the_first_record_that_fails_as_before():
    data = copy.deepcopy(document())
    data["commitments"][0]["checkins"][0]["at"] = "2026-02-30T10:00:00Z"
    data["commitments"][1]["checkins"][0]["on_date"] = "2026-13-01"
    assert meaning_problem(data) == ("the time at commitments/0/checkins/0/at is not a real moment between 1900 "
                                     "and 2999")
