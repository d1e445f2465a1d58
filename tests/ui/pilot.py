"""Provides the helpers the Pilot tests share: a small store, the app running on it, typing text, and
reopening the store after the app has closed it."""

from __future__ import annotations

import asyncio
import functools
import json
import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import date, timedelta

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


async def type_text(pilot, text: str) -> None:
    """Type text key by key (letters, digits, spaces and punctuation)."""
    await pilot.press(*text)
