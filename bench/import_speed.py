"""Provides the import benchmark: the ten-year export imported into an empty store and again into the full one,
each against exporting it, in turn in the same run (wall-clock seconds, and the command's CPU seconds)."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

IMPORT_BUDGET = 4.0  # an import may take at most this many times as long as the export it reads


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock seconds of the command, and its CPU seconds (user and system; 0 where the resource
    module is missing, as on Windows): on a shared machine the CPU time swings far less."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{argv} failed: {done.stderr.strip()}")
    return time.perf_counter() - start, _children_cpu() - cpu


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def measure_imports(myrole: str, heavy: Path, out: Path, repeats: int,
                    env_for: Callable[[Path | None], dict[str, str]]) -> dict[str, float]:
    """Median seconds of: the json export of the heavy store, its import into a new empty home, and the same
    file imported again into that home (now full); and of each one's CPU time ("export cpu" ...). The three
    run in turn, so a slow spell falls on all."""
    file = out / "heavy-for-import.json"
    seconds: dict[str, list[float]] = {}
    for round_number in range(repeats):
        home = out / f"import-{round_number}"
        for name, argv, env in (("export", [myrole, "export", "--format", "json", "-o", str(file), "--force"],
                                 env_for(heavy)),
                                ("into empty", [myrole, "import", str(file)], env_for(home)),
                                ("into full", [myrole, "import", str(file)], env_for(home))):
            wall, cpu = timed(argv, env)
            seconds.setdefault(name, []).append(wall)
            seconds.setdefault(f"{name} cpu", []).append(cpu)
    return {name: statistics.median(values) for name, values in seconds.items()}


if __name__ == "__main__":  # python bench/import_speed.py [ROUNDS]: these rows alone
    import shutil
    import sys
    import tempfile

    from run import MYROLE, env_for
    from stores import cached_heavy_store

    with tempfile.TemporaryDirectory(prefix="myrole-bench-import-") as tmp:
        heavy = shutil.copytree(cached_heavy_store(), Path(tmp) / "heavy")  # the cache is never written to
        medians = measure_imports(MYROLE, heavy, Path(tmp), int(sys.argv[1]) if len(sys.argv) > 1 else 3, env_for)
    for name in ("into empty", "into full"):
        ratio = medians[name] / medians["export"]
        print(f"import {name}: {medians[name]:.2f} s, export {medians['export']:.2f} s, {ratio:.1f}x "
              f"(budget {IMPORT_BUDGET:g}x)")
        if medians["export cpu"]:
            cpu_ratio = medians[f"{name} cpu"] / medians["export cpu"]
            print(f"    CPU: {medians[f'{name} cpu']:.2f} s, export {medians['export cpu']:.2f} s, {cpu_ratio:.1f}x")
