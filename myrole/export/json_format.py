"""Provides the versioned JSON export format (docs/export-format.md): writing it, and reading a `me` export back."""

from __future__ import annotations

import re
from operator import attrgetter
from dataclasses import dataclass
from typing import Any

from myrole.dates import date_text, parse_date, read_date
from myrole.export import json_text
from myrole.export.json_text import Records, Rows, number, string
from myrole.events import Event, Topic
from myrole.export.document import CommitmentEntry, Document, ReflectionEntry, shown_one_to_one_moment
from myrole.model import (Answer, CheckIn, Commitment, Context, ItemKind, Lens, Mode, OneToOne,
                          OneToOneItem, OneToOneStatus, Reflection, Status, Visibility)
from myrole.privacy import AnonymisedCommitment, Audience
from myrole.revalidation.model import STATEMENT_PARTS, ActivityKind, CpdDetails, NmcAccount, StatementItem, Theme
from myrole.store.cpd import DetailsRecord, RevalidationRecords, RevalidationRow
from myrole.store.snapshot import PlacedAnswer, ProfileRecord, StatusEvent, StoreContents

FORMAT = "myrole-export"
FORMAT_VERSION = 1
# JSON leaves these unescaped; escaping them keeps the file exact and harmless in a terminal or editor.
RISKY = re.compile("[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def profile_json(p: ProfileRecord) -> dict[str, Any]:
    return {"name": p.name, "role": p.role, "organisation": p.organisation, "manager_name": p.manager_name,
            "default_cadence": p.default_cadence, "onboarded": p.onboarded, "updated_at": p.updated_at}


# Answers and check-ins are most of a ten-year export (tens of thousands), so they are written as
# json_text.Rows (each record gives its values, JSON-encoded, in the order of its fields), one record
# per line, or come already written by SQLite (BulkRecords).
ANSWER_FIELDS = ("id", "prompt_id", "position", "lens", "mode", "prompt_text", "text", "visibility",
                 "created_at", "updated_at")
CHECKIN_FIELDS = ("id", "at", "on_date", "progress", "note", "barriers", "next_step", "confidence", "visibility")


@dataclass(frozen=True)
class BulkRecords:
    """Answers by reflection id and check-ins by commitment id, each record already one line of JSON."""

    answers: dict[str, list[str]]
    checkins: dict[str, list[str]]


def answer_row(placed: PlacedAnswer) -> tuple[str, ...]:
    a = placed.answer
    return (string(a.id), string(a.prompt_id), number(placed.position), string(a.lens or ""), string(a.mode or ""),
            string(a.prompt_text), string(a.text), string(a.visibility), string(a.created_at),
            string(a.updated_at))


def reflection_json(entry: ReflectionEntry, written: BulkRecords | None = None, *, own: bool = True) -> dict[str, Any]:
    """own: for the person themselves (a `me` export), with the event and topic it was started at."""
    r = entry.reflection
    answers = (Rows(ANSWER_FIELDS, entry.answers, answer_row) if written is None
               else Records(written.answers.get(r.id, [])))
    event = {"event_id": r.event_id, "topic_id": r.topic_id} if own else {}
    record: dict[str, Any] = {"id": r.id, "pack_id": r.pack_id, "pack_version": r.pack_version, "pack_title": r.pack_title,
              "context": r.context.value, "topic": r.topic, "started_at": r.started_at,
              "finished_at": r.finished_at, "position": r.position, **event}
    if r.lenses:  # only a reflection the person tagged (at the end of a reflection model) has lenses
        record["lenses"] = [{"lens": lens.value, "mode": mode.value} for lens, mode in r.lenses]
    return {**record, "answers": answers}


def checkin_row(k: CheckIn) -> tuple[str, ...]:
    return (string(k.id), string(k.at), string(k.on_date.isoformat()), number(k.progress), string(k.note),
            string(k.barriers), string(k.next_step), number(k.confidence), string(k.visibility))


def event_json(e: StatusEvent) -> dict[str, Any]:
    return {"at": e.at, "kind": e.kind, "from_status": e.from_status, "to_status": e.to_status,
            "reason": e.reason}


def commitment_json(entry: CommitmentEntry, written: BulkRecords | None = None, *, own: bool = True) -> dict[str, Any]:
    """own: for the person themselves (a `me` export), with its event, topic and share key. The share key
    never goes to a manager: with it, an alliance file could be matched to a person."""
    c = entry.commitment
    event = {"event_id": c.event_id, "topic_id": c.topic_id, "share_key": c.share_key} if own else {}
    checkins = (Rows(CHECKIN_FIELDS, entry.checkins, checkin_row) if written is None
                else Records(written.checkins.get(c.id, [])))
    return {
        "id": c.id, "title": c.title, "detail": c.detail, "lens": c.lens.value, "mode": c.mode.value,
        "reflection_id": c.reflection_id, "answer_id": c.answer_id, "first_step": c.first_step,
        "success": c.success, "support": c.support, "target_date": date_text(c.target_date), "cadence": c.cadence,
        "status": c.status.value, "status_reason": c.status_reason, "paused_until": date_text(c.paused_until),
        # A put-off reminder is the person's own, and any check-in, a private one too, clears it: null for a manager.
        "snoozed_until": date_text(c.snoozed_until) if own else None, "visibility": c.visibility.value, "tags": list(c.tags),
        "created_at": c.created_at, **(_stored_change(c) if own else _shown_change(c, entry)), **event,
        "checkins": checkins,
        "history": [event_json(e) for e in entry.events],
    }


def _stored_change(c: Commitment) -> dict[str, Any]:
    return {"updated_at": c.updated_at, "version": c.version}


def _shown_change(c: Commitment, entry: CommitmentEntry) -> dict[str, Any]:
    """A manager file's updated_at and version count only what it shows (the commitment made, then each check-in
    shown): the stored ones move with every change, private check-ins among them, and would say when those were."""
    return {"updated_at": max([c.created_at, *(k.at for k in entry.checkins)]), "version": 1 + len(entry.checkins)}


def item_json(i: OneToOneItem, position: int | None = None) -> dict[str, Any]:
    return {"id": i.id, "kind": i.kind.value, "text": i.text, "visibility": i.visibility.value,
            "closed": i.closed, "carried_from": i.carried_from, "commitment_id": i.commitment_id,
            "correction": i.correction, "created_at": i.created_at,
            "position": i.position if position is None else position}


def one_to_one_json(r: OneToOne, *, own: bool = True) -> dict[str, Any]:
    """own: for the person themselves; in a manager file, only what it shows moves its version and updated_at,
    and its items are numbered 0, 1, 2 ... (a private item's gap, or its edits, would say it was there)."""
    if own:
        changed, items = {"updated_at": r.updated_at, "version": r.version}, [item_json(i) for i in r.items]
    else:
        changed = {"updated_at": shown_one_to_one_moment(r), "version": 1 + len(r.items) + (r.agreed_at is not None)}
        items = [item_json(i, position) for position, i in enumerate(sorted(r.items, key=attrgetter("position")))]
    return {"id": r.id, "held_on": r.held_on.isoformat(), "manager_name": r.manager_name,
            "status": r.status.value, "agreed_at": r.agreed_at, "next_on": date_text(r.next_on),
            "created_at": r.created_at, **changed, "items": items}


ALLIANCE_FORMAT_VERSION = 2  # an alliance export's own version (docs/export-format.md); me and manager stay 1


def anonymised_json(a: AnonymisedCommitment) -> dict[str, Any]:
    """One commitment of a version 2 alliance export, in the order docs/export-format.md gives."""
    return {"key": a.key, "event_id": a.event_id, "event_name": a.event_name, "topic_id": a.topic_id,
            "topic": a.topic, "lens": a.lens.value, "mode": a.mode.value, "title": a.title, "tags": list(a.tags),
            "status": a.status.value, "target_month": a.target_month, "target_quarter": a.target_quarter,
            "progress": a.progress, "checkins": a.checkins, "last_checkin_month": a.last_checkin_month}


def alliance_data(document: Document) -> dict[str, Any]:
    """A version 2 alliance export: the submitter key, the collective's name (or null) and the commitments."""
    return {"format": FORMAT, "format_version": ALLIANCE_FORMAT_VERSION, "audience": document.audience.value,
            "exported_at": document.exported_at, "since": date_text(document.since), "submitter": document.submitter,
            "collective": document.collective.strip() or None,
            "commitments": [anonymised_json(a) for a in document.anonymised]}


def as_data(document: Document, written: BulkRecords | None = None) -> dict[str, Any]:
    """The document as data for json_text: plain values, lists, dicts and Rows (or, given, the written records)."""
    if document.audience is Audience.ALLIANCE:
        return alliance_data(document)
    if not document.every_checkin:
        raise ValueError("The JSON export holds every check-in; make its document with every_checkin=True.")
    data: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION,
                            "audience": document.audience.value, "exported_at": document.exported_at,
                            "since": date_text(document.since)}
    data["profile"] = profile_json(document.profile) if document.profile else None
    own = document.audience is Audience.ME
    data["reflections"] = [reflection_json(e, written, own=own) for e in document.reflections]
    data["commitments"] = [commitment_json(e, written, own=own) for e in document.commitments]
    data["one_to_ones"] = [one_to_one_json(r, own=own) for r in document.one_to_ones]
    if own:
        data["events"] = [kept_event_json(e) for e in document.kept_events]
        if document.revalidation is not None:
            data |= revalidation_json(document.revalidation)
    return data


def revalidation_json(records: RevalidationRecords) -> dict[str, Any]:
    """The m007_cpd records of a `me` export (docs/export-format.md): private, never in anyone else's file."""
    row = records.row
    return {
        "revalidation": ({"date": date_text(row.revalidation_date), "hcpc_summary": row.hcpc_summary,
                          "updated_at": row.updated_at} if row else None),
        "cpd_details": [{"reflection_id": d.details.reflection_id, "on_date": d.details.on_date.isoformat(),
                         "minutes": d.details.minutes, "participatory": d.details.participatory,
                         "kind": d.details.kind.value, "updated_at": d.updated_at} for d in records.details],
        "nmc_accounts": [{"reflection_id": a.reflection_id, "nature": a.nature, "learnt": a.learnt,
                          "changed": a.changed, "code": a.code,
                          "themes": [t.value for t in Theme if t in a.themes],
                          "created_at": a.created_at, "updated_at": a.updated_at} for a in records.accounts],
        "hcpc_statement_items": [{"id": i.id, "reflection_id": i.reflection_id, "commitment_id": i.commitment_id,
                                  "position": i.position, **{name: i.part(name) for name, _ in STATEMENT_PARTS},
                                  "updated_at": i.updated_at} for i in records.items],
    }


def revalidation_from(data: dict[str, Any]) -> RevalidationRecords | None:
    """A validated `me` export's revalidation records; None for a file written before they were exported
    (importing it keeps what the store holds)."""
    if not any(key in data for key in REVALIDATION_KEYS):
        return None
    row = data.get("revalidation")
    return RevalidationRecords(
        RevalidationRow(parse_date(row["date"]), row["hcpc_summary"], row["updated_at"]) if row else None,
        [DetailsRecord(CpdDetails(d["reflection_id"], read_date(d["on_date"]), d["minutes"],
                                  d["participatory"], ActivityKind(d["kind"])), d["updated_at"])
         for d in data.get("cpd_details", [])],
        [NmcAccount(a["reflection_id"], a["nature"], a["learnt"], a["changed"], a["code"],
                    frozenset(Theme(t) for t in a["themes"]), a["created_at"], a["updated_at"])
         for a in data.get("nmc_accounts", [])],
        [StatementItem(i["id"], i["reflection_id"], i["commitment_id"], i["position"],
                       **{name: i[name] for name, _ in STATEMENT_PARTS}, updated_at=i["updated_at"])
         for i in data.get("hcpc_statement_items", [])])


REVALIDATION_KEYS = ("revalidation", "cpd_details", "nmc_accounts", "hcpc_statement_items")


def kept_event_json(e: Event) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "date": e.held_on.isoformat(), "collective": e.collective,
            "topics": [{"id": t.id, "title": t.title} for t in e.topics]}


def dumps(data: dict[str, Any]) -> str:
    """json.dumps(data, ensure_ascii=False, indent=2) with RISKY characters escaped, and a final line break
    (but Rows and Records one compact record per line: see json_text)."""
    return "".join(dump_pieces(data))


def dump_pieces(data: dict[str, Any], size: int = 256) -> list[str]:
    """The text of dumps(data) in pieces, which a long export can write out without joining them first.

    json_text gives tens of thousands of small pieces; a few hundred larger ones are quicker to filter,
    encode and write.
    """
    pieces = json_text.pieces(data)
    pieces.append("\n")
    return [_defuse("".join(pieces[start:start + size])) for start in range(0, len(pieces), size)]


def _defuse(piece: str) -> str:
    # Every RISKY character is DEL or beyond ASCII, and isascii() is instant, so most pieces skip the search.
    if piece.isascii() and "\x7f" not in piece:
        return piece
    return RISKY.sub(_escaped, piece)


def _escaped(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def render(document: Document) -> str:
    return dumps(as_data(document))


def render_pieces(document: Document) -> list[str]:
    return dump_pieces(as_data(document))


# --- Reading a `me` export back (after it has been validated) -----------------------------------


def _commitment(c: dict[str, Any]) -> Commitment:
    return Commitment(
        id=c["id"], title=c["title"], lens=Lens(c["lens"]), mode=Mode(c["mode"]), detail=c["detail"],
        first_step=c["first_step"], success=c["success"], support=c["support"],
        target_date=parse_date(c["target_date"]), cadence=c["cadence"], status=Status(c["status"]),
        status_reason=c["status_reason"], paused_until=parse_date(c["paused_until"]),
        snoozed_until=parse_date(c["snoozed_until"]), visibility=Visibility(c["visibility"]), tags=tuple(c["tags"]),
        reflection_id=c["reflection_id"], answer_id=c["answer_id"], created_at=c["created_at"],
        updated_at=c["updated_at"], version=c["version"],
        # Files written before events lack these three (docs/export-format.md): merging keeps the stored ones.
        event_id=c.get("event_id"), topic_id=c.get("topic_id"), share_key=c.get("share_key", ""),
    )


def _checkin(commitment_id: str, k: dict[str, Any]) -> CheckIn:
    return CheckIn(id=k["id"], commitment_id=commitment_id, at=k["at"], on_date=read_date(k["on_date"]),
                   progress=k["progress"], note=k["note"], barriers=k["barriers"], next_step=k["next_step"],
                   confidence=k["confidence"], visibility=Visibility(k["visibility"]))


def _one_to_one(r: dict[str, Any]) -> OneToOne:
    items = [OneToOneItem(id=i["id"], one_to_one_id=r["id"], kind=ItemKind(i["kind"]), text=i["text"],
                          visibility=Visibility(i["visibility"]), closed=i["closed"], carried_from=i["carried_from"],
                          commitment_id=i["commitment_id"], correction=i["correction"], created_at=i["created_at"],
                          position=i["position"]) for i in r["items"]]
    return OneToOne(id=r["id"], held_on=read_date(r["held_on"]), manager_name=r["manager_name"],
                    status=OneToOneStatus(r["status"]), agreed_at=r["agreed_at"], next_on=parse_date(r["next_on"]),
                    created_at=r["created_at"], updated_at=r["updated_at"], version=r["version"], items=items)


def contents_from(data: dict[str, Any]) -> StoreContents:
    """A validated `me` export as the store's contents, ready to merge."""
    contents = StoreContents()
    if data["profile"] is not None:
        p = data["profile"]
        contents.profile = ProfileRecord(p["name"], p["role"], p["organisation"], p["manager_name"],
                                         p["default_cadence"], p["onboarded"], p["updated_at"])
    for r in data["reflections"]:
        lenses = tuple((Lens(t["lens"]), Mode(t["mode"])) for t in r.get("lenses", []))
        contents.reflections.append(Reflection(r["id"], r["pack_id"], r["pack_version"], r["pack_title"],
                                               Context(r["context"]), r["topic"], r["started_at"],
                                               r["finished_at"], r["position"], r.get("event_id"),
                                               r.get("topic_id"), lenses))
        for a in r["answers"]:
            answer = Answer(a["id"], r["id"], a["prompt_id"], Lens(a["lens"]) if a["lens"] else None,
                            Mode(a["mode"]) if a["mode"] else None, a["prompt_text"],
                            a["text"], Visibility(a["visibility"]), a["created_at"], a["updated_at"])
            contents.answers.append(PlacedAnswer(answer, a["position"]))
    for c in data["commitments"]:
        contents.commitments.append(_commitment(c))
        contents.checkins += [_checkin(c["id"], k) for k in c["checkins"]]
        contents.events += [StatusEvent(c["id"], e["at"], e["kind"], e["from_status"], e["to_status"], e["reason"])
                            for e in c["history"]]
    contents.one_to_ones = [_one_to_one(r) for r in data["one_to_ones"]]
    contents.kept_events = [Event(e["id"], e["name"], read_date(e["date"]), e["collective"],
                                  tuple(Topic(t["id"], t["title"]) for t in e["topics"]))
                            for e in data.get("events", [])]  # files written before events have none
    contents.revalidation = revalidation_from(data)
    return contents
