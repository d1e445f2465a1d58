"""Provides what the reliability tests share: running the CLI in a subprocess or in this process, snapshots of a folder."""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
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


def invoke_cli(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess:
    """`myrole ARGS` as run_cli runs it (the same entry point, environment and empty input), but in this process.

    For tests about what a command does, not about the process: it saves a Python start-up and the
    imports (about half a second a run). Standard output and error are captured apart, the exit status
    is what the process would end with, and an exception nothing caught is printed as the interpreter
    would print it (a traceback, exit status 1). Keep run_cli where a real process is the point: its
    signals, a kill, an open app, or at least one run of each command a test checks.
    """
    from click.testing import CliRunner

    from myrole.entry import main

    env = {"MYROLE_HOME": str(home), "TERM": "dumb", "NO_COLOR": "1"}
    with CliRunner().isolation(input=stdin, env=env) as (stdout, stderr, _):
        try:
            main(list(args))
            status = 0
        except SystemExit as stop:
            status = _exit_status(stop.code)
        except Exception:  # noqa: BLE001 - printed as Python prints an exception nothing caught
            traceback.print_exc()
            status = 1
        sys.stdout.flush()
        sys.stderr.flush()
        output, errors = stdout.getvalue().decode(), stderr.getvalue().decode()
    return subprocess.CompletedProcess(["myrole", *args], status, output, errors)


def _exit_status(code: object) -> int:
    """The status a process ends with for sys.exit(code); a text is printed to standard error, as Python does."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


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
