"""Tests which files collate counts, and how it names them: copies count once, a file's name is inert text
everywhere (even one that is not UTF-8), the report names no file, and files whose values contradict each
other are refused (while myrole's own exports never are)."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_collate import GOLDEN_V1, crowd, person, write

from myrole.cli import cli
from myrole.collate import CollateRefused, collate, render, render_bytes
from myrole.collate.reading import FileRefused, checked_submission, file_name, quick_submission, read_submission
from myrole.collate.sample import commitment, export


def run(*args: str):
    return CliRunner().invoke(cli, ["collate", *args])


def version_1(*commitments: dict, exported_at: str = "2026-11-26T14:39:00Z") -> dict:
    return {"format": "myrole-export", "format_version": 1, "audience": "alliance", "exported_at": exported_at,
            "since": None, "commitments": list(commitments)}


def v1_commitment(**fields) -> dict:
    record = {"lens": "future", "mode": "advocacy", "title": "Only me", "tags": [], "topic": "X", "status": "active",
              "target_month": None}
    return {**record, **fields}


def pdf_text(data: bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages).split())


# --- Finding 4: copies count as one person -----------------------------------------------------------------


def test_the_reviewers_five_byte_identical_version_1_files_are_one_person(tmp_path):
    """One version 1 file saved under five names counted as five people, and published its one commitment."""
    text = json.dumps(version_1(v1_commitment()))
    for number in range(5):
        write(tmp_path, f"copy{number}.json", text)
    with pytest.raises(CollateRefused, match="Fewer than 5 people"):
        collate([tmp_path])
    crowd(tmp_path, 4)
    report = collate([tmp_path])
    assert report.people == 5 and report.commitments == 5 and report.files.copies == 4
    assert report.files.read == 9  # every file read, copies too
    assert report.files.version_1 is None  # one counted: small, so hidden


def test_version_1_files_with_the_same_commitments_in_any_order_are_one_persons_newest_kept(tmp_path):
    first, second = v1_commitment(tags=["a", "b"]), v1_commitment(lens="self", title="Another")
    write(tmp_path, "june.json", version_1(first, second, exported_at="2026-06-01T10:00:00Z"))
    write(tmp_path, "nov.json", version_1(second, {**first, "tags": ["b", "a"]}, exported_at="2026-11-01T10:00:00Z"))
    crowd(tmp_path, 4, lens="future", mode="advocacy")
    report = collate([tmp_path])
    assert report.people == 5 and report.files.copies == 1 and report.files.replaced == 0
    markdown = render(report, "md")
    assert "1 file was set aside as a copy: another file had exactly the same commitments" in markdown
    assert json.loads(render(report, "json"))["files"]["copies"] == 1


def test_version_1_files_that_differ_in_anything_are_different_people(tmp_path):
    base = v1_commitment()
    different = [{}, {"title": "Only me too"}, {"status": "done"}, {"target_month": "2026-12"}, {"tags": ["x"]},
                 {"topic": "Y"}, {"mode": "action"}]
    for number, change in enumerate(different):
        write(tmp_path, f"p{number}.json", version_1({**base, **change}))
    report = collate([tmp_path])
    assert report.people == len(different) and report.files.copies == 0
    # One commitment more in a file is another file too.
    write(tmp_path, "more.json", version_1(base, v1_commitment(lens="self")))
    assert collate([tmp_path]).people == len(different) + 1


def test_byte_identical_version_2_files_are_set_aside_as_copies(tmp_path):
    text = json.dumps(export([commitment()], submitter="a" * 32))
    for number in range(3):
        write(tmp_path, f"same{number}.json", text)
    crowd(tmp_path, 4)
    report = collate([tmp_path])
    assert report.people == 5 and report.files.copies == 2 and report.files.replaced == 0


def test_a_persons_version_1_file_beside_their_version_2_file_with_the_same_commitment_is_a_copy(tmp_path):
    """The second review: a person's file from before they upgraded, beside their new one, counted them twice, so a
    report on four people was written (and listed their title)."""
    mine = v1_commitment(lens="systems", mode="advocacy", title="X's own plan", topic="Transport", target_month="2027-01")
    write(tmp_path, "x-2025-old.json", version_1(mine, exported_at="2025-11-01T10:00:00Z"))
    write(tmp_path, "x-2026.json", export([commitment(lens="systems", mode="advocacy", title="X's own plan",
                                                      topic="Transport", target_month="2027-01")]))
    crowd(tmp_path, 3)
    with pytest.raises(CollateRefused, match="Fewer than 5 people"):
        collate([tmp_path])
    crowd(tmp_path, 4)  # (the same names: four colleagues now)
    report = collate([tmp_path])
    assert report.people == 5 and report.files.copies == 1


def test_version_1_files_with_no_commitments_are_never_copies(tmp_path):
    for number in range(3):
        write(tmp_path, f"empty{number}.json", version_1())
    crowd(tmp_path, 5)
    report = collate([tmp_path])
    assert report.people == 5 and report.files.copies == 0 and report.files.read == 8


def test_two_golden_version_1_files_count_once(tmp_path):
    write(tmp_path, "a.json", GOLDEN_V1.read_text(encoding="utf-8"))
    write(tmp_path, "b.json", json.dumps(json.loads(GOLDEN_V1.read_text(encoding="utf-8"))))  # other bytes, same
    crowd(tmp_path, 4)
    assert collate([tmp_path]).people == 5


# --- Finding 5: a file name that is not UTF-8 -----------------------------------------------------------------

NOT_UTF8 = os.fsdecode(b"Jo Bloggs\xff\x1b[31m.json")  # a byte that is not UTF-8, and an escape sequence
SHOWN = "Jo Bloggs\\xff\\x1b[31m.json"  # how every sentence names it: inert, and text that is valid everywhere


def folder_with_a_badly_named_bad_file(tmp_path: Path) -> Path:
    folder = tmp_path / "t6"
    folder.mkdir()
    crowd(folder, 5)
    (folder / NOT_UTF8).write_bytes(b"\xff\xfe")
    return folder


def test_a_file_name_is_written_one_way_everywhere():
    assert file_name(Path(NOT_UTF8)) == SHOWN
    assert file_name(Path("received/Jane Smith.json")) == "received/Jane Smith.json"
    assert file_name(Path("a\u202eb\nc.json")) == "a\\u202eb\\x0ac.json"
    assert file_name(Path(NOT_UTF8)).encode("utf-8")  # never a lone surrogate


@pytest.mark.parametrize("fmt", ["md", "html", "json", "pdf"])
def test_skip_bad_with_a_file_name_that_is_not_utf8_works_in_every_form(tmp_path, fmt):
    folder = folder_with_a_badly_named_bad_file(tmp_path)
    out = tmp_path / f"out.{fmt}"
    result = run(str(folder), "--skip-bad", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (f"myrole: skipped: {folder}/{SHOWN} is not UTF-8 text, so it is not "
                                             "a myrole export.")
    data = out.read_bytes()
    text = pdf_text(data) if fmt == "pdf" else data.decode("utf-8")
    assert "Bloggs" not in text and "t6" not in text  # the report names no file, however it is named
    if fmt == "json":
        files = json.loads(text)["files"]
        assert files["skipped"] is None and files["skipped_reasons"] == [
            "A file is not UTF-8 text, so it is not a myrole export."]
    else:
        assert "A file is not UTF-8 text, so it is not a myrole export." in text


def test_without_skip_bad_the_refusal_names_the_file_inertly(tmp_path):
    folder = folder_with_a_badly_named_bad_file(tmp_path)
    result = run(str(folder), "--format", "json")
    assert result.exit_code == 2 and result.stdout == ""
    assert f"myrole: {folder}/{SHOWN} is not UTF-8 text, so it is not a myrole export." in result.stderr
    assert "\x1b" not in result.stderr


def test_an_output_file_whose_name_is_not_utf8_is_named_inertly(tmp_path):
    (tmp_path / "in").mkdir()
    crowd(tmp_path / "in", 5)
    result = run(str(tmp_path / "in"), "--format", "json", "-o", str(tmp_path / NOT_UTF8))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote the collation (json) to {tmp_path}/{SHOWN}.\n"


def test_paths_that_are_not_there_are_named_inertly(tmp_path):
    crowd(tmp_path, 5)
    report = collate([tmp_path, tmp_path / NOT_UTF8], skip_bad=True)
    assert report.files.skipped == (f"There is no file or folder at {tmp_path}/{SHOWN}.",)
    assert report.files.skipped_reasons == ("There is no file or folder at a path given.",)
    render_bytes(report, "json")  # writes


# --- Finding 6: the report names no file ---------------------------------------------------------------------


def test_the_report_names_no_skipped_file_in_any_form_and_counts_them_hidden_when_small(tmp_path):
    folder = tmp_path / "received"
    folder.mkdir()
    crowd(folder, 5)
    (folder / "Jane Smith ward 7.json").write_text("{ not json", encoding="utf-8")
    report = collate([folder], skip_bad=True)
    assert report.files.skipped_count is None  # 1: small, so hidden like every other count of files
    assert report.files.skipped == (f"{folder}/Jane Smith ward 7.json is not a JSON file, so it is not a myrole "
                                    "export.",)  # for the organiser: the command line and the app name it
    for fmt in ("md", "html", "json", "pdf"):
        data = render_bytes(report, fmt)
        text = pdf_text(data) if fmt == "pdf" else data.decode("utf-8")
        assert "Jane" not in text and "received" not in text, fmt
        assert "A file is not a JSON file, so it is not a myrole export." in text, fmt
    assert "left out (--skip-bad): hidden. Why (each reason once):" in render(report, "md")


def test_many_skipped_files_are_counted_and_each_reason_given_once(tmp_path):
    crowd(tmp_path, 5)
    for number in range(6):
        write(tmp_path, f"Sender {number}.json", b"{ not json")
    write(tmp_path, "Sam Patel.json", export([{**commitment(), "lens": "planets"}]))
    report = collate([tmp_path], skip_bad=True)
    assert report.files.skipped_count == 7 and len(report.files.skipped) == 7
    assert report.files.skipped_reasons == (
        "A file cannot be collated: the commitment at commitments/0 has a lens, mode or status myrole does not know.",
        "A file is not a JSON file, so it is not a myrole export.")
    data = json.loads(render(report, "json"))["files"]
    assert data["skipped"] == 7 and len(data["skipped_reasons"]) == 2
    assert "Files that could not be read and were left out (--skip-bad): 7." in render(report, "md")


def test_the_command_line_names_skipped_files_on_standard_error_also_when_the_report_goes_to_standard_output(
        tmp_path):
    crowd(tmp_path, 5)
    write(tmp_path, "Jane Smith.json", b"{ not json")
    result = run(str(tmp_path), "--skip-bad")
    assert result.exit_code == 0, result.output
    assert "Jane" not in result.stdout
    assert result.stderr == (f"myrole: skipped: {tmp_path}/Jane Smith.json is not a JSON file, so it is not a "
                             "myrole export.\n")


def test_the_app_names_skipped_files_only_below_the_report_marked_as_not_part_of_it(tmp_path):
    from myrole.ui.screens.collation import NOT_IN_REPORT, left_out_lines, report_lines

    crowd(tmp_path, 5)
    write(tmp_path, "Jane Smith.json", b"{ not json")
    report = collate([tmp_path], skip_bad=True)
    assert "Jane" not in "\n".join(report_lines(report))
    apart = " ".join(" ".join(left_out_lines(report, 200)).split())
    assert apart.startswith(NOT_IN_REPORT)
    assert "Jane Smith.json is not a JSON file" in apart
    (tmp_path / "fine").mkdir()
    crowd(tmp_path / "fine", 5)
    assert left_out_lines(collate([tmp_path / "fine"]), 80) == []


# --- Finding 8: values that contradict each other -------------------------------------------------------------

BASE = commitment(progress=2, checkins=1, last_checkin_month="2026-10")
CONTRADICTIONS = {
    "lastmonth_future": ({**BASE, "last_checkin_month": "2999-12"}, {},
                         "has a newest check-in month after the month the file was exported in"),
    "lastmonth_after_export": ({**BASE, "last_checkin_month": "2027-12"}, {},
                               "has a newest check-in month after the month the file was exported in"),
    "lastmonth_next_month": ({**BASE, "last_checkin_month": "2026-12"}, {},  # exported on 26 November
                             "has a newest check-in month after the month the file was exported in"),
    "exported_future": (BASE, {"exported_at": "2999-12-31T23:59:59Z"},
                        "the value at exported_at is a time more than a day from now"),
    "quarter_mismatch": ({**BASE, "target_month": "2026-12", "target_quarter": "2026-Q1"}, {},
                         "has a target quarter that does not hold its target month"),
    "target_month_only": ({**BASE, "target_month": "2026-12", "target_quarter": None}, {},
                          "has a target month without a target quarter, or a target quarter without a target month"),
    "target_quarter_only": ({**BASE, "target_month": None, "target_quarter": "2026-Q4"}, {},
                            "has a target month without a target quarter, or a target quarter without a target month"),
    "event_name_noid": ({**BASE, "event_id": None, "topic_id": None, "event_name": "E"}, {},
                        "has an event name but no event id"),
    "topic_id_noevent": ({**BASE, "event_id": None, "event_name": None, "topic_id": "t1"}, {},
                         "has a topic id but no event id"),
}


@pytest.mark.parametrize("kind", CONTRADICTIONS)
def test_a_file_whose_values_contradict_each_other_is_refused_by_name(tmp_path, kind):
    record, envelope, reason = CONTRADICTIONS[kind]
    path = person(tmp_path, f"{kind}.json", record, **envelope)
    raw = path.read_bytes()
    assert quick_submission(path, raw) is None  # the quick path hands it over, and the full check refuses it
    with pytest.raises(FileRefused) as refused:
        read_submission(path)
    sentence = str(refused.value)
    assert sentence.startswith(f"{path} cannot be collated: ") and sentence.endswith(f"{reason}.")
    assert "2999" not in sentence and "2026" not in sentence and "Offer" not in sentence  # never the file's text
    crowd(tmp_path, 5)
    result = run(str(tmp_path), "--format", "json")
    assert result.exit_code == 2 and result.stdout == ""
    assert f"myrole: {sentence}" in result.stderr


def test_a_version_1_file_from_the_future_is_refused_too(tmp_path):
    path = write(tmp_path, "v1.json", version_1(v1_commitment(), exported_at="2999-12-31T23:59:59Z"))
    with pytest.raises(FileRefused, match="exported_at is a time more than a day from now"):
        read_submission(path)


def test_a_check_in_dated_in_a_time_zone_ahead_of_utc_is_accepted(tmp_path):
    """Exported at 23:00 UTC on 30 November is already 1 December in New Zealand, where the check-in was made."""
    record = {**BASE, "last_checkin_month": "2026-12"}
    path = person(tmp_path, "nz.json", record, exported_at="2026-11-30T23:00:00Z")
    assert read_submission(path).columns.last_checkin_month == ("2026-12",)
    assert quick_submission(path, path.read_bytes()) == checked_submission(path, path.read_bytes())
    later = person(tmp_path, "later.json", {**BASE, "last_checkin_month": "2027-01"}, exported_at="2026-11-30T23:00:00Z")
    with pytest.raises(FileRefused, match="newest check-in month after"):
        read_submission(later)


def test_a_file_exported_a_little_ahead_of_this_clock_is_accepted(tmp_path):
    soon = (datetime.now(timezone.utc) + timedelta(hours=20)).strftime("%Y-%m-%dT%H:%M:%SZ")
    path = person(tmp_path, "soon.json", commitment(), exported_at=soon)
    assert quick_submission(path, path.read_bytes()) is not None
    late = (datetime.now(timezone.utc) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with pytest.raises(FileRefused, match="more than a day from now"):
        read_submission(person(tmp_path, "late.json", commitment(), exported_at=late))


def test_myroles_own_alliance_export_of_the_demo_is_never_refused(tmp_path):
    home, out = tmp_path / "demo", tmp_path / "alliance.json"
    runner = CliRunner()
    assert runner.invoke(cli, ["demo", "--home", str(home), "--seed-only"]).exit_code == 0
    result = runner.invoke(cli, ["--home", str(home), "export", "--audience", "alliance", "--format", "json",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    data = json.loads(raw)
    # The demo has what the new rules look at: an event with its name and a topic, a target month and its
    # quarter, and a check-in this month.
    assert any(c["event_name"] and c["topic_id"] and c["target_quarter"] and c["checkins"] for c in data["commitments"])
    assert quick_submission(out, raw) == checked_submission(out, raw)  # taken the quick way, and accepted in full


def test_the_sample_files_keep_the_new_rules(tmp_path):
    from myrole.collate.sample import write_people

    for path in write_people(tmp_path, 20, 5):
        raw = path.read_bytes()
        assert quick_submission(path, raw) is not None


def test_sample_commitments_keep_values_that_go_together_in_agreement(tmp_path):
    from myrole.collate.sample import quarter_of

    assert commitment(target_month="2027-02")["target_quarter"] == "2027-Q1"
    assert commitment(target_month=None)["target_quarter"] is None
    assert commitment(event_id=None)["event_name"] is None and commitment(event_id=None)["topic_id"] is None
    assert quarter_of("2026-10") == "2026-Q4" and quarter_of("2026-13") is None and quarter_of(None) is None
    crowd(tmp_path, 5, target_month="2027-02", event_id=None)
    assert collate([tmp_path]).people == 5
