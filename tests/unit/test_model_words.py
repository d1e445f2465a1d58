"""Every member of an enum with words (model.Worded) has them, and is still found by its value."""

from __future__ import annotations

import pickle

import pytest

from myrole import model
from myrole.revalidation import model as revalidation_model

WORDED = [enum for module in (model, revalidation_model) for enum in vars(module).values()
          if isinstance(enum, type) and issubclass(enum, model.Worded) and enum.__module__ == module.__name__]


def test_the_worded_enums_are_found():
    assert {enum.__name__ for enum in WORDED} >= {
        "Lens", "Mode", "Visibility", "Context", "ItemKind", "Theme", "ActivityKind"}


@pytest.mark.parametrize("enum", WORDED, ids=[enum.__name__ for enum in WORDED])
def test_every_member_has_its_words_and_is_found_by_its_value(enum):
    for member in enum:
        assert isinstance(member.label, str) and member.label
        assert isinstance(member.value, str) and member == member.value == str(member)
        assert enum(member.value) is member
        assert pickle.loads(pickle.dumps(member)) is member


def test_a_members_words():
    assert model.Lens.SELF.label == "Self"
    assert model.Lens.SELF.value == "self"
    assert model.Mode.ADVOCACY.label == "Optimise advocacy"
    assert model.Mode.ADVOCACY.explained == "Speak up for change (optimise advocacy)"
    assert model.Visibility.MANAGER.explanation == "manager: you and your line manager"
    assert revalidation_model.Theme.TRUST.label == "Promote professionalism and trust"
    assert revalidation_model.Theme.TRUST.value == "promote_professionalism"
    assert model.Context.ONE_TO_ONE.label == "Preparing for a one-to-one"


def test_every_mode_is_explained_with_its_own_name_beside_it():
    assert all(f"({mode.label.lower()})" in mode.explained for mode in model.Mode)


def test_an_unknown_value_is_refused():
    with pytest.raises(ValueError):
        model.Lens("Self")
