"""Tests a reflection model's answers (no lens) and the lens tags at its end: kept, counted, exported, imported, checked."""

from __future__ import annotations

import json
import sqlite3

import pytest

from myrole.export import render, summary
from myrole.export.importer import ImportRefused, import_file, load_export
from myrole.export.stored_rows import problem_in
from myrole.model import Context, Lens, Mode, Visibility
from myrole.overview import build_overview
from myrole.paths import Paths
from myrole.privacy import Audience
from myrole.prompts import load_catalogue
from myrole.store import open_store
from myrole.store.reflection_lenses import get_tags, set_tags, tag_counts
from myrole.store.reflections import get_answers, save_answer, start_reflection
from myrole.store.snapshot import read_contents

TAGS = [(Lens.PATIENTS, Mode.ACTION), (Lens.SELF, Mode.AWARENESS)]


@pytest.fixture
def db(empty_db):
    """Here, as everywhere, an open, migrated, empty store; for these tests a copy of one migrated once."""
    return empty_db


def gibbs_reflection(db) -> str:
    pack = load_catalogue().get("gibbs")
    reflection = start_reflection(db, pack, Context.SELF)
    for position, prompt in enumerate(pack.prompts):
        save_answer(db, reflection.id, prompt, f"answer {position}", Visibility.PRIVATE, position)
    return reflection.id


def test_a_model_steps_answer_is_kept_with_no_lens(db):
    reflection_id = gibbs_reflection(db)
    answers = get_answers(db, reflection_id)
    assert len(answers) == 6 and {(a.lens, a.mode, a.placement) for a in answers} == {(None, None, "no lens")}
    assert db.execute("SELECT DISTINCT lens, mode FROM answers").fetchall() == [("", "")]


def test_tags_are_kept_in_order_replaced_and_cleared(db):
    reflection_id = gibbs_reflection(db)
    assert set_tags(db, reflection_id, [TAGS[0], TAGS[1], TAGS[0]]) == [TAGS[1], TAGS[0]]  # a plain connection
    assert get_tags(db, reflection_id) == [TAGS[1], TAGS[0]]
    set_tags(db, reflection_id, [TAGS[0]])
    assert get_tags(db, reflection_id) == [TAGS[0]]
    set_tags(db, reflection_id, [])
    assert get_tags(db, reflection_id) == []


def test_the_coverage_map_counts_a_tagged_reflection_once_in_each_of_its_cells(db):
    first, second = gibbs_reflection(db), gibbs_reflection(db)
    set_tags(db, first, TAGS)
    set_tags(db, second, [TAGS[0]])
    assert tag_counts(db) == {TAGS[0]: 2, TAGS[1]: 1}
    assert build_overview(db).coverage == {TAGS[0]: 2, TAGS[1]: 1}


def test_a_tag_outside_the_grid_is_refused_by_the_store(db):
    reflection_id = gibbs_reflection(db)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO reflection_lenses VALUES (?, 'planets', 'action')", [reflection_id])


def test_the_me_export_carries_the_tags_and_the_empty_lenses_and_imports_them_back(db, tmp_path):
    reflection_id = gibbs_reflection(db)
    set_tags(db, reflection_id, TAGS)
    text = render(summary(db, Audience.ME, exported_at="2026-11-26T12:00:00Z"), "json")
    [record] = json.loads(text)["reflections"]
    assert record["lenses"] == [{"lens": "self", "mode": "awareness"}, {"lens": "patients", "mode": "action"}]
    assert {(a["lens"], a["mode"]) for a in record["answers"]} == {("", "")}
    exported = tmp_path / "me.json"
    exported.write_text(text, encoding="utf-8")
    other = open_store(Paths(tmp_path / "other", tmp_path / "other-config"))
    report = import_file(other, exported)
    assert report.added["lens tag"] == 2
    assert get_tags(other, reflection_id) == [TAGS[1], TAGS[0]]
    assert {(a.lens, a.mode) for a in get_answers(other, reflection_id)} == {(None, None)}
    assert read_contents(other).reflections[0].lenses == read_contents(db).reflections[0].lenses
    again = import_file(other, exported)
    assert not again.changed  # the same tags again: nothing to add


def test_a_reflection_with_no_tags_has_no_lenses_field(db):
    gibbs_reflection(db)
    [record] = json.loads(render(summary(db, Audience.ME, exported_at="2026-11-26T12:00:00Z"), "json"))["reflections"]
    assert "lenses" not in record


BAD = {
    "half a lens": (lambda r: r["answers"][0].update(mode="action"), "lens without a mode"),
    "a tag twice": (lambda r: r.update(lenses=[{"lens": "self", "mode": "action"}] * 2), "same lens and mode twice"),
    "an unknown tag": (lambda r: r.update(lenses=[{"lens": "planets", "mode": "action"}]), "value myrole does not know"),
    "a tag with more": (lambda r: r.update(lenses=[{"lens": "self", "mode": "action", "x": 1}]),
                        "field myrole does not know"),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_a_file_with_a_broken_lens_is_refused_in_one_sentence(db, tmp_path, kind):
    gibbs_reflection(db)
    data = json.loads(render(summary(db, Audience.ME, exported_at="2026-11-26T12:00:00Z"), "json"))
    change, phrase = BAD[kind]
    change(data["reflections"][0])
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        load_export(path)
    assert phrase in str(refused.value) and "\n" not in str(refused.value)


def test_a_store_with_a_half_lens_answer_fails_the_restore_check(db):
    gibbs_reflection(db)
    assert problem_in(db) is None
    set_tags(db, db.execute("SELECT id FROM reflections").fetchone()[0], TAGS)
    assert problem_in(db) is None
    db.execute("UPDATE answers SET lens = 'self' WHERE rowid = 1")
    db.commit()
    assert "lens without a mode" in problem_in(db)
