"""The commitment form's tag suggestions: the tag being typed is completed from the tags already used, whatever
its capitals or accents, and a tag already in the field is not offered again."""

from __future__ import annotations

import asyncio

import pytest

from myrole.ui.dialogs.commitment import TagSuggester

KNOWN = ["Café conversations", "falls", "interpreters", "Łódź outreach"]


def suggestion(value: str) -> str | None:
    return asyncio.run(TagSuggester(KNOWN).get_suggestion(value))


@pytest.mark.parametrize(("typed", "offered"), [
    ("cafe", "Café conversations"),
    ("CAFÉ c", "Café conversations"),
    ("falls, inter", "falls, interpreters"),
    ("łodz", "Łódź outreach"),  # accents off, as search folds them (a stroke, as in Ł, is a letter of its own)
    ("FA", "falls"),
])
def test_the_tag_being_typed_is_completed_whatever_its_capitals_or_accents(typed, offered):
    assert suggestion(typed) == offered


@pytest.mark.parametrize("typed", ["", "falls, ", "falls, fa", "zebra", "falls"])
def test_nothing_is_offered_for_no_word_a_tag_already_given_or_no_match(typed):
    assert suggestion(typed) is None
