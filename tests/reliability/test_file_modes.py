"""File modes: the folder 0700; the store, its -wal and -shm, backups and exports 0600, whatever the umask."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import REPO, run_cli

HOLD_OPEN = """
import sys
from myrole.paths import resolve
from myrole.store import open_store, write
db = open_store(resolve(sys.argv[1]))
with write(db):
    db.execute("UPDATE profile SET name = name")
print("open", flush=True)
sys.stdin.readline()
db.close()
"""


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.parametrize("umask", [0o000, 0o022], ids=["umask-000", "umask-022"])
def test_everything_myrole_writes_is_private(tmp_path, umask):
    home, out = tmp_path / "home", tmp_path / "out"
    out.mkdir()
    steps = [
        ("demo", "--home", str(home), "--seed-only"),
        ("backup",),
        ("backup", str(out / "copy.db")),
        ("export", "--format", "md", "-o", str(out / "summary.md")),
        ("export", "--format", "html", "--audience", "manager", "-o", str(out / "manager.html")),
        ("export", "--format", "json", "-o", str(out / "me.json")),
        ("calendar", "-o", str(out / "reminders.ics")),
    ]
    for step in steps:
        result = run_cli(*step, home=home, umask=umask)
        assert result.returncode == 0, (step, result.stderr)
    assert mode(home) == 0o700
    assert mode(home / "myrole.db") == 0o600
    assert mode(home / "backups") == 0o700
    written = [*home.joinpath("backups").iterdir(), *out.iterdir()]
    assert len(written) == 6
    assert {p.name: mode(p) for p in written} == {p.name: 0o600 for p in written}

    holder = subprocess.Popen([sys.executable, "-c", HOLD_OPEN, str(home)], cwd=REPO, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": str(REPO)}, preexec_fn=lambda: os.umask(umask))
    try:
        assert holder.stdout.readline().strip() == "open"
        assert mode(home / "myrole.db-wal") == 0o600
        assert mode(home / "myrole.db-shm") == 0o600
        due = run_cli("due", home=home, umask=umask)  # a reader beside a writer
        assert due.returncode == 0, due.stderr
    finally:
        holder.communicate("\n", timeout=30)
    assert holder.returncode == 0


@pytest.mark.parametrize("umask", [0o000, 0o022], ids=["umask-000", "umask-022"])
def test_a_folder_made_loose_by_hand_is_made_private_again(tmp_path, umask):
    home = tmp_path / "home"
    assert run_cli("demo", "--home", str(home), "--seed-only", home=home, umask=umask).returncode == 0
    os.chmod(home, 0o755)
    os.chmod(home / "myrole.db", 0o644)
    assert run_cli("backup", home=home, umask=umask).returncode == 0
    assert (mode(home), mode(home / "myrole.db")) == (0o700, 0o600)
