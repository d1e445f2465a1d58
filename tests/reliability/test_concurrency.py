"""Two windows, or the app and the command line, writing at once: no "database is locked" crash, no lost update.

Answers: the same answer saved from two windows is last-save-wins, whole (docs/reliability.md).
Commitments and check-ins are versioned: the later save is told the item changed.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import date

import pytest
from textual.widgets import Input, Static

from myrole.model import CheckIn, Commitment, Context, Lens, Mode, Profile, Prompt, Visibility
from myrole.prompts import load_catalogue
from myrole.store import StaleEditError, StoreWriteError, open_store, write
from myrole.store.checkins import add_checkin
from myrole.store.commitments import create_commitment, get_commitment, update_commitment
from myrole.store.profile import save_profile
from myrole.store.reflections import get_answers, save_answer, start_reflection
from .helpers import REPO, invoke_cli, run_cli

CORE = load_catalogue().get("core")
WRITES = 120

WRITER = """
import sys
from myrole.model import Lens, Mode, Prompt, Visibility
from myrole.paths import resolve
from myrole.store import open_store
from myrole.store.reflections import save_answer
home, reflection_id, name, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
db = open_store(resolve(home))
for n in range(count):
    prompt = Prompt(f"{name}-{n}", Lens.SELF, Mode.ACTION, "prompt", "")
    save_answer(db, reflection_id, prompt, f"{name} answer {n}", Visibility.PRIVATE, n)
db.close()
"""


def prompt(name: str) -> Prompt:
    return Prompt(name, Lens.SELF, Mode.ACTION, "What did you notice?", "")


def test_two_processes_saving_at_once_never_hit_database_is_locked(paths, db):
    reflection = start_reflection(db, CORE, Context.SELF)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(paths.data), reflection.id, name, str(WRITES)],
                                cwd=REPO, env=env, stderr=subprocess.PIPE, text=True) for name in ("left", "right")]
    for writer in writers:
        _, stderr = writer.communicate(timeout=120)
        assert writer.returncode == 0, stderr
        assert "locked" not in stderr
    texts = {a.text for a in get_answers(db, reflection.id)}
    assert texts == {f"{name} answer {n}" for name in ("left", "right") for n in range(WRITES)}


def test_a_save_that_waits_too_long_is_a_sentence_not_a_crash(paths, db):
    reflection = start_reflection(db, CORE, Context.SELF)
    other = open_store(paths)
    other.execute("PRAGMA busy_timeout = 50")  # a short wait keeps the test quick
    try:
        with write(db):  # this window holds the write lock...
            with pytest.raises(StoreWriteError) as refused:
                save_answer(other, reflection.id, prompt("p1"), "from the other window", Visibility.PRIVATE)
        assert str(refused.value) == ("Another myrole window is saving at the moment; "
                                      "nothing was saved, please try again.")
        save_answer(other, reflection.id, prompt("p1"), "from the other window", Visibility.PRIVATE)
    finally:
        other.close()
    assert [a.text for a in get_answers(db, reflection.id)] == ["from the other window"]


def test_the_command_line_waits_for_the_app_instead_of_failing(paths, db, tmp_path):
    """`myrole import` while another connection holds the write lock for a moment: it waits, then merges."""
    create_commitment(db, Commitment(id="", title="from the export", lens=Lens.SELF, mode=Mode.ACTION))
    exported = tmp_path / "me.json"
    result = invoke_cli("export", "--format", "json", "--audience", "me", "-o", str(exported), home=paths.data)
    assert result.returncode == 0, result.stderr
    with write(db):
        db.execute("UPDATE profile SET name = name")  # hold the lock while the import starts
        importer = threading.Thread(target=lambda: results.append(
            run_cli("import", str(exported), home=paths.data)))
        results: list = []
        importer.start()
        importer.join(timeout=2.5)  # the import reaches the lock and waits (busy_timeout is 5 s)
    importer.join(timeout=60)
    assert results and results[0].returncode == 0, results[0].stderr if results else "no result"
    assert "locked" not in results[0].stderr.lower()


def test_the_later_commitment_save_is_told_the_item_changed(paths, db):
    mine = create_commitment(db, Commitment(id="", title="Learn Urdu greetings", lens=Lens.SELF, mode=Mode.ACTION))
    other = open_store(paths)
    try:
        theirs = get_commitment(other, mine.id)
        update_commitment(other, replace(theirs, title="Learn Urdu and Polish greetings"))
        with pytest.raises(StaleEditError):
            update_commitment(db, replace(mine, title="Learn greetings"))
        with pytest.raises(StaleEditError):
            add_checkin(db, mine, CheckIn(id="", commitment_id=mine.id, at="", on_date=date.today(), progress=1))
    finally:
        other.close()
    stored = get_commitment(db, mine.id)
    assert stored.title == "Learn Urdu and Polish greetings" and stored.version == 2
    assert db.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0, "the refused check-in left nothing"


def test_the_same_answer_from_two_windows_is_last_save_wins_and_whole(paths, db):
    reflection = start_reflection(db, CORE, Context.SELF)
    other = open_store(paths)
    try:
        save_answer(db, reflection.id, prompt("p1"), "typed in the first window", Visibility.PRIVATE)
        save_answer(other, reflection.id, prompt("p1"), "typed in the second window", Visibility.MANAGER)
    finally:
        other.close()
    [answer] = get_answers(db, reflection.id)
    assert (answer.text, answer.visibility) == ("typed in the second window", Visibility.MANAGER)


def test_the_app_tells_you_when_a_commitment_changed_elsewhere_and_keeps_your_edit(paths, db):
    save_profile(db, Profile(name="Sam", onboarded=True))
    mine = create_commitment(db, Commitment(id="", title="Learn Urdu greetings", lens=Lens.SELF, mode=Mode.ACTION))
    asyncio.run(_edit_while_changed_elsewhere(paths, db, mine))


async def _edit_while_changed_elsewhere(paths, db, mine) -> None:
    from myrole.ui.app import MyRoleApp
    from myrole.ui.dialogs.commitment import CommitmentEditor

    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(CommitmentEditor(mine))
        await pilot.pause()
        editor = app.screen
        other = open_store(paths)  # another window, or the command line
        try:
            update_commitment(other, replace(get_commitment(other, mine.id), title="Changed elsewhere"))
        finally:
            other.close()
        editor.query_one("#title", Input).value = "My edit"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor, "the editor stays open"
        assert "changed somewhere else" in editor.query_one("#error", Static).visual.plain
        assert editor.query_one("#title", Input).value == "My edit", "the edit is still there"
    db = open_store(paths)
    try:
        assert get_commitment(db, mine.id).title == "Changed elsewhere"
    finally:
        db.close()
