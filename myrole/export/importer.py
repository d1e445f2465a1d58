"""Provides `myrole import`: check a `me` JSON export thoroughly, then merge it into the store all at once."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from myrole.export.json_format import FORMAT, FORMAT_VERSION, contents_from
from myrole.schedule import parse_cadence
from myrole.store.transfer import MergeConflict, MergeReport, merge

if TYPE_CHECKING:
    from sqlite_utils import Database

SCHEMA_NAME = "export-format.schema.json"


class ImportRefused(Exception):
    """The file cannot be imported; the message is one sentence and never repeats what the file says."""


def schema_path() -> Path:
    """The JSON Schema: inside the installed package, or in docs/ of a source checkout."""
    installed = Path(__file__).parent / SCHEMA_NAME
    return installed if installed.is_file() else Path(__file__).parents[2] / "docs" / SCHEMA_NAME


@cache
def schema() -> dict[str, Any]:
    return json.loads(schema_path().read_text(encoding="utf-8"))


def inlined(published: dict[str, Any]) -> dict[str, Any]:
    """The schema with every "$ref" to its $defs replaced by the definition itself: the same rules.

    jsonschema looks a reference up again for every value it checks, which is most of the time it
    takes over tens of thousands of answers and check-ins; written out once, it checks twice as fast.
    """
    definitions = published["$defs"]

    def written_out(node: Any) -> Any:
        if isinstance(node, list):
            return [written_out(item) for item in node]
        if not isinstance(node, dict):
            return node
        rest = {key: written_out(value) for key, value in node.items() if key not in ("$ref", "$defs")}
        if "$ref" not in node:
            return rest
        reference = node["$ref"]
        if not reference.startswith("#/$defs/"):
            raise ValueError(f"The export schema refers to {reference}; only its own $defs can be written out.")
        target = written_out(definitions[reference.removeprefix("#/$defs/")])  # the schema has no cycles
        return {**rest, "allOf": [*rest.get("allOf", []), target]} if rest else target

    return written_out(published)


def read_json(path: Path) -> Any:
    if not path.exists():
        raise ImportRefused(f"There is no file at {path}.")
    if path.is_dir():
        raise ImportRefused(f"{path} is a folder; give the export file itself.")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportRefused(f"{path} cannot be read ({error.strerror}).") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ImportRefused(f"{path} is not a JSON file, so it is not a myrole export.") from None


def check_format(path: Path, data: Any) -> None:
    """Ours, not newer, and for `me` (only a full export can rebuild a store)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused(f"{path} is JSON but not a myrole export.")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefused(f"{path} does not say which version of the export format it uses.")
    if version > FORMAT_VERSION:
        raise ImportRefused(f"{path} was written by a newer version of myrole (export format {version}); "
                            "please upgrade myrole to import it.")
    if data.get("audience") != "me":
        raise ImportRefused(f"{path} is an export for someone else (it leaves things out); only a `me` "
                            "export can be imported.")


def _where(error_path: Any) -> str:
    where = "/".join(str(part) for part in error_path)
    return f"the value at {where}" if where else "the file"


def check_schema(path: Path, data: dict[str, Any]) -> None:
    """Structure, types and allowed values, from the published JSON Schema (docs/export-format.schema.json)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(inlined(schema()))
    error = next(iter(sorted(validator.iter_errors(data), key=lambda e: list(e.path))), None)
    if error is not None:
        # The validator's own message quotes the value, which may be private text: say only where and what.
        raise ImportRefused(f"{path} is not a valid myrole export: {_where(error.path)} {_problem(error)}.")


def _problem(error: Any) -> str:
    """What is wrong, in words that never repeat the file's text (field names come from the schema)."""
    kind = error.validator
    if kind == "required" and isinstance(error.instance, dict):
        missing = [name for name in error.validator_value if name not in error.instance]
        return f"is missing the field '{missing[0]}'" if missing else "is missing a field"
    if kind == "type":
        return f"should be of type {error.validator_value}"
    return PROBLEMS.get(kind, f"breaks the rule '{kind}'")


PROBLEMS = {
    "additionalProperties": "has a field myrole does not know",
    "enum": "holds a value myrole does not know",
    "const": "holds a value myrole does not know",
    "minimum": "is out of range",
    "maximum": "is out of range",
    "pattern": "is not in the expected form",
    "oneOf": "is not in the expected form",
    "minLength": "is empty",
}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _dates(data: dict[str, Any]) -> Iterator[str | None]:
    for c in data["commitments"]:
        yield from (c["target_date"], c["paused_until"], c["snoozed_until"])
        yield from (k["on_date"] for k in c["checkins"])
    for r in data["one_to_ones"]:
        yield from (r["held_on"], r["next_on"])


def check_meaning(path: Path, data: dict[str, Any]) -> None:
    """What a schema cannot say: real dates, known rhythms, unique ids, text that can be stored."""
    for text in _strings(data):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ImportRefused(f"{path} holds text with a broken character (a lone surrogate) that "
                                "cannot be stored.") from None
    for value in _dates(data):
        try:
            date.fromisoformat(value) if value else None
        except ValueError:
            raise ImportRefused(f"{path} holds a date that does not exist on the calendar.") from None
    for c in data["commitments"]:
        try:
            parse_cadence(c["cadence"])
        except ValueError:
            raise ImportRefused(f"{path}: the commitment {c['id']} has a check-in rhythm myrole does not know.") from None
    _check_unique(path, data)


def _check_unique(path: Path, data: dict[str, Any]) -> None:
    kinds = {
        "reflection": [r["id"] for r in data["reflections"]],
        "answer": [a["id"] for r in data["reflections"] for a in r["answers"]],
        "prompt answer": [f"{r['id']}/{a['prompt_id']}" for r in data["reflections"] for a in r["answers"]],
        "commitment": [c["id"] for c in data["commitments"]],
        "check-in": [k["id"] for c in data["commitments"] for k in c["checkins"]],
        "one-to-one": [r["id"] for r in data["one_to_ones"]],
        "one-to-one item": [i["id"] for r in data["one_to_ones"] for i in r["items"]],
    }
    for kind, ids in kinds.items():
        repeated = [value for value, count in Counter(ids).items() if count > 1]
        if repeated and kind == "prompt answer":
            raise ImportRefused(f"{path} answers the same prompt twice in the reflection {repeated[0].split('/')[0]}.")
        if repeated:
            raise ImportRefused(f"{path} holds the same {kind} twice ({repeated[0]}).")


def load_export(path: Path) -> dict[str, Any]:
    """Read and check a file completely, before the store is touched."""
    data = read_json(path)
    check_format(path, data)
    check_schema(path, data)
    check_meaning(path, data)
    return data


def import_file(db: Database, path: Path, data: dict[str, Any] | None = None) -> MergeReport:
    """Check the file (unless already checked: data), then merge it in one transaction, or change nothing."""
    data = load_export(path) if data is None else data
    try:
        return merge(db, contents_from(data))
    except MergeConflict as error:
        reason = str(error)
        raise ImportRefused(f"{path} cannot be imported: {reason[:1].lower()}{reason[1:]} Nothing was changed.") from None
