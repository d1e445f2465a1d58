"""Tests the merge rule of `myrole import`: each record is taken whole or not at all, and two files with the same
ids but different content never mix (docs/export-format.md, "What merge means")."""

from __future__ import annotations

from dataclasses import replace

import copy
import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from myrole.cli import cli
from myrole.export import render, summary
from myrole.privacy import Audience
from myrole.export.importer import ImportRefused, import_file
from myrole.model import CheckIn, Visibility
from myrole.paths import resolve
from myrole.store import open_store
from myrole.store.checkins import add_checkin, set_checkin_visibility
from myrole.store.commitments import get_commitment, status_history, update_commitment
from myrole.store.snapshot import read_contents
from share_store import EXPORTED_AT, fill
from test_import import _me, _snapshot, export_json


def _write(tmp_path: Path, data: dict, name: str = "file.json") -> Path:
    file = tmp_path / name
    file.write_text(json.dumps(data), encoding="utf-8")
    return file


def _other_text(data: dict) -> dict:
    """The same ids, the same versions and times, but different words everywhere a person writes."""
    other = copy.deepcopy(data)
    for c in other["commitments"]:
        c["title"] = f"Something else entirely {c['id'][:4]}"
        for e in c["history"]:
            e["reason"] = "A reason from another life"
        for k in c["checkins"]:
            k["note"] = "Another note"
    for r in other["reflections"]:
        for a in r["answers"]:
            a["text"] = "Another answer"
    for o in other["one_to_ones"]:
        for i in o["items"]:
            i["text"] = "Another item"
    other["profile"]["name"] = "Someone else"
    return other


@pytest.fixture
def empty(tmp_path):
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(resolve(Path(folder)))
        yield store
        store.close()


def test_two_files_with_the_same_ids_and_different_text_never_mix(db, empty, tmp_path):
    fill(db)
    first = _me(db)
    import_file(empty, _write(tmp_path, first, "first.json"))
    before = read_contents(empty)
    second = _write(tmp_path, _other_text(first), "second.json")
    with pytest.raises(ImportRefused) as refused:
        import_file(empty, second)
    message = str(refused.value)
    assert "have the same id as one in your store but different content" in message and "nothing was changed" in message
    assert "5 commitments" in message and "5 answers" in message and "1 profile" in message
    assert "Another" not in message and "Someone else" not in message
    assert read_contents(empty) == before  # nothing of the second file, not even a history line


def test_a_later_version_with_different_history_is_a_conflict_not_a_mix(db, empty, tmp_path):
    """The issue's case: a commitment's history gained another commitment's reasons."""
    fill(db)
    first = _me(db)
    import_file(empty, _write(tmp_path, first, "first.json"))
    forged = copy.deepcopy(first)
    target = forged["commitments"][3]
    target["history"] = [dict(e, reason="Reasons of another commitment") for e in target["history"]]
    target.update(version=target["version"] + 5, updated_at="2026-11-25T10:00:00Z")
    with pytest.raises(ImportRefused, match=r"\(1 commitment\)"):
        import_file(empty, _write(tmp_path, forged, "forged.json"))
    reasons = [e["reason"] for e in status_history(empty, target["id"])]
    assert "Reasons of another commitment" not in reasons


def test_a_checkin_edited_in_a_file_is_a_conflict(db, empty, tmp_path):
    fill(db)
    first = _me(db)
    import_file(empty, _write(tmp_path, first, "first.json"))
    forged = copy.deepcopy(first)
    forged["commitments"][0]["checkins"][0]["progress"] = 3
    with pytest.raises(ImportRefused, match=r"\(1 commitment\)"):
        import_file(empty, _write(tmp_path, forged, "forged.json"))


def test_the_same_file_twice_changes_nothing_and_adds_no_duplicate(db, empty, tmp_path):
    fill(db)
    file = _write(tmp_path, _me(db))
    assert import_file(empty, file).changed
    after_first = read_contents(empty)
    assert not import_file(empty, file).changed
    assert read_contents(empty) == after_first
    # one copy of everything, history lines included; each store keeps its own submitter key
    assert replace(after_first, submitter="") == replace(read_contents(db), submitter="")


def test_a_stores_own_export_after_a_later_edit_changes_nothing(db, tmp_path):
    fill(db)
    file = _write(tmp_path, _me(db))
    commitment = get_commitment(db, "c" + "0" * 30 + "1")
    commitment.title = "Offer an interpreter, and write it down"
    edited = update_commitment(db, commitment)
    add_checkin(db, edited, CheckIn(id="", commitment_id=edited.id, at="", on_date=date(2026, 11, 27), progress=3))
    first_checkin = read_contents(db).checkins[0]
    set_checkin_visibility(db, first_checkin.id, Visibility.PRIVATE)  # changes no version
    before = read_contents(db)
    report = import_file(db, file)
    assert not report.changed
    assert read_contents(db) == before  # the later copy here is kept whole


def test_the_later_export_brings_the_edit_into_the_earlier_copy_whole(db, empty, tmp_path):
    fill(db)
    import_file(empty, _write(tmp_path, _me(db), "before.json"))
    commitment = get_commitment(db, "c" + "0" * 30 + "1")
    add_checkin(db, commitment, CheckIn(id="", commitment_id=commitment.id, at="", on_date=date(2026, 11, 27),
                                        progress=3, note="Later"))
    later = _write(tmp_path, _me(db), "after.json")
    report = import_file(empty, later)
    assert report.updated == {"commitment": 1} and report.added == {"check-in": 1, "status change": 1}
    assert json.loads(export_json(empty)) == json.loads(later.read_text(encoding="utf-8"))


def test_a_partial_since_export_of_a_later_copy_is_taken_whole(db, empty, tmp_path):
    """A --since file holds only the later history and check-ins: what it leaves out is not a difference."""
    fill(db)
    import_file(empty, _write(tmp_path, _me(db), "before.json"))
    commitment = get_commitment(db, "c" + "0" * 30 + "1")
    add_checkin(db, commitment, CheckIn(id="", commitment_id=commitment.id, at="", on_date=date(2026, 11, 27),
                                        progress=3, note="Later"))
    partial = json.loads(render(summary(db, Audience.ME, date(2026, 11, 27), EXPORTED_AT), "json"))
    assert len(partial["commitments"][0]["checkins"]) == 1  # only the new one
    report = import_file(empty, _write(tmp_path, partial, "since.json"))
    assert report.updated == {"commitment": 1} and report.added == {"check-in": 1, "status change": 1}
    assert read_contents(empty).checkins == read_contents(db).checkins
    assert not import_file(empty, _write(tmp_path, partial, "since.json")).changed


def test_on_the_command_line_a_conflict_is_exit_2_and_nothing_changes(db, paths, tmp_path):
    fill(db)
    data = _me(db)
    db.close()
    before = _snapshot(paths.data)
    result = CliRunner().invoke(cli, ["import", str(_write(tmp_path, _other_text(data)))])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("myrole: ") and result.stderr.count("\n") == 1
    assert "Another" not in result.stderr
    assert _snapshot(paths.data) == before
