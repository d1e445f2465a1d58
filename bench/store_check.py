"""Provides the cost of the checks myrole makes before opening a store (health.inspect), on a heavy store.

Usage: python bench/store_check.py [DIR]   (DIR: a heavy store from make_heavy_store.py; made if absent)

Prints medians of opening the store with and without the read-only checks, side by side
(A, B, A, B, ...) so machine noise falls on both, and their ratio. Not a test.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from myrole.paths import resolve
from myrole.store import connection, open_store
from myrole.store.versions import known_names

ROUNDS = 7


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="myrole-bench-")) / "heavy"
    if not resolve(folder).store.exists():
        subprocess.run([sys.executable, str(Path(__file__).with_name("make_heavy_store.py")), str(folder)], check=True)
    paths = resolve(folder)
    size = paths.store.stat().st_size / 1e6
    checked, unchecked, inspect_only = [], [], []
    real_inspect = connection.inspect
    for _ in range(ROUNDS):
        checked.append(timed(lambda: open_store(paths).close()))
        connection.inspect = lambda path, known: None
        unchecked.append(timed(lambda: open_store(paths).close()))
        connection.inspect = real_inspect
        inspect_only.append(timed(lambda: real_inspect(paths.store, known_names())))
    with_checks, without = statistics.median(checked), statistics.median(unchecked)
    print(f"store: {size:.1f} MB")
    print(f"open with checks:    {with_checks * 1000:7.1f} ms")
    print(f"open without checks: {without * 1000:7.1f} ms")
    print(f"the checks alone:    {statistics.median(inspect_only) * 1000:7.1f} ms")
    print(f"ratio: {with_checks / without:.1f}x")


if __name__ == "__main__":
    main()
