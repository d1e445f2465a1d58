"""The CPD details form's reading of what was typed: a day that has happened, and hours the activity took."""

from __future__ import annotations

from datetime import date

import pytest

from myrole.ui.dialogs.cpd import parse_day, parse_hours
from myrole.ui.forms import FieldError

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(("typed", "minutes"), [("1.5", 90), ("2,5", 150), (" 35 ", 2100), ("0.02", 1), ("1000", 60_000)])
def test_hours_are_read_as_minutes(typed, minutes):
    assert parse_hours(typed) == minutes


@pytest.mark.parametrize("typed", ["0", "", "0.001", "-1", "1000.5", "two"])
def test_no_hours_negative_or_too_many_are_refused_in_one_sentence(typed):
    with pytest.raises(FieldError) as refused:
        parse_hours(typed)
    assert refused.value.field == "hours" and str(refused.value).endswith(".")


def test_today_and_earlier_are_kept_and_a_day_after_today_is_refused():
    assert parse_day("2026-11-30", TODAY) == TODAY
    assert parse_day(" 2024-02-29 ", TODAY) == date(2024, 2, 29)
    with pytest.raises(FieldError, match="after today") as refused:
        parse_day("2028-05-01", TODAY)
    assert refused.value.field == "on_date"
    with pytest.raises(FieldError, match="31/03/2027 or 2027-03-31"):
        parse_day("2026-02-30", TODAY)


def test_the_revalidation_date_is_a_real_date_or_nothing():
    from myrole.revalidation.model import revalidation_day

    assert revalidation_day(" 2027-03-31 ") == date(2027, 3, 31) and revalidation_day("  ") is None
    with pytest.raises(ValueError, match=r"^Write the revalidation date as 31/03/2027 or 2027-03-31, or leave it empty\.$"):
        revalidation_day("2027-03")
