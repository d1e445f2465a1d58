"""The footer of keys: each key's width worked out from its words and styles is the width it draws, and
the footer makes its keys again only when they change."""

from __future__ import annotations

import pytest
from textual.geometry import Size
from textual.widgets._footer import FooterKey

from myrole.demo import seed
from myrole.ui.app import MyRoleApp
from myrole.ui.widgets.footer import KeysFooter, key_width

from .pilot import pilot_test
from .test_snapshots import TODAY

# From home, the keys that open each screen, and the key that comes back (a dialog opened over a
# screen is visited with that screen still under it, so both footers are measured).
VISITS = [("n",), ("c",), ("e",), ("h", "enter"), ("question_mark",), ("o",), ("v",), ("r",), ("enter",)]


def drawn_width(key: FooterKey) -> int:
    """The columns a key takes, measured by rendering it (the way the footer measured before)."""
    return key.get_content_width(Size(0, 0), Size(0, 0)) + key.styles.gutter.width + key.styles.margin.width


def footer_keys(app) -> list[FooterKey]:
    return [key for screen in app.screen_stack for key in screen.query(FooterKey)]


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (100, 30)], ids=["60x20", "80x24", "100x30"])
@pilot_test
async def test_worked_out_widths_are_the_drawn_widths_on_every_screen(db, paths, size):
    seed(db, today=TODAY)
    app = MyRoleApp(paths=paths, db=db, today=TODAY)
    measured: set[str] = set()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for presses in VISITS:
            for key in presses:
                await pilot.press(key)
            await pilot.pause()
            for footer_key in footer_keys(app):
                assert key_width(footer_key) == drawn_width(footer_key), footer_key.key
                measured.add(f"{footer_key.key}:{footer_key.description}")
            while len(app.screen_stack) > 1:
                await pilot.press("escape")
                await pilot.pause()
    assert len(measured) > 25  # many different keys were measured, the palette's among them
    assert any(name.startswith("ctrl+p") for name in measured)


@pilot_test
async def test_moving_between_fields_keeps_the_keys_and_a_changed_key_is_shown(db, paths):
    seed(db, today=TODAY)
    app = MyRoleApp(paths=paths, db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home_keys = [key.key for key in app.screen.query(FooterKey)]
        await pilot.press("n")
        await pilot.pause()
        before = list(app.screen.query_one(KeysFooter).query(FooterKey))
        assert [key.key for key in before] == ["escape", "ctrl+s"]
        for field in ("detail", "lens"):
            await pilot.press("tab")  # the same keys work in each field
            await pilot.pause()
            assert app.focused is not None and app.focused.id == field
            assert list(app.screen.query_one(KeysFooter).query(FooterKey)) == before  # the very same widgets
        await pilot.press("escape")
        await pilot.pause()
        assert [key.key for key in app.screen.query(FooterKey)] == home_keys
        app.set_keymap({"app.help": "f5"})  # the same screen, a key moved: the footer shows it
        await pilot.pause()
        await pilot.pause()
        moved = [key.key for key in app.screen.query(FooterKey)]
        assert "f5" in moved and "f1" not in moved and "f1" in home_keys
