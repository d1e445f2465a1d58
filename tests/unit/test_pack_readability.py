"""Tests that the built-in packs read easily: every question and hint is checked with the Flesch-Kincaid grade."""

from __future__ import annotations

import textwrap
from statistics import mean

import pytest

from myrole.model import Pack
from myrole.prompts import load_catalogue

# textstat 0.7.4 is pinned in the test extra: later releases download NLTK data when run.
textstat = pytest.importorskip("textstat", reason="install the test extra: pip install -e '.[test]'")

MOST_FOR_ONE = 12.0  # no question or hint should need more than a school-leaver's reading
MOST_ON_AVERAGE = 8.0  # and a pack should read, on average, like a popular newspaper
# At 80 columns the stepper wraps at about 76. With the hint open, a question, its hint and its
# examples in 11 lines or fewer leave the answer box and 'who sees' in view (as the first edition did).
COLUMNS = 76
MOST_LINES = 11

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


def lines_on_screen(prompt) -> int:
    """About how many lines the question, the hint and the examples take on an 80-column screen."""
    parts = [prompt.text, f"Hint: {prompt.hint}", *(f"  e.g. {example}" for example in prompt.examples)]
    return sum(len(textwrap.wrap(part, COLUMNS)) for part in parts)


@pytest.mark.parametrize("pack", BUILT_IN, ids=[pack.id for pack in BUILT_IN])
def test_a_question_with_its_hint_fits_a_small_screen(pack):
    too_long = {prompt.id: lines_on_screen(prompt) for prompt in pack.prompts if lines_on_screen(prompt) > MOST_LINES}
    assert too_long == {}, f"shorten the hint or the examples: {too_long}"
