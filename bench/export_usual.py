"""Provides the ten-year store's exports timed against their 1 s budget: every format for every audience, whole command.

Usage: python bench/export_usual.py [--rounds 3] [--home DIR] [--against BIN]
       python bench/export_usual.py FILE   (the store in MYROLE_HOME; what bench/run.py runs)

The first form runs `myrole export` for md, html and json for me, manager and alliance, all nine in
turn each round (so a slow spell of the machine falls on all of them), and a tenth command: the
whole-store `me` JSON export with every record through Python instead of SQLite's records
(myrole/export/json_records.py). It prints each one's median wall-clock and CPU time (user and
system) against the budget, and the machine's load: on a shared machine a command waits for a
core, and the wall-clock time says more about the others' work than about ours.

With --against, the bin folder of another installation (a checkout of main with its own virtual
environment, say), every command also runs with that installation's myrole, right after this one's
each time, in rows marked "against": a before and after measured on the same machine at the same moments.

The second form makes that tenth export once, to FILE: while it is over the budget, the JSON
export needs SQLite's records (docs/performance.md).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MYROLE = str(Path(sys.executable).parent / "myrole")
BUDGET = 1.0  # seconds, whole command
FORMATS = ("md", "html", "json")
AUDIENCES = ("me", "manager", "alliance")


def export_the_usual_way(target: Path) -> None:
    """The whole-store `me` JSON export with every record through Python, written to target."""
    import myrole.cli  # noqa: F401 - the command line's own start-up, as `myrole export` pays it
    from myrole.export import render_pieces, summary
    from myrole.export.output import write_private_file
    from myrole.paths import resolve
    from myrole.privacy import Audience
    from myrole.store import open_store

    conn = open_store(resolve(), create=False)
    try:
        document = summary(conn, Audience.ME, None)
    finally:
        conn.close()
    pieces = [piece.encode("utf-8") for piece in render_pieces(document, "json")]
    write_private_file(target, pieces, force=True)


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user and system) of one run of argv."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode:
        raise RuntimeError(f"{argv} failed: {done.stderr.strip()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def commands(home: Path, out: Path, against: Path | None = None) -> dict[str, list[str]]:
    """Each export by its row's name: every format for every audience, then JSON through Python; with against
    (another installation's bin folder), each followed by the same command run by that installation."""
    installs = [("", MYROLE, sys.executable)]
    if against is not None:
        installs.append((" against", str(against / "myrole"), str(against / "python")))
    rows: dict[str, list[str]] = {}
    for fmt in FORMATS:
        for audience in AUDIENCES:
            for mark, myrole, _ in installs:
                rows[f"{fmt} {audience}{mark}"] = [myrole, "--home", str(home), "export", "--format", fmt,
                                                   "--audience", audience, "-o", str(out / f"{audience}.{fmt}"),
                                                   "--force"]
    for mark, _, python in installs:
        rows[f"json me, every record through Python{mark}"] = [python, __file__, str(out / "usual.json")]
    return rows


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"


def measure(home: Path, rounds: int, against: Path | None = None) -> dict[str, list[tuple[float, float]]]:
    env = dict(os.environ, MYROLE_HOME=str(home))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled bytecode cached
    with tempfile.TemporaryDirectory(prefix="myrole-export-bench-") as tmp:
        rows = commands(home, Path(tmp), against)
        for argv in rows.values():  # once each, unmeasured: bytecode compiled, the store's pages read once
            timed(argv, env)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in rows}
        for _ in range(rounds):
            for name, argv in rows.items():
                results[name].append(timed(argv, env))
    return results


def report(results: dict[str, list[tuple[float, float]]], rounds: int, load_before: str) -> None:
    print(f"{'export of the ten-year store':<48} {'wall':>8} {'cpu':>8}  budget {BUDGET:g} s (median of {rounds})")
    for name, runs in results.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        verdict = "ok" if wall <= BUDGET else ("MISSED" if cpu > BUDGET else "MISSED (wall only)")
        print(f"{name:<48} {wall:>7.2f}s {cpu:>7.2f}s  {verdict}")
    print(f"\nload average before {load_before}, after {load()}; {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}, {sys.platform}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="only make the JSON export through Python, to this file")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--home", type=Path, help="the store's folder (default: a copy of the cached ten-year store)")
    parser.add_argument("--against", type=Path, metavar="BIN",
                        help="another installation's bin folder: each command run by it too, in turn, for a before and after")
    arguments = parser.parse_args()
    if arguments.file is not None:
        export_the_usual_way(arguments.file)
        return
    load_before = load()
    if arguments.home is not None:
        report(measure(arguments.home, arguments.rounds, arguments.against), arguments.rounds, load_before)
        return
    sys.path.insert(0, str(HERE))
    import shutil

    from stores import cached_heavy_store

    with tempfile.TemporaryDirectory(prefix="myrole-export-home-") as tmp:
        home = Path(tmp) / "heavy"
        shutil.copytree(cached_heavy_store(), home)  # a copy: nothing a run writes reaches the cache
        report(measure(home, arguments.rounds, arguments.against), arguments.rounds, load_before)


if __name__ == "__main__":
    main()
