"""Tests that the built-in packs read easily: every question and hint is checked with the Flesch-Kincaid grade."""

from __future__ import annotations

from statistics import mean

import pytest

from myrole.model import Pack
from myrole.prompts import load_catalogue

# textstat 0.7.4 is pinned in the test extra: later releases download NLTK data when run.
textstat = pytest.importorskip("textstat", reason="install the test extra: pip install -e '.[test]'")

MOST_FOR_ONE = 12.0  # no question or hint should need more than a school-leaver's reading
MOST_ON_AVERAGE = 8.0  # and a pack should read, on average, like a popular newspaper

BUILT_IN = load_catalogue().packs


def grades(pack: Pack) -> dict[str, float]:
    """The grade of each question and hint, keyed 'prompt-id text' or 'prompt-id hint'."""
    return {f"{prompt.id} {part}": textstat.flesch_kincaid_grade(getattr(prompt, part))
            for prompt in pack.prompts for part in ("text", "hint")}


def test_the_grade_tells_plain_from_dense_writing():
    plain = "Who finds it hard to get to your service? Think of bus fares and shift work."
    dense = ("Consideration of organisational commissioning arrangements, notwithstanding "
             "infrastructural constraints, necessitates comprehensive evaluation methodologies.")
    assert textstat.flesch_kincaid_grade(plain) < MOST_ON_AVERAGE < MOST_FOR_ONE < textstat.flesch_kincaid_grade(dense)


@pytest.mark.parametrize("pack", BUILT_IN, ids=[pack.id for pack in BUILT_IN])
def test_no_question_or_hint_is_hard_to_read(pack):
    too_hard = {where: grade for where, grade in grades(pack).items() if grade > MOST_FOR_ONE}
    assert too_hard == {}, f"shorten these sentences: {too_hard}"


@pytest.mark.parametrize("pack", BUILT_IN, ids=[pack.id for pack in BUILT_IN])
def test_each_pack_is_easy_to_read_on_average(pack):
    assert mean(grades(pack).values()) <= MOST_ON_AVERAGE
