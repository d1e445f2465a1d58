"""Tests `myrole import`: exact round trips (property-tested), idempotence, and every kind of bad file refused."""

from __future__ import annotations

from dataclasses import replace

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from myrole.cli import cli
from myrole.export import FORMATS, render, summary
from myrole.export.importer import ImportRefused, import_file
from myrole.limits import LINE_BREAKS
from myrole.model import CheckIn, Commitment, Context, ItemKind, Lens, Mode, Profile, Visibility
from myrole.paths import resolve
from myrole.privacy import Audience
from myrole.prompts import load_catalogue
from myrole.store import open_store
from myrole.store.checkins import add_checkin
from myrole.store.commitments import create_commitment, get_commitment
from myrole.store.one_to_ones import add_item, create_one_to_one, mark_agreed
from myrole.store.profile import save_profile
from myrole.store.reflections import save_answer, start_reflection
from myrole.store.status import drop
from myrole.store.snapshot import read_contents
from share_store import EXPORTED_AT, fill

HOSTILE = ["# Forged heading", "[click](https://evil.example)", "<script>alert(1)</script>", "**b** _i_ `c`",
           "\x1b[31mred\x1b[0m", "a\x00b", "line\r\nbreak", "\u202eevil", "[bold]x[/bold]", "' OR 1=1; --",
           "emoji 👩‍⚕️ and e\u0301", "1. item\n- item\n> quote", "\\", "\u2028", "\x85"]
texts = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
lines = texts.filter(LINE_BREAKS.isdisjoint)  # for the fields that hold one line (myrole.limits)
titles = lines.filter(lambda t: t.strip())


from myrole.store.events import submitter_key  # noqa: E402 - beside its one use


def export_json(db, audience: Audience = Audience.ME) -> str:
    return render(summary(db, audience, exported_at=EXPORTED_AT), "json")


def build_store(db, name: str, answer: str, title: str, detail: str, note: str, tag: str, item: str) -> None:
    """A store with a text of the test's choosing in every kind of field, through the normal store functions.

    name, title and tag go in fields of one line; answer, detail, note and item in long texts.
    """
    save_profile(db, Profile(name, name, name, name, True))
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.EVENT, name)
    saved = save_answer(db, reflection.id, pack.prompts[0], answer, Visibility.MANAGER, 0)
    commitment = create_commitment(db, Commitment(
        id="", title=title, lens=Lens.SYSTEMS, mode=Mode.ADVOCACY, detail=detail, first_step=name, success=name,
        support=name, target_date=date(2027, 3, 1), tags=(tag,), visibility=Visibility.ALLIANCE,
        reflection_id=reflection.id, answer_id=saved.id))
    add_checkin(db, commitment, CheckIn(id="", commitment_id=commitment.id, at="", on_date=date(2026, 11, 1),
                                        progress=2, note=note, barriers=name, next_step=title))
    drop(db, get_commitment(db, commitment.id), title)
    record = create_one_to_one(db, date(2026, 11, 5), name)
    record = add_item(db, record, ItemKind.TALKING_POINT, item, Visibility.PRIVATE)
    mark_agreed(db, record)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=lines, answer=texts, title=titles, detail=texts, note=texts, tag=lines, item=texts.filter(str.strip))
def test_round_trip_is_exact_and_a_second_import_changes_nothing(name, answer, title, detail, note, tag, item):
    with tempfile.TemporaryDirectory() as folder:
        source = open_store(resolve(Path(folder) / "source"))
        build_store(source, name, answer, title, detail, note, tag, item)
        exported = export_json(source)
        file = Path(folder) / "export.json"
        file.write_text(exported, encoding="utf-8")
        target = open_store(resolve(Path(folder) / "target"))
        first = import_file(target, file)
        assert first.changed
        assert export_json(target) == exported
        for audience in Audience:  # every format, for every audience, comes out the same from the copy
            for fmt in FORMATS:  # but for the submitter key, which each store makes its own
                assert (render(summary(target, audience, exported_at=EXPORTED_AT), fmt).replace(
                            submitter_key(target), "KEY")
                        == render(summary(source, audience, exported_at=EXPORTED_AT), fmt).replace(
                            submitter_key(source), "KEY"))
        again = import_file(target, file)
        assert not again.changed
        assert export_json(target) == exported
        data = json.loads(exported)
        assert data["commitments"][0]["title"] == title and data["profile"]["name"] == name
        assert data["one_to_ones"][0]["items"][0]["text"] == item
        source.close()
        target.close()


def test_importing_into_the_store_it_came_from_changes_nothing(db, tmp_path):
    fill(db)
    file = tmp_path / "me.json"
    file.write_text(export_json(db), encoding="utf-8")
    before = read_contents(db)
    assert not import_file(db, file).changed
    assert read_contents(db) == before


def test_a_newer_copy_replaces_an_older_one_and_the_version_moves_on(db, tmp_path):
    fill(db)
    data = json.loads(export_json(db))
    first = data["commitments"][0]
    first.update(title="Offer an interpreter, and easy-read letters", updated_at="2026-11-20T10:00:00Z",
                 version=first["version"] + 1)
    first["history"].append({"at": "2026-11-20T10:00:00Z", "kind": "edited", "from_status": "active",
                             "to_status": "active", "reason": ""})
    data["profile"].update(name="Jo Example-Smith", updated_at="2026-11-20T10:00:00Z")
    file = tmp_path / "newer.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    report = import_file(db, file)
    assert report.updated == {"commitment": 1, "profile": 1} and report.added == {"status change": 1}
    stored = get_commitment(db, first["id"])
    assert stored.title == "Offer an interpreter, and easy-read letters"
    assert stored.version == first["version"]  # a window holding the old copy is told it changed
    assert json.loads(export_json(db)) == data  # the later copy, whole
    assert not import_file(db, file).changed


def test_an_older_copy_never_replaces_a_newer_one(db, tmp_path):
    fill(db)
    data = json.loads(export_json(db))
    data["commitments"][0].update(title="An old title", version=1, updated_at="2026-01-01T00:00:00Z")
    data["reflections"][0]["answers"][0].update(text="old text", updated_at="2026-01-01T00:00:00Z")
    file = tmp_path / "older.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    assert not import_file(db, file).changed
    assert get_commitment(db, data["commitments"][0]["id"]).title == "Offer an interpreter to every new patient"


def test_merging_adds_what_is_new_and_keeps_what_is_only_here(db, tmp_path, paths):
    fill(db)
    mine = create_commitment(db, Commitment(id="", title="Only in this store", lens=Lens.SELF, mode=Mode.ACTION))
    with tempfile.TemporaryDirectory() as folder:
        other = open_store(resolve(folder))
        fill(other)
        extra = create_commitment(other, Commitment(id="", title="Made elsewhere", lens=Lens.FUTURE, mode=Mode.ACTION))
        file = tmp_path / "other.json"
        file.write_text(export_json(other), encoding="utf-8")
        other.close()
    report = import_file(db, file)
    assert report.added == {"commitment": 1, "status change": 1}
    assert get_commitment(db, mine.id) is not None and get_commitment(db, extra.id).title == "Made elsewhere"


# --- Bad files: refused with one sentence, exit status 2, the store byte for byte as it was ---------


def _me(db) -> dict:
    return json.loads(export_json(db))


def _edit(change):
    def make(data: dict) -> bytes:
        change(data)
        return json.dumps(data).encode("utf-8")
    return make


def _broken_reference(data):
    data["commitments"][0]["answer_id"] = "f" * 32


def _conflicting_checkin(data):
    data["commitments"][1]["checkins"].append(data["commitments"][0]["checkins"][0])
    data["commitments"][0]["checkins"] = data["commitments"][0]["checkins"][1:]


def _missing_item_commitment(data):
    data["one_to_ones"][0]["items"][3]["commitment_id"] = "e" * 32


def _surrogate(data) -> bytes:
    text = json.dumps(data)
    return text.replace('"Nobody is missed."', '"Nobody \\ud800 is missed."').encode("utf-8")


BAD_FILES = {
    "not JSON": lambda data: b"this is not json",
    "not UTF-8": lambda data: bytes(range(256)),
    "a JSON list": lambda data: b"[]",
    "not our format": lambda data: json.dumps({"format": "someone-else", "commitments": []}).encode(),
    "no format version": _edit(lambda d: d.pop("format_version")),
    "a newer format version": _edit(lambda d: d.update(format_version=2)),
    "a manager export": _edit(lambda d: d.update(audience="manager")),
    "an unknown lens": _edit(lambda d: d["commitments"][0].update(lens="nowhere")),
    "a missing field": _edit(lambda d: d["commitments"][0].pop("title")),
    "an extra field": _edit(lambda d: d["commitments"][0].update(colour="red")),
    "progress out of range": _edit(lambda d: d["commitments"][0]["checkins"][0].update(progress=7)),
    "a date not on the calendar": _edit(lambda d: d["commitments"][0].update(target_date="2026-02-30")),
    "an unknown rhythm": _edit(lambda d: d["commitments"][0].update(cadence="0d")),
    "the same id twice": _edit(lambda d: d["commitments"].append(d["commitments"][0])),
    "a broken reference": _edit(_broken_reference),
    "a check-in that belongs elsewhere": _edit(_conflicting_checkin),
    "a one-to-one item naming a missing commitment": _edit(_missing_item_commitment),
    "a lone surrogate": _surrogate,
}


def _snapshot(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_file_is_refused_and_the_store_is_unchanged(db, paths, tmp_path, kind):
    fill(db)
    content = BAD_FILES[kind](_me(db))
    db.close()
    before = _snapshot(paths.data)
    file = tmp_path / "bad.json"
    file.write_bytes(content)
    result = CliRunner().invoke(cli, ["import", str(file)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("myrole: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    assert _snapshot(paths.data) == before


def test_refusals_never_quote_the_file_text(db, paths, tmp_path):
    fill(db)
    data = _me(db)
    data["commitments"][0]["title"] = 12345  # wrong type, next to private words elsewhere
    data["commitments"][0]["detail"] = "SecretWordsQ7"
    db.close()
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(file)])
    assert result.exit_code == 2
    assert "commitments/0/title" in result.stderr
    assert "SecretWordsQ7" not in result.stderr and "12345" not in result.stderr


@pytest.mark.parametrize("where", ["missing", "folder"])
def test_import_of_a_missing_file_or_a_folder_is_refused(paths, tmp_path, where):
    target = tmp_path / "nothing.json" if where == "missing" else tmp_path
    result = CliRunner().invoke(cli, ["import", str(target)])
    assert result.exit_code == 2 and result.stderr.startswith("myrole: ")
    assert not paths.store.exists()  # a refused import does not even create a store


def test_import_on_the_command_line_reports_what_it_did(db, paths, tmp_path):
    fill(db)
    file = tmp_path / "me.json"
    file.write_text(export_json(db), encoding="utf-8")
    db.close()
    other = tmp_path / "elsewhere"
    first = CliRunner().invoke(cli, ["--home", str(other), "import", str(file)])
    assert first.exit_code == 0
    assert "added" in first.stdout and "5 commitments" in first.stdout
    second = CliRunner().invoke(cli, ["--home", str(other), "import", str(file)])
    assert second.exit_code == 0 and "nothing new" in second.stdout
    copy = open_store(resolve(other))
    assert export_json(copy) == file.read_text(encoding="utf-8")
    copy.close()


def _with_correction(data: dict) -> dict:
    agreed = data["one_to_ones"][0]
    agreed["items"].append({**agreed["items"][4], "id": "c0ffee" * 5 + "00", "text": "A correction",
                            "correction": True, "position": 5})
    agreed.update(version=agreed["version"] + 1, updated_at="2026-11-25T10:00:00Z")
    return data


def test_a_later_copy_of_an_agreed_one_to_one_adds_its_corrections(db, tmp_path):
    fill(db)
    data = _with_correction(_me(db))
    file = tmp_path / "later.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    report = import_file(db, file)
    assert report.added == {"one-to-one item": 1} and report.updated == {"one-to-one": 1}
    record = read_contents(db).one_to_ones[0]
    assert record.items[0].text == "Interpreter work in my appraisal."
    assert record.items[-1].text == "A correction" and record.version == data["one_to_ones"][0]["version"]
    assert not import_file(db, file).changed


def test_an_agreed_one_to_one_rewritten_after_agreement_is_a_conflict(db, paths, tmp_path):
    fill(db)
    data = _with_correction(_me(db))
    data["one_to_ones"][0]["items"][0]["text"] = "Rewritten after agreement"
    before = read_contents(db)
    file = tmp_path / "later.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"1 of its records has the same id .* \(1 one-to-one\); nothing"):
        import_file(db, file)
    assert read_contents(db) == before


def test_round_trip_keeps_each_record_exactly(db, tmp_path):
    fill(db)
    file = tmp_path / "me.json"
    file.write_text(export_json(db), encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        copy = open_store(resolve(folder))
        import_file(copy, file)
        original, restored = read_contents(db), read_contents(copy)
        copy.close()
    assert restored.submitter != original.submitter, "each store keeps its own submitter key"
    assert replace(restored, submitter="") == replace(original, submitter="")
    assert len(restored.commitments) == 5 and len(restored.one_to_ones) == 2


@pytest.mark.parametrize("kind", ["an unknown lens", "a missing field", "an extra field", "progress out of range",
                                  "no format version"])
def test_the_written_out_schema_finds_what_the_published_one_finds(db, kind):
    """The importer checks against the schema with its references written out; the verdicts are the same."""
    from jsonschema import Draft202012Validator

    from myrole.export.importer import inlined, schema

    fill(db)
    published, written_out = schema(), inlined(schema())
    assert "$ref" not in json.dumps(written_out)

    def found(rules, data):
        return sorted((list(e.path), e.validator) for e in Draft202012Validator(rules).iter_errors(data))

    broken = json.loads(BAD_FILES[kind](_me(db)))
    assert found(written_out, broken) == found(published, broken) != []
    assert found(written_out, _me(db)) == []


def test_writing_out_keeps_rules_beside_a_reference_and_refuses_a_foreign_one():
    from myrole.export.importer import inlined

    rules = {"$defs": {"name": {"type": "string"}},
             "properties": {"a": {"$ref": "#/$defs/name", "allOf": [{"minLength": 3}]}, "b": {"$ref": "#/$defs/name"},
                            "c": {"$ref": "#/$defs/name", "type": "integer"},
                            "d": {"$ref": "#/$defs/name", "additionalProperties": False}}}
    assert inlined(rules) == {"properties": {"a": {"type": "string", "allOf": [{"minLength": 3}]},
                                             "b": {"type": "string"},
                                             "c": {"type": "integer", "allOf": [{"type": "string"}]},
                                             "d": {"additionalProperties": False, "allOf": [{"type": "string"}]}}}
    with pytest.raises(ValueError, match="only its own"):
        inlined({"$defs": {}, "items": {"$ref": "https://example.org/schema"}})
