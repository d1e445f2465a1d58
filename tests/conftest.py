"""Test set-up: every test gets its own MYROLE_HOME, so no test can touch a real store, and the same terminal."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def myrole_home(tmp_path, monkeypatch):
    """A private, empty home folder for this test (also blocks the platform folders)."""
    home = tmp_path / "home"
    monkeypatch.setenv("MYROLE_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # The machine's terminal settings must not choose for the tests: TERM=dumb or ACCESSIBLE would
    # open plain mode instead of the app, and NO_COLOR would change every snapshot. Tests of those
    # set them themselves.
    for variable in ("ACCESSIBLE", "NO_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    return home


@pytest.fixture
def paths(myrole_home):
    from myrole.paths import resolve

    return resolve()


@pytest.fixture
def db(paths):
    """An open, migrated, empty store in the test's home folder."""
    from myrole.store import open_store

    database = open_store(paths)
    yield database
    database.close()
