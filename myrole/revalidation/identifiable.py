"""Provides the one sentence saying whether any part of the NMC or HCPC document looks like it identifies someone."""

from __future__ import annotations

import sqlite3
from datetime import date

from myrole.privacy import find_identifiable, with_article
from myrole.revalidation import hcpc, nmc


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
