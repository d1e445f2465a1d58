"""Tests the collation screen as an organiser uses it: from the palette, a folder typed, the report shown."""

from __future__ import annotations

import json

from textual.widgets import Static

from myrole.collate.sample import commitment, export
from myrole.model import Profile
from myrole.store.profile import save_profile
from myrole.ui.app import MyRoleApp
from myrole.ui.screens.collation import CollationScreen
from myrole.ui.screens.home import HomeScreen

from .pilot import pilot_test

SIZE = (100, 30)


def alliance_files(folder, people: int, **fields) -> None:
    folder.mkdir(exist_ok=True)
    for number in range(people):
        data = export([commitment(**fields)])
        (folder / f"p{number}.json").write_text(json.dumps(data), encoding="utf-8")


def shown(app) -> str:
    return str(app.screen.query_one("#collation-report", Static).render())


async def open_collation(pilot) -> None:
    await pilot.pause()
    await pilot.press("ctrl+p")
    await pilot.press(*"Collate alliance")
    await pilot.pause()
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
        await pilot.press(*str(folder), "enter")
        await pilot.pause()
        report = shown(app)
        assert "7 people and 7 commitments" in report
        grid = report.splitlines()
        self_row = next(line for line in grid if line.startswith(" Self "))
        future_row = next(line for line in grid if line.startswith(" Future "))
        assert future_row.split() == ["Future", "0", "0", "hidden", "hidden"]  # one person: hidden, in words
        # 7 = 6 + 1: with the 1 hidden, the 6 would give it away from the total, so it is hidden as well.
        assert self_row.split() == ["Self", "0", "hidden", "0", "hidden"]
        assert "Lend tablets" in report and "broken.json" in report  # skipped, and listed
        # The app has no --threshold: it says how to use another one.
        assert "run myrole collate FOLDER --threshold N on the command line" in report
        assert "change it with --threshold" not in report
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
        await open_collation(pilot)
        await pilot.press(*str(folder), "enter")
        await pilot.pause()
        assert "jo.json is a personal export; it holds private text, so collate will not read it." in shown(app)
