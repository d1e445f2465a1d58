"""Provides the parts of a revalidation document (NMC accounts, HCPC profile), apart from how they are drawn.

nmc.py and hcpc.py build a RevalidationDocument; render.py draws it as Markdown or HTML. A PDF
renderer takes the same document: the title, the facts, then each section's notes and parts.
Our own words are `label`, `note` and `notes`; what the person wrote is `text` and `heading`
(headings name their activities), drawn inert by every renderer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from myrole.text import one_line


@dataclass(frozen=True)
class Part:
    """A labelled piece: the person's text under our label, with an optional note (a word count, a date)."""

    label: str
    text: str = ""
    note: str = ""
    fill_in: bool = False  # left blank on purpose, to be filled in by hand on paper
    lines: int = 1  # how many lines a part filled in by hand gets to be written on
    flagged: bool = False  # needs the person's attention (over a word limit, a gap to explain)


@dataclass(frozen=True)
class Table:
    """Rows under a header (a CPD log): every cell a string; the columns in `theirs` hold the person's text."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    theirs: tuple[int, ...] = ()
    numbers_from: int = 1  # columns from this one on are numbers (right-aligned)
    totals: tuple[str, ...] = ()  # a last row of ours: the totals


@dataclass(frozen=True)
class Section:
    heading: str
    parts: tuple[Part, ...] = ()
    notes: tuple[str, ...] = ()
    level: int = 2  # 2: a part of the document; 3: an item within the section before it
    table: Table | None = None  # drawn after the notes, before the parts

    @property
    def form(self) -> bool:
        """Whether it is a form to fill in by hand (kept on one page when printed)."""
        return any(part.fill_in for part in self.parts)


@dataclass(frozen=True)
class RevalidationDocument:
    title: str
    who: tuple[str, ...]  # the person's name, role and organisation, as written
    facts: tuple[Part, ...]
    sections: tuple[Section, ...]
    made_on: str
    language: str = "en-GB"
    about: str = ""  # one sentence of ours under the title: what the document is, its abbreviations spelt out
    name: str = ""  # the person's own name, as in who: the running head (never checked for identifiable data)

    def texts(self) -> Iterator[tuple[str, str]]:
        """Every piece the person wrote, with where it is (for the identifiable-data check)."""
        # Not your name: it is there on purpose ("Dr Sam Patel" would be warned about every time).
        yield from (("your details", text) for text in self.who if text != self.name)
        for section in self.sections:
            yield "a heading", section.heading
            if section.table is not None:
                for row in section.table.rows:
                    yield from ((f"the table of '{one_line(section.heading, 60)}'", row[column])
                                for column in section.table.theirs if row[column])
            for part in section.parts:
                if part.text:  # which account or activity the part is of: the same labels stand in each
                    yield f"the part '{part.label}' of '{one_line(section.heading, 60)}'", part.text


# Where a person corrects what the identifiable-data check warned about in these documents: their
# parts are the person's own copies, kept apart from the reflections they were made from.
WHERE_TO_CORRECT = (
    "correct it in myrole on the Revalidation screen (v on home): an NMC account's part (choose the "
    "account, enter), the HCPC summary of practice (s), or a statement activity's part (choose the "
    "activity, enter); correcting the reflection's answer does not change an account made from it"
)
