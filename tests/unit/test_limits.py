"""Tests for the size limits' sentence and the years a typed date may name."""

from __future__ import annotations

from datetime import date

import pytest

from myrole import limits
from myrole.validation import parse_form_date


@pytest.mark.parametrize(("text", "limit"), [("a" * 201, limits.TITLE), ("b" * 100_001, limits.TEXT),
                                             ("two\nlines", limits.LINE), ("end\u2028", limits.TAG)])
def test_a_text_over_its_limit_is_one_sentence_that_never_quotes_it(text, limit):
    sentence = limits.problem(text, limit, "The title")
    assert sentence is not None and sentence.startswith("The title ")
    assert sentence.count(". ") == 0 and sentence.endswith(".")  # one sentence
    assert text.strip() not in sentence


def test_a_text_at_its_limit_fits_and_check_returns_it_unchanged():
    assert limits.problem("a" * 200, limits.TITLE, "The title") is None
    assert limits.check(" x \n y ", limits.TEXT, "The note") == " x \n y "
    with pytest.raises(ValueError, match="the most myrole keeps is 200"):
        limits.check("a" * 201, limits.TITLE, "The title")


def test_every_stored_text_field_has_a_limit_and_one_line_fields_are_the_short_ones():
    for (table, column), limit in limits.FIELDS.items():
        assert limit.chars <= limits.TEXT_CHARS, (table, column)
        assert not limit.one_line or limit.chars <= limits.LINE_CHARS + 100, (table, column)


@pytest.mark.parametrize(("typed", "expected"), [("1900-01-01", date(1900, 1, 1)), ("31/12/2999", date(2999, 12, 31)),
                                                 ("31.03.2027", date(2027, 3, 31))])
def test_a_form_date_within_the_years_is_read(typed, expected):
    assert parse_form_date(typed, "target date") == expected


@pytest.mark.parametrize("typed", ["1899-12-31", "01/01/3000", "9999-12-31", "0001-01-01"])
def test_a_form_date_outside_the_years_import_accepts_is_refused_in_one_sentence(typed):
    with pytest.raises(ValueError, match="between 1900 and 2999") as refused:
        parse_form_date(typed, "target date")
    assert str(refused.value).count(". ") == 0


@pytest.mark.parametrize("typed", ["2026-02-30", "30/02/2027", "31.04.2027"])
def test_a_day_the_calendar_does_not_have_is_named_as_such(typed):
    with pytest.raises(ValueError, match="not a day in the calendar"):
        parse_form_date(typed, "target date")


@pytest.mark.parametrize(("typed", "expected"), [("2027-3-1", date(2027, 3, 1)), ("1/3/2027", date(2027, 3, 1))])
def test_days_and_months_need_no_leading_zero(typed, expected):
    assert parse_form_date(typed, "target date") == expected


def test_an_export_since_date_before_1900_is_refused():
    from myrole.validation import check_since

    with pytest.raises(ValueError, match="before 1900"):
        check_since(date(1899, 12, 31), date(2026, 11, 29))
    check_since(date(1900, 1, 1), date(2026, 11, 29))
