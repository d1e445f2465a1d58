"""Tests that `myrole import` refuses impossible values in every field, and huge or deeply nested files:
one sentence, exit status 2, the store byte for byte as it was, and the published schema agreeing where it can."""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from myrole import limits
from myrole.cli import cli
from myrole.export import importer
from myrole.export.importer import ImportRefused, load_export, schema
from share_store import fill
from test_import import _me, _snapshot

# Where each kind of record sits in the fixed store's export (share_store.fill).
RECORDS = {
    "profile": lambda d: d["profile"],
    "reflection": lambda d: d["reflections"][0],
    "answer": lambda d: d["reflections"][0]["answers"][0],
    "commitment": lambda d: d["commitments"][0],
    "checkin": lambda d: d["commitments"][0]["checkins"][0],
    "history": lambda d: d["commitments"][0]["history"][0],
    "one_to_one": lambda d: d["one_to_ones"][0],
    "item": lambda d: d["one_to_ones"][0]["items"][0],
    "event": lambda d: d["events"][0],
    "topic": lambda d: d["events"][0]["topics"][0],
    "revalidation": lambda d: d["revalidation"],
    "cpd_details": lambda d: d["cpd_details"][0],
    "nmc_account": lambda d: d["nmc_accounts"][0],
    "statement_item": lambda d: d["hcpc_statement_items"][0],
}
IMPOSSIBLE_MOMENTS = ["2026-13-45T99:99:99Z", "2026-02-30T10:00:00Z", "2026-01-01T10:00:00Z\n",
                      "2026-01-01T24:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-01-01 10:00:00Z",
                      "\u0662\u0660\u0662\u0666-01-01T10:00:00Z"]
IMPOSSIBLE_DAYS = ["2026-02-30", "2026-13-01", "2026-01-01\n", "9999-12-31", "0001-01-01", "20260101", "2026-W01-1"]
IMPOSSIBLE_IDS = ["c" * 31 + "\n", "", "x" * 101, "a b", "ab/cd", "\u0661" * 32]
IMPOSSIBLE_NUMBERS = {"version": [0, 2**63 - 1, 2**63, 1_000_001, 3.0, True],
                      "position": [-1, 10_001, 10**30, 2.0],
                      "progress": [-1, 5, 2.0], "confidence": [0, 6, 3.0],
                      "minutes": [-1, 60_001, 2**63, 90.0, True]}


def _cases() -> list[tuple[str, str, object]]:
    cases = []
    for kind, rules in importer.RULES.items():
        for name in rules.moments:
            cases += [(kind, name, value) for value in IMPOSSIBLE_MOMENTS]
        for name in rules.days:
            cases += [(kind, name, value) for value in IMPOSSIBLE_DAYS]
        for name in rules.ids:
            cases += [(kind, name, value) for value in IMPOSSIBLE_IDS]
        for name in rules.numbers:
            cases += [(kind, name, value) for value in IMPOSSIBLE_NUMBERS[name]]
        for name, limit in rules.texts.items():
            cases.append((kind, name, "x" * (limit.chars + 1)))
            if limit.one_line:
                cases += [(kind, name, "one\nline"), (kind, name, "a line ending in a break\n"),
                          (kind, name, "a\u2028b")]
        for name in rules.labels:  # as `myrole event add` refuses them: a terminal would act on them
            cases += [(kind, name, "Workshop \x1b]0;title\x07"), (kind, name, "Workshop \u202eright to left"),
                      (kind, name, "Workshop \x9b31m"), (kind, name, "Workshop \u061c mark")]
        cases.append((kind, "a field myrole does not know", "x"))
    return cases


def _file(tmp_path: Path, data: dict) -> Path:
    file = tmp_path / "forged.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    return file


@pytest.fixture(scope="module")
def exported_once(tmp_path_factory) -> dict:
    """The fixed store's export, made once for this module: a store's migrations and writes cost far more
    than a test's check of one value."""
    from myrole.paths import resolve
    from myrole.store import open_store

    db = open_store(resolve(tmp_path_factory.mktemp("filled")))
    try:
        fill(db)
        return _me(db)
    finally:
        db.close()


@pytest.fixture
def exported(exported_once) -> dict:
    """A copy of the fixed store's export of this test's own, to change."""
    return copy.deepcopy(exported_once)


@pytest.mark.parametrize(("kind", "name", "value"), _cases(), ids=repr)
def test_an_impossible_value_in_any_field_is_refused(exported, tmp_path, kind, name, value):
    RECORDS[kind](exported)[name] = value
    with pytest.raises(ImportRefused) as refused:
        load_export(_file(tmp_path, exported))
    message = str(refused.value)
    assert message.count("\n") == 0 and "Traceback" not in message
    if isinstance(value, str) and len(value) > 3:
        assert value.strip() not in message  # the file's text is never quoted


@pytest.mark.parametrize("value", IMPOSSIBLE_DAYS[:4] + ["not a date"])
def test_an_impossible_since_or_export_time_is_refused(exported, tmp_path, value):
    exported["since"] = value
    with pytest.raises(ImportRefused):
        load_export(_file(tmp_path, exported))


@pytest.mark.parametrize("rhythm", ["Weekly", " weekly", "weekly\n", "0d", "367d", "every 10 days", "10 d", "10d\n"])
@pytest.mark.parametrize("where", ["commitment", "profile"])
def test_a_rhythm_must_be_exactly_one_myrole_writes(exported, tmp_path, rhythm, where):
    record = exported["commitments"][0] if where == "commitment" else exported["profile"]
    record["cadence" if where == "commitment" else "default_cadence"] = rhythm
    with pytest.raises(ImportRefused, match="check-in rhythm|not in the expected form"):
        load_export(_file(tmp_path, exported))


@pytest.mark.parametrize("title", ["", "   ", "\t"])
def test_a_blank_title_is_refused(exported, tmp_path, title):
    exported["commitments"][0]["title"] = title
    with pytest.raises(ImportRefused, match="blank title"):
        load_export(_file(tmp_path, exported))


def test_tags_are_held_to_their_limits(exported, tmp_path):
    commitment = exported["commitments"][0]
    for tags in (["t"] * (limits.TAGS + 1), ["x" * (limits.TAG_CHARS + 1)], ["two\nlines"]):
        commitment["tags"] = tags
        with pytest.raises(ImportRefused):
            load_export(_file(tmp_path, exported))


@pytest.mark.parametrize(("status", "agreed_at"), [("agreed", None), ("draft", "2026-11-05T10:00:00Z")])
def test_agreement_and_its_time_go_together(exported, tmp_path, status, agreed_at):
    exported["one_to_ones"][0].update(status=status, agreed_at=agreed_at)
    with pytest.raises(ImportRefused, match="agreed"):
        load_export(_file(tmp_path, exported))


def test_a_text_over_its_limit_is_refused_in_the_words_of_limits(exported, tmp_path):
    exported["commitments"][0]["title"] = "t" * (limits.TITLE_CHARS + 1)
    with pytest.raises(ImportRefused) as refused:
        load_export(_file(tmp_path, exported))
    expected = limits.problem("t" * (limits.TITLE_CHARS + 1), limits.TITLE, "the text at commitments/0/title")
    assert expected.removesuffix(".") in str(refused.value)


def test_text_exactly_at_its_limit_is_accepted(exported, tmp_path):
    exported["commitments"][0]["title"] = "t" * limits.TITLE_CHARS
    exported["reflections"][0]["answers"][0]["text"] = "line\n" * (limits.TEXT_CHARS // 5)
    assert load_export(_file(tmp_path, exported))["commitments"][0]["title"] == "t" * limits.TITLE_CHARS


def test_deep_nesting_is_one_sentence(tmp_path):
    file = tmp_path / "deep.json"
    file.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ImportRefused, match="nested far more deeply"):
        load_export(file)
    file.write_text('{"format": "myrole-export", "format_version": 1, "audience": "me", "profile": '
                    + "[" * 900 + "]" * 900 + "}", encoding="utf-8")
    with pytest.raises(ImportRefused):  # deep, but within what Python reads: the schema refuses it
        load_export(file)


@pytest.mark.parametrize("where", ["top", "commitment"])
def test_a_record_that_names_a_field_twice_is_refused(exported, tmp_path, where):
    # json.loads would keep the last of the two silently: a file myrole wrote never repeats a key.
    text = json.dumps(exported)
    if where == "top":
        repeated = text.replace('"audience": "me"', '"audience": "me", "audience": "me"', 1)
    else:
        title = json.dumps(exported["commitments"][0]["title"])
        repeated = text.replace(f'"title": {title}', f'"title": {title}, "title": "another title"', 1)
    assert repeated != text
    file = tmp_path / "repeated.json"
    file.write_text(repeated, encoding="utf-8")
    with pytest.raises(ImportRefused, match="names the same field twice"):
        load_export(file)
    file.write_text(text, encoding="utf-8")
    load_export(file)  # the same file without the repeat is fine


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    file = tmp_path / "huge.json"
    file.write_bytes(b" " * 2048 + b"{}")
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", 1024)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the whole file was read"))
    with pytest.raises(ImportRefused, match="larger than"):
        load_export(file)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="devices and named pipes are POSIX")
@pytest.mark.parametrize("kind", ["device", "pipe"])
def test_a_device_or_a_pipe_is_refused_without_being_read(tmp_path, kind):
    if kind == "device":
        special = Path("/dev/zero")  # endless
    else:
        special = tmp_path / "pipe"
        os.mkfifo(special)  # nothing writes to it: reading would wait for ever
    with pytest.raises(ImportRefused, match="not a regular file"):
        load_export(special)


@pytest.mark.parametrize(("kind", "name", "value"), [
    ("commitment", "created_at", "2026-13-45T99:99:99Z"), ("commitment", "id", "c" * 31 + "\n"),
    ("commitment", "version", 2**63), ("answer", "position", 10**30), ("commitment", "title", "two\nlines"),
    ("checkin", "on_date", "2026-02-30")])
def test_on_the_command_line_a_forged_file_gets_exit_2_and_the_store_is_unchanged(
        db, paths, tmp_path, kind, name, value):
    fill(db)
    data = _me(db)
    db.close()
    RECORDS[kind](data)[name] = value
    before = _snapshot(paths.data)
    result = CliRunner().invoke(cli, ["import", str(_file(tmp_path, data))])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("myrole: ") and result.stderr.count("\n") == 1
    assert _snapshot(paths.data) == before


# --- The published schema says the same, wherever a schema can ---------------------------------------

SCHEMA_CANNOT_SAY = ("2026-02-30", "0001-01-01", "9999-12-31", "\n")  # a calendar, years, Python's "$"


@pytest.fixture(scope="module")
def published_schema() -> Draft202012Validator:
    """A validator for the published schema, made once for this module (it holds nothing of any one file)."""
    return Draft202012Validator(schema())


@pytest.mark.parametrize(("kind", "name", "value"), _cases(), ids=repr)
def test_the_published_schema_refuses_what_the_importer_refuses(published_schema, exported, kind, name, value):
    RECORDS[kind](exported)[name] = value
    if isinstance(value, float) or (isinstance(value, str) and any(s in value for s in SCHEMA_CANNOT_SAY)):
        return  # the schema cannot say these; the importer checks them (see the test above)
    # The first error is enough to know the schema refuses it; listing them all walked the whole export.
    assert next(published_schema.iter_errors(exported), None), "the schema should refuse this too"


def test_the_schema_states_the_limits_of_myrole_limits():
    defs = schema()["$defs"]
    assert defs["title"]["maxLength"] == limits.TITLE_CHARS and defs["line"]["maxLength"] == limits.LINE_CHARS
    assert defs["text"]["maxLength"] == limits.TEXT_CHARS and defs["tag"]["maxLength"] == limits.TAG_CHARS
    assert defs["tags"]["maxItems"] == limits.TAGS
    assert defs["position"]["maximum"] == importer.MAX_POSITION and defs["version"]["maximum"] == importer.MAX_VERSION
    one_line = re.compile(defs["line"]["pattern"])
    assert one_line.search("one line") and not any(one_line.search(f"a{c}b") for c in limits.LINE_BREAKS)


def test_an_export_saved_with_a_byte_order_mark_still_imports(exported, tmp_path):
    # Windows Notepad may add one when a person opens and saves the file.
    file = tmp_path / "notepad.json"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(exported).encode("utf-8"))
    assert load_export(file) is not None


@pytest.mark.parametrize(("change", "phrase"), [
    ({"tags": ["night shift", "night shift"]}, "names the same tag twice"),
    ({"status": "paused", "paused_until": None}, "paused without a date"),
])
def test_a_commitment_no_form_could_make_is_refused(exported, tmp_path, change, phrase):
    exported["commitments"][0].update(change)
    with pytest.raises(ImportRefused, match=phrase):
        load_export(_file(tmp_path, exported))
