"""A full disk and a read-only folder: a clear message, the draft kept, nothing corrupted, retry works."""

from __future__ import annotations

import asyncio
import json
import os
from contextlib import asynccontextmanager

import pytest
from textual.widgets import Static, TextArea

from myrole.model import Context, Lens, Mode, Profile, Prompt, Visibility
from myrole.paths import resolve
from myrole.prompts import load_catalogue
from myrole.store import StoreWriteError, open_store
from myrole.store.profile import save_profile
from myrole.store.reflections import get_answers, save_answer, start_reflection
from .disks import fill, read_only_view, small_disk
from .helpers import assert_no_traceback, folder_bytes, invoke_cli, run_cli
from .stores import used_store

CORE = load_catalogue().get("core")
PROMPT = Prompt("disk-test", Lens.SELF, Mode.AWARENESS, "What did you notice?", "")


def integrity(db) -> str:
    return db.execute("PRAGMA integrity_check").fetchone()[0]


def test_a_full_disk_refuses_the_save_whole_and_a_retry_works(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        paths = resolve(disk / "home")
        db = open_store(paths)
        reflection = start_reflection(db, CORE, Context.SELF)
        save_answer(db, reflection.id, PROMPT, "first version", Visibility.PRIVATE)
        filler = fill(disk)
        with pytest.raises(StoreWriteError) as refused:
            save_answer(db, reflection.id, PROMPT, "second version " * 2000, Visibility.PRIVATE)
        assert str(refused.value) == "The disk is full, so nothing was saved; free some space and try again."
        assert [a.text for a in get_answers(db, reflection.id)] == ["first version"]
        assert integrity(db) == "ok"
        filler.unlink()
        save_answer(db, reflection.id, PROMPT, "second version " * 2000, Visibility.PRIVATE)
        db.close()
        db = open_store(paths)
        assert [a.text for a in get_answers(db, reflection.id)] == ["second version " * 2000]
        assert integrity(db) == "ok"
        db.close()


def test_the_stepper_keeps_the_draft_on_screen_when_the_disk_is_full(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        paths = resolve(disk / "home")
        db = open_store(paths)
        save_profile(db, Profile(name="Sam", onboarded=True))
        reflection = start_reflection(db, CORE, Context.SELF)
        asyncio.run(_type_on_a_full_disk(paths, db, disk))
        db = open_store(paths)
        try:
            assert [a.text for a in get_answers(db, reflection.id)] == ["kept draft"]
            assert integrity(db) == "ok"
        finally:
            db.close()


async def _type_on_a_full_disk(paths, db, disk) -> None:
    from myrole.ui.app import MyRoleApp
    from myrole.ui.screens.reflection import ReflectionScreen

    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # resume the unfinished reflection
        await pilot.pause()
        stepper = app.screen
        assert isinstance(stepper, ReflectionScreen)
        filler = fill(disk)
        await pilot.press(*"kept draft")
        await pilot.press("ctrl+n")  # moving on saves at once
        await pilot.pause()
        status = stepper.query_one("#save-status", Static).visual.plain
        assert status == "Not saved: The disk is full, so nothing was saved; free some space and try again."
        assert stepper.query_one("#answer", TextArea).text == "kept draft"
        assert stepper.index == 0, "a failed save does not move on"
        filler.unlink()
        await pilot.press("ctrl+n")  # the retry, once there is room
        await pilot.pause()
        assert stepper.index == 1
        await pilot.press("ctrl+q")


def test_a_new_store_on_a_full_disk_is_a_sentence_not_a_traceback(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        (disk / "home").mkdir()
        fill(disk)
        result = run_cli("calendar", home=disk / "home")
        assert_no_traceback(result)
        assert result.returncode == 2
        assert result.stderr.startswith("myrole: ") and len(result.stderr.strip().splitlines()) == 1
        assert not (disk / "home" / "myrole.db").exists(), "no half-made store is left"


def test_a_used_store_on_a_full_disk_still_opens_or_says_why(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        used_store(disk / "home")
        before = folder_bytes(disk / "home")
        filler = fill(disk)
        result = run_cli("calendar", home=disk / "home")
        assert_no_traceback(result)
        assert result.returncode in (0, 2)
        if result.returncode == 2:
            assert result.stderr.startswith("myrole: ") and len(result.stderr.strip().splitlines()) == 1
            assert "the disk is full" in result.stderr
        # SQLite may have begun its (empty) side files before finding no room; the store is untouched.
        assert folder_bytes(disk / "home")["myrole.db"] == before["myrole.db"]
        filler.unlink()
        db = open_store(resolve(disk / "home"))
        assert integrity(db) == "ok"
        db.close()


def test_a_read_only_folder_is_refused_clearly_and_due_still_works(tmp_path):
    used_store(tmp_path / "home")
    before = folder_bytes(tmp_path / "home")
    with read_only_view(tmp_path / "home", tmp_path / "read-only") as view:
        for command in ([], ["calendar"], ["backup"]):
            result = run_cli(*command, home=view)
            assert_no_traceback(result)
            assert result.returncode == 2
            assert result.stderr.strip() == (
                f"myrole: The folder {view} is read-only, so myrole cannot keep your store there; "
                "nothing was changed.")
        due = run_cli("due", home=view)
        assert due.returncode == 0 and due.stdout.startswith("Check in: "), due.stderr
    assert folder_bytes(tmp_path / "home") == before


class ReadOnlyNow:
    """The app's connection as it behaves once its folder has turned read-only: reads work, writes fail.

    Linux will not remount a file system read-only while a file on it is open for writing,
    so this one case is simulated at the connection, with the error SQLite gives.
    """

    def __init__(self, conn) -> None:
        self._conn = conn

    def execute(self, sql, *args):
        import sqlite3

        if sql.lstrip().upper().startswith("BEGIN"):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def answers_on_disk(paths, reflection_id: str) -> list[str]:
    """The reflection's answers as the store on disk holds them, once the app has closed it."""
    db = open_store(paths)
    try:
        return [a.text for a in get_answers(db, reflection_id)]
    finally:
        db.close()


@asynccontextmanager
async def reflecting_on_a_store_turned_read_only(paths, db):
    """The app on db (Sam's, with an unfinished reflection), the reflection carried on, then its folder turned
    read-only: yields the pilot, the stepper and the real connection (put it back as app.conn to write again)."""
    from myrole.ui.app import MyRoleApp
    from myrole.ui.screens.reflection import ReflectionScreen

    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # carry on with the unfinished reflection
        await pilot.pause()
        stepper = app.screen
        assert isinstance(stepper, ReflectionScreen)
        real = app.conn
        app.conn = ReadOnlyNow(real)
        yield pilot, stepper, real


def sams_unfinished_reflection(db) -> str:
    save_profile(db, Profile(name="Sam", onboarded=True))
    return start_reflection(db, CORE, Context.SELF).id


def test_the_stepper_keeps_the_draft_when_the_folder_turns_read_only(paths, db):
    reflection_id = sams_unfinished_reflection(db)
    asyncio.run(_type_when_read_only(paths, db))
    assert answers_on_disk(paths, reflection_id) == ["kept draft"]


async def _type_when_read_only(paths, db) -> None:
    async with reflecting_on_a_store_turned_read_only(paths, db) as (pilot, stepper, real):
        await pilot.press(*"kept draft", "ctrl+n")
        await pilot.pause()
        status = stepper.query_one("#save-status", Static).visual.plain
        assert status == "Not saved: The store's folder is read-only, so nothing was saved."
        assert stepper.query_one("#answer", TextArea).text == "kept draft" and stepper.index == 0
        pilot.app.conn = real  # writable again
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert stepper.index == 1
        await pilot.press("ctrl+q")


OPENING_COMMANDS = (("export",), ("calendar",), ("backup", "BACKUP"), ("import", "EXPORT"))


@pytest.mark.parametrize("command", OPENING_COMMANDS, ids=lambda c: c[0])
def test_an_open_that_fails_on_a_full_disk_leaves_no_side_files_and_never_says_damaged(tmp_path, command):
    """The tester's steps: a sound store on a full disk; each command says so and leaves the folder as it was,
    and a second try (with leftover side files from an older myrole) still blames the disk, not the store."""
    source = tmp_path / "source"
    used_store(source)
    export = tmp_path / "export.json"
    assert invoke_cli("export", "--format", "json", "-o", str(export), home=source).returncode == 0  # setting up
    with small_disk(tmp_path / "disk", size="2m") as disk:
        home = disk / "home"
        home.mkdir()
        (home / "myrole.db").write_bytes(resolve(source).store.read_bytes())
        filler = fill(disk)
        before = folder_bytes(home)
        args = [{"BACKUP": str(tmp_path / "b.db"), "EXPORT": str(export)}.get(a, a) for a in command]
        for attempt in ("clean", "with leftovers"):
            if attempt == "with leftovers":  # what an older myrole's failed open left: no committed frames
                filler.unlink()
                (home / "myrole.db-wal").touch()
                (home / "myrole.db-shm").write_bytes(b"\0\0\0")
                filler = fill(disk)
                before = folder_bytes(home)
            result = run_cli(*args, home=home)
            assert result.returncode == 2, result.stderr
            assert_no_traceback(result)
            assert "disk is full" in result.stderr and "damaged" not in result.stderr, result.stderr
            assert len(result.stderr.strip().splitlines()) == 1
            after = folder_bytes(home)
            if attempt == "with leftovers":  # SQLite may size the -shm it found (an index, no data) for its use
                after.pop("myrole.db-shm"), before.pop("myrole.db-shm")
            assert after == before, "nothing created beside the store, the store and its -wal unchanged"
        filler.unlink()
        assert run_cli(*args, home=home).returncode == 0, "with room again the same command works"


@pytest.mark.parametrize("where", ["a file named", "the backups folder"])
def test_a_backup_that_does_not_fit_says_the_disk_is_full_and_leaves_nothing(tmp_path, where):
    """The second tester's steps: room to open the store, not to copy it."""
    source = tmp_path / "source"
    used_store(source)
    with small_disk(tmp_path / "disk", size="2m") as disk:
        home = disk / "home"
        home.mkdir()
        store = home / "myrole.db"
        store.write_bytes(resolve(source).store.read_bytes())
        assert run_cli("where", home=home).returncode == 0
        filler = fill(disk)
        os.truncate(filler, filler.stat().st_size - store.stat().st_size // 2)  # half a copy's room
        before = folder_bytes(home)
        args = ["backup", str(home / "b.db")] if where == "a file named" else ["backup"]
        result = run_cli(*args, home=home)
        assert result.returncode == 2, result.stderr
        assert_no_traceback(result)
        assert len(result.stderr.strip().splitlines()) == 1
        assert "the disk is full or cannot be written to" in result.stderr, result.stderr
        assert "database" not in result.stderr and "I/O" not in result.stderr  # SQLite's words, not ours
        assert folder_bytes(home) == before, "no part-made copy, side file or empty backups folder is left"


def test_due_reads_a_store_beside_an_empty_journal_on_a_full_disk(tmp_path):
    """What an older myrole's failed open left (an empty -wal, a cut-short -shm) holds no changes: due reads on."""
    source = tmp_path / "source"
    used_store(source)
    expected = run_cli("due", home=source)
    assert expected.returncode == 0 and expected.stdout  # the used store has something due
    with small_disk(tmp_path / "disk", size="2m") as disk:
        home = disk / "home"
        home.mkdir()
        (home / "myrole.db").write_bytes(resolve(source).store.read_bytes())
        (home / "myrole.db-wal").touch()
        (home / "myrole.db-shm").write_bytes(b"\0\0\0")
        fill(disk)
        before = folder_bytes(home)
        result = run_cli("due", home=home)
        assert (result.returncode, result.stdout, result.stderr) == (0, expected.stdout, "")
        assert folder_bytes(home) == before  # due writes nothing


def test_leaving_or_quitting_while_a_save_fails_keeps_the_words_until_the_person_says_lose_them(paths, db):
    """A save that fails (here: the folder turned read-only) never lets the words go quietly: leaving the
    reflection keeps it open, ctrl+q asks (Stay is the answer Enter gives), and once saving works the
    quit saves them; only "Quit and lose it" leaves without them."""
    reflection_id = sams_unfinished_reflection(db)
    asyncio.run(_leave_and_quit_while_read_only(paths, db))
    assert answers_on_disk(paths, reflection_id) == ["words typed"]


async def _leave_and_quit_while_read_only(paths, db) -> None:
    from myrole.ui.dialogs.confirm import ConfirmDialog

    async with reflecting_on_a_store_turned_read_only(paths, db) as (pilot, stepper, real):
        app = pilot.app
        await pilot.press(*"words typed")
        await pilot.press("escape")  # leave the reflection: it stays open, the words on screen
        await pilot.pause()
        assert app.screen is stepper
        assert stepper.query_one("#answer", TextArea).text == "words typed"
        assert any("the reflection stays open: The store's folder is read-only" in str(n.message)
                   for n in app._notifications)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.is_running
        assert "could not be saved: The store's folder is read-only" in app.screen.question
        await pilot.press("enter")  # the focused answer is Stay
        await pilot.pause()
        assert app.screen is stepper and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("escape")  # escape stays too
        await pilot.pause()
        assert app.screen is stepper and app.is_running
        app.conn = real  # writable again: quitting saves, and asks nothing
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


def test_quit_and_lose_it_is_the_only_way_out_that_drops_unsaved_words(paths, db):
    reflection_id = sams_unfinished_reflection(db)

    async def scenario() -> None:
        async with reflecting_on_a_store_turned_read_only(paths, db) as (pilot, _stepper, _real):
            await pilot.press(*"let go", "ctrl+q")
            await pilot.pause()
            await pilot.press("left", "enter")  # from Stay to "Quit and lose it"
            await pilot.pause()
        assert not pilot.app.is_running

    asyncio.run(scenario())
    assert answers_on_disk(paths, reflection_id) == []


def test_a_form_whose_draft_cannot_be_kept_stays_open_with_the_words(paths, db):
    """Escape in a form, then "Keep as a draft", when the draft cannot be written: the form stays open."""
    save_profile(db, Profile(name="Sam", onboarded=True))

    async def scenario() -> None:
        from myrole.ui.app import MyRoleApp
        from myrole.ui.dialogs.commitment import CommitmentEditor

        app = MyRoleApp(paths=paths, db=db)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("n")  # a new commitment
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, CommitmentEditor)
            real = app.conn
            app.conn = ReadOnlyNow(real)
            await pilot.press(*"A title worth keeping")
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("enter")  # "Keep as a draft"
            await pilot.pause()
            assert app.screen is editor
            assert any("the form stays open: The store's folder is read-only" in str(n.message)
                       for n in app._notifications)
            app.conn = real
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("enter")  # "Keep as a draft", now it can be
            await pilot.pause()
            assert app.screen is not editor
            await pilot.press("ctrl+q")

    asyncio.run(scenario())
    db = open_store(paths)
    try:
        assert [fields.get("title") for fields in
                (json.loads(row[0]) for row in db.execute("SELECT fields FROM drafts WHERE form = 'commitment'"))
                ] == ["A title worth keeping"]
    finally:
        db.close()
