"""Provides what the reliability tests share: running the CLI in a subprocess, snapshots of a folder, hostile text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str, home: Path, umask: int | None = None, timeout: float = 60,
            stdin: str = "") -> subprocess.CompletedProcess:
    """`myrole ARGS` in a fresh process with MYROLE_HOME=home (and the given umask)."""
    env = {**os.environ, "MYROLE_HOME": str(home), "TERM": "dumb", "NO_COLOR": "1"}
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run(
        [sys.executable, "-c", "from myrole.entry import main; main()", *args],
        env=env, capture_output=True, text=True, timeout=timeout, preexec_fn=preexec,
        input=stdin, cwd=REPO,
    )


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under folder (relative name -> contents), to prove nothing was touched."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def store_files(store: Path) -> dict[str, bytes]:
    """The store and whichever of its side files exist."""
    return {p.name: p.read_bytes() for p in [store, *(Path(f"{store}{s}") for s in ("-wal", "-shm", "-journal"))]
            if p.exists()}


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout, result.stdout
