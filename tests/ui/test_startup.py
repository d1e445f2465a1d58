"""Starting the app as `myrole` does: on a plain sqlite3 connection, with collection paused until the first paint."""

from __future__ import annotations

import asyncio
import gc
from datetime import date

from textual.widgets import OptionList

from myrole.demo import seed
from myrole.model import Profile
from myrole.store import open_store
from myrole.store.profile import get_profile, save_profile
from myrole.ui.app import MyRoleApp

TODAY = date(2027, 3, 15)


def test_the_app_on_the_store_connection_shows_the_store_then_writes_through_it(paths):
    seeded = open_store(paths)
    seed(seeded)
    seeded.close()
    app = MyRoleApp(paths=paths, db=open_store(paths), today=TODAY)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.screen.query_one("#due-list", OptionList).option_count > 0
            assert app.db is app.conn
            save_profile(app.db, Profile(name="Robin", onboarded=True))

    asyncio.run(run())
    reopened = open_store(paths)
    try:
        assert get_profile(reopened).name == "Robin"
    finally:
        reopened.close()


def test_collection_paused_for_start_up_resumes_after_the_first_paint(paths):
    open_store(paths).close()
    app = MyRoleApp(paths=paths, db=open_store(paths), today=TODAY)

    async def run() -> bool:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            return gc.isenabled()

    gc.disable()  # as launch.start does
    try:
        assert asyncio.run(run())
    finally:
        gc.enable()
        gc.unfreeze()  # give this test process's objects back to the collector


def test_the_app_warns_once_when_the_microsoft_store_python_keeps_the_records(paths, monkeypatch):
    """On the platform's folders under the Microsoft Store's Python (simulated), the app says what `where` says."""
    from myrole import paths as paths_module

    monkeypatch.setattr(paths_module, "kept_by_store_python", lambda where: where == paths)

    async def scenario() -> list:
        app = MyRoleApp(paths=paths, db=open_store(paths), today=date(2026, 11, 26))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            return [n for n in app._notifications if n.title == "Where your records are kept"]

    warned = asyncio.run(scenario())
    assert [n.message for n in warned] == [paths_module.STORE_PYTHON_WARNING]
