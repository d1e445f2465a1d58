"""Provides the 6x3 coverage grid: how much of your work sits in each lens and mode.

Each cell counts the active commitments in that lens and mode, and the reflections tagged with it at their
end (overview.build_overview).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from myrole.model import Lens, Mode

SHORT_LENS = {
    Lens.SELF: "Self",
    Lens.PATIENTS: "Patients",
    Lens.SERVICES: "Services",
    Lens.COMMUNITIES: "Communities",
    Lens.SYSTEMS: "Systems",
    Lens.FUTURE: "Future",
}
SHORT_MODE = {Mode.AWARENESS: "Awareness", Mode.ACTION: "Action", Mode.ADVOCACY: "Advocacy"}


class CoverageGrid(Static):
    """Counts per lens x mode; an empty cell shows a dot, so meaning never rests on colour."""

    def show(self, counts: dict[tuple[Lens, Mode], int]) -> None:
        self.update(grid(counts))


def grid(counts: dict[tuple[Lens, Mode], int]) -> Content:
    """The grid as fixed-width text: laid out once, where a table would be measured on every layout."""
    lens_width = max(len(name) for name in SHORT_LENS.values())
    header = [(f" {'Lens':<{lens_width}} ", "bold")]
    header += [(f" {SHORT_MODE[mode]} ", "bold") for mode in Mode]
    lines = [Content.assemble(*header)]
    for lens in Lens:
        cells: list[str | tuple[str, str]] = [f" {SHORT_LENS[lens]:<{lens_width}} "]
        for mode in Mode:
            count = counts.get((lens, mode), 0)
            glyph = str(count) if count else "·"
            before, after = centred_padding(glyph, len(SHORT_MODE[mode]) + 2)
            cells += [before, (glyph, "bold" if count else "dim"), after]
        lines.append(Content.assemble(*cells))
    return Content("\n").join(lines)


def centred_padding(text: str, width: int) -> tuple[str, str]:
    """The spaces before and after text to centre it in width (any odd space goes after)."""
    spare = width - len(text)
    return " " * (spare // 2), " " * (spare - spare // 2)
