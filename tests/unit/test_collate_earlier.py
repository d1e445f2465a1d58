"""Tests the check against earlier collation reports: two reports whose people differ by 1 to N-1 could be set side
by side to single those people out, so the second is refused (collate/earlier.py)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from myrole.cli import cli
from myrole.collate import earlier
from myrole.collate.sample import commitment, export
from myrole.paths import resolve
from myrole.store import erase


def person(folder: Path, name: str, **fields) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(export([commitment(**fields)])), encoding="utf-8")
    return path


def crowd(folder: Path, people: int, **fields) -> Path:
    for number in range(people):
        person(folder, f"p{number:03d}.json", **fields)
    return folder


def collate(*args: str):
    return CliRunner().invoke(cli, ["collate", *args])


def test_one_more_persons_file_is_refused_and_nothing_is_written(tmp_path):
    first = crowd(tmp_path / "first", 10, lens="self", mode="action", title="Plan", topic="Transport")
    assert collate(str(first), "--format", "json", "-o", str(tmp_path / "a.json")).exit_code == 0
    second = tmp_path / "second"
    shutil.copytree(first, second)
    person(second, "victim.json", lens="future", mode="advocacy", title="Victim secret plan", topic="Transport")
    result = collate(str(second), "--format", "json", "-o", str(tmp_path / "b.json"))
    assert result.exit_code == 2 and not (tmp_path / "b.json").exists()
    assert result.stderr.count("\n") == 1 and "Since a report made here on " in result.stderr
    assert "fewer than 5 people (the threshold) have come or gone" in result.stderr
    assert "--ignore-earlier" in result.stderr
    assert len(earlier.read(resolve())) == 1  # the refused one is not remembered


def test_one_gone_is_refused_however_many_come(tmp_path):
    """The review's case: Alice in the first report, gone from the second while five others came. A total of six
    changes passed a check of the total; Alice's cell going from hidden to 0 would have said what she committed to."""
    base = crowd(tmp_path / "base", 20, lens="services", mode="action")
    first = tmp_path / "first"
    shutil.copytree(base, first)
    person(first, "alice.json", lens="future", mode="advocacy")
    assert collate(str(first)).exit_code == 0
    second = tmp_path / "second"
    shutil.copytree(base, second)
    for number in range(5):
        person(second, f"new{number}.json", lens="services", mode="action")
    assert collate(str(second)).exit_code == 2


def test_the_larger_threshold_of_the_two_reports_is_the_one_that_counts(tmp_path):
    files = crowd(tmp_path / "files", 20, lens="self", mode="action")
    assert collate(str(files), "--threshold", "10").exit_code == 0
    for number in range(5):
        person(files, f"new{number}.json", lens="future", mode="action")
    assert collate(str(files), "--threshold", "5").exit_code == 2  # 5 come: fewer than the first report's 10
    assert [e.threshold for e in earlier.read(resolve())] == [10]


def test_a_home_where_the_list_cannot_be_kept_gets_no_report(tmp_path, monkeypatch):
    files = crowd(tmp_path / "files", 6, lens="self", mode="action")
    def read_only(folder):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(earlier, "ensure_private_folder", read_only)  # (root, as on the test machine, may write anywhere)
    result = collate(str(files), "-o", str(tmp_path / "out.md"))
    assert result.exit_code == 2 and not (tmp_path / "out.md").exists()
    assert "could not be kept in" in result.stderr and "so no report was written" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX's")
def test_a_list_that_is_a_pipe_is_refused_not_waited_on(tmp_path):
    files = crowd(tmp_path / "files", 6, lens="self", mode="action")
    path = earlier.list_path(resolve())
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    result = collate(str(files))
    assert result.exit_code == 2 and "is not as myrole writes it" in result.stderr


def test_the_same_files_again_and_n_more_people_are_fine(tmp_path):
    first = crowd(tmp_path / "first", 10, lens="self", mode="action")
    assert collate(str(first)).exit_code == 0
    assert collate(str(first), "--format", "html").exit_code == 0  # the same people: nothing new to compare
    more = tmp_path / "more"
    shutil.copytree(first, more)
    for number in range(5):
        person(more, f"new{number}.json", lens="future", mode="advocacy")
    assert collate(str(more)).exit_code == 0
    assert [len(e.people) for e in earlier.read(resolve())] == [10, 15]


def test_a_person_whose_file_changed_counts_as_one_gone_and_one_come(tmp_path):
    first = crowd(tmp_path / "first", 10, lens="self", mode="action")
    assert collate(str(first)).exit_code == 0
    person(first, "p003.json", lens="self", mode="action", status="done")  # one person's commitment is now done
    assert collate(str(first)).exit_code == 2


def test_an_event_report_beside_a_whole_one_is_compared_by_what_each_counted(tmp_path):
    files = crowd(tmp_path / "files", 10, lens="self", mode="action", event_id="ev-1", topic_id="t1")
    person(files, "elsewhere.json", lens="future", mode="advocacy", event_id="ev-2", topic_id="t1")
    assert collate(str(files), "--event", "ev-1").exit_code == 0
    result = collate(str(files))  # the same files, but one person's commitment more: that one would show
    assert result.exit_code == 2


def test_ignore_earlier_makes_it_and_it_is_remembered(tmp_path):
    first = crowd(tmp_path / "first", 10, lens="self", mode="action")
    assert collate(str(first)).exit_code == 0
    person(first, "one-more.json", lens="future", mode="action")
    assert collate(str(first), "--ignore-earlier").exit_code == 0
    assert [len(e.people) for e in earlier.read(resolve())] == [10, 11]


def test_the_list_holds_no_key_title_or_name_and_is_private(tmp_path):
    files = crowd(tmp_path / "files", 6, lens="self", mode="action", title="Interpreters for Mrs Khan")
    assert collate(str(files)).exit_code == 0
    path = earlier.list_path(resolve())
    text = path.read_text()
    submitters = {json.loads(f.read_text())["submitter"] for f in files.iterdir()}
    assert "Khan" not in text and not any(key in text for key in submitters)
    assert path.stat().st_mode & 0o777 == 0o600
    assert "collations.json" in erase.LEFTOVER_PATTERNS  # myrole erase removes it with the rest


@pytest.mark.parametrize("content", [
    b"not json", b'{"format": "myrole-collations", "format_version": 1, "reports": [], "extra": 1}',
    b'{"format": "myrole-collations", "format_version": 1, "reports": [{"made_at": "2026-02-30T10:00:00Z", "threshold": 5, "people": []}]}',
    b'{"format": "myrole-collations", "format_version": 1, "reports": [{"made_at": "2026-11-30T10:00:00Z", "threshold": 5, "people": ["A"]}]}',
    b'{"format": "myrole-collations", "format_version": 1, "reports": [{"made_at": "2026-11-30T10:00:00Z", "threshold": 1, "people": []}]}',
    b'{"format": "myrole-collations", "format_version": 1, "format_version": 1, "reports": []}',
    b"[" * 100_000,
], ids=["not-json", "extra-field", "no-such-day", "not-a-fingerprint", "threshold-1", "key-twice", "deep"])
def test_a_bad_list_stops_the_command_in_one_sentence_and_is_left_as_it_was(tmp_path, content):
    files = crowd(tmp_path / "files", 6, lens="self", mode="action")
    path = earlier.list_path(resolve())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    for extra in ([], ["--ignore-earlier"]):  # (with it, the list was read only after the report was written)
        result = collate(str(files), "-o", str(tmp_path / "out.md"), *extra)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1
        assert "is not as myrole writes it; move it aside to start a new list" in result.stderr
        assert path.read_bytes() == content and not (tmp_path / "out.md").exists()


def test_a_fingerprint_depends_on_the_values_alone_whichever_way_the_file_was_read(tmp_path):
    from myrole.collate.reading import checked_submission, quick_submission

    path = person(tmp_path, "p.json", lens="self", mode="action", title="Ask about transport", tags=["travel"])
    raw = path.read_bytes()
    quick, checked = quick_submission(path, raw), checked_submission(path, raw)
    assert quick is not None and quick.columns == checked.columns
    assert earlier.fingerprint(quick.columns) == earlier.fingerprint(checked.columns)
    rebuilt = type(quick.columns)._make(tuple("".join(list(v)) if isinstance(v, str) else v for v in column)
                                         for column in quick.columns)  # the same text in other string objects
    assert earlier.fingerprint(rebuilt) == earlier.fingerprint(quick.columns)
    other = person(tmp_path, "q.json", lens="self", mode="action", title="Ask about transport!", tags=["travel"])
    assert earlier.fingerprint(quick_submission(other, other.read_bytes()).columns) != earlier.fingerprint(quick.columns)
