"""The readable exports' dates: every one in words, the same way, whatever the computer's language."""

from datetime import date

import pytest

from myrole.export.words import long_date, long_date_of, moment, month_words


def test_the_moment_an_export_was_made_is_in_words_like_every_other_date():
    assert moment("2026-11-29T23:35:12Z") == "29 November 2026 at 23:35 UTC"
    assert moment("2026-04-01T07:05:00Z") == "1 April 2026 at 07:05 UTC"
    assert moment("2026-04-01T07:05:00Z").startswith(long_date_of("2026-04-01T07:05:00Z"))


def test_a_moment_too_short_to_read_is_shown_as_it_is():
    assert moment("2026-11") == "2026-11"


@pytest.mark.parametrize(("value", "words"), [(date(2026, 1, 9), "9 January 2026"), (date(2027, 12, 31), "31 December 2027")])
def test_long_dates(value, words):
    assert long_date(value) == words


def test_months_in_words_and_a_month_that_is_not_real_refused():
    assert month_words("2026-12") == "December 2026"
    assert month_words("2026-01") == "January 2026"
    with pytest.raises(ValueError):
        month_words("2026-13")
    with pytest.raises(ValueError):
        month_words("2026-00")

