"""Tests that dates are read one way per source: a file's exactly YYYY-MM-DD; a typed one that or day first.

Python's date.fromisoformat also takes ISO 8601's other forms ('20270331', '2027-W13-3'); none of them is
what a person means by a date here, so each place that reads one refuses them in its own sentence. People in
the UK write the day first (31/03/2027): every typed date takes that too, as the app's forms always have.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from myrole.cli import cli
from myrole.collate.reading import _real_day as collate_day
from myrole.dates import DATE_FORM, day_or_none, read_date
from myrole.events import EventFileError, parse_event_text
from myrole.revalidation.model import activity_day, revalidation_day
from myrole.validation import SINCE_FORMS, TYPED_FORMS, parse_form_date, typed_day

TODAY = date(2026, 11, 30)
# Each is a date to date.fromisoformat (or nearly), none is written as year-month-day.
NOT_THE_FORM = ["20270331", "2027-W13-3", "2027W133", "2027-090", "2027-3-31", "2027-03-1", "31/03/2027",
                "2027-03-31T00:00", "2027-03-31\n", "\u0662\u0660\u0662\u0667-03-31", "+2027-03-31", "2027/03/31"]
# None of these is typed as a date: ISO 8601's other forms, other digits, the year in the middle.
NOT_TYPED_AS_A_DATE = ["20270331", "2027-W13-3", "2027W133", "2027-090", "2027-03-31T00:00",
                       "\u0662\u0660\u0662\u0667-03-31", "+2027-03-31", "2027/03/31", "03/2027/31", "31 March 2027"]


@pytest.mark.parametrize("text", NOT_THE_FORM)
def test_only_year_month_day_is_a_files_date(text):
    assert day_or_none(text) is None
    with pytest.raises(ValueError, match=f"^A date must be a real day written as {DATE_FORM}.$"):
        read_date(text)


def test_a_real_day_in_the_form_is_read_and_a_day_the_calendar_lacks_is_not():
    assert read_date("2027-03-31") == date(2027, 3, 31)
    assert day_or_none("2027-02-29") is None and day_or_none("2028-02-29") == date(2028, 2, 29)


@pytest.mark.parametrize("text", ["2027-03-31", " 2027-03-31 ", "2027-3-31", "31/03/2027", "31.03.2027", "31-03-2027",
                                  "31/3/2027"])
def test_a_typed_date_is_year_month_day_or_day_month_year(text):
    assert typed_day(text) == date(2027, 3, 31)
    assert parse_form_date(text, "target date") == date(2027, 3, 31)
    assert revalidation_day(text) == date(2027, 3, 31)
    assert activity_day(text.replace("2027", "2026"), TODAY) == date(2026, 3, 31)


@pytest.mark.parametrize("text", NOT_TYPED_AS_A_DATE)
def test_anything_else_typed_is_refused_naming_both_forms(text):
    assert typed_day(text) is None
    with pytest.raises(ValueError) as refused:
        parse_form_date(text, "target date")
    assert str(refused.value) == f"The target date is not a date myrole can read; write it as {TYPED_FORMS}."
    with pytest.raises(ValueError, match=f"^Write the revalidation date as {TYPED_FORMS}, or leave it empty.$"):
        revalidation_day(text)
    with pytest.raises(ValueError, match=f"^Write the date as {TYPED_FORMS}.$"):
        activity_day(text.replace("2027", "2026"), TODAY)


def test_export_since_on_the_command_line_refuses_another_iso_form(db):
    db.close()
    result = CliRunner().invoke(cli, ["export", "--since", "20260401"])
    assert result.exit_code == 2
    assert result.stderr == f"myrole: --since needs a date written as {SINCE_FORMS}.\n"


def test_export_since_on_the_command_line_says_when_the_day_is_not_in_the_calendar(db):
    db.close()
    result = CliRunner().invoke(cli, ["export", "--since", "31/02/2026"])
    assert result.exit_code == 2
    assert result.stderr == "myrole: The --since date is not a day in the calendar; check the day and the month.\n"


def test_search_since_refuses_another_iso_form_and_takes_the_day_first(db):
    db.close()
    result = CliRunner().invoke(cli, ["search", "anything", "--since", "2026-W14-3"])
    assert result.exit_code == 2 and SINCE_FORMS in result.stderr
    assert CliRunner().invoke(cli, ["search", "anything", "--since", "01/04/2026"]).exit_code == 0


@pytest.mark.parametrize("written", ['"20230627"', '"2023-6-27"', '"27/06/2023"'])
def test_an_event_files_date_is_year_month_day(written):
    with pytest.raises(EventFileError) as refused:
        parse_event_text(f'[event]\nid = "oral-health"\nname = "Oral health day"\ndate = {written}\n'
                         '[[topics]]\nid = "access"\ntitle = "Access"\n')
    assert [str(problem) for problem in refused.value.problems] == [
        "line 4: The event's date must be a real date between 1900 and 2999, written like 2023-06-27."]


@pytest.mark.parametrize("text", ["20230627", "2023-06-27 ", 20230627])
def test_a_collated_files_date_is_year_month_day(text):
    assert not collate_day(text) and collate_day("2023-06-27")


def test_an_imported_files_since_is_year_month_day(db, tmp_path):
    from myrole.export.importer import ImportRefused, load_export

    file = tmp_path / "me.json"
    result = CliRunner().invoke(cli, ["export", "--format", "json", "-o", str(file)])
    assert result.exit_code == 0, result.output
    data = json.loads(file.read_text(encoding="utf-8"))
    data["since"] = "20260401"
    file.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportRefused):
        load_export(file)
