"""Provides TickList: a list of tick boxes whose box shows X only when ticked, readable without colour."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist

UNTICKED = " "


class TickList(SelectionList[str]):
    """Textual's SelectionList draws the same X in every box and tells ticked from not by colour
    alone; here an unticked box is empty, so the difference shows with NO_COLOR and in any theme."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if selection.value in self.selected:
            return strip
        segments[1] = Segment(UNTICKED, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)
