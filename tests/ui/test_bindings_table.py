"""Every screen's and dialog's bindings are exactly as they were before the screens' keys moved into one table
(myrole/ui/bindings.py): the same ids, keys, actions, words, footer and priority flags, in the same order."""

from __future__ import annotations

import json
from pathlib import Path

from myrole.ui.app import MyRoleApp
from myrole.ui.keys import binding_owners

# Captured from each class's BINDINGS as they were written out in the class, before the move.
BEFORE = json.loads((Path(__file__).parent / "bindings_before.json").read_text(encoding="utf-8"))


def now() -> dict[str, list[list[object]]]:
    return {f"{owner.__module__}.{owner.__qualname__}": [[getattr(b, field) for field in BEFORE["fields"]]
                                                         for b in vars(owner)["BINDINGS"]]
            for owner in binding_owners(MyRoleApp)}


def test_every_class_has_the_bindings_it_had():
    assert now() == BEFORE["bindings"]


def test_the_capture_holds_the_screens_that_moved():
    screens = {name for name in BEFORE["bindings"] if ".screens." in name}
    assert {"myrole.ui.screens.home.HomeScreen", "myrole.ui.screens.commitment.CommitmentScreen",
            "myrole.ui.screens.one_to_one.OneToOneScreen", "myrole.ui.screens.reflection.ReflectionScreen"} <= screens
    assert sum(len(rows) for rows in BEFORE["bindings"].values()) > 100


def test_every_row_of_the_table_is_some_screens():
    from myrole.ui.bindings import SCREEN_KEYS

    on_screens = [row[0] for name, rows in now().items() if ".screens." in name for row in rows]
    assert sorted(on_screens) == sorted(binding_id for binding_id, *_ in SCREEN_KEYS)
