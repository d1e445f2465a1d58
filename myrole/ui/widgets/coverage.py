"""Provides the 6x3 coverage grid: how many active commitments sit in each lens and mode."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
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
        table = Table(box=None, padding=(0, 1), show_edge=False, expand=False)
        table.add_column("Lens")
        for mode in Mode:
            table.add_column(SHORT_MODE[mode], justify="center")
        for lens in Lens:
            cells = []
            for mode in Mode:
                count = counts.get((lens, mode), 0)
                cells.append(Text(str(count), style="bold") if count else Text("·", style="dim"))
            table.add_row(SHORT_LENS[lens], *cells)
        self.update(table)
