"""Tags typed as text: one tag however it is capitalised, kept as first typed, and the limits of myrole.limits."""

from __future__ import annotations

import pytest

from myrole.limits import TAGS
from myrole.shared_choices import read_tags


def test_tags_that_differ_only_in_capitals_are_one_tag_kept_as_first_typed():
    assert read_tags(" DNA, interpreters ,dna, Interpreters,, data ") == ("DNA", "interpreters", "data")


def test_too_many_tags_is_one_sentence():
    with pytest.raises(ValueError, match=f"at most {TAGS} tags"):
        read_tags(",".join(f"tag{n}" for n in range(TAGS + 1)))
