"""Provides the CPU time the app spends opening each main screen, against a bare Textual app's start.

Usage: python bench/screen_open.py [--rounds N] [--size 80x24]

Each round starts a fresh app with Pilot (headless, as the tests run it) on a fresh copy of the
demo store, at the fixed date the snapshots use, and measures the process's CPU seconds (not the
wall clock: waiting costs no CPU, so a busy machine disturbs this far less):
- baseline: a bare Textual app (bench/minimal_app.py: a header, a line, a footer) from start to its
  first frame, measured the same way in the same round;
- home: myrole from start to home's first frame, drawn from the store;
- every other screen: from pressing its key on home (after home has settled) until that screen
  is in front and the app is quiet again, its footer drawn.
Medians over the rounds, each with its ratio to the baseline. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

TODAY = date(2027, 3, 15)


@dataclass(frozen=True)
class Opening:
    """One screen: the keys pressed on home before the one measured, the key measured, and the screen it opens."""

    name: str
    before: tuple[str, ...]
    key: str
    screen: str


OPENINGS = [
    Opening("reflection", ("r", "tab", "tab"), "enter", "ReflectionScreen"),  # Start, in the start dialog
    Opening("commitment editor", (), "n", "CommitmentEditor"),
    Opening("check-in", (), "c", "CheckInDialog"),
    Opening("export", (), "e", "ExportScreen"),
    Opening("history", (), "h", "HistoryScreen"),
    Opening("help", (), "question_mark", "HelpScreen"),
]


async def _cpu(step: Callable[[], Awaitable[object]]) -> float:
    gc.collect()
    start = time.process_time()
    await step()
    return time.process_time() - start


async def _settled(pilot) -> None:
    """Until the app has nothing left to do: a footer recomposes after a refresh, a screen loads after mount."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.animator.wait_until_complete()


def _home(demo: Path, into: Path):
    from myrole.paths import resolve
    from myrole.store import open_store

    shutil.copytree(demo, into)
    paths = resolve(into)
    return paths, open_store(paths)


async def time_to_first_frame(app, size: tuple[int, int]) -> float:  # noqa: ANN001 - a Textual App
    """CPU seconds from starting app with Pilot until it has settled on its first screen; then it is stopped."""
    context = app.run_test(size=size)
    pilot = None

    async def start() -> None:
        nonlocal pilot
        pilot = await context.__aenter__()
        await _settled(pilot)

    seconds = await _cpu(start)
    await context.__aexit__(None, None, None)
    return seconds


async def time_baseline(size: tuple[int, int]) -> float:
    from minimal_app import Minimal

    return await time_to_first_frame(Minimal(), size)


async def time_start(demo: Path, into: Path, size: tuple[int, int]) -> float:
    from myrole.ui.app import MyRoleApp

    paths, db = _home(demo, into)
    return await time_to_first_frame(MyRoleApp(paths=paths, db=db, today=TODAY), size)


async def time_opening(opening: Opening, demo: Path, into: Path, size: tuple[int, int]) -> float:
    from myrole.ui.app import MyRoleApp

    paths, db = _home(demo, into)
    async with MyRoleApp(paths=paths, db=db, today=TODAY).run_test(size=size) as pilot:
        await _settled(pilot)
        for key in opening.before:
            await pilot.press(key)
            await _settled(pilot)

        async def press() -> None:
            await pilot.press(opening.key)
            await _settled(pilot)

        seconds = await _cpu(press)
        shown = type(pilot.app.screen).__name__
        if shown != opening.screen:
            raise SystemExit(f"{opening.key} opened {shown}, not {opening.screen}")
    return seconds


async def measure(rounds: int, size: tuple[int, int]) -> dict[str, list[float]]:
    from myrole.demo import seed
    from myrole.paths import resolve
    from myrole.store import open_store

    results: dict[str, list[float]] = {"baseline": [], "home": []} | {o.name: [] for o in OPENINGS}
    with tempfile.TemporaryDirectory(prefix="myrole-screen-open-") as tmp:
        demo = Path(tmp) / "demo"
        db = open_store(resolve(demo))
        seed(db, today=TODAY)
        db.close()
        await time_start(demo, Path(tmp) / "warm-up", size)  # imports and first-use caches, not counted
        for round_number in range(rounds):
            results["baseline"].append(await time_baseline(size))
            results["home"].append(await time_start(demo, Path(tmp) / f"{round_number}-home", size))
            for opening in OPENINGS:
                into = Path(tmp) / f"{round_number}-{opening.name}"
                results[opening.name].append(await time_opening(opening, demo, into, size))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", default="80x24")
    arguments = parser.parse_args()
    width, height = (int(part) for part in arguments.size.split("x"))
    os.environ.setdefault("TERM", "xterm-256color")
    results = asyncio.run(measure(arguments.rounds, (width, height)))
    baseline = statistics.median(results["baseline"])
    print(f"CPU seconds, medians of {arguments.rounds} rounds at {width}x{height} "
          f"({os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}):")
    for name, values in results.items():
        value = statistics.median(values)
        spread = f"{min(values) * 1000:.0f}-{max(values) * 1000:.0f}"
        print(f"  {name:<18} {value * 1000:7.0f} ms  ({spread:>9} ms)  {value / baseline:5.2f}x")


if __name__ == "__main__":
    main()
