"""Provides the versioned JSON export format (docs/export-format.md): writing it, and reading a `me` export back."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from myrole.export.document import CommitmentEntry, Document, ReflectionEntry
from myrole.model import (Answer, CheckIn, Commitment, Context, ItemKind, Lens, Mode, OneToOne,
                          OneToOneItem, OneToOneStatus, Reflection, Status, Visibility)
from myrole.privacy import AnonymisedCommitment, Audience
from myrole.store.transfer import PlacedAnswer, ProfileRecord, StatusEvent, StoreContents

FORMAT = "myrole-export"
FORMAT_VERSION = 1
# JSON leaves these unescaped; escaping them keeps the file exact and harmless in a terminal or editor.
RISKY = re.compile("[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def profile_json(p: ProfileRecord) -> dict[str, Any]:
    return {"name": p.name, "role": p.role, "organisation": p.organisation, "manager_name": p.manager_name,
            "default_cadence": p.default_cadence, "onboarded": p.onboarded, "updated_at": p.updated_at}


def answer_json(placed: PlacedAnswer) -> dict[str, Any]:
    a = placed.answer
    return {"id": a.id, "prompt_id": a.prompt_id, "position": placed.position, "lens": a.lens.value,
            "mode": a.mode.value, "prompt_text": a.prompt_text, "text": a.text,
            "visibility": a.visibility.value, "created_at": a.created_at, "updated_at": a.updated_at}


def reflection_json(entry: ReflectionEntry) -> dict[str, Any]:
    r = entry.reflection
    return {"id": r.id, "pack_id": r.pack_id, "pack_version": r.pack_version, "pack_title": r.pack_title,
            "context": r.context.value, "topic": r.topic, "started_at": r.started_at,
            "finished_at": r.finished_at, "position": r.position,
            "answers": [answer_json(p) for p in entry.answers]}


def checkin_json(k: CheckIn) -> dict[str, Any]:
    return {"id": k.id, "at": k.at, "on_date": k.on_date.isoformat(), "progress": k.progress, "note": k.note,
            "barriers": k.barriers, "next_step": k.next_step, "confidence": k.confidence,
            "visibility": k.visibility.value}


def event_json(e: StatusEvent) -> dict[str, Any]:
    return {"at": e.at, "kind": e.kind, "from_status": e.from_status, "to_status": e.to_status,
            "reason": e.reason}


def commitment_json(entry: CommitmentEntry) -> dict[str, Any]:
    c = entry.commitment
    return {
        "id": c.id, "title": c.title, "detail": c.detail, "lens": c.lens.value, "mode": c.mode.value,
        "reflection_id": c.reflection_id, "answer_id": c.answer_id, "first_step": c.first_step,
        "success": c.success, "support": c.support, "target_date": _day(c.target_date), "cadence": c.cadence,
        "status": c.status.value, "status_reason": c.status_reason, "paused_until": _day(c.paused_until),
        "snoozed_until": _day(c.snoozed_until), "visibility": c.visibility.value, "tags": list(c.tags),
        "created_at": c.created_at, "updated_at": c.updated_at, "version": c.version,
        "checkins": [checkin_json(k) for k in entry.checkins],
        "history": [event_json(e) for e in entry.events],
    }


def item_json(i: OneToOneItem) -> dict[str, Any]:
    return {"id": i.id, "kind": i.kind.value, "text": i.text, "visibility": i.visibility.value,
            "closed": i.closed, "carried_from": i.carried_from, "commitment_id": i.commitment_id,
            "correction": i.correction, "created_at": i.created_at, "position": i.position}


def one_to_one_json(r: OneToOne) -> dict[str, Any]:
    return {"id": r.id, "held_on": r.held_on.isoformat(), "manager_name": r.manager_name,
            "status": r.status.value, "agreed_at": r.agreed_at, "next_on": _day(r.next_on),
            "created_at": r.created_at, "updated_at": r.updated_at, "version": r.version,
            "items": [item_json(i) for i in r.items]}


def anonymised_json(a: AnonymisedCommitment) -> dict[str, Any]:
    return {"lens": a.lens.value, "mode": a.mode.value, "title": a.title, "tags": list(a.tags),
            "topic": a.topic, "status": a.status.value, "target_month": a.target_month}


def as_data(document: Document) -> dict[str, Any]:
    """The document as JSON-ready data."""
    data: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION,
                            "audience": document.audience.value, "exported_at": document.exported_at,
                            "since": _day(document.since)}
    if document.audience is Audience.ALLIANCE:
        data["commitments"] = [anonymised_json(a) for a in document.anonymised]
        return data
    data["profile"] = profile_json(document.profile) if document.profile else None
    data["reflections"] = [reflection_json(e) for e in document.reflections]
    data["commitments"] = [commitment_json(e) for e in document.commitments]
    data["one_to_ones"] = [one_to_one_json(r) for r in document.one_to_ones]
    return data


def dumps(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return RISKY.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def render(document: Document) -> str:
    return dumps(as_data(document))


# --- Reading a `me` export back (after it has been validated) -----------------------------------


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _commitment(c: dict[str, Any]) -> Commitment:
    return Commitment(
        id=c["id"], title=c["title"], lens=Lens(c["lens"]), mode=Mode(c["mode"]), detail=c["detail"],
        first_step=c["first_step"], success=c["success"], support=c["support"],
        target_date=_date(c["target_date"]), cadence=c["cadence"], status=Status(c["status"]),
        status_reason=c["status_reason"], paused_until=_date(c["paused_until"]),
        snoozed_until=_date(c["snoozed_until"]), visibility=Visibility(c["visibility"]), tags=tuple(c["tags"]),
        reflection_id=c["reflection_id"], answer_id=c["answer_id"], created_at=c["created_at"],
        updated_at=c["updated_at"], version=c["version"],
    )


def _checkin(commitment_id: str, k: dict[str, Any]) -> CheckIn:
    return CheckIn(id=k["id"], commitment_id=commitment_id, at=k["at"], on_date=date.fromisoformat(k["on_date"]),
                   progress=k["progress"], note=k["note"], barriers=k["barriers"], next_step=k["next_step"],
                   confidence=k["confidence"], visibility=Visibility(k["visibility"]))


def _one_to_one(r: dict[str, Any]) -> OneToOne:
    items = [OneToOneItem(id=i["id"], one_to_one_id=r["id"], kind=ItemKind(i["kind"]), text=i["text"],
                          visibility=Visibility(i["visibility"]), closed=i["closed"], carried_from=i["carried_from"],
                          commitment_id=i["commitment_id"], correction=i["correction"], created_at=i["created_at"],
                          position=i["position"]) for i in r["items"]]
    return OneToOne(id=r["id"], held_on=date.fromisoformat(r["held_on"]), manager_name=r["manager_name"],
                    status=OneToOneStatus(r["status"]), agreed_at=r["agreed_at"], next_on=_date(r["next_on"]),
                    created_at=r["created_at"], updated_at=r["updated_at"], version=r["version"], items=items)


def contents_from(data: dict[str, Any]) -> StoreContents:
    """A validated `me` export as the store's contents, ready to merge."""
    contents = StoreContents()
    if data["profile"] is not None:
        p = data["profile"]
        contents.profile = ProfileRecord(p["name"], p["role"], p["organisation"], p["manager_name"],
                                         p["default_cadence"], p["onboarded"], p["updated_at"])
    for r in data["reflections"]:
        contents.reflections.append(Reflection(r["id"], r["pack_id"], r["pack_version"], r["pack_title"],
                                               Context(r["context"]), r["topic"], r["started_at"],
                                               r["finished_at"], r["position"]))
        for a in r["answers"]:
            answer = Answer(a["id"], r["id"], a["prompt_id"], Lens(a["lens"]), Mode(a["mode"]), a["prompt_text"],
                            a["text"], Visibility(a["visibility"]), a["created_at"], a["updated_at"])
            contents.answers.append(PlacedAnswer(answer, a["position"]))
    for c in data["commitments"]:
        contents.commitments.append(_commitment(c))
        contents.checkins += [_checkin(c["id"], k) for k in c["checkins"]]
        contents.events += [StatusEvent(c["id"], e["at"], e["kind"], e["from_status"], e["to_status"], e["reason"])
                            for e in c["history"]]
    contents.one_to_ones = [_one_to_one(r) for r in data["one_to_ones"]]
    return contents
