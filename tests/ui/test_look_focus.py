"""Focus shows by shape in every theme and with NO_COLOR: heavy borders, bold underlines, a reverse cursor (issue 16, item 5)."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input, OptionList, Select
from textual.widgets._select import SelectCurrent  # Textual names the shown part of a Select only here

from myrole.paths import resolve
from myrole.settings import settings_file
from myrole.ui.dialogs.checkin import CheckInDialog
from myrole.ui.dialogs.start import StartReflectionDialog
from myrole.ui.look import OFFERED

from .pilot import one_weekly_commitment, pilot_test, running

LOOKS = [*OFFERED, "NO_COLOR"]


def marked_by_shape(widget) -> bool:
    """Whether the widget in focus is told apart by more than colour: a heavy edge, or bold underlined text."""
    styles = widget.styles
    style = styles.text_style
    return styles.border_top[0] == "heavy" or (style.bold and style.underline)


async def start(tmp_path, monkeypatch, look: str):
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=8)
    if look == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        settings_file(paths.config).write_text(f'theme = "{look}"\n', encoding="utf-8")
    return running(paths)


@pytest.mark.parametrize("look", LOOKS)
@pilot_test
async def test_a_focused_field_button_and_list_row_show_by_shape(tmp_path, monkeypatch, look):
    async with await start(tmp_path, monkeypatch, look) as pilot:
        app = pilot.app
        home_list = app.focused
        assert isinstance(home_list, OptionList)
        row = home_list.get_component_styles("option-list--option-highlighted").text_style
        assert row.bold and row.underline
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, StartReflectionDialog) and isinstance(app.focused, Select)
        assert marked_by_shape(app.focused.query_one(SelectCurrent))  # a bordered field: heavy
        for _ in range(5):
            if isinstance(app.focused, Button):
                break
            await pilot.press("tab")
        assert isinstance(app.focused, Button) and app.focused.styles.text_style.underline
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CheckInDialog)
        await pilot.press("tab")  # from progress to "What happened", a one-line field without an edge
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input)
        assert field.styles.border_top[0] in ("", "none")  # its one line stays for the text
        assert marked_by_shape(field)


@pilot_test
async def test_with_no_color_the_text_cursor_is_in_reverse_video(tmp_path, monkeypatch):
    async with await start(tmp_path, monkeypatch, "NO_COLOR") as pilot:
        await pilot.press("c")
        await pilot.press("tab")
        await pilot.pause()
        field = pilot.app.focused
        assert isinstance(field, Input)
        assert field.get_component_styles("input--cursor").text_style.reverse
