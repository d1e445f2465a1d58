"""Provides a synthetic ten-year heavy store for benchmarks: 500 commitments, 26,000 check-ins,
1,000 reflections with 36,000 answers and 250 one-to-ones.

Usage: python bench/make_heavy_store.py DIR   (DIR must not hold a store yet)
"""

from __future__ import annotations

import argparse
import random
import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from myrole.model import Context, Lens, Mode, Profile, Visibility
from myrole.paths import resolve
from myrole.store import open_store, write
from myrole.store.profile import save_profile

YEARS = 10
COMMITMENTS = 500
CHECKINS = 26_000
REFLECTIONS = 1_000
ANSWERS_PER_REFLECTION = 36
ONE_TO_ONES = 250
CADENCES = ("weekly", "fortnightly", "monthly", "quarterly", "10d")


def stamp(day: date) -> str:
    return datetime.combine(day, time(9, 30), tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def make(folder: Path, today: date | None = None, seed: int = 2026) -> Path:
    rng = random.Random(seed)
    today = today or date.today()
    start = today - timedelta(days=365 * YEARS)
    paths = resolve(folder)
    if paths.store.exists():
        raise SystemExit(f"{paths.store} already exists; choose an empty folder.")
    db = open_store(paths)
    save_profile(db, Profile("Bench Person", "Nurse", "Bench Trust", "Bench Manager", onboarded=True))
    day_of = lambda: start + timedelta(days=rng.randrange(365 * YEARS))
    lenses, modes, visibilities = list(Lens), list(Mode), list(Visibility)
    with write(db):
        reflections = []
        for _ in range(REFLECTIONS):
            rid, day = uuid.uuid4().hex, day_of()
            reflections.append(rid)
            db.execute(
                "INSERT INTO reflections (id, pack_id, pack_version, pack_title, context, topic, started_at, "
                "finished_at, position) VALUES (?, 'core', '1', 'My role: the full reflection', ?, '', ?, ?, 36)",
                [rid, rng.choice(list(Context)).value, stamp(day), stamp(day)],
            )
            db.executemany(
                "INSERT INTO answers (id, reflection_id, prompt_id, position, lens, mode, prompt_text, text, "
                "visibility, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(uuid.uuid4().hex, rid, f"p{n}", n, lenses[n % 6].value, modes[n % 3].value,
                  "A prompt of ordinary length asking about your role?", "An answer " * rng.randrange(5, 60),
                  rng.choice(visibilities).value, stamp(day), stamp(day)) for n in range(ANSWERS_PER_REFLECTION)],
            )
        commitments = []
        for n in range(COMMITMENTS):
            cid, day = uuid.uuid4().hex, day_of()
            status = "active" if n < 40 else rng.choice(("done", "dropped", "done"))
            commitments.append((cid, day))
            db.execute(
                "INSERT INTO commitments (id, title, detail, lens, mode, reflection_id, cadence, status, "
                "visibility, tags, created_at, updated_at, share_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)",
                [cid, f"Commitment number {n}", "Some detail " * 10, rng.choice(lenses).value,
                 rng.choice(modes).value, rng.choice(reflections), rng.choice(CADENCES), status,
                 rng.choice(visibilities).value, stamp(day), stamp(day),
                 uuid.uuid4().hex],  # as the app gives every commitment: restore refuses a store without them
            )
        rows = []
        for _ in range(CHECKINS):
            cid, created = rng.choice(commitments)
            on = created + timedelta(days=rng.randrange(max((today - created).days, 1)))
            rows.append((uuid.uuid4().hex, cid, stamp(on), on.isoformat(), rng.randrange(5), "A note " * 8,
                         "", "", rng.randrange(1, 6), rng.choice(visibilities).value))
        db.executemany(
            "INSERT INTO checkins (id, commitment_id, at, on_date, progress, note, barriers, next_step, "
            "confidence, visibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        if _columns(db, "one_to_ones"):
            _one_to_ones(db, rng, day_of)
    db.close()
    return paths.store


def _columns(db, table: str) -> list[str]:
    """The table's columns; none when the store has no such table."""
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def _insert(db, table: str, row: dict) -> None:
    db.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))


def _one_to_ones(db, rng: random.Random, day_of) -> None:
    """Fill whatever columns the one-to-one tables have, with plausible values."""
    columns = _columns(db, "one_to_ones")
    item_columns = _columns(db, "one_to_one_items")
    for _ in range(ONE_TO_ONES):
        oid, day = uuid.uuid4().hex, day_of()
        values = {"id": oid, "held_on": day.isoformat(), "manager_name": "Bench Manager", "status": "agreed",
                  "agreed_at": stamp(day), "created_at": stamp(day), "updated_at": stamp(day), "version": 1}
        _insert(db, "one_to_ones", {k: v for k, v in values.items() if k in columns})
        for position in range(6):
            item = {"id": uuid.uuid4().hex, "one_to_one_id": oid, "kind": "note", "text": "We talked " * 10,
                    "visibility": "manager", "closed": 1, "created_at": stamp(day), "position": position}
            if item_columns:
                _insert(db, "one_to_one_items", {k: v for k, v in item.items() if k in item_columns})


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to make the store (it must not hold one yet)")
    print(make(parser.parse_args().folder))
