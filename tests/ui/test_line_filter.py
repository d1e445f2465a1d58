"""The app's line filter drops terminal controls from screen output and keeps ordinary text."""

from __future__ import annotations

import string

from myrole.ui.safe import INERT_TABLE


def test_filter_table_keeps_printable_ascii_and_drops_controls():
    table = INERT_TABLE
    kept = string.printable.strip().translate(table)
    assert kept == string.printable.strip()
    assert "a\x1bb\u202ec\x9b".translate(table) == "abc"
