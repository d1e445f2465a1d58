"""Tests that the whole-store JSON export, written partly by SQLite, is the usual JSON export byte for byte."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from myrole.demo import seed
from myrole.export import render, summary
from myrole.export.json_records import sqlite_writes_json_as_python_does, whole_store_pieces
from myrole.privacy import Audience
from share_store import EXPORTED_AT, fill
from tricky_text import TRICKY

# SQLite stores UTF-8, which cannot hold a lone surrogate; everything else is fair game.
STORABLE = [c for c in TRICKY if not "\ud800" <= c <= "\udfff"]
stored_texts = st.text(alphabet=st.sampled_from(STORABLE), max_size=40) | st.text(max_size=40)


def usual(db) -> str:
    return render(summary(db, Audience.ME, exported_at=EXPORTED_AT), "json")


def test_the_fixed_store_comes_out_as_the_usual_export(db):
    fill(db)
    assert sqlite_writes_json_as_python_does(db)
    assert "".join(whole_store_pieces(db, EXPORTED_AT)) == usual(db)


def test_the_demo_store_comes_out_as_the_usual_export(db):
    seed(db)
    written = "".join(whole_store_pieces(db, EXPORTED_AT))
    assert written == usual(db)
    data = json.loads(written)
    assert sum(len(c["checkins"]) for c in data["commitments"]) == db.execute("SELECT count(*) FROM checkins").fetchone()[0]
    assert sum(len(r["answers"]) for r in data["reflections"]) == db.execute("SELECT count(*) FROM answers").fetchone()[0]


def test_an_empty_store_comes_out_as_the_usual_export(db):
    assert "".join(whole_store_pieces(db, EXPORTED_AT)) == usual(db)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=stored_texts, note=stored_texts, prompt=stored_texts)
def test_any_text_comes_out_as_the_usual_export(db, answer, note, prompt):
    if not db.execute("SELECT count(*) FROM answers").fetchone()[0]:
        fill(db)
    with db:
        db.execute("UPDATE answers SET text = ?, prompt_text = ?", (answer, prompt))
        db.execute("UPDATE checkins SET note = ?, barriers = ?", (note, answer))
    assert "".join(whole_store_pieces(db, EXPORTED_AT)) == usual(db)


def test_a_sqlite_that_writes_json_differently_gets_the_usual_way(db):
    fill(db)
    # An application's function replaces SQLite's own: here, one that puts spaces after the colons.
    db.create_function("json_object", -1, lambda *pairs: json.dumps(dict(zip(pairs[::2], pairs[1::2]))))
    assert not sqlite_writes_json_as_python_does(db)
    assert "".join(whole_store_pieces(db, EXPORTED_AT)) == usual(db)


@pytest.mark.parametrize(("column", "value"), [("progress", 0.30000000000000004), ("on_date", "20261001")])
def test_values_stored_unlike_myrole_stores_them_take_the_usual_way(db, column, value):
    """SQLite keeps 15 digits of a fraction, and copies a date as stored; the usual way does neither."""
    fill(db)
    with db:
        db.execute(f"UPDATE checkins SET {column} = ?", (value,))
    assert "".join(whole_store_pieces(db, EXPORTED_AT)) == usual(db)
