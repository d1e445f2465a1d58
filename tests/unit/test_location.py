"""Tests that `myrole due` (location.py, without platformdirs) and the app (paths.py) name the same store."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from myrole import location
from myrole.paths import resolve

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the hand-made rule is Linux's")

PIECES = st.sampled_from(["", " ", "  ", "/", "//", "~", "~/", ".", "..", "data", "my data", "/tmp", "/tmp/x",
                          "/home/sam/.data", "relative/dir", "\t", "/a b/"])
VALUES = st.one_of(st.none(), st.lists(PIECES, max_size=4).map("".join))


def _with_environment(monkeypatch, xdg: str | None, home: str | None) -> None:
    monkeypatch.delenv(location.HOME_VARIABLE, raising=False)
    for name, value in (("XDG_DATA_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


@settings(max_examples=300, deadline=None)
@given(xdg=VALUES, home=st.one_of(st.just("/home/sam"), VALUES))
def test_due_and_the_app_name_the_same_store_whatever_the_environment_says(xdg, home):
    with pytest.MonkeyPatch.context() as monkeypatch:
        _with_environment(monkeypatch, xdg, home)
        try:
            expected = resolve().store
        except Exception:  # noqa: BLE001 - platformdirs cannot name a folder here: neither may due
            with pytest.raises(Exception):  # noqa: B017, PT011
                location.store_file()
            return
        assert Path(location.store_file()) == expected


@pytest.mark.parametrize("xdg", ["relative/data", " /tmp/padded", "/tmp/padded ", "   ", ""])
def test_the_odd_values_that_once_split_them_now_agree(monkeypatch, xdg):
    _with_environment(monkeypatch, xdg, "/home/sam")
    assert Path(location.store_file()) == resolve().store


def test_the_plain_cases_need_no_platformdirs(monkeypatch):
    _with_environment(monkeypatch, "/srv/xdg", "/home/sam")
    monkeypatch.setitem(sys.modules, "platformdirs", None)  # importing it would now fail
    assert location.store_file() == "/srv/xdg/myrole/myrole.db"
    _with_environment(monkeypatch, None, "/home/sam/")
    assert location.store_file() == "/home/sam/.local/share/myrole/myrole.db"
