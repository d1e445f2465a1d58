"""A non-editable install (`pip install .`, as CI does) carries the data files the code reads at run time."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_holds_the_expected_schema_and_the_store_opens_from_it(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("myrole-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path / "installed")
    shipped = tmp_path / "installed" / "myrole" / "store" / "schema_expected.json"
    assert shipped.read_bytes() == (ROOT / "myrole" / "store" / "schema_expected.json").read_bytes()
    # The installed copy, not this checkout, opens a new store twice: the second open checks the
    # schema against the shipped file.
    script = ("import sys, myrole; from myrole.paths import resolve; from myrole.store import open_store; "
              "assert myrole.__file__.startswith(sys.argv[1]), myrole.__file__; "
              "paths = resolve(sys.argv[2]); open_store(paths).close(); open_store(paths).close(); print('opened')")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "installed"), str(tmp_path / "home")],
                            env={**os.environ, "PYTHONPATH": str(tmp_path / "installed")}, cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.stdout.strip() == "opened", result.stderr
