"""Tests that the words bench/export_screen.py waits for are words the app draws (the bench waited for an old sentence,
"Wrote the me export", and timed out until someone ran it)."""

from __future__ import annotations

import ast
from pathlib import Path

from myrole.export.words import written
from myrole.ui.screens import export, history

BENCH = Path(__file__).resolve().parents[2] / "bench" / "export_screen.py"


def markers() -> dict[str, str]:
    tree = ast.parse(BENCH.read_text(encoding="utf-8"))
    return {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name) and target.id.endswith("_MARKER")}


def test_the_written_marker_is_how_the_export_screen_says_it_wrote_a_personal_summary():
    assert f"Wrote {written('me', 'md')} to".startswith(markers()["WRITTEN_MARKER"])


def test_the_screen_markers_are_in_the_screens_source():
    import inspect

    found = markers()
    assert found["EXPORT_MARKER"] in inspect.getsource(export)
    assert found["HISTORY_MARKER"] in inspect.getsource(history)
