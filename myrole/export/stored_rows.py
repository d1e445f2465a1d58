"""Provides checking every row of a store by the rules `myrole import` holds a document to (before a restore).

A backup is a file from anywhere: SQLite's CHECK and NOT NULL rules let through an impossible
date, a 500-character title or a line break in one, which the app cannot read back. So the rows
are read as they are, unparsed, into the shape of a `me` export, and go through the importer's
own schema and meaning checks (myrole.export.importer: one set of rules). Drafts are never
exported; they are held to DRAFT_RULES, written with the importer's RecordRules.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from typing import Any

from myrole.export.importer import (MAX_POSITION, RECHECKED, RecordRules, encodable, meaning_problem, record_problem, schema,
                                    schema_problem)
from myrole.export.json_format import ANSWER_FIELDS, CHECKIN_FIELDS, FORMAT, FORMAT_VERSION
from myrole.limits import DRAFT_CHARS, FIELDS, LINE
from myrole.store.rows import now_utc

# Each table's columns, in the order of the export's fields; `parent` is the column that places a row
# under its reflection, commitment or one-to-one (the store's foreign keys make sure it is there).
PROFILE = "name, role, organisation, manager_name, default_cadence, onboarded, updated_at"
REFLECTION = ("id, pack_id, pack_version, pack_title, context, topic, started_at, finished_at, position, event_id, "
              "topic_id")
COMMITMENT = ("id, title, detail, lens, mode, reflection_id, answer_id, first_step, success, support, target_date, "
              "cadence, status, status_reason, paused_until, snoozed_until, visibility, tags, created_at, updated_at, "
              "version, event_id, topic_id, share_key")
EVENT = "at, kind, from_status, to_status, reason"
ONE_TO_ONE = "id, held_on, manager_name, status, agreed_at, next_on, created_at, updated_at, version"
ITEM = "id, kind, text, visibility, closed, carried_from, commitment_id, correction, created_at, position"
DRAFT = "form, record, title, fields, context, saved_at"
LENS_TAG = "lens, mode"
EVENTS = "id, name, held_on, collective, added_at"
EVENT_TOPICS = "event_id, id, title, position"
SUBMITTER = "key, made_at"
# The revalidation tables (m007_cpd), read by _revalidation into the export's revalidation fields.
THEMES = ("prioritise_people", "practise_effectively", "preserve_safety", "promote_professionalism")
CPD_DETAILS = "reflection_id, on_date, minutes, participatory, kind, updated_at"
NMC_ACCOUNTS = f"reflection_id, nature, learnt, changed, code, {', '.join(THEMES)}, created_at, updated_at"
REVALIDATION = "revalidation_date, hcpc_summary, updated_at"
STATEMENT_ITEMS = "id, reflection_id, commitment_id, position, what, learnt, improved, benefited, evidence, updated_at"
# Columns no export field holds: a row's own number, and the links the foreign keys check.
NOT_EXPORTED = {("profile", "id"), ("answers", "reflection_id"), ("checkins", "commitment_id"),
                ("commitment_events", "id"), ("commitment_events", "commitment_id"),
                ("one_to_one_items", "one_to_one_id"), ("reflection_lenses", "reflection_id"), ("submitter", "id"),
                ("revalidation", "id")}
COLUMNS = {"profile": PROFILE, "reflections": REFLECTION, "answers": ", ".join(ANSWER_FIELDS),
           "commitments": COMMITMENT, "checkins": ", ".join(CHECKIN_FIELDS), "commitment_events": EVENT,
           "one_to_ones": ONE_TO_ONE, "one_to_one_items": ITEM, "drafts": DRAFT, "reflection_lenses": LENS_TAG,
           "events": EVENTS, "event_topics": EVENT_TOPICS, "submitter": SUBMITTER, "cpd_details": CPD_DETAILS,
           "nmc_accounts": NMC_ACCOUNTS, "revalidation": REVALIDATION, "hcpc_statement_items": STATEMENT_ITEMS}
BOOLEANS = ("onboarded", "closed", "correction", "participatory")  # 0 or 1 in the store, false or true in an export

DRAFT_RULES = RecordRules(texts={"form": LINE, "record": LINE, "title": LINE}, moments=("saved_at",))
# Kept events, their topics and the submitter key: never exported, so held to rules of their own.
EVENT_RULES = RecordRules(texts={"name": FIELDS["events", "name"], "collective": FIELDS["events", "collective"]},
                          ids=("id",), days=("held_on",), moments=("added_at",), labels=("name", "collective"))
TOPIC_RULES = RecordRules(texts={"title": FIELDS["event_topics", "title"]}, ids=("event_id", "id"),
                          numbers={"position": (0, MAX_POSITION)}, labels=("title",))
SUBMITTER_RULES = RecordRules(moments=("made_at",))
KEY = re.compile(r"[0-9a-f]{32}")


def _names(columns: str) -> list[str]:
    return [name.strip() for name in columns.split(",")]


def _records(conn: sqlite3.Connection, table: str, parent: str | None = None) -> Any:
    """(parent, record) for each row, in the order rows were saved; a record's fields as the store holds them."""
    names = _names(COLUMNS[table])
    chosen = ", ".join([parent or "NULL", *names])
    for row in conn.execute(f"SELECT {chosen} FROM {table} ORDER BY rowid"):
        record = dict(zip(names, row[1:]))
        for name in BOOLEANS:
            if name in record and type(record[name]) is int and record[name] in (0, 1):
                record[name] = bool(record[name])  # anything else stays as it is, and the schema refuses it
        yield row[0], record


def _grouped(conn: sqlite3.Connection, table: str, parent: str) -> dict[Any, list[dict[str, Any]]]:
    groups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for key, record in _records(conn, table, parent):
        groups[key].append(record)
    return groups


def _has_table(conn: sqlite3.Connection, table: str) -> bool:
    """Whether the store has this table (a backup from before its migration does not)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone() is not None


def _tags(value: Any) -> Any:
    """The tags column is a JSON list; text that is not JSON stays as it is, and the schema refuses it."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def as_export(conn: sqlite3.Connection) -> dict[str, Any]:
    """Every row except drafts, unparsed, in the shape of a `me` export (records in the order they were saved)."""
    answers = _grouped(conn, "answers", "reflection_id")
    checkins = _grouped(conn, "checkins", "commitment_id")
    history = _grouped(conn, "commitment_events", "commitment_id")
    items = _grouped(conn, "one_to_one_items", "one_to_one_id")
    profile = next((record for _, record in _records(conn, "profile")), None)
    lenses = _grouped(conn, "reflection_lenses", "reflection_id") if _has_table(conn, "reflection_lenses") else {}
    reflections = [{**r, **({"lenses": lenses[r["id"]]} if r["id"] in lenses else {}), "answers": answers.get(r["id"], [])}
                   for _, r in _records(conn, "reflections")]
    commitments = [{**c, "tags": _tags(c["tags"]), "checkins": checkins.get(c["id"], []),
                    "history": history.get(c["id"], [])} for _, c in _records(conn, "commitments")]
    one_to_ones = [{**o, "items": items.get(o["id"], [])} for _, o in _records(conn, "one_to_ones")]
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "audience": "me", "exported_at": now_utc(),
            "since": None, "profile": profile, "reflections": reflections, "commitments": commitments,
            "one_to_ones": one_to_ones, **_revalidation(conn)}


def _revalidation(conn: sqlite3.Connection) -> dict[str, Any]:
    """The m007_cpd rows in the shape of a `me` export's revalidation fields (none before m007_cpd)."""
    if not _has_table(conn, "nmc_accounts"):
        return {}
    row = next((record for _, record in _records(conn, "revalidation")), None)
    accounts = [{**{name: value for name, value in a.items() if name not in THEMES},
                 "themes": [theme for theme in THEMES if a[theme] == 1]} for _, a in _records(conn, "nmc_accounts")]
    return {"revalidation": ({"date": row["revalidation_date"], "hcpc_summary": row["hcpc_summary"],
                              "updated_at": row["updated_at"]} if row else None),
            "cpd_details": [record for _, record in _records(conn, "cpd_details")], "nmc_accounts": accounts,
            "hcpc_statement_items": [record for _, record in _records(conn, "hcpc_statement_items")]}


def problem_in(conn: sqlite3.Connection) -> str | None:
    """Why a store's rows could not have been saved by myrole (the end of a sentence), or None."""
    data = as_export(conn)
    sentence = _schema_problem(data) or meaning_problem(data) or _drafts_problem(conn) or _events_problem(conn)
    return sentence.removesuffix(".") if sentence else None


# The bulky records, checked against their own definition: (list in the export, inside which list, definition).
BULK = (("answers", "reflections", "answer"), ("checkins", "commitments", "checkin"),
        ("history", "commitments", "history_entry"), ("items", "one_to_ones", "one_to_one_item"))


def _schema_problem(data: dict[str, Any]) -> str | None:
    """The importer's schema check, quick over ten years: answers and check-ins (most of the rows) are
    checked apart, each distinct record once with its RECHECKED fields (which the runtime schema takes
    as any text, leaving them to meaning_problem) stood in for by a placeholder."""
    emptied: dict[str, list[str]] = defaultdict(list)
    for inner, outer, _ in BULK:
        emptied[outer].append(inner)
    outline = {**data, **{outer: [{**record, **dict.fromkeys(inners, [])} for record in data[outer]]
                          for outer, inners in emptied.items()}}
    sentence = schema_problem(outline)
    if sentence:
        return sentence
    for inner, outer, definition in BULK:
        stand_in = _stand_in(definition)
        seen: set[tuple[Any, ...]] = set()
        for i, record in enumerate(data[outer]):
            for j, child in enumerate(record[inner]):
                key = tuple((name, stand_in(name, value)) for name, value in child.items())  # SQLite's: hashable
                if key in seen:
                    continue
                seen.add(key)
                sentence = schema_problem(child, definition, f"{outer}/{i}/{inner}/{j}")
                if sentence:
                    return sentence
    return None


def _stand_in(definition: str) -> Any:
    """For a record of this definition: a field's value, or a placeholder for text a RECHECKED field holds.

    The placeholder keeps whether the text was empty (a field may also have to be non-empty).
    """
    properties = schema()["$defs"][definition]["properties"]
    rechecked = {name for name, rules in properties.items()
                 if rules.get("$ref", "").removeprefix("#/$defs/").removeprefix("optional_") in RECHECKED}

    def stand_in(name: str, value: Any) -> Any:
        return ("x" if value else "") if name in rechecked and isinstance(value, str) else value

    return stand_in


def _drafts_problem(conn: sqlite3.Connection) -> str | None:
    for i, (_, draft) in enumerate(_records(conn, "drafts")):
        where = f"drafts/{i}"
        if not all(isinstance(draft[name], str) for name in ("form", "record", "title", "saved_at")):
            return f"the draft at {where} holds a value that is not text where text belongs"
        sentence = record_problem(DRAFT_RULES, draft, where) or _draft_json_problem(draft, where)
        if sentence:
            return sentence
    return None


def _draft_json_problem(draft: dict[str, Any], where: str) -> str | None:
    """A draft's fields are JSON names of fields with text, whole numbers or nothing; its context names and text."""
    for name, allowed in (("fields", (str, int, type(None))), ("context", (str,))):
        try:
            value = json.loads(draft[name]) if isinstance(draft[name], str) else None
        except ValueError:
            value = None
        if not isinstance(value, dict) or not all(type(v) in allowed and (type(v) is not str or encodable(v)) for v in value.values()):
            return f"the {name} of the draft at {where} are not as myrole writes them"
        if not all(encodable(key) for key in value):
            return f"the {name} of the draft at {where} are not as myrole writes them"
        if sum(len(v) for v in value.values() if type(v) is str) > DRAFT_CHARS:
            return f"the draft at {where} holds more than the {DRAFT_CHARS:,} characters of text any form keeps"
    return None



def _events_problem(conn: sqlite3.Connection) -> str | None:
    """Kept events and topics as `myrole event add` keeps them, one submitter key, and a share key of its
    own for each commitment; an event or topic is named by a reflection or commitment only with its event."""
    checks = (("events", EVENT_RULES, "event"), ("event_topics", TOPIC_RULES, "event topic"),
              ("submitter", SUBMITTER_RULES, "submitter key"))
    for table, rules, what in checks:
        for i, (_, record) in enumerate(_records(conn, table)):
            where = f"{table}/{i}"
            if not all(isinstance(record[name], str) for name in (*rules.texts, *rules.ids, *rules.days, *rules.moments)):
                return f"the {what} at {where} holds a value that is not text where text belongs"
            sentence = record_problem(rules, record, where)
            if sentence or (table in ("events", "event_topics") and not record.get("name", record.get("title")).strip()):
                return sentence or f"the {what} at {where} has a blank name"
            if table == "submitter" and not KEY.fullmatch(record["key"]):
                return "the store's submitter key is not 32 lowercase hexadecimal characters"
    if conn.execute("SELECT count(*) FROM submitter").fetchone()[0] != 1:
        return "the store has no submitter key"
    keys = [row[0] for row in conn.execute("SELECT share_key FROM commitments")]
    if not all(isinstance(key, str) and KEY.fullmatch(key) for key in keys):
        return "a commitment's share key is not 32 lowercase hexadecimal characters"
    if len(set(keys)) != len(keys):
        return "more than one commitment has the same share key"
    for table in ("reflections", "commitments"):
        if conn.execute(f"SELECT 1 FROM {table} WHERE topic_id IS NOT NULL AND event_id IS NULL").fetchone():
            return f"one of the {table} names an event's topic without its event"
    return None
