"""Tests that an export is made with Python's cyclic garbage collector paused, and that it is running again
afterwards, whether the export was made or failed."""

from __future__ import annotations

import gc

import pytest

import myrole.export
from myrole.cli.share import encoded_export


def test_the_collector_is_paused_while_the_export_is_made_and_running_after(db, monkeypatch):
    seen = []
    summary = myrole.export.summary

    def watched_summary(*args, **kwargs):
        seen.append(gc.isenabled())
        return summary(*args, **kwargs)

    monkeypatch.setattr(myrole.export, "summary", watched_summary)
    assert gc.isenabled()
    pieces = encoded_export(db, "md", "me", None)
    assert seen == [False]
    assert gc.isenabled()
    assert b"".join(pieces).startswith(b"#")


def test_the_collector_runs_again_after_an_export_that_fails(db, monkeypatch):
    def failing_summary(*args, **kwargs):
        assert not gc.isenabled()
        raise OSError("the disk went away")

    monkeypatch.setattr(myrole.export, "summary", failing_summary)
    with pytest.raises(OSError):
        encoded_export(db, "md", "me", None)
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused(db):
    gc.disable()
    try:
        encoded_export(db, "md", "me", None)
        assert not gc.isenabled()
    finally:
        gc.enable()
