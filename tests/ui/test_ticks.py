"""The reflection-model tag dialog shows ticked and unticked boxes apart without colour (issue 16, item 5)."""

from __future__ import annotations

from datetime import date

from myrole.model import Lens, Mode, Profile
from myrole.store.profile import save_profile
from myrole.ui.app import MyRoleApp
from myrole.ui.dialogs.lens_tags import LensTagDialog
from myrole.ui.widgets.ticks import TickList

from .pilot import pilot_test


def box(tick_list: TickList, row: int) -> str:
    """The character inside the tick box of a row, as drawn."""
    return tick_list.render_line(row).text[1]


@pilot_test
async def test_only_a_ticked_box_shows_an_x_and_space_changes_it(db, paths):
    save_profile(db, Profile(name="Sam", onboarded=True))
    app = MyRoleApp(paths=paths, db=db, today=date(2027, 3, 15))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        app.push_screen(LensTagDialog([(Lens.PATIENTS, Mode.ACTION)]))
        await pilot.pause()
        lenses = app.screen.query_one("#tag-lenses", TickList)
        order = list(Lens)
        assert [box(lenses, row) for row in range(len(order))] == [
            "X" if lens is Lens.PATIENTS else " " for lens in order]
        await pilot.press("space")  # the cursor starts on the first lens: tick it
        await pilot.pause()
        assert box(lenses, 0) == "X"
        await pilot.press("space")  # and untick it again
        await pilot.pause()
        assert box(lenses, 0) == " "
        assert box(lenses, order.index(Lens.PATIENTS)) == "X"


@pilot_test
async def test_the_tick_box_is_told_apart_with_no_colour(db, paths, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    save_profile(db, Profile(name="Sam", onboarded=True))
    app = MyRoleApp(paths=paths, db=db, today=date(2027, 3, 15))
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        app.push_screen(LensTagDialog([(Lens.SELF, Mode.AWARENESS)]))
        await pilot.pause()
        modes = app.screen.query_one("#tag-modes", TickList)
        assert [box(modes, row) for row in range(len(Mode))] == ["X", " ", " "]
