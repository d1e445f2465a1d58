"""Provides what in the NMC or HCPC document looks like it identifies someone: one sentence for both, or each finding."""

from __future__ import annotations

import sqlite3
from datetime import date

from myrole.privacy import find_identifiable, identifiable_in, with_article
from myrole.revalidation import hcpc, nmc
from myrole.revalidation.document import RevalidationDocument
from myrole.text import one_line


def identifiable_sentence(db: sqlite3.Connection, today: date) -> str:
    """How many parts of the two documents look like they hold identifiable data, and of what kinds."""
    kinds: set[str] = set()
    parts = 0
    for document in (nmc.build(db, today), hcpc.build(db, today)):
        for _, text in document.texts():
            found = find_identifiable(text, today)
            parts += bool(found)
            kinds |= {finding.kind for finding in found}
    if not parts:
        return "No part looks like it identifies anyone."
    held = ", ".join(with_article(kind) for kind in sorted(kinds))
    looks = f"{parts} parts look like they hold" if parts != 1 else "1 part looks like it holds"
    return f"Check before you share: {looks} {held}. Reflections should not identify patients."


def findings(document: RevalidationDocument, today: date) -> list[str]:
    """Each thing in the document that looks identifiable, once, with the first place it is in ("phone number
    '07700 900123' in the part …"; a heading's words are in its table row and its list entry too)."""
    first: dict[tuple[str, str], str] = {}
    for where, found in identifiable_in(document.texts(), today):
        first.setdefault((found.kind, found.text), where)
    return [f"{kind} '{one_line(text, 30)}' in {where}" for (kind, text), where in first.items()]
