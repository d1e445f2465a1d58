"""Tests that the `me` export, import and restore carry the revalidation records (m007_cpd), merge them by the
same rules as every other record, refuse impossible ones in one sentence, and keep them out of shared files."""

from __future__ import annotations

import json
import tempfile
from datetime import date

import pytest
from click.testing import CliRunner

from myrole.cli import cli
from myrole.export import render, summary
from myrole.export.importer import ImportRefused, import_file
from myrole.export.stored_rows import problem_in
from myrole.paths import resolve
from myrole.privacy import Audience
from myrole.revalidation.model import StatementItem
from myrole.store import cpd, open_store
from myrole.store.connection import write
from myrole.store.cpd import read_revalidation
from share_store import EXPORTED_AT, fill

ACCOUNT = "nmc_accounts"


def _exported(db) -> dict:
    return json.loads(render(summary(db, Audience.ME, exported_at=EXPORTED_AT), "json"))


def _file(tmp_path, data: dict):
    file = tmp_path / "me.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    return file


def test_export_then_import_into_an_empty_store_gives_the_same_revalidation_records(db, tmp_path):
    fill(db)
    original = read_revalidation(db)
    assert original.row and original.details and original.accounts and len(original.items) == 2
    file = _file(tmp_path, _exported(db))
    with tempfile.TemporaryDirectory() as folder:
        copy = open_store(resolve(folder))
        report = import_file(copy, file)
        restored = read_revalidation(copy)
        again = import_file(copy, file)
        copy.close()
    assert restored == original
    assert report.added["NMC account"] == 1 and report.added["statement item"] == 2
    assert not again.changed  # a second import changes nothing


def test_a_file_from_before_revalidation_records_keeps_the_stored_ones(db, tmp_path):
    fill(db)
    data = _exported(db)
    for key in ("revalidation", "cpd_details", "nmc_accounts", "hcpc_statement_items"):
        del data[key]
    before = read_revalidation(db)
    assert not import_file(db, _file(tmp_path, data)).changed
    assert read_revalidation(db) == before


def test_a_later_account_replaces_the_stored_one_and_an_earlier_one_does_not(db, tmp_path):
    fill(db)
    data = _exported(db)
    data[ACCOUNT][0].update(learnt="Learnt more since.", updated_at="2026-10-01T10:00:00Z")
    report = import_file(db, _file(tmp_path, data))
    assert report.updated["NMC account"] == 1
    assert cpd.list_accounts(db)[0].learnt == "Learnt more since."
    data[ACCOUNT][0].update(learnt="An older draft.", updated_at="2026-09-03T09:00:00Z")
    assert not import_file(db, _file(tmp_path, data)).changed
    assert cpd.list_accounts(db)[0].learnt == "Learnt more since."


@pytest.mark.parametrize("change", [
    {"learnt": "Edited apart, at the same moment."},  # the same time, different words
    {"created_at": "2026-09-02T11:00:00Z", "updated_at": "2026-10-01T10:00:00Z"},  # made apart: not one account
])
def test_an_account_that_is_not_plainly_a_later_copy_is_a_conflict_and_nothing_changes(db, tmp_path, change):
    fill(db)
    data = _exported(db)
    data[ACCOUNT][0].update(change)
    before = read_revalidation(db)
    with pytest.raises(ImportRefused, match="1 NMC account"):
        import_file(db, _file(tmp_path, data))
    assert read_revalidation(db) == before


def test_a_statement_item_about_another_activity_under_the_same_id_is_a_conflict(db, tmp_path):
    fill(db)
    data = _exported(db)
    data["hcpc_statement_items"][1].update(commitment_id=data["commitments"][1]["id"],
                                           updated_at="2026-10-01T10:00:00Z")
    with pytest.raises(ImportRefused, match="statement item"):
        import_file(db, _file(tmp_path, data))


def test_a_new_statement_item_about_an_activity_already_picked_is_a_conflict(db, tmp_path):
    fill(db)
    data = _exported(db)
    data["hcpc_statement_items"][0]["id"] = "f" * 32
    with pytest.raises(ImportRefused, match="statement item"):
        import_file(db, _file(tmp_path, data))


def test_a_merge_that_would_pick_more_than_six_activities_is_refused(db, tmp_path):
    fill(db)
    data = _exported(db)
    for n in (2, 3, 4, 5):  # four more stored, about the other commitments and reflection
        target = {"commitment_id": f"c{n:0>31}"} if n < 5 else {"reflection_id": f"r{2:0>31}"}
        cpd.save_statement_item(db, StatementItem("", **target))
    data["hcpc_statement_items"].append({**data["hcpc_statement_items"][1], "id": "e" * 32, "reflection_id": None,
                                         "commitment_id": None})
    data["hcpc_statement_items"][-1]["commitment_id"] = "c" + "0" * 30 + "9"
    data["commitments"].append({**data["commitments"][0], "id": "c" + "0" * 30 + "9", "share_key": "9" * 32,
                                "checkins": [], "history": [], "answer_id": None})
    with pytest.raises(ImportRefused, match="more than the 6"):
        import_file(db, _file(tmp_path, data))
    assert len(cpd.list_statement_items(db)) == 6


def test_a_record_about_a_reflection_that_is_nowhere_is_refused(db, tmp_path):
    fill(db)
    data = _exported(db)
    data["cpd_details"][0]["reflection_id"] = "d" * 32
    with pytest.raises(ImportRefused, match="neither the file nor the store"):
        import_file(db, _file(tmp_path, data))


@pytest.mark.parametrize(("key", "field", "value"), [
    ("nmc_accounts", "nature", "x" * 100_001), ("nmc_accounts", "themes", ["preserve_safety", "preserve_safety"]),
    ("cpd_details", "minutes", 60_001), ("cpd_details", "kind", "<script>alert(1)</script>"),
    ("hcpc_statement_items", "reflection_id", None), ("revalidation", "date", "2027-02-30"),
])
def test_a_hostile_value_is_refused_in_one_sentence_and_the_store_is_unchanged(db, paths, tmp_path, key, field,
                                                                               value):
    fill(db)
    data = _exported(db)
    record = data[key] if key == "revalidation" else data[key][0]
    record[field] = value
    if field == "reflection_id":  # neither a reflection nor a commitment
        record["commitment_id"] = None
    before = read_revalidation(db)
    db.close()
    result = CliRunner().invoke(cli, ["import", str(_file(tmp_path, data))])
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert message.startswith("myrole: ") and message.count("\n") == 0 and "Traceback" not in message
    assert "<script>" not in message and "xxxxxxxx" not in message
    copy = open_store(paths)
    assert read_revalidation(copy) == before
    copy.close()


@pytest.mark.parametrize("audience", [Audience.MANAGER, Audience.ALLIANCE], ids=str)
def test_shared_json_files_hold_no_revalidation_records(db, audience):
    fill(db)
    text = render(summary(db, audience, exported_at=EXPORTED_AT), "json")
    for key in ("nmc_accounts", "cpd_details", "hcpc_statement_items", "hcpc_summary", "revalidation"):
        assert key not in text
    assert "I ask every new patient about an interpreter." not in text


def test_a_backup_with_an_impossible_revalidation_row_is_refused_by_restores_check(db):
    fill(db)
    assert problem_in(db) is None
    with write(db):
        db.execute("UPDATE nmc_accounts SET nature = ?", ["x" * 100_001])
    assert "nmc_accounts/0/nature" in problem_in(db)
    with write(db):
        db.execute("UPDATE nmc_accounts SET nature = 'fine'")
        db.execute("UPDATE cpd_details SET on_date = '2026-02-30'")
    assert "cpd_details/0/on_date" in problem_in(db)


def test_a_since_export_holds_only_records_about_what_it_holds(db):
    fill(db)
    data = json.loads(render(summary(db, Audience.ME, date(2026, 10, 10), exported_at=EXPORTED_AT), "json"))
    assert f"r{1:0>31}" not in {r["id"] for r in data["reflections"]}  # finished before the date
    assert data["nmc_accounts"] == [] and data["cpd_details"] == []  # both about that reflection
    assert [i["id"] for i in data["hcpc_statement_items"]] == [f"s{2:0>31}"]  # about an open commitment
    assert data["revalidation"]["date"] == "2027-03-31"
