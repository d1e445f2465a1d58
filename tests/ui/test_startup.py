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
