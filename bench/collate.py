"""Provides the collate benchmark: 10,000 alliance files (100,000 commitments), collated, against just parsing them.

Usage: python bench/collate.py [--people N] [--per-person N] [--rounds N]

Both sides read the same files in the same run, in turn (A, B, A, B, ...), so that machine noise
falls on both. The baseline is the least any reader must do: read each file and json.loads it.
The goal is a collation within 3x of that. It reports the median of the rounds on the clock and in
processor time (steadier on a machine others are using), each round's ratios, and the machine's load
before and after. Nothing here is a test: it reports.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from myrole.collate import collate, render  # noqa: E402
from myrole.collate.sample import write_people  # noqa: E402

GOAL = 3.0


def just_parse(folder: Path) -> int:
    """The baseline: every file read and parsed, nothing checked or counted."""
    commitments = 0
    for path in sorted(folder.glob("*.json")):
        commitments += len(json.loads(path.read_bytes())["commitments"])
    return commitments


def collate_all(folder: Path) -> int:
    report = collate([folder])
    render(report, "json")
    return report.commitments or 0


def timed(action, folder: Path) -> tuple[float, float]:  # noqa: ANN001 - a function of the folder
    """Seconds on the clock, and of processor time (steadier on a machine others are using)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    action(folder)
    return time.perf_counter() - start, time.process_time() - start_cpu


def load() -> str:
    """The load average over 1, 5 and 15 minutes (os.getloadavg is POSIX only: on Windows, not known)."""
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except (AttributeError, OSError):
        return "not known"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--per-person", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="myrole-collate-bench-") as tmp:
        folder = Path(tmp)
        write_people(folder, args.people, args.per_person)
        load_before = load()
        if just_parse(folder) != collate_all(folder):
            raise SystemExit("The collation did not count every commitment the files hold.")
        parse_times, collate_times = [], []
        for _ in range(args.rounds):
            parse_times.append(timed(just_parse, folder))
            collate_times.append(timed(collate_all, folder))
        load_after = load()
    print(f"{args.people:,} files, {args.people * args.per_person:,} commitments, median of {args.rounds}:")
    for label, index in (("clock", 0), ("processor", 1)):
        parse = statistics.median(t[index] for t in parse_times)
        whole = statistics.median(t[index] for t in collate_times)
        verdict = "within" if whole / parse <= GOAL else "OVER"
        print(f"  {label:9}: read and json.loads only {parse:6.2f} s; myrole collate (to JSON) {whole:6.2f} s; "
              f"ratio {whole / parse:5.2f}x ({verdict} the {GOAL:.0f}x goal)")
        rounds = ", ".join(f"{c[index] / p[index]:.2f}x" for p, c in zip(parse_times, collate_times))
        print(f"             each round: {rounds}")
    print(f"  load average (1, 5, 15 minutes): {load_before} before the rounds, {load_after} after")


if __name__ == "__main__":
    main()
