"""Screens are styled once when first shown (myrole.ui.fresh_screen), and look just as if styled twice."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.screen import Screen

import myrole.ui
from myrole.ui.fresh_screen import FreshScreen
from .pilot import one_weekly_commitment, pilot_test, running, until


def app_screens() -> list[type[Screen]]:
    """Every screen and dialog class defined in myrole.ui."""
    found = []
    for module_info in pkgutil.walk_packages(myrole.ui.__path__, "myrole.ui."):
        module = importlib.import_module(module_info.name)
        found += [cls for _, cls in inspect.getmembers(module, inspect.isclass)
                  if issubclass(cls, Screen) and cls.__module__ == module.__name__]
    return found


def test_every_screen_of_the_app_mixes_in_fresh_screen():
    screens = app_screens()
    assert len(screens) > 20
    for screen in screens:
        mro = screen.__mro__
        assert FreshScreen in mro and mro.index(FreshScreen) < mro.index(Screen), screen.__name__


def computed_styles(screen: Screen) -> list[tuple[str, str, list[str]]]:
    """Each widget on the screen with its classes and every style rule it ends up with, its parts' too
    (such as an input's cursor)."""
    return [(repr(widget), " ".join(sorted(widget.classes)),
             [*widget.styles.base.css_lines,
              *(f"{name}: {line}" for name in sorted(widget._get_component_classes())
                for line in widget.get_component_styles(name).base.css_lines)])
            for widget in screen.walk_children(with_self=True)]


@pytest.mark.parametrize("key", ["n", "h", "c", "e"])
@pilot_test
async def test_a_screen_first_shown_has_the_styles_a_second_styling_gives(paths, key):
    one_weekly_commitment(paths, days_old=10)
    async with running(paths) as pilot:
        await pilot.press(key)
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, FreshScreen) and screen is not pilot.app.screen_stack[0]
        shown = computed_styles(screen)
        pilot.app.update_styles(screen, animate=False)  # what Textual would have done on showing it
        assert computed_styles(screen) == shown


@pytest.fixture
def focus_moves(monkeypatch) -> list[str]:
    """The widgets that gain the focus, in order, as ids ('#title') or class names."""
    from textual.widget import Widget

    moves: list[str] = []
    watch = Widget.watch_has_focus

    def recorded(widget: Widget, has_focus: bool) -> None:
        if has_focus:
            moves.append(f"#{widget.id}" if widget.id else type(widget).__name__)
        watch(widget, has_focus)

    monkeypatch.setattr(Widget, "watch_has_focus", recorded)
    return moves


@pytest.mark.parametrize(("key", "field"), [("n", "#title"), ("c", "#checkin-progress"), ("r", "#pack")])
@pilot_test
async def test_a_form_focuses_its_first_field_straight_away(paths, focus_moves, key, field):
    one_weekly_commitment(paths, days_old=10)
    async with running(paths) as pilot:
        assert focus_moves == ["#due-list"]  # home: the first commitment due, never the scrolling body first
        await pilot.press(key)
        await pilot.pause()
        assert focus_moves[1:] == [field]  # not the scrolling form around it first (FocusOnMount)


@pilot_test
async def test_home_with_no_commitment_focuses_its_body_so_the_arrows_scroll_it(paths, focus_moves):
    from myrole.model import Profile
    from myrole.store import open_store
    from myrole.store.profile import save_profile

    db = open_store(paths)
    save_profile(db, Profile("Sam", onboarded=True))
    db.close()
    async with running(paths) as pilot:
        assert focus_moves == ["#home-body"]
        assert pilot.app.focused is pilot.app.screen.query_one("#home-body")


@pilot_test
async def test_the_first_run_details_dialog_focuses_the_name_straight_away(paths, focus_moves):
    async with running(paths) as pilot:
        await until(pilot, lambda: len(focus_moves) >= 2)  # the dialog opens after home's first frame: on a busy
        assert type(pilot.app.screen).__name__ == "ProfileDialog"  # machine, after the first pause
        assert focus_moves == ["#home-body", "#name"]
