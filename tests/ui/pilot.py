"""Provides the helpers the Pilot tests share: a small store, the app running on it, typing text, and
reopening the store after the app has closed it."""

from __future__ import annotations

import asyncio
import functools
import json
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import date, timedelta

from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input, TextArea

from myrole.model import Commitment, Lens, Mode, Profile
from myrole.store import open_store
from myrole.store.commitments import create_commitment
from myrole.store.profile import save_profile
from myrole.ui.app import MyRoleApp

SIZE = (80, 24)
TODAY = date(2026, 11, 26)
TITLE = "Offer an interpreter to every new patient"


def one_weekly_commitment(paths, days_old: int, **fields) -> str:
    """A store with Sam's profile and one weekly commitment, made days_old days before TODAY; its id."""
    db = open_store(paths)
    save_profile(db, Profile("Sam", onboarded=True))
    created = f"{(TODAY - timedelta(days=days_old)).isoformat()}T10:00:00Z"
    commitment = create_commitment(db, Commitment(id="", title=TITLE, lens=Lens.PATIENTS, mode=Mode.ACTION,
                                                  cadence="weekly", created_at=created, **fields))
    db.close()
    return commitment.id


def prepared_weekly_commitment(paths, prepared_stores, days_old: int, **fields) -> str:
    """As one_weekly_commitment, but the store is made once per test process and copied into paths (see the
    prepared_stores fixture); its id."""
    name = f"one weekly commitment made {days_old} days ago with {sorted(fields.items())!r}"
    return prepared_stores(paths, name, lambda at: one_weekly_commitment(at, days_old, **fields))


def pilot_test(scenario):
    """Run an async Pilot scenario as a plain test (no async plugin needed)."""

    @functools.wraps(scenario)
    def test(*args, **kwargs):
        asyncio.run(scenario(*args, **kwargs))

    return test


@asynccontextmanager
async def running(paths, db=None) -> AsyncIterator:
    """The app on the store in paths (or on db) at 80x24 on TODAY, after its first frame: yields the pilot.

    The app closes its store when it stops; read it afterwards through reopened(paths).
    """
    app = MyRoleApp(paths=paths, db=db if db is not None else open_store(paths), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        yield pilot


@contextmanager
def reopened(paths) -> Iterator:
    """The store again, once the app has stopped (and closed its own connection)."""
    db = open_store(paths)
    try:
        yield db
    finally:
        db.close()


def stored_drafts(paths) -> list[tuple[str, str, dict]]:
    """The drafts table read from another connection, as the store is on disk while the app runs."""
    conn = sqlite3.connect(paths.store)
    try:
        return [(form, record, json.loads(fields))
                for form, record, fields in conn.execute("SELECT form, record, fields FROM drafts")]
    finally:
        conn.close()


class Typed(str):
    """Text to type into the focused field with type_text, among a run of keys (see test_snapshots.keys)."""


async def press_or_type(pilot, *presses: str) -> None:
    """Press each key in turn, letting the app settle after each; a Typed text is typed with type_text."""
    for key in presses:
        if isinstance(key, Typed):
            await type_text(pilot, key)
        else:
            await pilot.press(key)


async def type_text(pilot, text: str) -> None:
    """Type text into the focused field as a quick typist does, then wait until all of it is there.

    Each character is a real key event through the app (its bindings, then the focused field),
    as a terminal sends it, in order; only Pilot.press's settling after every key (two waits
    for idle, 40 ms or more each) is left out, so a 40-letter text costs one wait, not forty.
    For plain text typed into one field: a key that moves the focus or opens a screen (enter,
    tab, a letter on home) goes through pilot.press, which lets the app settle after it.
    """
    app = pilot.app
    for _ in range(100):  # a form focuses its first field once mounted, which may be a moment after it opens
        if isinstance(app.focused, (Input, TextArea)):
            break
        await pilot.pause(0.05)
    assert isinstance(app.focused, (Input, TextArea)), f"no field to type into: {app.focused!r} has the focus"
    for character in text:
        event = events.Key(_character_to_key(character), character)
        event.set_sender(app)
        app.post_message(event)
    await _handled(app)  # the app has passed each key on to the focused field ...
    node = app.focused
    while node is not None:  # ... which, and each parent up to the screen, handled them
        await _handled(node)
        if node is app.screen:
            break
        node = node.parent
    await pilot.pause()


async def search_palette(pilot, words: str) -> None:
    """Type words into the open command palette and wait for its search (a worker) to list what they match."""
    await type_text(pilot, words)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _handled(node) -> None:
    """Wait until node has handled every message already in its queue."""
    done = asyncio.get_running_loop().create_future()
    if node.call_later(lambda: done.done() or done.set_result(None)):
        await asyncio.wait_for(done, 30)


async def until(pilot, condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the app run until condition() is true, looking every 20 ms, for timeout seconds at most.

    For something the app does in its own time (a debounced autosave, a screen that opens after a
    worker): no fixed wait that is too long on a quiet machine and too short on a busy one. It
    does not fail by itself: the test asserts the same thing next, and that says what was wrong.
    """
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition() and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.02)
    await pilot.pause()
