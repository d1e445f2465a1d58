"""Tests that the core never imports Textual, and that `myrole due` stays on the standard library."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# What must never load outside the user interface.
UI_LIBRARIES = ("textual", "rich")
# `python -m myrole` runs the app when imported; it holds only `from myrole.entry import main; main()`.
RUNS_WHEN_IMPORTED = {"myrole.__main__"}


def core_modules() -> list[str]:
    """Every module of the package outside myrole.ui, found by walking it (none kept by hand)."""
    import pkgutil

    import myrole

    names = [module.name for module in pkgutil.walk_packages(myrole.__path__, "myrole.")]
    return sorted(name for name in ["myrole", *names] if name != "myrole.ui" and not name.startswith("myrole.ui.")
                  and name not in RUNS_WHEN_IMPORTED)


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


def test_the_walk_finds_every_core_module_and_no_ui_module():
    modules = core_modules()
    assert {"myrole.due", "myrole.store.connection", "myrole.export.html", "myrole.cli.root", "myrole.limits"} <= set(modules)
    assert not [name for name in modules if name.startswith("myrole.ui")]
    package = Path(__import__("myrole").__file__).parent
    files = [path for path in package.rglob("*.py") if path.relative_to(package).parts[0] != "ui"]
    assert len(modules) == len(files) - len(RUNS_WHEN_IMPORTED)  # one per file: nothing missed


def test_no_core_module_imports_textual(tmp_path):
    """Each module outside myrole.ui, imported one by one in a fresh interpreter; the first that
    brings in Textual or Rich is named."""
    code = f"""
        import importlib, sys
        for name in {core_modules()!r}:
            importlib.import_module(name)
            loaded = sorted(set({UI_LIBRARIES!r}) & {{module.split(".")[0] for module in sys.modules}})
            assert not loaded, f"importing {{name}} loaded {{loaded}}"
    """
    loaded = loaded_after(code, str(tmp_path))
    assert {"myrole", "sqlite3", "click"} <= loaded  # the imports really ran (cli, store, export ...)
    for library in UI_LIBRARIES:
        assert library not in loaded


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
        import myrole.plain
        myrole.plain.has_terminal = lambda *streams: True  # as in a terminal: with none, myrole runs plain mode
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
