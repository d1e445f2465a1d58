"""Errors and logs never include what a person wrote: a planted canary never shows in any error output."""

from __future__ import annotations

import asyncio
import json

import pytest

from myrole.model import Commitment, Context, Lens, Mode, Profile, Visibility
from myrole.prompts import load_catalogue
from myrole.store.commitments import create_commitment
from myrole.store.profile import save_profile
from myrole.store.reflections import save_answer, start_reflection
from .helpers import assert_no_traceback, folder_bytes, invoke_cli, run_cli

CANARY = "CANARY-5c1e private note about Mrs Example"
CORE = load_catalogue().get("core")


def store_with_canary(db) -> None:
    save_profile(db, Profile(name=CANARY, manager_name=CANARY, onboarded=True))
    reflection = start_reflection(db, CORE, Context.EVENT, CANARY)
    save_answer(db, reflection.id, CORE.prompts[0], CANARY, Visibility.PRIVATE)
    create_commitment(db, Commitment(id="", title=CANARY, detail=CANARY, lens=Lens.SELF, mode=Mode.ACTION))


def bad_imports(tmp_path, exported: str) -> dict:
    data = json.loads(exported)
    wrong_type = json.loads(exported)
    for c in wrong_type.get("commitments", []):
        c["cadence"] = {"not": CANARY}
    files = {
        "cut short": exported[: len(exported) // 2],
        "not json": f"{CANARY} is not JSON",
        "wrong type": json.dumps(wrong_type),
        "unknown field": json.dumps({**data, CANARY: CANARY}),
    }
    paths = {}
    for name, text in files.items():
        path = tmp_path / f"{name.replace(' ', '-')}.json"
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


def test_failed_imports_never_quote_the_file(db, paths, tmp_path):
    store_with_canary(db)
    db.close()
    exported = run_cli("export", "--format", "json", home=paths.data)
    assert exported.returncode == 0 and CANARY in exported.stdout
    for number, (name, path) in enumerate(bad_imports(tmp_path, exported.stdout).items()):
        before = folder_bytes(paths.data)
        run = run_cli if number == 0 else invoke_cli  # one real process, then the same entry point in this one
        result = run("import", str(path), home=paths.data)
        assert_no_traceback(result)
        assert result.returncode == 2, (name, result.stdout, result.stderr)
        assert CANARY not in result.stderr + result.stdout, name
        assert folder_bytes(paths.data) == before, f"{name}: the import changed the store"


def test_a_damaged_store_holding_the_canary_is_refused_without_quoting_it(db, paths):
    store_with_canary(db)
    db.close()
    data = paths.store.read_bytes()
    paths.store.write_bytes(data[: len(data) - 4096])
    for command in ([], ["export"], ["due"], ["calendar"]):
        result = run_cli(*command, home=paths.data)
        assert_no_traceback(result)
        assert CANARY not in result.stderr, command


def test_an_app_crash_report_shows_the_stack_but_never_what_was_typed(db, paths, monkeypatch, capsys):
    """A bug while saving: Textual would print local variables (the answer) and the message; myrole prints neither."""
    from myrole.ui.screens import reflection as stepper_module

    def broken_save(*args, **kwargs):
        text = args[3]
        raise KeyError(f"bug while saving {text}")

    monkeypatch.setattr(stepper_module, "save_answer", broken_save)
    save_profile(db, Profile(name="Sam", onboarded=True))
    start_reflection(db, CORE, Context.SELF)
    asyncio.run(_crash(paths, db))
    report = capsys.readouterr().err  # Textual prints the report to stderr as the app exits
    assert "KeyError" in report and "broken_save" in report, "the report still helps find the bug"
    assert "5c1e private note" not in report and "typed-canary" not in report


async def _crash(paths, db) -> None:
    from myrole.ui.app import MyRoleApp

    app = MyRoleApp(paths=paths, db=db)
    with pytest.raises(KeyError):  # noqa: PT012 - the crash comes from the keys pressed inside the run
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press(*"typed-canary")
            app.screen.query_one("#answer").insert(CANARY)
            await pilot.press("ctrl+n")
            await pilot.pause()
    assert app.return_code == 1


def test_myrole_keeps_no_log_files(db, paths, tmp_path):
    store_with_canary(db)
    db.close()
    for command in (["due"], ["export"], ["calendar"], ["backup"], ["where"]):
        run_cli(*command, home=paths.data)
    names = [p.name for p in paths.data.rglob("*") if p.is_file()]
    assert not [n for n in names if n.endswith((".log", ".txt"))], names
