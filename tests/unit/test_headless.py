"""Tests that the core never imports Textual, and that `myrole due` stays on the standard library."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CORE_MODULES = [
    "myrole.model", "myrole.prompts", "myrole.schedule", "myrole.store", "myrole.due",
    "myrole.overview", "myrole.demo", "myrole.validation", "myrole.text", "myrole.paths",
    # plain mode must never import Textual (or Rich): it is the way in for those the app does not serve
    "myrole.plain", "myrole.plain.console", "myrole.plain.session", "myrole.plain.forms", "myrole.plain.choices",
    "myrole.plain.menu", "myrole.plain.profile", "myrole.plain.reflect", "myrole.plain.commitment",
    "myrole.plain.checkin", "myrole.plain.due_list", "myrole.plain.one_to_one", "myrole.plain.export",
    "myrole.plain.words",
]


def loaded_after(code: str, env_home: str) -> set[str]:
    """The top-level packages in sys.modules after running code in a fresh interpreter."""
    script = textwrap.dedent(code) + textwrap.dedent("""
        import json, sys
        print("MODULES=" + json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
    """)
    import os

    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, MYROLE_HOME=env_home))
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("MODULES="))
    return set(json.loads(line.removeprefix("MODULES=")))


@pytest.fixture
def demo_home(tmp_path) -> Path:
    """A home folder holding the demo store."""
    from myrole.demo import seed
    from myrole.paths import resolve
    from myrole.store import open_store

    home = tmp_path / "demo"
    db = open_store(resolve(home))
    seed(db)
    db.close()
    return home


def test_core_does_not_import_textual(tmp_path):
    imports = "\n".join(f"import {name}" for name in CORE_MODULES)
    loaded = loaded_after(imports, str(tmp_path))
    assert "myrole" in loaded
    assert "textual" not in loaded
    assert "rich" not in loaded


def test_core_at_work_does_not_import_textual(tmp_path):
    """Not only importing: seeding a store and building the home overview stay free of Textual."""
    code = """
        from myrole.paths import resolve
        from myrole.store import open_store
        from myrole.demo import seed
        from myrole.overview import build_overview
        from myrole.prompts import load_catalogue
        db = open_store(resolve())
        seed(db)
        assert build_overview(db).due
        assert load_catalogue().get("core")
        db.close()
    """
    assert "textual" not in loaded_after(code, str(tmp_path))


def test_due_fast_path_imports_neither_textual_nor_sqlite_utils_nor_click(demo_home):
    code = """
        from myrole.entry import main
        try:
            main(["due"])
        except SystemExit as stop:
            assert stop.code == 0, stop.code
    """
    loaded = loaded_after(code, str(demo_home))
    assert "myrole" in loaded
    for heavy in ("textual", "sqlite_utils", "click", "rich", "platformdirs", "icalendar"):
        assert heavy not in loaded, heavy


def test_due_fast_path_printed_the_due_lines(demo_home):
    """The same run as above really did its work (so the check is not of a path that did nothing)."""
    import os

    result = subprocess.run([sys.executable, "-c", "from myrole.entry import main; main(['due'])"],
                            capture_output=True, text=True, timeout=60, env=dict(os.environ, MYROLE_HOME=str(demo_home)))
    assert result.returncode == 0
    assert result.stdout.startswith("Check in: ")


def test_the_app_draws_its_first_screen_before_loading_sqlite_utils_or_click(demo_home):
    """`myrole` alone reads the home screen through plain sqlite3; sqlite-utils loads just after."""
    code = """
        import json, sys
        from myrole.ui import app as ui_app

        def record_then_quit(self):
            at_paint = sorted({name.split(".")[0] for name in sys.modules})
            print("AT_PAINT=" + json.dumps(at_paint))
            print(f"DUE_SHOWN={len(self.screen.overview.due)}")
            self.exit()

        ui_app.MyRoleApp.after_first_paint = record_then_quit
        run = ui_app.MyRoleApp.run
        ui_app.MyRoleApp.run = lambda self, **options: run(self, headless=True)
        from myrole.entry import main
        try:
            main([])
        except SystemExit as stop:
            assert stop.code == 0, stop.code
    """
    import os

    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                            timeout=60, env=dict(os.environ, MYROLE_HOME=str(demo_home)))
    assert result.returncode == 0, result.stderr
    lines = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    at_paint = set(json.loads(lines["AT_PAINT"]))
    assert "textual" in at_paint
    assert "sqlite_utils" not in at_paint
    assert "click" not in at_paint
    assert int(lines["DUE_SHOWN"]) > 0  # the first screen really showed the store's data
