"""Provides timing the export screen on the ten-year store in real terminals: first frame, and memory for two exports.

Usage: python bench/export_screen.py [--rounds N]   (also run by bench/run.py)

Each launch starts the app on a copy of the heavy store, waits until home is drawn and quiet, then:
- first frame: presses e (or h, for history, the baseline: a screen that reads a list of the whole
  store's reflections) and times until the new screen's text is drawn;
- memory: opens the export screen, waits for the Markdown preview, writes it (ctrl+s), switches to
  the web page (f2), writes that, goes back home (escape), and reads the memory the process still
  holds (Linux's /proc; elsewhere that row is left out) before it is stopped and its peak is read.
  The baseline is the same app on the same store, at rest on home.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from terminal import Terminal

HOME_MARKER = "Welcome back, Bench Person"
EXPORT_MARKER = "Save to"  # a label on the export screen, drawn in its first frame
HISTORY_MARKER = "Past reflections"
PREVIEW_MARKER = "all of it is written"  # the preview's note: the start of a long export is shown
WRITTEN_MARKER = "Wrote the personal summary"  # export/words.written("me", ...)


@dataclass(frozen=True)
class Memory:
    peak_kib: int  # the most the process held at any moment
    held_kib: int  # what it held at the end, back on home (0 where the system does not say)


def _at_home(argv: list[str], env: dict[str, str]) -> Terminal:
    term = Terminal(argv, env)
    term.wait_for(HOME_MARKER)
    term.settle(0.5)  # home's work after its first frame (loading sqlite-utils, the collector) is done
    return term


def time_to_screen(argv: list[str], env: dict[str, str], key: bytes, marker: str) -> float:
    """Seconds from pressing key on home until marker is drawn."""
    with _at_home(argv, env) as term:
        return _press_and_wait(term, key, marker)


def _press_and_wait(term: Terminal, key: bytes, marker: str, timeout: float = 60.0) -> float:
    import time

    start = time.perf_counter()
    term.write(key)
    return term.wait_for(marker, since=start, timeout=timeout)


def resident_kib(pid: int) -> int:
    """What the process holds in memory now (VmRSS), or 0 where /proc does not say (not Linux)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def memory_at_rest(argv: list[str], env: dict[str, str]) -> Memory:
    with _at_home(argv, env) as term:
        held = resident_kib(term.pid)
    return Memory(term.peak_kib, held)


def memory_after_two_exports(argv: list[str], env: dict[str, str]) -> Memory:
    """Open the export screen, write the Markdown and then the web page (into a new HOME), and go back home."""
    env = dict(env, HOME=tempfile.mkdtemp(prefix="home-", dir=env["HOME"]))  # no file there yet to replace
    with _at_home(argv, env) as term:
        _press_and_wait(term, b"e", PREVIEW_MARKER)
        _press_and_wait(term, b"\x13", WRITTEN_MARKER)  # ctrl+s
        _press_and_wait(term, b"\x1bOQ", PREVIEW_MARKER)  # f2: the next format, the web page
        _press_and_wait(term, b"\x13", WRITTEN_MARKER)
        _press_and_wait(term, b"\x1b", HOME_MARKER)  # escape
        term.settle(1.0)
        held = resident_kib(term.pid)
    return Memory(term.peak_kib, held)


def measure(argv: list[str], env: dict[str, str], rounds: int) -> dict[str, tuple[float, float]]:
    """Medians, each with its baseline measured in turn with it: name -> (value, baseline)."""
    export, history = [], []
    for _ in range(rounds):
        export.append(time_to_screen(argv, env, b"e", EXPORT_MARKER))
        history.append(time_to_screen(argv, env, b"h", HISTORY_MARKER))
    busy, rest = [], []
    for _ in range(rounds):
        busy.append(memory_after_two_exports(argv, env))
        rest.append(memory_at_rest(argv, env))
    median = statistics.median
    results = {
        "first frame": (median(export), median(history)),
        "peak": (median(m.peak_kib for m in busy), median(m.peak_kib for m in rest)),
    }
    if all(m.held_kib for m in busy + rest):
        results["held"] = (median(m.held_kib for m in busy), median(m.held_kib for m in rest))
    return results


def main() -> None:
    import os

    from run import MYROLE, env_for
    from stores import make_homes

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory(prefix="myrole-export-screen-") as tmp:
        env = dict(env_for(make_homes(Path(tmp))["heavy"]), HOME=tmp)  # the files are written in HOME
        for name, (value, baseline) in measure([MYROLE], env, rounds).items():
            unit, scale = ("ms", 1000) if name == "first frame" else ("MB", 1 / 1024)
            print(f"{name:<12} {value * scale:9.1f} {unit}  baseline {baseline * scale:9.1f} {unit}  "
                  f"{value / baseline:5.2f}x", flush=True)
    print(f"({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
