"""Crash safety: a process killed with SIGKILL at random moments leaves a sound store holding every commit.

MYROLE_CRASH_ROUNDS sets how many kills (default 20 for CI; the full suite uses 100 or more:
`MYROLE_CRASH_ROUNDS=120 pytest tests/reliability/test_crash.py`). MYROLE_CRASH_SEED
repeats a run exactly.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from myrole.paths import resolve
from myrole.store import open_store
from .crash_child import IMPORT_BATCH, answer_text, checkin_note, draft_fields
from .helpers import REPO

ROUNDS = int(os.environ.get("MYROLE_CRASH_ROUNDS", "20"))
SEED = int(os.environ.get("MYROLE_CRASH_SEED", str(random.randrange(1_000_000))))
CHILD = Path(__file__).with_name("crash_child.py")
MODES = ("answers", "checkins", "import", "drafts")
STARTUP = {"seconds": 0.5}  # how long a child takes to open its store, as last seen
FRESH_EVERY = 5  # every fifth round of a mode starts from no store, so kills land in creation and migrations


class Child:
    """The child process, with the sequence numbers it reported as committed."""

    def __init__(self, home: Path, mode: str) -> None:
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), str(home), mode], cwd=REPO, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        partial = b""
        for chunk in iter(lambda: self.process.stdout.read1(4096), b""):
            partial += chunk
            *complete, partial = partial.split(b"\n")
            for line in complete:
                if line == b"ready":
                    self.ready.set()
                else:
                    self.lines.append(line.decode())

    def kill(self) -> tuple[set[int], str]:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self.reader.join(timeout=30)
        stderr = self.process.stderr.read().decode(errors="replace")
        self.process.stderr.close()
        self.process.stdout.close()
        return {int(line) for line in self.lines}, stderr


def kill_at_random(home: Path, mode: str, rng: random.Random, tally: dict[str, int]) -> set[int]:
    child = Child(home, mode)
    started = time.monotonic()
    if rng.random() < 0.3:
        # Aim at the last part of start-up, where the store is opened, created or migrated.
        time.sleep(rng.uniform(0.7, 1.0) * STARTUP["seconds"])
    else:
        child.ready.wait(timeout=60)
        STARTUP["seconds"] = time.monotonic() - started
        time.sleep(rng.uniform(0, 0.5))
    crashed_early = child.process.poll()
    opened = child.ready.is_set()
    reported, stderr = child.kill()
    assert crashed_early is None, f"the child stopped by itself: {stderr}"
    tally["while starting or opening" if not opened else "while saving" if reported else "before a commit"] += 1
    return reported


def check_answers(db, committed: set[int]) -> None:
    stored = {}
    for prompt_id, position, text in db.execute("SELECT prompt_id, position, text FROM answers"):
        seq = int(text[1:text.index(">")])
        assert text == answer_text(seq), f"answer {prompt_id} is half-written"
        assert prompt_id == f"p{position}" and seq in (position, position + 1)
        stored[position] = seq
    for seq in committed:
        even = seq - seq % 2
        assert stored.get(even, -1) >= seq, f"committed answer {seq} is missing"


def check_checkins(db, committed: set[int]) -> None:
    rows = db.execute("SELECT barriers, note, next_step FROM checkins").fetchall()
    for barriers, note, next_step in rows:
        seq = int(barriers)
        assert note == checkin_note(seq) and next_step == f"step {seq}", "a check-in is half-written"
    assert committed <= {int(row[0]) for row in rows}, "a committed check-in is missing"
    found = db.execute("SELECT id, version FROM commitments WHERE title = 'crash test'").fetchone()
    if found is None:
        assert not rows
        return
    events = db.execute("SELECT count(*) FROM commitment_events WHERE commitment_id = ?", [found[0]]).fetchone()[0]
    # Each check-in bumps the commitment's version and adds one event in the same transaction.
    assert found[1] == 1 + len(rows) and events == 1 + len(rows), "a check-in was saved only in part"


def check_imports(db, committed: set[int]) -> None:
    batches: dict[int, int] = {}
    for (title,) in db.execute("SELECT title FROM commitments WHERE title LIKE 'import %'"):
        batch = int(title.split()[1])
        batches[batch] = batches.get(batch, 0) + 1
    assert all(count == IMPORT_BATCH for count in batches.values()), "an import was saved only in part"
    assert committed <= set(batches), "a committed import is missing"


def check_drafts(db, committed: set[int]) -> None:
    from myrole.store.drafts import list_drafts

    rows = db.execute("SELECT count(*) FROM drafts").fetchone()[0]
    drafts = list_drafts(db)
    assert len(drafts) == rows, "a draft cannot be read back"
    stored = {}
    for draft in drafts:
        seq = int(draft.fields["title"][1:-1])
        assert draft.fields == draft_fields(seq) and draft.record == str(seq % 2), "a draft is half-written"
        stored[draft.record] = seq
    for seq in committed:  # each form's draft is its newest committed save, or a later one
        assert stored.get(str(seq % 2), -1) >= seq, f"committed draft {seq} is missing"


CHECKS = {"answers": check_answers, "checkins": check_checkins, "import": check_imports, "drafts": check_drafts}


def check_store(home: Path, mode: str, committed: set[int]) -> None:
    store = resolve(home).store
    if not store.exists():
        assert not committed, "writes were reported but there is no store"
        return
    db = open_store(resolve(home))  # a crash must never make myrole refuse its own store
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        CHECKS[mode](db, committed)
    finally:
        db.close()


def test_sigkill_at_random_moments_loses_no_committed_write(tmp_path):
    rng = random.Random(SEED)
    modes = MODES
    homes: dict[str, Path] = {}
    committed: dict[str, set[int]] = {}
    tally = {"while starting or opening": 0, "before a commit": 0, "while saving": 0}
    for number in range(ROUNDS):
        mode = modes[number % len(modes)]
        if (number // len(modes)) % FRESH_EVERY == 0:
            homes[mode], committed[mode] = tmp_path / f"{mode}-{number}", set()
        committed[mode] |= kill_at_random(homes[mode], mode, rng, tally)
        try:
            check_store(homes[mode], mode, committed[mode])
        except AssertionError as error:
            raise AssertionError(f"round {number} ({mode}, MYROLE_CRASH_SEED={SEED}): {error}") from None
    print(f"{ROUNDS} kills (MYROLE_CRASH_SEED={SEED}): {tally}")  # shown with pytest -s
    assert tally["while saving"], "no round got as far as a commit"


def test_the_app_reopens_showing_what_a_killed_process_committed(paths):
    from myrole.model import Profile
    from myrole.store.profile import save_profile

    rng = random.Random(SEED)
    committed: set[int] = set()
    while not committed:
        child = Child(paths.data, "answers")
        child.ready.wait(timeout=60)
        time.sleep(rng.uniform(0.1, 0.4))
        committed |= child.kill()[0]
    db = open_store(paths)
    save_profile(db, Profile(onboarded=True))
    asyncio.run(_history_shows(paths, db, committed))


async def _history_shows(paths, db, committed: set[int]) -> None:
    from textual.widgets import Static

    from myrole.ui.app import MyRoleApp
    from myrole.ui.screens.history import HistoryScreen, ReflectionRecord

    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if app.screen.is_modal:  # the offer to resume the unfinished reflection
            await pilot.press("escape")
        app.push_screen(HistoryScreen())
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionRecord)
        shown = "\n".join(str(widget.visual) for widget in app.screen.query(Static))
        for seq in committed:
            assert f"<{seq - seq % 2}>" in shown or f"<{seq - seq % 2 + 1}>" in shown
