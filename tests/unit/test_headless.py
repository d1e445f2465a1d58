"""Tests that the core never imports Textual, and that `myrole due` stays on the standard library."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

CORE_MODULES = [
    "myrole.model", "myrole.prompts", "myrole.schedule", "myrole.store", "myrole.due",
    "myrole.overview", "myrole.demo", "myrole.validation", "myrole.text", "myrole.paths",
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


def test_due_fast_path_imports_neither_textual_nor_sqlite_utils_nor_click(tmp_path):
    from myrole.demo import seed
    from myrole.paths import resolve
    from myrole.store import open_store

    home = tmp_path / "demo"
    db = open_store(resolve(home))
    seed(db)
    db.close()
    code = """
        from myrole.entry import main
        try:
            main(["due"])
        except SystemExit as stop:
            assert stop.code == 0, stop.code
    """
    loaded = loaded_after(code, str(home))
    assert "myrole" in loaded
    for heavy in ("textual", "sqlite_utils", "click", "rich", "platformdirs", "icalendar"):
        assert heavy not in loaded, heavy


def test_due_fast_path_printed_the_due_lines(tmp_path):
    """The same run as above really did its work (so the check is not of a path that did nothing)."""
    from myrole.demo import seed
    from myrole.paths import resolve
    from myrole.store import open_store

    home = tmp_path / "demo"
    db = open_store(resolve(home))
    seed(db)
    db.close()
    import os

    result = subprocess.run([sys.executable, "-c", "from myrole.entry import main; main(['due'])"],
                            capture_output=True, text=True, timeout=60, env=dict(os.environ, MYROLE_HOME=str(home)))
    assert result.returncode == 0
    assert result.stdout.startswith("Check in: ")
