"""Tests the export screen driven by keys as a person would: choose, preview, warn, write (or refuse to)."""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from datetime import date, timedelta

import pytest
from textual.widgets import Input, Select, Static, TextArea

from myrole.demo import seed
from myrole.model import CheckIn, Commitment, Context, Lens, Mode, Profile, Visibility
from myrole.prompts import load_catalogue
from myrole.store.checkins import add_checkin
from myrole.store.commitments import create_commitment
from myrole.store.profile import save_profile
from myrole.store.reflections import finish_reflection, save_answer, start_reflection
from myrole.ui.app import MyRoleApp
from myrole.ui.dialogs.confirm import ConfirmDialog
from myrole.ui.screens.export import AUDIENCES, FORMATS, READING, ExportScreen, Prepared
from myrole.ui.screens.home import HomeScreen
from myrole.ui.widgets.identifiable import IdentifiableWarning

from .pilot import click_quickly, pilot_test, press_quickly, screen_lines, search_palette, type_text

SIZE = (80, 24)
TODAY = date(2027, 3, 15)
CANARY = "CANARY-private-7c41"
NAME = "Jo Example"


@pytest.fixture(autouse=True)
def home_folder(tmp_path, monkeypatch):
    """The person's home folder (the default file name points there): a temporary one."""
    home = tmp_path / "person"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


def fill_store(db) -> None:
    """A store with something at every visibility; every private piece holds the canary."""
    save_profile(db, Profile(name=NAME, role="Physiotherapist", organisation="Example Trust",
                             manager_name="Alex Morgan", onboarded=True))
    old = (date.today() - timedelta(days=30)).isoformat() + "T09:00:00Z"
    shared = create_commitment(db, Commitment(id="", title="Offer an interpreter", lens=Lens.PATIENTS,
                                              mode=Mode.ACTION, visibility=Visibility.MANAGER, created_at=old))
    create_commitment(db, Commitment(id="", title="Look at did-not-attend data", lens=Lens.SERVICES,
                                     mode=Mode.AWARENESS, visibility=Visibility.ALLIANCE, created_at=old))
    create_commitment(db, Commitment(id="", title=f"Private plan {CANARY}", detail=CANARY, lens=Lens.SELF,
                                     mode=Mode.AWARENESS, visibility=Visibility.PRIVATE, created_at=old))
    add_checkin(db, shared, CheckIn(id="", commitment_id=shared.id, at="", on_date=date.today(), progress=1,
                                    note=f"private note {CANARY}", visibility=Visibility.PRIVATE))
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.SELF)
    save_answer(db, reflection.id, pack.prompts[0], f"private answer {CANARY}", Visibility.PRIVATE, 0)
    save_answer(db, reflection.id, pack.prompts[1], "shared answer", Visibility.MANAGER, 1)
    finish_reflection(db, reflection.id)


def export_screen(app) -> ExportScreen:
    assert isinstance(app.screen, ExportScreen)
    return app.screen


async def settled(pilot) -> None:
    """Let the export be prepared (in a thread) and shown."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def preview(app) -> str:
    """The text the preview widget holds for the current format."""
    screen = export_screen(app)
    if screen.fmt == "md":
        return screen.query_one("#preview-md-text", Static).content.markup  # the Markdown it renders
    return screen.query_one("#preview-text", TextArea).text


async def open_export(pilot) -> ExportScreen:
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("e")
    await settled(pilot)
    return export_screen(pilot.app)


@asynccontextmanager
async def export_open(paths, db):
    """The app on a filled store at 80x24, on the export screen: yields the pilot and the screen."""
    fill_store(db)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        yield pilot, await open_export(pilot)


async def choose(pilot, select_id: str, value: str) -> None:
    """Tab to a choice list and pick a value with the arrow keys, as a person would."""
    screen = export_screen(pilot.app)
    select = screen.query_one(f"#{select_id}", Select)
    while pilot.app.focused is not select:
        await pilot.press("tab")
    await pilot.press("enter")
    values = [value for _, value in (FORMATS if select_id == "format" else AUDIENCES)]
    steps = values.index(value) - values.index(select.value)
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
    await settled(pilot)
    assert select.value == value


async def pick(pilot, select_id: str, value: str) -> None:
    """Set a choice list's value at once: for tests about what a choice does, not about making it with keys
    (test_open_from_home_and_the_preview_follows_format_and_audience makes both choices with keys)."""
    select = export_screen(pilot.app).query_one(f"#{select_id}", Select)
    select.value = value
    await settled(pilot)
    assert select.value == value


async def type_path(pilot, path: str) -> None:
    """Type a file name into the Save-to field key by key, as a person would (type_text: each key a real
    key event, in order, with one wait at the end rather than one per key)."""
    field = export_screen(pilot.app).query_one("#path", Input)
    field.focus()
    await pilot.pause()
    field.value = ""
    await type_text(pilot, path)


async def put_path(pilot, path: str) -> None:
    """Put a file name in the Save-to field at once, as a paste does: for tests about what happens to the
    name, not about typing it (a long path typed key by key takes seconds)."""
    export_screen(pilot.app).query_one("#path", Input).value = path
    await pilot.pause()


def message(app) -> str:
    return str(export_screen(app).query_one("#export-message", Static).render())


@pilot_test
async def test_open_from_home_and_the_preview_follows_format_and_audience(paths, db):
    fill_store(db)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        assert "Who sees it: only you" in str(screen.query_one("#audience-words", Static).render())
        assert preview(app).startswith("# My commitment summary")
        assert CANARY in preview(app)  # the person's own summary holds everything

        await choose(pilot, "audience", "manager")
        assert preview(app).startswith("# Commitment summary for my line manager")
        assert "Offer an interpreter" in preview(app) and "shared answer" in preview(app)
        assert "Left out: everything marked private" in str(screen.query_one("#audience-words", Static).render())

        await choose(pilot, "format", "json")
        assert '"audience": "manager"' in preview(app)
        assert screen.query_one("#path", Input).value == f"~/myrole-summary-for-manager-{date.today()}.json"

        await pilot.press("f2")  # the next format, round to the start: Markdown
        await settled(pilot)
        assert preview(app).startswith("# Commitment summary")
        await pilot.press("f2")  # then the printable web page
        await settled(pilot)
        assert preview(app).startswith("<!DOCTYPE html>")

        await pilot.press("f3")  # the next audience: the Alliance
        await settled(pilot)
        assert "Look at did-not-attend data" in preview(app)
        assert "Offer an interpreter" not in preview(app) and NAME not in preview(app)
        assert screen.rendered == preview(app)  # what is written is exactly what is shown

        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


@pilot_test
async def test_keys_are_answered_while_the_store_is_read_and_the_preview_follows_them(paths, db, monkeypatch):
    import threading

    from myrole.store.snapshot import read_contents

    release = threading.Event()

    def slow_read(conn):
        release.wait(timeout=30)  # as a ten-year store keeps the reading thread busy
        return read_contents(conn)

    monkeypatch.setattr("myrole.ui.screens.export.read_contents", slow_read)
    fill_store(db)
    app = MyRoleApp(paths=paths, db=db)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            screen = export_screen(app)
            assert preview(app) == READING
            await pilot.press("f3")  # the next audience, while the store is still being read
            assert screen.query_one("#audience", Select).value == "manager"
            assert "Left out: everything marked private" in str(screen.query_one("#audience-words", Static).render())
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert message(app) == "The summary is still being prepared; write again in a moment."
            release.set()
            await settled(pilot)
            assert preview(app).startswith("# Commitment summary for my line manager")
            assert CANARY not in preview(app) and screen.rendered.startswith(preview(app))
    finally:
        release.set()


@pilot_test
async def test_leaving_the_screen_lets_go_of_what_it_read_and_made(paths, db):
    import gc

    from myrole.store.snapshot import StoreContents

    async with export_open(paths, db) as (pilot, screen):
        await pick(pilot, "format", "html")
        assert screen.rendered
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        gc.collect()
        assert not [o for o in gc.get_objects() if isinstance(o, (StoreContents, Prepared))]
        assert screen.rendered == ""


@pilot_test
async def test_the_command_palette_opens_the_export_screen(paths, db):
    fill_store(db)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await search_palette(pilot, "Export a summary")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, ExportScreen)


@pytest.mark.parametrize("audience", ["manager", "alliance"])
@pilot_test
async def test_a_private_canary_never_reaches_a_shared_preview_or_file(paths, db, tmp_path, audience):
    fill_store(db)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await open_export(pilot)
        await pick(pilot, "audience", audience)
        for fmt in ("md", "html", "json"):
            await pick(pilot, "format", fmt)
            assert CANARY not in preview(app), f"{audience} {fmt} preview"
            target = tmp_path / f"{audience}.{fmt}"
            await put_path(pilot, str(target))
            await pilot.press("ctrl+s")
            await pilot.pause()
            written = target.read_text(encoding="utf-8")
            assert written == preview(app)
            assert CANARY not in written, f"{audience} {fmt} file"
            assert os.stat(target).st_mode & 0o777 == 0o600
            said = {"manager": "line manager's", "alliance": "anonymous alliance"}[audience]
            kind = {"md": "Markdown", "html": "web page", "json": "JSON"}[fmt]
            assert message(app).startswith(f"Wrote the {said} summary ({kind}) to "), message(app)


@pilot_test
async def test_writing_over_an_existing_file_asks_first(paths, db, home_folder):
    fill_store(db)
    existing = home_folder / f"myrole-summary-{date.today()}.md"
    existing.write_text("my earlier summary", encoding="utf-8")
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await open_export(pilot)
        await pilot.press("ctrl+s")  # the suggested file, which already exists
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # keep it
        await pilot.pause()
        assert existing.read_text(encoding="utf-8") == "my earlier summary"
        assert message(app).startswith("Nothing was written")

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.focused.id == "yes"
        await pilot.press("enter")  # replace it
        await pilot.pause()
        assert existing.read_text(encoding="utf-8") == export_screen(app).rendered
        assert CANARY in existing.read_text(encoding="utf-8")  # it was the person's own summary
        assert [p.name for p in home_folder.iterdir()] == [existing.name]  # no temporary file left


@pilot_test
async def test_the_web_page_preview_opens_at_its_body_past_the_styles(paths, db):
    async with export_open(paths, db) as (pilot, screen):
        await pick(pilot, "format", "html")
        await settled(pilot)
        area = screen.query_one("#preview-text", TextArea)
        row = area.cursor_location[0]
        assert area.document.get_line(row) == "<body>" and area.scroll_y > 0
        await pick(pilot, "format", "json")
        await settled(pilot)
        assert area.cursor_location == (0, 0) and area.scroll_y == 0


@pilot_test
async def test_a_typed_file_name_follows_the_format_and_an_old_note_goes(paths, db, tmp_path):
    async with export_open(paths, db) as (pilot, screen):
        await put_path(pilot, str(tmp_path / "for-my-appraisal.md"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert message(pilot.app).startswith("Wrote the personal summary")
        await pick(pilot, "format", "html")
        await settled(pilot)
        assert screen.query_one("#path", Input).value == str(tmp_path / "for-my-appraisal.html")
        assert message(pilot.app) == ""  # the note was about the Markdown file, not this choice
        await put_path(pilot, str(tmp_path / "notes.txt"))
        await pick(pilot, "format", "json")
        assert screen.query_one("#path", Input).value == str(tmp_path / "notes.txt")  # not an export's ending

        await put_path(pilot, str(tmp_path / "Typed-After.MD"))  # written after choosing JSON
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert message(pilot.app) == ("The file name ends in .md, but you chose JSON (.json); "
                                      "change one so that they agree.")
        assert not (tmp_path / "Typed-After.MD").exists()

        await put_path(pilot, str(tmp_path / "for-my-appraisal.json"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert message(pilot.app).startswith("Wrote the personal summary")
        screen.query_one("#since", Input).value = date.today().isoformat()
        await settled(pilot)
        assert message(pilot.app) == ""  # a new since date is a new choice too


@pilot_test
async def test_a_store_that_cannot_be_read_is_said_and_stays_said(paths, db, monkeypatch):
    from myrole.store import StoreError

    def unreadable(_db):
        raise StoreError("The store cannot be read just now.")

    fill_store(db)
    monkeypatch.setattr("myrole.ui.screens.export.read_contents", unreadable)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await open_export(pilot)
        await settled(pilot)
        assert message(app) == "The store cannot be read just now."


@pilot_test
async def test_a_missing_folder_or_a_folder_gets_a_sentence_and_nothing_is_written(paths, db, tmp_path):
    fill_store(db)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await open_export(pilot)
        missing = tmp_path / "no-such-folder" / "summary.md"
        await type_path(pilot, str(missing))  # typed key by key, then enter: the test of typing a name
        await pilot.press("enter")
        await pilot.pause()
        assert message(app) == (f"The folder {missing.parent} does not exist; "
                                "create it first or choose another place.")
        assert not missing.parent.exists()

        folder = tmp_path / "exports"
        folder.mkdir()
        await put_path(pilot, str(folder))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert message(app) == f"{folder} is a folder; give a file name inside it instead."
        assert list(folder.iterdir()) == []

        await put_path(pilot, str(paths.store))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "is your myrole store" in message(app)
        assert isinstance(app.screen, ExportScreen)


@pilot_test
async def test_since_filters_the_preview_and_a_bad_date_is_explained(paths, db, tmp_path):
    async with export_open(paths, db) as (pilot, screen):
        app = pilot.app
        await pick(pilot, "format", "json")
        screen.query_one("#since", Input).focus()
        today = date.today().isoformat()
        await type_text(pilot, today)
        await settled(pilot)
        assert f'"since": "{today}"' in preview(app)
        assert "shared answer" in preview(app)  # answered today

        target = tmp_path / "since.json"
        since = screen.query_one("#since", Input)
        since.value = "2031-01-01"  # after today: the summary would cover nothing, and say so backwards
        await settled(pilot)
        after_today = "The since date is after today; choose today or an earlier date."
        assert str(screen.query_one("#since-hint", Static).render()) == after_today
        await put_path(pilot, str(target))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert message(app) == after_today and not target.exists()

        since.value = "2031-01-0x"
        await settled(pilot)
        assert "not a date yet" in str(screen.query_one("#since-hint", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert message(app) == "Write the since date as 01/04/2026 or 2026-04-01."
        assert not target.exists()

        since.value = "20261101"  # a date to Python (ISO 8601's basic form), not as a person writes one here
        await settled(pilot)
        assert "not a date yet" in str(screen.query_one("#since-hint", Static).render())

        since.value = "2026-11-01"  # put right: the note saying it was wrong goes with it
        await settled(pilot)
        assert message(app) == ""


@pilot_test
async def test_identifiable_data_in_a_shared_export_is_warned_about_not_blocked(paths, db, tmp_path):
    fill_store(db)
    create_commitment(db, Commitment(id="", title="Follow up 943 476 5919", lens=Lens.PATIENTS, mode=Mode.ACTION,
                                     visibility=Visibility.MANAGER))
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot)
        warning = screen.query_one(IdentifiableWarning)
        assert not warning.display  # the person's own summary: nothing to warn about
        await pick(pilot, "audience", "manager")
        assert warning.display
        assert "NHS number '943 476 5919' in a commitment" in str(warning.render())
        target = tmp_path / "manager.md"
        await put_path(pilot, str(target))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "943 476 5919" in target.read_text(encoding="utf-8")  # warned, not blocked




@pilot_test
async def test_hostile_text_in_the_preview_is_shown_as_typed_and_stays_inert(paths, db):
    hostile = "[@click=app.quit]x[/] # not a heading"
    save_profile(db, Profile(name="Sam", onboarded=True))
    create_commitment(db, Commitment(id="", title=hostile, lens=Lens.SELF, mode=Mode.ACTION))
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await open_export(pilot)
        for fmt in ("md", "json", "html"):
            await pick(pilot, "format", fmt)
            if fmt == "md":  # the commitment's heading is below the summary's opening lines
                pilot.app.screen.query_one("#preview-md").focus()
                await press_quickly(pilot, *["down"] * 6)
            if fmt == "json":  # bring the commitment's title into view
                area = pilot.app.screen.query_one("#preview-text", TextArea)
                row = next(n for n, line in enumerate(area.text.splitlines()) if '"title": "[@click' in line)
                area.scroll_to(y=row - 2, animate=False)
                await pilot.pause()
            if fmt != "html":
                assert hostile in screen_lines(app), f"{fmt}: not shown as typed\n{screen_lines(app)}"
            await click_quickly(pilot, [(10, y) for y in range(7, 21)])
            assert not app._exit and app.return_code is None, f"{fmt}: an action ran"


def keys(*presses: str):
    """A run_before hook: press keys, let the preview settle, switch off cursor blink."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press(*presses)
        await settled(pilot)
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.pause()

    return run_before


def test_export_screen_snapshot(snap_compare, db, paths):
    seed(db, today=TODAY)
    app = MyRoleApp(paths=paths, db=db, today=TODAY)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("e", "f3"))


def test_a_very_long_export_is_previewed_in_part_in_whole_lines():
    from myrole.ui.screens.export import shortened

    text = "".join(f"line {n}\n" for n in range(1000))
    shown, note = shortened(text, limit=100)
    assert text.startswith(shown) and shown.endswith("\n") and len(shown) <= 100
    assert note == f"the first {shown.count(chr(10))} of 1,000 lines; all of it is written"
    assert shortened("short\n") == ("short\n", "")


def test_a_preview_of_many_short_lines_stops_at_its_line_limit():
    from myrole.ui.screens.export import shortened

    text = "a\n" * 5_000
    shown, note = shortened(text, limit=40_000, lines=1_000)
    assert shown == "a\n" * 1_000
    assert note == "the first 1,000 of 5,000 lines; all of it is written"


def test_a_first_line_longer_than_the_preview_is_cut_inside_it_and_counted_in_characters():
    from myrole.ui.screens.export import shortened

    text = "x" * 500 + "\nthe rest"
    shown, note = shortened(text, limit=100)
    assert shown == "x" * 100
    assert note == "the first 100 of 509 characters; all of it is written"
    assert shortened("a\nb\nc", limit=100, lines=2) == ("a\nb\n", "the first 2 of 3 lines; all of it is written")
