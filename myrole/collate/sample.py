"""Provides made-up alliance files (export format version 2), for trying collate, for tests and for the bench."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

from myrole.model import Lens, Mode, Status

TOPICS = [("t01", "Access for people with learning disabilities"), ("t02", "Digital exclusion"),
          ("t03", "Interpreters and language"), ("t04", "Transport and travel costs"),
          ("t05", "Did-not-attend and deprivation"), ("t06", "Data by ethnicity"),
          ("t07", "Anchor institutions and local jobs"), ("t08", "Children and young people")]
TAGS = ["data", "training", "partnership", "funding", "leadership", "time", "carers", "housing"]
TITLES = ["Audit referrals by postcode decile", "Offer longer appointments", "Invite a community group in",
          "Raise transport costs at the board", "Add interpreter time to the rota", "Share what we learn"]


def commitment(**fields: Any) -> dict[str, Any]:
    """One version 2 commitment, with plain values for every field not given. As myrole writes them, values that
    go together agree unless given: a target month's quarter, and no event name or topic without an event id."""
    record: dict[str, Any] = {
        "key": f"{random.getrandbits(128):032x}", "event_id": "bradford-2023", "event_name": "Inequalities Action Workshop",
        "topic_id": "t01", "topic": TOPICS[0][1], "lens": "services", "mode": "action",
        "title": "Offer longer appointments", "tags": [], "status": "active", "target_month": "2026-12",
        "target_quarter": "2026-Q4", "progress": None, "checkins": 0, "last_checkin_month": None,
    }
    record.update(fields)
    if "target_quarter" not in fields:
        record["target_quarter"] = quarter_of(record["target_month"])
    if record["event_id"] is None:
        record.update({name: None for name in ("event_name", "topic_id") if name not in fields})
    return record


def quarter_of(month: Any) -> str | None:
    """The quarter ("YYYY-Qn") holding a month ("YYYY-MM"), as myrole writes it; None for anything else."""
    if not isinstance(month, str) or not re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", month):
        return None
    return f"{month[:4]}-Q{(int(month[5:]) - 1) // 3 + 1}"


def export(commitments: list[dict[str, Any]], *, submitter: str | None = None,
           exported_at: str = "2026-11-26T09:30:00Z", collective: str | None = "Reducing Inequalities Alliance"
           ) -> dict[str, Any]:
    """A whole version 2 alliance file."""
    return {"format": "myrole-export", "format_version": 2, "audience": "alliance", "exported_at": exported_at,
            "since": None, "submitter": submitter or f"{random.getrandbits(128):032x}", "collective": collective,
            "commitments": commitments}


def random_commitment(rng: random.Random) -> dict[str, Any]:
    topic_id, topic = rng.choice(TOPICS)
    checkins = rng.choice((0, 0, 1, 2, 3, 5, 8))
    return commitment(
        key=f"{rng.getrandbits(128):032x}", topic_id=topic_id, topic=topic, lens=rng.choice(list(Lens)).value,
        mode=rng.choice(list(Mode)).value, title=rng.choice(TITLES), tags=rng.sample(TAGS, rng.randint(0, 3)),
        status=rng.choice(list(Status)).value, progress=rng.randint(0, 4) if checkins else None, checkins=checkins,
        last_checkin_month=f"2026-{rng.randint(1, 11):02d}" if checkins else None)


def write_people(folder: Path, people: int, per_person: int, seed: int = 1) -> list[Path]:
    """people files in folder, each with per_person random commitments; the same seed gives the same files."""
    rng = random.Random(seed)
    paths = []
    for number in range(people):
        data = export([random_commitment(rng) for _ in range(per_person)], submitter=f"{rng.getrandbits(128):032x}")
        path = folder / f"person-{number:05d}.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths
