"""Provides the identifiable-data warning: names what looks like patient data, in words, and never blocks."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.widgets import Static

from myrole.text import one_line


def identifiable_matches(text: str) -> list[str]:
    """What in the text looks like patient-identifiable data, e.g. "NHS number '943 476 5919'"."""
    from myrole.privacy import find_identifiable

    return [f"{found.kind} '{one_line(found.text, 30)}'" for found in find_identifiable(text)]


class IdentifiableWarning(Static):
    """A warning line (hidden when there is nothing to say); the matched text is shown as typed."""

    DEFAULT_CLASSES = "error"
    DEFAULT_CSS = "IdentifiableWarning { display: none; }"

    def show_matches(self, matches: Iterable[str], lead: str, advice: str, limit: int = 5) -> bool:
        """Show "lead: match; match. advice" (hide when there are no matches); True when shown."""
        unique = list(dict.fromkeys(matches))  # each match once, in order
        found = "; ".join(unique[:limit])
        if len(unique) > limit:  # a pasted list of numbers must not make a warning pages long
            found += f"; and {len(unique) - limit:,} more"
        self.update(Content(f"{lead}: {found}. {advice}" if found else ""))
        self.display = bool(found)
        return bool(found)

    def check(self, text: str, lead: str, advice: str) -> bool:
        """Check one text and show what looks identifiable in it; True when something was found."""
        return self.show_matches(identifiable_matches(text), lead, advice)
