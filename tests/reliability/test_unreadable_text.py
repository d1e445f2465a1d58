"""Tests that a store (or a backup) holding text that is not UTF-8 gets one sentence that never quotes it, from
every way in: a command, plain mode, the app and restore; and that the file is left exactly as it was."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import date

import pytest

from myrole.demo import seed
from myrole.store import open_store
from myrole.ui.app import MyRoleApp

from .helpers import assert_no_traceback, invoke_cli

# "zq", three bytes that are no UTF-8 character, "qz": what Python cannot read, between markers that must never
# show (SQLite's own message quotes the text).
TODAY = date(2026, 11, 26)
BROKEN = "CAST(x'7a71eda080717a' AS TEXT)"
SENTENCE = "holds text that is not valid UTF-8 (part of it is damaged)"


def break_an_answer(path) -> str:
    """Replace the text of the demo's first reflection's first answer with bytes that are not UTF-8; its reflection."""
    conn = sqlite3.connect(path)
    try:
        reflection = conn.execute("SELECT reflection_id FROM answers ORDER BY rowid LIMIT 1").fetchone()[0]
        with conn:
            conn.execute(f"UPDATE answers SET text = {BROKEN} WHERE rowid = (SELECT min(rowid) FROM answers)")
        return reflection
    finally:
        conn.close()


def make_demo(source) -> None:
    conn = open_store(source)
    seed(conn, TODAY)
    conn.close()


@pytest.fixture
def broken_store(paths, prepared_stores):
    """The demo store with one answer's text made of bytes that are not UTF-8; that answer's reflection's id."""
    prepared_stores(paths, "demo", make_demo)
    return break_an_answer(paths.store)


def assert_one_sentence(result, where: str) -> None:
    assert result.returncode == 2, result
    assert_no_traceback(result)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("myrole: ") and where in lines[0] and SENTENCE in lines[0], lines
    assert "zq" not in result.stderr and "qz" not in result.stderr


@pytest.mark.parametrize("command", [
    ("export", "--format", "md"),
    ("export", "--format", "json"),
    ("export", "--format", "html", "--audience", "me"),
])
def test_a_command_that_reads_the_text_says_so_in_one_sentence_and_changes_nothing(paths, broken_store, command):
    before = paths.store.read_bytes()
    result = invoke_cli(*command, home=paths.data)
    assert_one_sentence(result, str(paths.store))
    assert result.stdout == ""
    assert paths.store.read_bytes() == before


def test_plain_mode_says_so_in_one_sentence_and_changes_nothing(paths, broken_store):
    before = paths.store.read_bytes()
    result = invoke_cli("--plain", home=paths.data, stdin="6\n\n\n\n\n")  # 6: export a summary, each default
    assert result.returncode == 2, result
    assert_no_traceback(result)
    assert f"myrole: The store {paths.store} {SENTENCE}" in result.stderr
    assert "zq" not in result.stderr + result.stdout
    assert paths.store.read_bytes() == before


def test_restoring_such_a_backup_names_it_and_changes_nothing(paths, broken_store, tmp_path):
    backup = tmp_path / "hostile-backup.db"
    backup.write_bytes(paths.store.read_bytes())
    paths.store.unlink()
    open_store(paths).close()  # the person's own, healthy store
    before = paths.store.read_bytes()
    result = invoke_cli("restore", str(backup), home=paths.data)
    assert_one_sentence(result, str(backup))
    assert "cannot be restored; your store was not changed" in result.stderr
    assert paths.store.read_bytes() == before


def test_the_app_stops_with_the_sentence_not_a_report_and_status_2(paths, broken_store):
    reflection = broken_store
    app = MyRoleApp(paths=paths, db=open_store(paths), today=TODAY)

    async def read_the_broken_reflection() -> None:
        from myrole.ui.screens.history import ReflectionRecord

        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.push_screen(ReflectionRecord(reflection))
            await pilot.pause()

    before = paths.store.read_bytes()
    with pytest.raises(sqlite3.OperationalError):  # Pilot hands the stopping error on to the test
        asyncio.run(read_the_broken_reflection())
    assert app.return_code == 2
    assert str(app.refusal) == f"The store {paths.store} {SENTENCE}; it has been left exactly as it was."
    assert app._exit_renderables == []  # no crash report: launch prints the sentence as the app ends
    assert paths.store.read_bytes() == before


def test_a_save_that_meets_the_text_says_so_in_one_sentence(paths, tmp_path, prepared_stores):
    # importing its own export runs inside one transaction and reads the stored records it merges with
    prepared_stores(paths, "demo", make_demo)
    export = tmp_path / "me.json"
    assert invoke_cli("export", "--format", "json", "-o", str(export), home=paths.data).returncode == 0
    break_an_answer(paths.store)
    before = paths.store.read_bytes()
    result = invoke_cli("import", str(export), home=paths.data)
    assert_one_sentence(result, str(paths.store))
    assert paths.store.read_bytes() == before


def test_only_a_backup_restore_would_take_is_offered(paths, prepared_stores):
    prepared_stores(paths, "demo", make_demo)
    assert invoke_cli("backup", home=paths.data).returncode == 0  # sound: made before the damage
    [sound] = sorted(paths.backups.glob("*.db"))
    break_an_answer(paths.store)
    broken_copy = paths.backups / "myrole-29991231T000000Z.db"  # newer, and holding the damage
    broken_copy.write_bytes(paths.store.read_bytes())
    result = invoke_cli("export", "--format", "md", home=paths.data)
    assert_one_sentence(result, str(paths.store))
    assert f"`myrole restore {sound}`" in result.stderr
    assert str(broken_copy) not in result.stderr


def test_the_export_screen_says_the_sentence_instead_of_asking_for_a_report(paths, broken_store):
    from textual.widgets import Static

    from myrole.ui.screens.export import ExportScreen

    app = MyRoleApp(paths=paths, db=open_store(paths), today=TODAY)
    shown: list[str] = []

    async def open_the_export_screen() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("e")
            for _ in range(500):  # the store is read in a worker: up to 10 s
                if isinstance(app.screen, ExportScreen) and str(app.screen.query_one("#export-message", Static).content):
                    break
                await asyncio.sleep(0.02)
            shown.append(str(app.screen.query_one("#export-message", Static).content))

    asyncio.run(open_the_export_screen())
    assert shown == [f"The store {paths.store} {SENTENCE}; it has been left exactly as it was."]
