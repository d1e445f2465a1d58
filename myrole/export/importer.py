"""Provides `myrole import`: check a `me` JSON export thoroughly, then merge it into the store all at once."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from myrole.dates import day_or_none, parse_date
from myrole.export.json_format import FORMAT, FORMAT_VERSION, contents_from
from myrole.limits import EARLIEST_YEAR, FIELDS, LATEST_YEAR, LINE, LINE_BREAKS, TAGS, TEXT, FieldLimit, problem
from myrole.schedule import parse_cadence
from myrole.store.cpd import ACCOUNT_TEXTS, ITEM_TEXTS, MOST_MINUTES
from myrole.store.merge import MergeConflict, MergeReport, merge
from myrole.strict_json import RepeatedKey, keys_once
from myrole.text import UNSAFE

if TYPE_CHECKING:
    import sqlite3

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


# Keywords whose meaning depends on others in the same object; rules beside a reference that use them are
# kept apart (allOf) when written out.
DEPENDENT = frozenset({"properties", "patternProperties", "additionalProperties", "items", "prefixItems",
                       "unevaluatedProperties", "unevaluatedItems", "if", "then", "else"})


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
        if rest.keys().isdisjoint(target) and rest.keys().isdisjoint(DEPENDENT):
            return {**target, **rest}  # independent keywords: one object checks what allOf would, quicker
        return {**rest, "allOf": [*rest.get("allOf", []), target]}

    return written_out(published)


# The largest file `myrole import` reads. A ten-year export of heavy use is about 30 MB; anything much
# larger is not an export of ours, and reading it whole could take all the memory there is.
MAX_FILE_BYTES = 256 * 1024 * 1024


def read_json(path: Path) -> Any:
    """The file's JSON, read only after its size is known to be sane, and never more than MAX_FILE_BYTES."""
    if not path.exists():
        raise ImportRefused(f"There is no file at {path}.")
    if path.is_dir():
        raise ImportRefused(f"{path} is a folder; give the export file itself.")
    if not path.is_file():  # a pipe with no writer would wait for ever; a device has no end
        raise ImportRefused(f"{path} is not a regular file (it is a device, pipe or other special file), so it "
                            "is not a myrole export.")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportRefused(_too_big(path))
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # never more than the limit, even if the file grows meanwhile
    except OSError as error:
        raise ImportRefused(f"{path} cannot be read ({error.strerror}).") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ImportRefused(_too_big(path))
    try:
        return json.loads(raw.decode("utf-8-sig"), object_pairs_hook=keys_once)  # -sig: Notepad may add a BOM
    except RepeatedKey:
        raise ImportRefused(f"{path} names the same field twice in one record, which a myrole export never "
                            "does, so it was not imported.") from None
    except RecursionError:
        raise ImportRefused(f"{path} is nested far more deeply than a myrole export ever is.") from None
    except (UnicodeDecodeError, ValueError):
        raise ImportRefused(f"{path} is not a JSON file, so it is not a myrole export.") from None



def _too_big(path: Path) -> str:
    return (f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024):,} MB, far more than any myrole export, "
            "so it was not read.")


def check_format(path: Path, data: Any) -> None:
    """Ours, not newer, and for `me` (only a full export can rebuild a store)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused(f"{path} is JSON but not a myrole export.")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefused(f"{path} does not say which version of the export format it uses.")
    if data.get("audience") in ("manager", "alliance"):  # before the version: an alliance file is version 2
        raise ImportRefused(f"{path} is an export for someone else (it leaves things out); only a `me` "
                            "export can be imported.")
    if version > FORMAT_VERSION:
        raise ImportRefused(f"{path} was written by a newer version of myrole (export format {version}); "
                            "please upgrade myrole to import it.")
    if data.get("audience") != "me":
        raise ImportRefused(f"{path} is an export for someone else (it leaves things out); only a `me` "
                            "export can be imported.")


def _where(error_path: Any) -> str:
    where = "/".join(str(part) for part in error_path)
    return f"the value at {where}" if where else "the file"


# Definitions in the schema that check_meaning checks for every value, whole and more strictly than a
# pattern can (a real date, nothing after an id, text in the words of myrole.limits): check_schema
# checks only that such a value is a string, which saves a third of the time it takes.
RECHECKED = frozenset({"id", "timestamp", "date", "text", "line", "title", "tag", "cadence"})


def runtime_schema() -> dict[str, Any]:
    """The published schema, written out, with the RECHECKED definitions left to check_meaning."""
    published = schema()
    return inlined({**published, "$defs": _runtime_definitions()})


def _runtime_definitions() -> dict[str, Any]:
    return {name: ({"type": "string"} if name in RECHECKED else rules) for name, rules in schema()["$defs"].items()}


def check_schema(path: Path, data: dict[str, Any]) -> None:
    """Structure, types and allowed values, from the published JSON Schema (docs/export-format.schema.json).

    What the RECHECKED definitions add (forms, limits) is checked by check_meaning right after.
    """
    sentence = schema_problem(data)
    if sentence:
        raise ImportRefused(f"{path} is not a valid myrole export: {sentence}.")


@cache
def _quick_validator(definition: str | None) -> Any:
    """The same rules as _validator(definition), read by jsonschema-rs (compiled Rust): it answers only
    whether a document passes, over ten times as fast as anything in Python, and reads the rules as the
    same draft (2020-12), references and all, so nothing is translated (tests compare the two on
    mutated documents).

    Its patterns are the standard's (ECMA-262): `$` is the very end, never before a final line break as
    in Python's re, so a share key with a line break after it is refused here (the one difference known,
    and the stricter reading; every other pattern is RECHECKED, or only in files import refuses first).
    """
    import jsonschema_rs

    if definition is None:
        return jsonschema_rs.Draft202012Validator({**schema(), "$defs": _runtime_definitions()})
    return jsonschema_rs.Draft202012Validator({"$defs": _runtime_definitions(), "$ref": f"#/$defs/{definition}"})


def passes_schema(data: Any, definition: str | None = None) -> bool:
    """Whether data keeps the runtime schema (the whole export, or one of its $defs), the quick way."""
    try:
        return _quick_validator(definition).is_valid(data)
    except (ValueError, TypeError, OverflowError, RecursionError):  # a value it cannot take in: ask jsonschema
        return next(_validator(definition).iter_errors(data), None) is None


@cache
def _validator(definition: str | None) -> Any:
    """A validator for the whole export (None) or for one of its $defs, e.g. "answer" (written out)."""
    from jsonschema import Draft202012Validator

    rules = runtime_schema()
    if definition is not None:
        rules = inlined({"$defs": _runtime_definitions(), "$ref": f"#/$defs/{definition}"})
    return Draft202012Validator(rules)


def schema_problem(data: Any, definition: str | None = None, where: str = "") -> str | None:
    """Why data breaks the schema (the whole export, or the $defs `definition` found at `where`), or None.

    The sentence names where and what, never the value (the validator's own message quotes it).
    A document that passes the quick check passes jsonschema too; only one that fails is read again
    by jsonschema, for the first error in the words people see.
    """
    if passes_schema(data, definition):
        return None
    error = next(iter(sorted(_validator(definition).iter_errors(data), key=lambda e: list(e.path))), None)
    place = [*filter(None, where.split("/"))]
    if error is None:  # a pattern's `$` read as the standard reads it (see _quick_validator)
        return f"{_where(place)} holds a value that is not in the expected form"
    return f"{_where([*place, *error.path])} {_problem(error)}"


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
    "maxItems": "holds more items than myrole keeps",
    "uniqueItems": "names the same thing twice",
}


# --- Meaning: what the schema cannot say, checked field by field --------------------------------

MAX_POSITION = 10_000  # a place in a list (a prompt, an item); a reflection has a few dozen prompts
MAX_VERSION = 1_000_000  # a record's version: one per saved change, so a million is decades of daily edits
ID = re.compile(r"[A-Za-z0-9_-]{1,100}")
MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


@dataclass(frozen=True)
class RecordRules:
    """What each field of one kind of record must be, beyond its JSON type (which the schema checks)."""

    texts: dict[str, FieldLimit] = field(default_factory=dict)
    ids: tuple[str, ...] = ()  # ids, and references that may be null
    moments: tuple[str, ...] = ()  # UTC timestamps, which may be null where the schema says so
    days: tuple[str, ...] = ()  # calendar dates, likewise
    numbers: dict[str, tuple[int, int]] = field(default_factory=dict)  # whole numbers: lowest, highest
    # Names many people read (an event's, a topic's, the collective's): no control characters or direction
    # marks, as `myrole event add` checks them (events.label_problem).
    labels: tuple[str, ...] = ()


POSITION, VERSION = (0, MAX_POSITION), (1, MAX_VERSION)
RULES = {
    "profile": RecordRules(
        texts={name: FIELDS["profile", name] for name in ("name", "role", "organisation", "manager_name")},
        moments=("updated_at",)),
    "reflection": RecordRules(
        texts={"pack_id": LINE, "pack_version": LINE, "pack_title": LINE, "topic": FIELDS["reflections", "topic"]},
        ids=("id", "event_id", "topic_id"), moments=("started_at", "finished_at"), numbers={"position": POSITION}),
    "answer": RecordRules(
        texts={"prompt_id": LINE, "prompt_text": TEXT, "text": FIELDS["answers", "text"]},
        ids=("id",), moments=("created_at", "updated_at"), numbers={"position": POSITION}),
    "commitment": RecordRules(
        texts={name: FIELDS["commitments", name]
               for name in ("title", "detail", "first_step", "success", "support", "status_reason")},
        ids=("id", "reflection_id", "answer_id", "event_id", "topic_id"), moments=("created_at", "updated_at"),
        days=("target_date", "paused_until", "snoozed_until"), numbers={"version": VERSION}),
    "checkin": RecordRules(
        texts={name: FIELDS["checkins", name] for name in ("note", "barriers", "next_step")},
        ids=("id",), moments=("at",), days=("on_date",), numbers={"progress": (0, 4), "confidence": (1, 5)}),
    "history": RecordRules(texts={"kind": LINE, "reason": FIELDS["commitment_events", "reason"]}, moments=("at",)),
    "one_to_one": RecordRules(
        texts={"manager_name": FIELDS["one_to_ones", "manager_name"]}, ids=("id",),
        moments=("agreed_at", "created_at", "updated_at"), days=("held_on", "next_on"), numbers={"version": VERSION}),
    "event": RecordRules(texts={"name": FIELDS["events", "name"], "collective": FIELDS["events", "collective"]},
                         ids=("id",), days=("date",), labels=("name", "collective")),
    "topic": RecordRules(texts={"title": FIELDS["event_topics", "title"]}, ids=("id",), labels=("title",)),
    "item": RecordRules(texts={"text": FIELDS["one_to_one_items", "text"]}, ids=("id", "carried_from", "commitment_id"),
                        moments=("created_at",), numbers={"position": POSITION}),
    # The revalidation records (m007_cpd, docs/revalidation.md): only in a `me` file, absent from older ones.
    "revalidation": RecordRules(texts={"hcpc_summary": FIELDS["revalidation", "hcpc_summary"]},
                                moments=("updated_at",), days=("date",)),
    "cpd_details": RecordRules(ids=("reflection_id",), days=("on_date",), moments=("updated_at",),
                               numbers={"minutes": (0, MOST_MINUTES)}),
    "nmc_account": RecordRules(texts={name: FIELDS["nmc_accounts", name] for name in ACCOUNT_TEXTS},
                               ids=("reflection_id",), moments=("created_at", "updated_at")),
    "statement_item": RecordRules(texts={name: FIELDS["hcpc_statement_items", name] for name in ITEM_TEXTS},
                                  ids=("id", "reflection_id", "commitment_id"), moments=("updated_at",),
                                  numbers={"position": POSITION}),
}


# Where each kind of record stands in a file. A single record (or null) under its key ...
SINGLE_RECORDS = (("profile", "profile"), ("revalidation", "revalidation"))
# ... and the lists: each list's key, the kind of record in it, and the lists each of those records holds
# (key and kind). Files written before events or the revalidation records have none of those.
RECORD_LISTS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("reflections", "reflection", (("answers", "answer"),)),
    ("commitments", "commitment", (("checkins", "checkin"), ("history", "history"))),
    ("events", "event", (("topics", "topic"),)),
    ("one_to_ones", "one_to_one", (("items", "item"),)),
    ("cpd_details", "cpd_details", ()),
    ("nmc_accounts", "nmc_account", ()),
    ("hcpc_statement_items", "statement_item", ()),
)


def _records(data: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every record in the file: its kind, where it is (e.g. commitments/3/checkins/0), and its fields."""
    for key, kind in SINGLE_RECORDS:
        if data.get(key) is not None:
            yield kind, key, data[key]
    for key, kind, inner_lists in RECORD_LISTS:
        for i, record in enumerate(data.get(key, [])):
            yield kind, f"{key}/{i}", record
            for inner_key, inner_kind in inner_lists:
                for j, inner in enumerate(record[inner_key]):
                    yield inner_kind, f"{key}/{i}/{inner_key}/{j}", inner


def _records_by_kind(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The records _records() gives, by kind, without their places (tests check the two agree)."""
    by_kind = {kind: [] if data.get(key) is None else [data[key]] for key, kind in SINGLE_RECORDS}
    for key, kind, inner_lists in RECORD_LISTS:
        by_kind[kind] = data.get(key, [])
        for inner_key, inner_kind in inner_lists:
            by_kind[inner_kind] = [inner for record in by_kind[kind] for inner in record[inner_key]]
    return by_kind


# The forms of ID, DAY and MOMENT, many at once: values joined by one space (which none of them holds), with
# times limited to those a clock shows (what datetime.fromisoformat also refuses: hour 24, minute 60 ...).
IDS = re.compile(r"[A-Za-z0-9_-]{1,100}(?: [A-Za-z0-9_-]{1,100})*")
DAYS = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?: [0-9]{4}-[0-9]{2}-[0-9]{2})*")
MOMENTS = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z"
                     r"(?: [0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z)*")


def _column_passes(rules: RecordRules, records: list[dict[str, Any]]) -> bool:
    """Whether every one of these records passes record_problem(rules, ...), asked a field at a time over all
    of them (a few calls in C for tens of thousands of values, not a few in Python for each). The same
    checks: when this says no, record_problem is asked record by record, and words the first problem."""
    if not records:
        return True
    for name, limit in rules.texts.items():
        texts = [record[name] for record in records]
        joined = "".join(texts)
        if max(map(len, texts)) > limit.chars or (limit.one_line and not LINE_BREAKS.isdisjoint(joined)) or (
                not joined.isascii() and not encodable(joined)):
            return False
    for name in rules.labels:
        if UNSAFE.search("".join(record[name] for record in records)):
            return False
    for name in rules.ids:  # an event's and topic's ids are absent from files written before events
        if not _all_in_form([value for record in records if (value := record.get(name)) is not None], IDS):
            return False
    for names, form in ((rules.days, DAYS), (rules.moments, MOMENTS)):
        for name in names:
            values = [value for record in records if (value := record[name]) is not None]
            if not _all_in_form(values, form) or not all(map(_real_day, {value[:10] for value in values})):
                return False
    for name, (lowest, highest) in rules.numbers.items():
        numbers = [record[name] for record in records]
        if set(map(type, numbers)) != {int} or min(numbers) < lowest or max(numbers) > highest:
            return False
    return True


def _all_in_form(values: list[str], form: re.Pattern[str]) -> bool:
    """Whether each value, whole, is in form (IDS, DAYS or MOMENTS): joined by spaces, one space fewer than
    values, so no value holds one and none can pass as two."""
    if not values:
        return True
    joined = " ".join(values)
    return joined.count(" ") == len(values) - 1 and form.fullmatch(joined) is not None


def record_problem(rules: RecordRules, record: dict[str, Any], where: str) -> str | None:
    """Why one record's fields cannot be right by rules (e.g. RULES[kind]), as the end of a sentence, or None.

    Each value is first asked the quick question (does it pass?) in a line or two, since nearly all do;
    only one that fails is looked at again for the sentence, in the same order of checks.
    """
    for name, limit in rules.texts.items():
        text = record[name]
        if len(text) > limit.chars or (limit.one_line and not LINE_BREAKS.isdisjoint(text)) or (
                not text.isascii() and not encodable(text)):
            return _text_problem(text, limit, f"{where}/{name}")
    for name in rules.labels:
        if UNSAFE.search(record[name]):
            return f"the text at {where}/{name} holds a control character or an invisible direction mark"
    for name in rules.ids:
        value = record.get(name)  # an event's and topic's ids are absent from files written before events
        if value is not None and not ID.fullmatch(value):
            return f"the id at {where}/{name} is not in the form myrole writes"
    for name in rules.moments:
        value = record[name]
        if value is not None and not _real_moment(value):
            return f"the time at {where}/{name} is not a real moment between {EARLIEST_YEAR} and {LATEST_YEAR}"
    for name in rules.days:
        value = record[name]
        if value is not None and not _real_day(value):
            return f"the date at {where}/{name} is not a real date between {EARLIEST_YEAR} and {LATEST_YEAR}"
    for name, (lowest, highest) in rules.numbers.items():
        value = record[name]
        if type(value) is not int or not lowest <= value <= highest:  # the schema lets 3.0 pass as a whole number
            return f"the number at {where}/{name} should be a whole number from {lowest:,} to {highest:,}"
    return None


def _text_problem(text: str, limit: FieldLimit, where: str) -> str | None:
    """Why a text that failed the quick question is wrong: a broken character first, then its size or lines."""
    if not text.isascii() and not encodable(text):
        return f"the text at {where} holds a broken character (a lone surrogate) that cannot be stored"
    return problem(text, limit, f"the text at {where}")


def encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _real_day(value: str) -> bool:
    day = day_or_none(value)  # exactly YYYY-MM-DD: nothing may follow, not even a line break
    return day is not None and EARLIEST_YEAR <= day.year <= LATEST_YEAR


def _real_moment(value: str) -> bool:
    if not MOMENT.fullmatch(value):
        return False
    try:
        return EARLIEST_YEAR <= datetime.fromisoformat(value[:-1]).year <= LATEST_YEAR
    except ValueError:
        return False


def _title_and_tags_problem(data: dict[str, Any]) -> str | None:
    """A blank title, repeated or too many tags, or a pause with no end: none of them a form can make."""
    for i, commitment in enumerate(data["commitments"]):
        if not commitment["title"].strip():
            return f"the commitment at commitments/{i} has a blank title"
        if len(commitment["tags"]) > TAGS:
            return f"the commitment at commitments/{i} has {len(commitment['tags'])} tags; the most myrole keeps is {TAGS}"
        if len(set(commitment["tags"])) != len(commitment["tags"]):
            return f"the commitment at commitments/{i} names the same tag twice"
        if commitment["status"] == "paused" and commitment["paused_until"] is None:
            return f"the commitment at commitments/{i} is paused without a date to end the pause"
        for j, tag in enumerate(commitment["tags"]):
            sentence = problem(tag, FIELDS["commitments", "tag"], f"the tag at commitments/{i}/tags/{j}")
            if sentence or not encodable(tag):
                return sentence or f"the tag at commitments/{i}/tags/{j} holds a broken character (a lone surrogate)"
    return None


def _lens_problem(data: dict[str, Any]) -> str | None:
    """An answer has a lens and a mode, or neither (a reflection model's step); a reflection's tags are each there once."""
    for i, reflection in enumerate(data["reflections"]):
        tags = [(tag["lens"], tag["mode"]) for tag in reflection.get("lenses", [])]
        if len(set(tags)) != len(tags):
            return f"the reflection at reflections/{i} is tagged with the same lens and mode twice"
        for j, answer in enumerate(reflection["answers"]):
            if (answer["lens"] == "") != (answer["mode"] == ""):
                return f"the answer at reflections/{i}/answers/{j} has a lens without a mode, or a mode without a lens"
    return None


def _statement_problem(data: dict[str, Any]) -> str | None:
    """A statement item is about one reflection or one commitment, never both or neither."""
    for i, item in enumerate(data.get("hcpc_statement_items", [])):
        if (item["reflection_id"] is None) == (item["commitment_id"] is None):
            return f"the statement item at hcpc_statement_items/{i} must name one reflection or one commitment"
    return None


def _refusal(path: Path, sentence: str) -> ImportRefused:
    """The refusal for a file, ending in a full stop whether or not the sentence already has one."""
    return ImportRefused(f"{path} cannot be imported: {sentence.removesuffix('.')}.")


def _rhythm_problem(data: dict[str, Any]) -> str | None:
    """A check-in rhythm must be one myrole writes: a name, or Nd with N from 1 to 366, exactly."""
    rhythms = [("profile/default_cadence", data["profile"]["default_cadence"])] if data["profile"] else []
    rhythms += [(f"commitments/{i}/cadence", c["cadence"]) for i, c in enumerate(data["commitments"])]
    for where, rhythm in rhythms:
        try:
            known = parse_cadence(rhythm).code == rhythm
        except ValueError:
            known = False
        if not known:
            return f"the check-in rhythm at {where} is not one myrole knows"
    return None


def _agreement_problem(data: dict[str, Any]) -> str | None:
    for i, record in enumerate(data["one_to_ones"]):
        if (record["status"] == "agreed") != (record["agreed_at"] is not None):
            return f"the one-to-one at one_to_ones/{i} is marked agreed without a time, or has a time but is a draft"
    return None


def check_meaning(path: Path, data: dict[str, Any]) -> None:
    """What a schema cannot say: real dates and times, sane numbers, text within limits, known rhythms, unique ids."""
    sentence = meaning_problem(data)
    if sentence:
        raise _refusal(path, sentence)
    _check_unique(path, data)


def meaning_problem(data: dict[str, Any]) -> str | None:
    """Why a document that passed the schema cannot be right (check_meaning without the unique ids), or None."""
    for where, value, real in (("exported_at", data["exported_at"], _real_moment),
                               ("since", data["since"], _real_day)):
        if value is not None and not real(value):
            return f"the value at {where} is not a real date or time"
    if not all(_column_passes(RULES[kind], records) for kind, records in _records_by_kind(data).items()):
        for kind, where, record in _records(data):  # one does not pass: find the first, and say why
            sentence = record_problem(RULES[kind], record, where)
            if sentence:
                return sentence
    for sentence in (_title_and_tags_problem(data), _rhythm_problem(data), _agreement_problem(data),
                     _lens_problem(data), _statement_problem(data)):
        if sentence:
            return sentence
    return None


def _check_unique(path: Path, data: dict[str, Any]) -> None:
    kinds = {
        "reflection": [r["id"] for r in data["reflections"]],
        "answer": [a["id"] for r in data["reflections"] for a in r["answers"]],
        "prompt answer": [f"{r['id']}/{a['prompt_id']}" for r in data["reflections"] for a in r["answers"]],
        "commitment": [c["id"] for c in data["commitments"]],
        "commitment share key": [c["share_key"] for c in data["commitments"] if c.get("share_key")],
        "check-in": [k["id"] for c in data["commitments"] for k in c["checkins"]],
        "one-to-one": [r["id"] for r in data["one_to_ones"]],
        "event": [e["id"] for e in data.get("events", [])],
        "one-to-one item": [i["id"] for r in data["one_to_ones"] for i in r["items"]],
        "reflection's CPD details": [d["reflection_id"] for d in data.get("cpd_details", [])],
        "reflection's NMC account": [a["reflection_id"] for a in data.get("nmc_accounts", [])],
        "statement item": [i["id"] for i in data.get("hcpc_statement_items", [])],
        "statement activity": [f"{i['reflection_id']}/{i['commitment_id']}" for i in data.get("hcpc_statement_items", [])],
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


def import_file(db: sqlite3.Connection, path: Path, data: dict[str, Any] | None = None) -> MergeReport:
    """Check the file (unless already checked: data), then merge it in one transaction, or change nothing."""
    data = load_export(path) if data is None else data
    since = parse_date(data["since"])
    try:
        return merge(db, contents_from(data), since)
    except MergeConflict as error:
        reason = str(error).removesuffix(".")
        raise ImportRefused(f"{path} cannot be imported: {reason[:1].lower()}{reason[1:]}; nothing was changed.") from None
