"""Every member of an enum with words (model.Words) has them: a label, an explanation."""

from __future__ import annotations

from enum import Enum

import pytest

from myrole import model
from myrole.revalidation import model as revalidation_model

WORDED = [(enum, name) for module in (model, revalidation_model) for enum in vars(module).values()
          if isinstance(enum, type) and issubclass(enum, Enum) and enum.__module__ == module.__name__
          for name, attribute in vars(enum).items() if isinstance(attribute, model.Words)]


def test_the_worded_enums_are_found():
    assert {(enum.__name__, name) for enum, name in WORDED} >= {
        ("Lens", "label"), ("Mode", "label"), ("Mode", "explained"), ("Visibility", "explanation"),
        ("Context", "label"), ("ItemKind", "label"), ("Theme", "label"), ("ActivityKind", "label")}


@pytest.mark.parametrize(("enum", "name"), WORDED, ids=[f"{enum.__name__}.{name}" for enum, name in WORDED])
def test_every_member_has_words_and_no_words_name_a_missing_member(enum, name):
    words = getattr(enum, name)
    assert set(words.by_value) == {member.value for member in enum}
    assert all(isinstance(getattr(member, name), str) and getattr(member, name) for member in enum)


def test_a_members_words():
    assert model.Lens.SELF.label == "Self"
    assert model.Mode.ADVOCACY.explained == "Speak up for change (optimise advocacy)"
    assert revalidation_model.Theme.TRUST.label == "Promote professionalism and trust"
    assert model.Context.ONE_TO_ONE.label == "Preparing for a one-to-one"
