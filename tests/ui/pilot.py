"""Provides the helpers the Pilot tests share: a small store, the app running on it, typing text, and
reopening the store after the app has closed it."""

from __future__ import annotations

import asyncio
import functools
import json
import sqlite3
import unicodedata
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import date, timedelta

from textual import events
from textual.events import Click, MouseDown, MouseUp
from textual.geometry import Offset
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import OutOfBounds, _get_mouse_message_arguments
from textual.widget import Widget
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
    await _keys_handled(pilot)


async def press_quickly(pilot, *keys: str) -> None:
    """Press a run of keys that stay in the focused field (arrows, backspace) as a quick typist does.

    Each key is the key event Pilot.press sends (the same name and character), through the app's
    bindings, then the focused field, in order; as in type_text, only Pilot.press's settling after
    every key is left out, so forty presses cost one wait. A key that moves the focus or opens a
    screen goes through pilot.press.
    """
    app = pilot.app
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            character: str | None = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        except KeyError:
            character = key if len(key) == 1 else None
        event = events.Key(key, character)
        event.set_sender(app)
        app.post_message(event)
    await _keys_handled(pilot)


async def _keys_handled(pilot) -> None:
    """Wait until the app has passed on every key posted to it and the focused field, and each parent up to
    the screen, has handled them; then let the app settle."""
    app = pilot.app
    await _handled(app)
    await _handled_up_to_screen(app.focused, app.screen)
    await pilot.pause()


async def _handled_up_to_screen(node, screen) -> None:
    """Wait until node, and each parent up to the screen, has handled what was sent to it (nothing for None)."""
    while node is not None:
        await _handled(node)
        if node is screen:
            break
        node = node.parent


async def open_new_reflection(pilot) -> None:
    """From home, the stepper on a new reflection as the start dialog's Start makes it with its defaults (the
    first question set, on my own), without the dialog: for tests about the stepper and what follows it.

    Pressing r, tab, tab, enter opens, draws and closes the dialog first; test_reflection_flow's
    test_quitting_mid_answer_keeps_what_was_typed, test_alliance_words and the start dialog's snapshots
    go that way.
    """
    from myrole.model import Context
    from myrole.store.reflections import start_reflection
    from myrole.ui.screens.home import HomeScreen
    from myrole.ui.screens.reflection import ReflectionScreen

    app = pilot.app
    home = app.screen
    assert isinstance(home, HomeScreen) and not home.overview.unfinished, "a new reflection starts from home"
    reflection = start_reflection(app.db, app.catalogue.packs[0], Context.SELF)
    home.open_reflection(reflection.id)
    await pilot.pause()
    assert isinstance(app.screen, ReflectionScreen)


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


async def click_quickly(pilot, offsets: Iterable[tuple[int, int]], widget: Widget | None = None) -> None:
    """Click at each offset in turn (from widget's corner, or the screen's), as a quick run of clicks reaches the app.

    Each click is the three events Pilot.click sends (mouse down, up, click) to what is under the
    pointer, with the pointer's style there, in order; only Pilot.click's settling before each event
    (a wait for idle, 40 ms or more, and a frame drawn) is left out, so fourteen clicks cost one wait, not
    forty-two. The app has handled every click, and each widget it reached, when this returns.
    """
    app = pilot.app
    screen = app.screen
    reached: list[Widget] = []
    for offset in offsets:
        arguments = _get_mouse_message_arguments(widget or screen, offset, button=1)
        position = Offset(arguments["x"], arguments["y"])
        if position not in screen.size.region:
            raise OutOfBounds("Target offset is outside of currently-visible screen region.")
        under, _ = app.get_widget_at(*position)
        reached.append(under)
        for event_class in (MouseDown, MouseUp, Click):
            event = event_class(**(arguments | {"chain": 1} if event_class is Click else arguments))
            app.mouse_position = position
            screen._forward_event(event)
    for node in dict.fromkeys(reached):  # each widget clicked, then each parent up to the screen, handled them
        await _handled_up_to_screen(node, screen)
    await pilot.pause()


def screen_lines(app) -> str:
    """The characters on screen, line by line, as a terminal would show them (nothing scrolled out of view)."""
    return "\n".join("".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips())
