"""Tests the collation screen as an organiser uses it: from the palette, a folder typed, the report shown."""

from __future__ import annotations

import json

import pytest

from textual.widgets import Static

from myrole.collate.sample import commitment, export
from myrole.model import Profile
from myrole.store.profile import save_profile
from myrole.ui.app import MyRoleApp
from myrole.ui.screens.collation import NOT_IN_REPORT, CollationScreen
from myrole.ui.screens.home import HomeScreen

from .pilot import pilot_test, search_palette, type_text, until

SIZE = (100, 30)


def alliance_files(folder, people: int, **fields) -> None:
    folder.mkdir(exist_ok=True)
    for number in range(people):
        data = export([commitment(**fields)])
        (folder / f"p{number}.json").write_text(json.dumps(data), encoding="utf-8")


def shown(app) -> str:
    return str(app.screen.query_one("#collation-report", Static).render())


def left_out(app) -> str:
    """The part below the report that names the files left out (for the organiser), as single-spaced words."""
    part = app.screen.query_one("#collation-left-out", Static)
    return " ".join(str(part.render()).split()) if part.display else ""


def read_as_words(app) -> str:
    """The report's text with its line breaks and indents as single spaces (it wraps to the terminal)."""
    return " ".join(shown(app).split())


async def open_collation(pilot) -> None:
    """Open the collation screen from the command palette, its name typed in the palette's search."""
    await pilot.pause()
    await pilot.press("ctrl+p")
    await search_palette(pilot, "Collate alliance")
    await pilot.press("enter")
    await pilot.pause()


async def collation_screen(pilot) -> None:
    """Open the collation screen as the palette's entry does, without the palette: for tests about the screen
    (test_the_palette_opens_the_collation_screen_and_it_shows_the_report opens it from the palette)."""
    from myrole.ui.screens.collation import CollationScreen

    await pilot.pause()
    pilot.app.push_screen(CollationScreen())
    await pilot.pause()


async def read_folder(pilot, folder) -> None:
    """Type the folder's name in the folder box and press Enter (typing is not what these tests are about)."""
    await type_text(pilot, str(folder))
    await pilot.press("enter")
    await pilot.pause()


@pilot_test
async def test_the_palette_opens_the_collation_screen_and_it_shows_the_report(paths, db, tmp_path):
    save_profile(db, Profile("Sam", onboarded=True))
    folder = tmp_path / "files"
    alliance_files(folder, 6, lens="self", mode="action", title="Lend tablets", topic="Digital exclusion")
    (folder / "extra.json").write_text(json.dumps(export([commitment(lens="future", mode="advocacy")])),
                                       encoding="utf-8")
    (folder / "broken.json").write_text("{ not json", encoding="utf-8")
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await open_collation(pilot)
        assert isinstance(app.screen, CollationScreen)
        await read_folder(pilot, folder)
        report = shown(app)
        assert report.startswith("Your organisation's inequalities group: What people committed to\n")
        assert "7 people and 7 commitments" in report
        grid = report.splitlines()
        self_row = next(line for line in grid if line.startswith(" Self "))
        future_row = next(line for line in grid if line.startswith(" Future "))
        assert future_row.split() == ["Future", "0", "0", "hidden", "hidden"]  # one person: hidden, in words
        # 7 = 6 + 1: with the 1 hidden, the 6 would give it away from the total, so it is hidden as well.
        assert self_row.split() == ["Self", "0", "hidden", "0", "hidden"]
        # Skipped: counted and its reason given in the report, named only in the part marked as not part of it.
        assert "broken.json" not in report
        assert "A file is not a JSON file, so it is not a myrole export." in read_as_words(app)
        assert left_out(app) == (f"{NOT_IN_REPORT} \u2022 {folder}/broken.json is not a JSON file, so it is not a "
                                 "myrole export.")
        assert "Lend tablets" not in report  # its topic's count is hidden (for the one other person): titles too
        # The app has no --threshold: it says how to use another one.
        assert "run myrole collate FOLDER --threshold N on the command line" in read_as_words(app)
        assert "change it with --threshold" not in read_as_words(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


@pilot_test
async def test_a_personal_export_in_the_folder_is_refused_in_words(paths, db, tmp_path):
    save_profile(db, Profile("Sam", onboarded=True))
    folder = tmp_path / "files"
    alliance_files(folder, 5)
    (folder / "jo.json").write_text(json.dumps({**export([]), "audience": "me"}), encoding="utf-8")
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await collation_screen(pilot)
        await read_folder(pilot, folder)
        assert "jo.json is a personal export; it holds private text, so collate will not read it." in read_as_words(app)


@pilot_test
async def test_the_report_is_titled_with_the_collectives_name_from_the_settings(paths, db, tmp_path):
    from myrole.settings import change_settings

    save_profile(db, Profile("Sam", onboarded=True))
    change_settings(paths.config, collective_name="Reducing [b]Inequalities[/b] Alliance")
    alliance_files(tmp_path / "files", 5)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await collation_screen(pilot)
        await read_folder(pilot, tmp_path / "files")
        title = shown(app).splitlines()[0]
        assert title == "Reducing [b]Inequalities[/b] Alliance: What people committed to"  # as typed, no markup
        assert "shared with Reducing [b]Inequalities[/b] Alliance" in read_as_words(app)


LONG_TOPIC = ("Working with voluntary, community and faith groups across Bradford, Airedale, Wharfedale and Craven "
              "to reach people who never come to us")
LONG_TITLE = ("Meet the mosque and gurdwara committees each quarter and ask what would make our clinics easier to "
              "reach for older women who do not read English")


def report_with_long_text(folder):
    alliance_files(folder, 6, topic=LONG_TOPIC, title=LONG_TITLE, tags=["partnership"])
    from myrole.collate import collate

    return collate([folder])


@pytest.mark.parametrize("width", [53, 56, 76, 96, 140])
def test_report_lines_fit_the_width_and_cut_nothing(tmp_path, width):
    from myrole.ui.screens.collation import report_lines

    lines = report_lines(report_with_long_text(tmp_path / "files"), width)
    assert max(len(line) for line in lines) <= width
    words = " ".join(" ".join(lines).split())  # the wrapped text read back as one run of words
    assert LONG_TOPIC in words and LONG_TITLE in words
    assert "…" not in "".join(lines)


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
@pilot_test
async def test_the_report_fits_small_terminals_and_its_keys_move_through_it(paths, db, tmp_path, size):
    save_profile(db, Profile("Sam", onboarded=True))
    report_with_long_text(tmp_path / "files")
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=size) as pilot:
        await collation_screen(pilot)
        assert app.focused.id == "collation-folder"  # first, the folder to read
        await read_folder(pilot, tmp_path / "files")
        body = app.screen.query_one("#collation-body")
        assert app.focused is body  # then the report, ready to scroll
        text = shown(app)
        assert max(len(line) for line in text.splitlines()) <= size[0] - 4  # laid out for the width: no wrap
        assert LONG_TITLE in " ".join(" ".join(text.splitlines()).split())
        assert body.max_scroll_y > 0
        await pilot.press("end")
        await until(pilot, lambda: body.scroll_y == body.max_scroll_y)
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home")
        await until(pilot, lambda: body.scroll_y == 0)
        assert body.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.wait_for_scheduled_animations()
        assert body.scroll_y > 0
        below = body.scroll_y
        await pilot.press("shift+tab")  # back to the folder box: Page Up still scrolls the report
        assert app.focused.id == "collation-folder"
        await pilot.press("pageup")
        await pilot.wait_for_scheduled_animations()
        assert body.scroll_y < below
        body.focus()
        await pilot.press("/", "t")  # typing in the report starts another folder in the box: no key is lost
        folder = app.screen.query_one("#collation-folder")
        assert app.focused is folder and folder.value == "/t"


@pilot_test
async def test_a_skipped_file_whose_name_is_not_utf8_is_named_inertly_apart_from_the_report(paths, db, tmp_path):
    import os

    save_profile(db, Profile("Sam", onboarded=True))
    folder = tmp_path / "files"
    alliance_files(folder, 5)
    (folder / os.fsdecode(b"Jo Bloggs\xff\x1b[31m.json")).write_bytes(b"\xff\xfe")
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await collation_screen(pilot)
        await read_folder(pilot, folder)
        assert "Bloggs" not in shown(app) and "5 people and 5 commitments" in read_as_words(app)
        assert "Jo Bloggs\\xff\\x1b[31m.json is not UTF-8 text, so it is not a myrole export." in left_out(app)
        # Another folder, with nothing left out: the part naming files goes.
        await pilot.press("x")  # typing in the report starts another folder in the box
        field = app.screen.query_one("#collation-folder")
        field.value = ""
        alliance_files(tmp_path / "fine", 5)
        await read_folder(pilot, tmp_path / "fine")
        assert left_out(app) == "" and "5 people" in read_as_words(app)
