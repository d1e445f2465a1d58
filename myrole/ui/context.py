"""Provides MyRole, what screens and dialogs use from the running app, and myrole_app(), which gives it typed.

Screens cannot import ui/app.py (the app imports them: that would be a loop), and Textual's
`widget.app` is a plain `App`, which has no store. `myrole_app(self).db` is the typed way in;
app.py has a check, read by mypy, that MyRoleApp provides everything named here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from textual.app import App

if TYPE_CHECKING:
    import sqlite3
    from datetime import date

    from textual.dom import DOMNode

    from myrole.paths import Paths
    from myrole.prompts import Catalogue
    from myrole.settings import Settings


class MyRole(Protocol):
    """What myrole's app holds beyond Textual's App: the store, its paths, the settings and the packs."""

    paths: Paths
    settings: Settings  # the settings form replaces it when the person saves
    reflect_pack: str | None  # `myrole reflect PACK`: home opens it once, then sets None
    fixed_today: date | None  # a seam for tests and snapshots; None means the real date

    @property
    def db(self) -> sqlite3.Connection:
        """The store's connection, which every store function takes."""
        ...

    @property
    def catalogue(self) -> Catalogue:
        """The prompt packs."""
        ...

    def today(self) -> date:
        """Today's local calendar date (fixed in tests and snapshots)."""
        ...


def myrole_app(node: DOMNode) -> MyRole:
    """The running myrole app seen from a widget, screen or dialog (or the app itself), typed as MyRole."""
    app = node if isinstance(node, App) else node.app
    return cast("MyRole", app)
