"""Every screen at a small (60x20) and an ordinary (80x24) terminal, and the long lists' counts (issue 16, items 8, 10)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Button, OptionList, Static, TextArea
from textual.widgets._footer import FooterKey

from myrole.collate.sample import commitment, export
from myrole.demo import seed
from myrole.model import CheckIn, Context, Profile
from myrole.prompts import load_catalogue
from myrole.store import write
from myrole.store.checkins import add_checkin, list_checkins
from myrole.store.commitments import get_commitment, list_closed
from myrole.store.profile import save_profile
from myrole.store.reflections import list_reflections, start_reflection
from myrole.ui.app import MyRoleApp
from myrole.ui.screens.commitment import CHART_ROWS, CommitmentScreen
from myrole.ui.screens.history import HistoryScreen

from .pilot import Typed, open_new_reflection, pilot_test
from .test_collation import collation_screen, read_folder
from .test_snapshots import ANSWER, START_OWN, TODAY, demo_app, keys, new_app, onboarded_app  # noqa: F401

SMALL, ORDINARY = (60, 20), (80, 24)

# Each screen: the app it starts from (a fixture) and the keys a person presses to reach it.
SCREENS = {
    "home": ("demo_app", ()),
    "home_new_user": ("new_app", ("escape",)),
    "start_dialog": ("onboarded_app", ("r",)),
    "reflection_with_hint": ("onboarded_app", (*START_OWN, "f2")),
    "commitment_editor": ("onboarded_app", (*START_OWN, ANSWER, "ctrl+t")),
    "commitment": ("demo_app", ("enter",)),
    "check_in": ("demo_app", ("c",)),
    "history": ("demo_app", ("h",)),
    "record": ("demo_app", ("h", "enter")),
    "one_to_one": ("demo_app", ("o",)),
    "export": ("demo_app", ("e",)),
    "search": ("demo_app", ("slash", Typed("interpreter"))),
    "help": ("onboarded_app", ("f1",)),
    "revalidation": ("demo_app", ("v",)),
}


@pytest.mark.parametrize("size", [SMALL, ORDINARY], ids=["60x20", "80x24"])
@pytest.mark.parametrize("screen", SCREENS)
def test_screen_at_size(snap_compare, request, screen, size):
    fixture, presses = SCREENS[screen]
    assert snap_compare(request.getfixturevalue(fixture), terminal_size=size, run_before=keys(*presses))


def alliance_folder(folder) -> None:
    """Eight people's alliance files (made up), enough that most counts are shown, and one that cannot be read."""
    folder.mkdir()
    for number, (lens, mode, topic) in enumerate([("self", "action", "Digital exclusion")] * 5
                                                 + [("services", "advocacy", "Data by ethnicity")] * 3):
        data = export([commitment(lens=lens, mode=mode, topic=topic, title="Lend tablets", tags=["data"])])
        (folder / f"p{number}.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "broken.json").write_text("{ not json", encoding="utf-8")


@pytest.mark.parametrize("size", [SMALL, ORDINARY], ids=["60x20", "80x24"])
def test_collation_at_size(snap_compare, onboarded_app, tmp_path, monkeypatch, size):
    """The collation screen (test_collation opens it from the palette), a folder typed (relative, so the picture
    is the same every run)."""
    alliance_folder(tmp_path / "files")
    monkeypatch.chdir(tmp_path)

    async def run_before(pilot) -> None:
        await collation_screen(pilot)
        await read_folder(pilot, "files")
        for widget in pilot.app.screen.query("Input"):
            widget.cursor_blink = False
        await pilot.pause()

    assert snap_compare(onboarded_app, terminal_size=size, run_before=run_before)


def demo(db, paths) -> MyRoleApp:
    seed(db, today=TODAY)
    return MyRoleApp(paths=paths, db=db, today=TODAY)


def visible(widget) -> bool:
    """Whether the whole widget is on the screen (inside its screen's region)."""
    region = widget.region
    return bool(region) and widget.screen.region.contains_region(region)


@pytest.mark.parametrize("size", [SMALL, ORDINARY])
@pilot_test
async def test_home_opens_at_the_top_with_the_palette_in_reach(db, paths, size):
    app = demo(db, paths)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#home-body", VerticalScroll).scroll_y == 0
        assert visible(app.screen.query_one("#welcome"))
        await pilot.pause()
        palette = list(app.screen.query("FooterKey.-command-palette").results(FooterKey))
        assert palette and visible(palette[0])  # ctrl+p stays at the footer's right, whatever else is cut


@pytest.mark.parametrize("size", [SMALL, ORDINARY])
@pilot_test
async def test_the_answer_box_keeps_five_lines_and_every_button_shows_with_a_hint(onboarded_app, size):
    app = onboarded_app
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await open_new_reflection(pilot)
        await pilot.pause()
        await pilot.press("f2")  # the hint open: the longest the stepper gets
        await pilot.pause()
        answer = app.screen.query_one("#answer", TextArea)
        assert answer.content_region.height >= 5
        for button in app.screen.query("#step-buttons Button").results(Button):
            assert visible(button), f"{button.id} is off the screen at {size}"


@pilot_test
async def test_home_headings_count_the_lists(db, paths):
    app = demo(db, paths)
    async with app.run_test(size=ORDINARY) as pilot:
        await pilot.pause()
        home = app.screen
        due, others = len(home.overview.due), len(home.overview.upcoming)
        assert str(home.query_one("#due-title", Static).render()) == f"Due for a check-in: {due}"
        assert str(home.query_one("#open-title", Static).render()) == f"Your other open commitments: {others}"
        assert "active commitment" in str(home.query_one("#coverage-title", Static).render())


def reflections_in(db, years: dict[int, int]) -> None:
    """Reflections started in each year (how many per year), as a long-kept store holds them."""
    pack = load_catalogue().get("core")
    for year, count in years.items():
        for n in range(count):
            reflection = start_reflection(db, pack, Context.SELF)
            with write(db):
                db.execute("UPDATE reflections SET started_at = ? WHERE id = ?",
                           [f"{year}-0{1 + n % 9}-10T09:00:00Z", reflection.id])


def heading(screen) -> str:
    return str(screen.query_one("#reflections-title", Static).render())


@pilot_test
async def test_history_counts_and_filters_by_year(db, paths):
    save_profile(db, Profile(name="Sam", onboarded=True))
    reflections_in(db, {2024: 3, 2025: 2, 2026: 4})
    app = MyRoleApp(paths=paths, db=db, today=TODAY)
    async with app.run_test(size=ORDINARY) as pilot:
        await pilot.pause()
        app.push_screen(HistoryScreen())
        await pilot.pause()
        history = app.screen
        assert heading(history) == "Past reflections: 9, newest first"
        assert history.query_one("#reflections", OptionList).option_count == 9
        await pilot.press("y")  # the choice: all years, then 2026, 2025, 2024
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert heading(history) == "Past reflections from 2025: 2 of 9, newest first"
        assert history.query_one("#reflections", OptionList).option_count == 2
        await pilot.press("left_square_bracket")  # the year before
        await pilot.pause()
        assert heading(history) == "Past reflections from 2024: 3 of 9, newest first"
        await pilot.press("left_square_bracket")  # there is none before 2024: it stays, and says so
        await pilot.pause()
        assert heading(history) == "Past reflections from 2024: 3 of 9, newest first"
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert heading(history) == "Past reflections from 2026: 4 of 9, newest first"


@pilot_test
async def test_history_jumps_a_year(db, paths):
    save_profile(db, Profile(name="Sam", onboarded=True))
    reflections_in(db, {2024: 3, 2025: 2, 2026: 4})
    app = MyRoleApp(paths=paths, db=db, today=TODAY)
    async with app.run_test(size=ORDINARY) as pilot:
        await pilot.pause()
        app.push_screen(HistoryScreen())
        await pilot.pause()
        options = app.screen.query_one("#reflections", OptionList)
        started = [r.started_at[:4] for r, _ in list_reflections(db)]
        assert started[options.highlighted] == "2026"
        await pilot.press("left_square_bracket")  # every year shown: the cursor moves to 2025's newest
        await pilot.pause()
        assert (options.highlighted, started[options.highlighted]) == (4, "2025")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert started[options.highlighted] == "2024"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert (options.highlighted, started[options.highlighted]) == (4, "2025")
        closed = len(list_closed(db))
        assert str(app.screen.query_one("#closed-title", Static).render()).startswith(
            "Finished and dropped commitments: none yet" if not closed else f"Finished and dropped commitments: {closed}")


@pilot_test
async def test_the_chart_says_what_it_leaves_out(db, paths):
    seed(db, today=TODAY)
    app = MyRoleApp(paths=paths, db=db, today=TODAY)
    async with app.run_test(size=ORDINARY) as pilot:
        await pilot.pause()
        commitment = app.screen.overview.due[0].commitment
        had = len(list_checkins(db, commitment.id))
        for day in range(1, CHART_ROWS + 3):
            add_checkin(db, get_commitment(db, commitment.id),
                        CheckIn(id="", commitment_id=commitment.id, at=f"2027-01-{day:02d}T09:00:00Z",
                                on_date=date(2027, 1, day), progress=2))
        total = had + CHART_ROWS + 2
        app.push_screen(CommitmentScreen(commitment.id))
        await pilot.pause()
        chart = str(app.screen.query_one("#detail-chart", Static).render())
        assert chart.startswith(f"Progress (0 not started to 4 done): the {CHART_ROWS} newest of {total} check-ins")
        assert len(chart.splitlines()) == CHART_ROWS + 1
        assert str(app.screen.query_one("#checkins-title", Static).render()) == f"Check-ins: {total}"
