"""Provides the benchmark run: medians and ratios against baselines measured in the same run.

Usage: python bench/run.py [--quick]

Each comparison runs its two sides in turn (A, B, A, B, ...) so that machine noise falls on
both. Nothing here is a test: it reports, and marks a budget that was missed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from terminal import time_until_drawn  # noqa: E402

PYTHON = sys.executable
MYROLE = str(Path(sys.executable).parent / "myrole")
HOME_MARKER = "Due for a check-in"  # home fills its lists in on_mount, before this first paint


@dataclass
class Row:
    name: str
    value: float
    baseline: float
    unit: str
    budget: float  # the highest acceptable ratio (or, with unit "s", the highest value)

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("nan")

    def line(self) -> str:
        if self.unit == "s":
            verdict = "ok" if self.value <= self.budget else "MISSED"
            return f"{self.name:<46} {self.value * 1000:>9.1f} ms {'':>12} {'< ' + str(self.budget) + ' s':>9}  {verdict}"
        verdict = "ok" if self.ratio <= self.budget else "MISSED"
        shown = (f"{self.value * 1000:>9.1f} ms {self.baseline * 1000:>9.1f} ms" if self.unit == "ms"
                 else f"{self.value / 1024:>9.1f} MB {self.baseline / 1024:>9.1f} MB")
        return f"{self.name:<46} {shown} {self.ratio:>6.2f}x  <= {self.budget}x  {verdict}"


def env_for(home: Path | None) -> dict[str, str]:
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="80", LINES="24")
    env.pop("TEXTUAL", None)
    if home:
        env["MYROLE_HOME"] = str(home)
    return env


def run_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def alternate(a, b, rounds: int) -> tuple[list, list]:
    """Run a and b in turn, rounds times each; return both lists of results."""
    first, second = [], []
    for _ in range(rounds):
        first.append(a())
        second.append(b())
    return first, second


def median(values: list[float]) -> float:
    return statistics.median(values)


def make_homes(root: Path) -> dict[str, Path]:
    """An empty (onboarded) store, the demo store and the ten-year heavy store."""
    from make_heavy_store import make

    from myrole.demo import seed
    from myrole.model import Profile
    from myrole.paths import resolve
    from myrole.store import open_store
    from myrole.store.profile import save_profile

    homes = {"empty": root / "empty", "demo": root / "demo", "heavy": root / "heavy"}
    db = open_store(resolve(homes["empty"]))
    save_profile(db, Profile(name="Bench", onboarded=True))
    db.close()
    db = open_store(resolve(homes["demo"]))
    seed(db)
    db.close()
    make(homes["heavy"])
    return homes


def bench_due(homes: dict[str, Path], rounds: int) -> list[Row]:
    due, base = alternate(lambda: run_once([MYROLE, "due"], env_for(homes["demo"])),
                          lambda: run_once([PYTHON, "-c", "import sqlite3"], env_for(None)), rounds)
    heavy, empty = alternate(lambda: run_once([MYROLE, "due"], env_for(homes["heavy"])),
                             lambda: run_once([MYROLE, "due"], env_for(homes["empty"])), rounds)
    return [Row("myrole due vs python -c 'import sqlite3'", median(due), median(base), "ms", 2.0),
            Row("myrole due: heavy store vs empty store", median(heavy), median(empty), "ms", 1.2)]


def bench_paint(homes: dict[str, Path], rounds: int) -> list[Row]:
    app = lambda home: time_until_drawn([MYROLE], HOME_MARKER, env_for(home))  # noqa: E731
    minimal = lambda: time_until_drawn([PYTHON, str(HERE / "minimal_app.py")], "Baseline ready",  # noqa: E731
                                       env_for(None))
    ours, base = alternate(lambda: app(homes["demo"]), minimal, rounds)
    heavy, empty = alternate(lambda: app(homes["heavy"]), lambda: app(homes["empty"]), rounds)
    return [
        Row("first paint: app (demo store) vs minimal app", median(p.seconds for p in ours),
            median(p.seconds for p in base), "ms", 1.3),
        Row("peak memory: app (demo store) vs minimal app", median(p.peak_kib for p in ours),
            median(p.peak_kib for p in base), "KiB", 1.5),
        Row("first paint: heavy store vs empty store", median(p.seconds for p in heavy),
            median(p.seconds for p in empty), "ms", 1.2),
    ]


def bench_exports(homes: dict[str, Path], out: Path) -> list[Row]:
    help_text = subprocess.run([MYROLE, "--help"], capture_output=True, text=True).stdout
    if " export " not in help_text:
        return []
    rows = []
    for fmt in ("md", "html", "json"):
        target = out / f"heavy.{fmt}"
        seconds = median([run_once([MYROLE, "export", "--format", fmt, "-o", str(target), "--force"],
                                   env_for(homes["heavy"])) for _ in range(3)])
        rows.append(Row(f"export {fmt} of the heavy store (whole command)", seconds, 0, "s", 1.0))
    return rows


async def _typing_timings(app, before, presses: int) -> list[float]:
    """Press keys one at a time; time each press until Pilot reports the screen updated."""
    timings = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await before(app, pilot)
        for char in ("abcdefghij klmnopqrst " * presses)[:presses]:
            start = time.perf_counter()
            await pilot.press("space" if char == " " else char)
            await pilot.pause()
            timings.append(time.perf_counter() - start)
    return timings


def bench_typing(presses: int) -> list[Row]:
    """Typing in the reflection editor against typing in a bare TextArea, both under Pilot.

    Pilot's own press-and-wait costs far more than 16 ms, so the absolute figure is an upper
    bound; the ratio to the bare TextArea shows what myrole adds.
    """
    from textual.app import App
    from textual.widgets import TextArea

    from myrole.model import Context, Profile
    from myrole.paths import resolve
    from myrole.prompts import load_catalogue
    from myrole.store import open_store
    from myrole.store.profile import save_profile
    from myrole.store.reflections import start_reflection
    from myrole.ui.app import MyRoleApp
    from myrole.ui.screens.reflection import ReflectionScreen

    class BareEditor(App[None]):
        def compose(self):
            yield TextArea()

    async def open_reflection(app, pilot) -> None:
        await app.push_screen(ReflectionScreen(app.bench_reflection))
        await pilot.pause()

    async def nothing(app, pilot) -> None:
        app.query_one(TextArea).focus()

    def ours() -> list[float]:
        paths = resolve(Path(tempfile.mkdtemp(prefix="myrole-bench-typing-")))
        db = open_store(paths)
        save_profile(db, Profile(onboarded=True))
        app = MyRoleApp(paths=paths, db=db)
        app.bench_reflection = start_reflection(db, load_catalogue().get("core"), Context.SELF).id
        return asyncio.run(_typing_timings(app, open_reflection, presses))

    mine, bare = ours(), asyncio.run(_typing_timings(BareEditor(), nothing, presses))
    return [Row("typing: reflection editor vs bare TextArea (Pilot)", median(mine), median(bare), "ms", 1.3),
            Row("typing: reflection editor, Pilot press to update", median(mine), 0, "s", 0.016)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (under 30 seconds)")
    args = parser.parse_args()
    rounds = 5 if args.quick else 21
    with tempfile.TemporaryDirectory(prefix="myrole-bench-") as tmp:
        root = Path(tmp)
        print("Making the stores (empty, demo, ten-year heavy)...", file=sys.stderr)
        homes = make_homes(root)
        rows = bench_due(homes, rounds * 2) + bench_paint(homes, rounds)
        rows += bench_exports(homes, root) + bench_typing(60 if args.quick else 300)
    print(f"{'measure':<46} {'median':>12} {'baseline':>12} {'ratio':>7}  budget")
    for row in rows:
        print(row.line())
    print(f"\nmachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}")


if __name__ == "__main__":
    main()
