"""Provides the worst store within the size limits, and timing each screen on it: opening, and a key in every one-line field.

Usage: python bench/largest_texts.py [--shape SHAPE] [--rounds N] [--screen SCREEN ...] [--profile SCREEN]

The store (myrole.limits at their largest): six answers of 100,000 characters in one finished
reflection, one commitment whose detail is 100,000 characters, five check-ins on it whose notes
are 100,000 characters, and every one-line field (name, role, organisation, manager, topic,
title, first step, success, support, barriers, next step) at its limit. The long texts take
one shape from bench/big_answer.py (50,000 one-letter lines by default: the slowest to lay out).

Timed inside the app with Textual's Pilot at 80x24 (no terminal: add a few milliseconds a frame
for writing to one): each screen from being pushed until it has been drawn with its content
(the export screen: until its preview is shown), the median of --rounds openings; then a key
typed at the end of each one-line field filled to its limit, until it is drawn, and a paste of
a long text into the check-in note. With --screen, only the screens named are opened (and, for
the export screen, its formats switched), without the keys and the paste. With --profile, one
opening of that screen is profiled.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from big_answer import PROSE, _fill, shapes

DEFAULT_SHAPE = "50,000 one-letter lines"
ANSWERS, NOTES = 6, 5


def make_worst_home(root: Path, long_text: str) -> Path:
    """A store with every text at its limit: answers, a commitment's detail, check-in notes, one-line fields."""
    from myrole.limits import FIELDS, LINE_CHARS, TITLE_CHARS
    from myrole.model import CheckIn, Commitment, Context, Lens, Mode, Profile, Visibility
    from myrole.paths import resolve
    from myrole.prompts import load_catalogue
    from myrole.store import open_store
    from myrole.store.checkins import add_checkin
    from myrole.store.commitments import create_commitment, get_commitment
    from myrole.store.profile import save_profile
    from myrole.store.reflections import finish_reflection, save_answer, start_reflection

    assert FIELDS[("commitments", "first_step")].chars == LINE_CHARS  # the one-line fields below use it
    line, title = _fill(PROSE, LINE_CHARS), _fill(PROSE, TITLE_CHARS)
    home = Path(tempfile.mkdtemp(prefix="largest-", dir=root))
    db = open_store(resolve(home))
    save_profile(db, Profile(name=line, role=line, organisation=line, manager_name=line, onboarded=True))
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.EVENT, line)
    for number, prompt in enumerate(pack.prompts[:ANSWERS]):
        save_answer(db, reflection.id, prompt, long_text, Visibility.MANAGER, number)
    finish_reflection(db, reflection.id)
    commitment = create_commitment(db, Commitment(
        id="", title=title, detail=long_text, lens=Lens.SERVICES, mode=Mode.ACTION, first_step=line,
        success=line, support=line, reflection_id=reflection.id, visibility=Visibility.MANAGER,
        cadence="weekly", created_at="2026-01-05T09:00:00Z"))
    for day in range(NOTES):  # progress 1-3: the commitment stays open
        checkin = CheckIn(id="", commitment_id=commitment.id, at="", on_date=date(2026, 2, 1 + day),
                          progress=1 + day % 3, note=long_text, barriers=line, next_step=line,
                          visibility=Visibility.MANAGER)
        add_checkin(db, get_commitment(db, commitment.id), checkin)
    db.close()
    return home


def screens(db) -> dict[str, Callable[[], object]]:
    """Each screen to open, by name, made from what the store holds."""
    from myrole.store.checkins import list_checkins
    from myrole.store.commitments import get_commitment
    from myrole.ui.dialogs.checkin import CheckInDialog
    from myrole.ui.dialogs.commitment import CommitmentEditor
    from myrole.ui.screens.commitment import CommitmentScreen
    from myrole.ui.screens.export import ExportScreen
    from myrole.ui.screens.history import HistoryScreen, ReflectionRecord

    reflection_id = db.execute("SELECT id FROM reflections").fetchone()[0]
    commitment_id = db.execute("SELECT id FROM commitments").fetchone()[0]
    commitment = lambda: get_commitment(db, commitment_id)  # noqa: E731
    return {
        "history": HistoryScreen,
        "reflection record": lambda: ReflectionRecord(reflection_id),
        "commitment detail": lambda: CommitmentScreen(commitment_id),
        "commitment editor": lambda: CommitmentEditor(commitment()),
        "check-in dialog": lambda: CheckInDialog(commitment(), list_checkins(db, commitment_id)[-1]),
        "export": ExportScreen,
    }


FORMATS = {"web page": "html", "JSON": "json", "Markdown": "md"}  # in the order they are switched to


async def drawn(pilot) -> None:
    """Wait until everything the screen started (workers too, such as the export preview) is drawn."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_screen(pilot, name: str, make: Callable[[], object]) -> tuple[float, float]:
    """Seconds from pushing the screen until its first frame, and until it is drawn with all its content.

    They differ only where a screen prepares something in a thread: the export screen's preview.
    """
    app = pilot.app
    screen = make()
    frames: list[float] = []
    display = app._display  # what writes each frame to the terminal (here, headless, to nowhere)

    def note_frame(drawn_screen, renderable) -> None:
        if drawn_screen is screen and renderable is not None and not frames:
            frames.append(time.perf_counter())
        display(drawn_screen, renderable)

    app._display = note_frame
    start = time.perf_counter()
    try:
        await app.push_screen(screen)
        await drawn(pilot)
    finally:
        del app._display
    return frames[0] - start, time.perf_counter() - start


async def switch_format(pilot, fmt: str) -> float:
    """Seconds from choosing another format on the export screen until its preview is drawn."""
    from textual.widgets import Select

    start = time.perf_counter()
    pilot.app.screen.query_one("#format", Select).value = fmt
    await drawn(pilot)
    assert pilot.app.screen.prepared.choice[0] == fmt
    return time.perf_counter() - start


async def close_screen(pilot) -> None:
    pilot.app.pop_screen()
    await pilot.pause()


async def key_latency(pilot, field) -> float:
    """Seconds from pressing a key at the end of field (an Input) until it is drawn."""
    field.focus()
    await pilot.pause()
    field.cursor_position = len(field.value)  # after focus, which selects the whole value
    await pilot.pause()
    start = time.perf_counter()
    await pilot.press("z")
    return time.perf_counter() - start


async def keys_in_one_line_fields(pilot, make: Callable[[], object]) -> dict[str, tuple[float, float]]:
    """A key typed in each of the screen's Inputs, empty and then at the end of it filled to its limit less one.

    Pilot's press waits for the app to be idle and then pauses, which alone takes about 60 ms,
    so the empty field is the floor to compare with.
    """
    from textual.widgets import Input

    from myrole.limits import FIELDS

    app = pilot.app
    await app.push_screen(make())
    await drawn(pilot)
    limits = {"title": FIELDS[("commitments", "title")].chars}
    latencies = {}
    for field in app.screen.query(Input):
        if not field.display or field.id in ("target_date", "cadence_days"):
            continue
        chars = limits.get(field.id, FIELDS[("commitments", "first_step")].chars)
        field.value = ""
        empty = await key_latency(pilot, field)
        field.value = _fill(PROSE, chars - 1)
        latencies[field.id] = empty, await key_latency(pilot, field)
        assert len(field.value) == chars, f"the key did not reach {field.id}"
    await close_screen(pilot)
    return latencies


async def paste_into_note(pilot, make: Callable[[], object], text: str) -> tuple[float, float]:
    """Seconds to paste text into the check-in note until drawn, then for one key after it."""
    from textual import events
    from textual.widgets import Input

    app = pilot.app
    await app.push_screen(make())
    await drawn(pilot)
    note = app.screen.query_one("#note", Input)
    note.focus()
    await pilot.pause()
    start = time.perf_counter()
    app.post_message(events.Paste(text))
    await pilot.pause()
    pasted = time.perf_counter() - start
    after = await key_latency(pilot, note)
    await close_screen(pilot)
    return pasted, after


async def measure(home: Path, rounds: int, profile: str | None, paste: str, only: list[str] | None) -> None:
    from myrole.paths import resolve
    from myrole.store import open_store
    from myrole.ui.app import MyRoleApp

    db = open_store(resolve(home))
    app = MyRoleApp(paths=resolve(home), db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if app.screen.is_modal:
            await pilot.press("escape")
            await pilot.pause()
        made = screens(db)
        if only:
            made = {name: make for name, make in made.items() if name in only}
        if profile:
            profiler = cProfile.Profile()
            profiler.enable()
            seconds = await open_screen(pilot, profile, made[profile])
            profiler.disable()
            print(f"{profile}: first frame {seconds[0]:.2f} s, all drawn {seconds[1]:.2f} s (profiled)")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
            return
        print(f"{'screen (medians)':<22} {'first frame':>12} {'all drawn':>10} {'slowest':>8}")
        for name, make in made.items():
            times = []
            for _ in range(rounds):
                times.append(await open_screen(pilot, name, make))
                await close_screen(pilot)
            first, whole = (statistics.median(kind) for kind in zip(*times))
            print(f"{name:<22} {first:>10.2f} s {whole:>8.2f} s {max(t[1] for t in times):>6.2f} s", flush=True)
        if "export" not in made:
            return
        switches: dict[str, list[float]] = {fmt: [] for fmt in FORMATS}
        for _ in range(rounds):
            await open_screen(pilot, "export", made["export"])
            for fmt, code in FORMATS.items():
                switches[fmt].append(await switch_format(pilot, code))
            await close_screen(pilot)
        for fmt, times in switches.items():
            print(f"{'export, to ' + fmt:<22} {'':>12} {statistics.median(times):>8.2f} s {max(times):>6.2f} s",
                  flush=True)
        if only:
            return
        print(f"\n{'one-line field (Pilot press, key to screen)':<44} {'empty':>9} {'at limit':>9}")
        for name in ("commitment editor", "check-in dialog", "export"):
            for field, (empty, full) in (await keys_in_one_line_fields(pilot, made[name])).items():
                print(f"{name + ': ' + field:<44} {empty * 1000:>6.1f} ms {full * 1000:>6.1f} ms", flush=True)
        pasted, after = await paste_into_note(pilot, made["check-in dialog"], paste)
        print(f"\npaste of {len(paste):,} characters into the check-in note: {pasted * 1000:.0f} ms; "
              f"a key after it: {after * 1000:.1f} ms")


def main() -> None:
    from myrole.limits import TEXT_CHARS

    every = shapes(TEXT_CHARS)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=list(every), default=DEFAULT_SHAPE,
                        help="the long texts' shape ('empty': the same store with them empty, to compare)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--screen", action="append", metavar="SCREEN",
                        help="time only this screen, by its name as printed (may be given more than once)")
    parser.add_argument("--profile", metavar="SCREEN", help="a screen's name as printed, e.g. 'commitment editor'")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="myrole-largest-") as tmp:
        home = make_worst_home(Path(tmp), every[args.shape])
        print(f"long texts: {args.shape}" + (f", {TEXT_CHARS:,} characters each" if args.shape != "empty" else ""))
        asyncio.run(measure(home, args.rounds, args.profile, _fill(PROSE, TEXT_CHARS), args.screen))


if __name__ == "__main__":
    main()
