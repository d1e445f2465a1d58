"""Tests that search finds what a person wrote (whole words, prefixes, any case, any accents), newest first,
and that its index follows every write: added, changed, corrected, cascaded away, imported and restored."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from myrole.model import CheckIn, Commitment, Context, ItemKind, Lens, Mode, Visibility
from myrole.prompts import load_catalogue
from myrole.store import write
from myrole.store import one_to_ones as o2o
from myrole.store.checkins import add_checkin, correct_checkin, list_checkins
from myrole.store.commitments import create_commitment, get_commitment, update_commitment
from myrole.store.reflections import correct_answer, save_answer, start_reflection
from myrole.store.erase import delete_commitment
from myrole.store.search import INDEX, SearchError, Terms, excerpt, search
from myrole.store.status import change_cadence, drop, mark_done, pause, renegotiate, resume, snooze


def found(db, text: str, **options) -> list[tuple[str, str]]:
    return [(hit.area, hit.record_id) for hit in search(db, text, **options).hits]


def commitment(db, title: str, **fields) -> Commitment:
    return create_commitment(db, Commitment(id="", title=title, lens=Lens.SELF, mode=Mode.ACTION, **fields))


def test_words_are_found_whole_by_prefix_in_any_case_and_without_accents(db):
    made = commitment(db, "Book an Interpreter for the café clinic", detail="Ask Zoë at reception")
    assert found(db, "interpreter") == [("commitments", made.id)]
    assert found(db, "INTERP") == [("commitments", made.id)]  # a prefix
    assert found(db, "cafe") == [("commitments", made.id)]  # the accent need not be typed
    assert found(db, "café zoe") == [("commitments", made.id)]  # every word, each anywhere
    assert found(db, "preter") == []  # not inside a word
    assert found(db, "interpreter zebra") == []
    assert found(db, "an") == [("commitments", made.id)]


def test_single_letters_match_only_whole_words(db):
    made = commitment(db, "Plan A for the ward")
    commitment(db, "Arrange transport")
    assert found(db, "a") == [("commitments", made.id)]


def test_every_kind_of_text_is_found_and_opens_its_record(db):
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.SELF, topic="Interpreters on the ward")
    answer = save_answer(db, reflection.id, pack.prompts[0], "We had no interpreter today.", Visibility.PRIVATE)
    made = commitment(db, "Easy-read letters", first_step="Find an interpreter list")
    checkin = add_checkin(db, made, CheckIn(id="", commitment_id="", at="", on_date=date(2026, 3, 2), progress=1,
                                            next_step="Ring the interpreter service"))
    record = o2o.create_one_to_one(db, date(2026, 3, 3), "Alex")
    record = o2o.add_item(db, record, ItemKind.TALKING_POINT, "Interpreter budget")
    hits = {hit.area + ":" + hit.record_id: hit.opens for hit in search(db, "interpreter").hits}
    assert hits == {
        f"answers:{answer.id}": reflection.id, f"answers:{reflection.id}": reflection.id,
        f"commitments:{made.id}": made.id, f"checkins:{checkin.id}": made.id,
        f"one-to-ones:{record.items[0].id}": record.id,
    }
    assert {hit.area for hit in search(db, "interpreter", areas=("checkins",)).hits} == {"checkins"}


def test_newest_first_and_since(db):
    made = commitment(db, "Stroke clinic leaflets")
    for day in (date(2025, 1, 5), date(2026, 2, 1), date(2024, 6, 1)):
        made = get_commitment(db, made.id)
        add_checkin(db, made, CheckIn(id="", commitment_id="", at="", on_date=day, progress=1, note="leaflets sent"))
    days = [hit.day for hit in search(db, "leaflets", areas=("checkins",)).hits]
    assert days == ["2026-02-01", "2025-01-05", "2024-06-01"]
    assert [hit.day for hit in search(db, "leaflets", areas=("checkins",), since=date(2025, 1, 1)).hits] == [
        "2026-02-01", "2025-01-05"]


def test_the_index_follows_edits_corrections_and_cascades(db):
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.SELF)
    answer = save_answer(db, reflection.id, pack.prompts[0], "The zebra crossing", Visibility.PRIVATE)
    save_answer(db, reflection.id, pack.prompts[0], "The pelican crossing", Visibility.PRIVATE)
    assert found(db, "zebra") == [] and found(db, "pelican") == [("answers", answer.id)]
    correct_answer(db, get_answer_now(db, answer.id), "The crossing")
    assert found(db, "pelican") == []
    made = commitment(db, "Walrus plan")
    add_checkin(db, made, CheckIn(id="", commitment_id="", at="", on_date=date(2026, 1, 1), progress=1,
                                  note="walrus"))
    [checkin] = list_checkins(db, made.id)
    correct_checkin(db, checkin, note="seal", barriers="", next_step="")
    assert found(db, "walrus") == [("commitments", made.id)]
    assert found(db, "seal") == [("checkins", checkin.id)]
    update_commitment(db, replace(get_commitment(db, made.id), title="Otter plan"))
    assert found(db, "walrus") == [] and found(db, "otter") == [("commitments", made.id)]
    with write(db):
        db.execute("DELETE FROM commitments WHERE id = ?", [made.id])  # its check-ins go by cascade
    assert found(db, "otter") == [] and found(db, "seal") == []


def get_answer_now(db, answer_id):
    from myrole.store.reflections import get_answer

    return get_answer(db, answer_id)


def test_a_search_with_no_words_is_one_sentence(db):
    with pytest.raises(SearchError, match="at least one word"):
        search(db, " -- ** ")
    assert found(db, '"quoted" AND NEAR(') == []  # FTS syntax in what is typed is only words


def test_excerpt_marks_each_match_and_keeps_the_text_exact():
    terms = Terms.parse("interp")
    pieces = excerpt("Line one\n\nAn [b]interpreter[/b] came", terms, 80)
    assert "".join(text for text, _ in pieces) == "Line one / An [b]interpreter[/b] came"
    assert [text for text, matched in pieces if matched] == ["interpreter"]
    long = "word " * 100 + "interpreter" + " word" * 100
    pieces = excerpt(long, terms, 60)
    assert pieces[0] == ("…", False) and pieces[-1] == ("…", False)
    assert ("interpreter", True) in pieces and sum(len(text) for text, _ in pieces) <= 64


# -- the reasons a person gave for changing a commitment ------------------------------------------------

def _reasons(db) -> tuple[Commitment, dict[str, str]]:
    """A commitment paused, resumed, renegotiated and dropped, each with a reason; the history's ids by kind."""
    today = date(2026, 3, 2)
    made = commitment(db, "Rota check-ins")
    made = pause(db, made, date(2026, 4, 1), "Annual leave in Porthcawl", today=today)
    made = resume(db, made, "Back from Porthcawl early", today=today)
    made = snooze(db, made, 7, today=today)  # myrole's words ("until ..."): not the person's
    made = change_cadence(db, made, "weekly")  # myrole's words ("from fortnightly to weekly")
    made = renegotiate(db, replace(made, title="Rota huddles"), "Huddles suit the night team")
    drop(db, made, "The ward merged with Cedar ward")
    ids = {kind: str(rowid) for rowid, kind in db.execute(
        "SELECT rowid, kind FROM commitment_events WHERE commitment_id = ?", [made.id])}
    return made, ids


def test_the_reasons_given_for_a_change_are_found_and_open_the_commitment(db):
    made, ids = _reasons(db)
    for words, kind, where in [("porthcawl leave", "paused", "Reason for pausing Rota huddles"),
                               ("early", "resumed", "Reason for resuming Rota huddles"),
                               ("night team", "renegotiated", "Reason for changing the plan of Rota huddles"),
                               ("cedar", "dropped", "Reason for dropping Rota huddles")]:
        [hit] = search(db, words).hits
        assert (hit.area, hit.record_id, hit.opens, hit.where) == ("commitments", ids[kind], made.id, where)
    [hit] = search(db, "annual").hits
    assert hit.text == "Annual leave in Porthcawl"  # the person's words: not the date the pause ran to
    assert found(db, "until") == found(db, "weekly") == found(db, "fortnightly") == []  # myrole's own words
    assert found(db, "2026") == []
    assert found(db, "cedar", areas=("checkins", "answers")) == []  # reasons are the commitment's


def test_a_note_on_finishing_and_a_reopening_are_found(db):
    made = mark_done(db, commitment(db, "Leaflets"), "Sent to every GP surgery")
    resume(db, made, "Surgeries asked for more", today=date(2026, 3, 2))
    assert [hit.where for hit in search(db, "surgery").hits] == ["Note on finishing Leaflets"]
    assert [hit.where for hit in search(db, "asked").hits] == ["Reason for reopening Leaflets"]


def test_a_reason_leaves_the_index_with_its_commitment_deleted_for_good(db):
    made, _ = _reasons(db)
    delete_commitment(db, made.id)
    assert found(db, "porthcawl") == [] and found(db, "cedar") == []
    db.execute(f"CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, {INDEX}, 'row')")
    assert not {"porthcawl", "cedar", "huddles"} & {row[0] for row in db.execute("SELECT term FROM temp.words")}
    db.execute(f"INSERT INTO {INDEX} ({INDEX}) VALUES ('integrity-check')")


def test_an_imported_commitments_reasons_are_found(db, tmp_path):
    from myrole.export.importer import import_file
    from myrole.paths import resolve
    from myrole.store import open_store
    from test_import import export_json

    made, _ = _reasons(db)
    file = tmp_path / "me.json"
    file.write_text(export_json(db), encoding="utf-8")
    other = open_store(resolve(tmp_path / "other"))
    try:
        import_file(other, file)
        [hit] = search(other, "cedar").hits
        assert (hit.opens, hit.where) == (made.id, "Reason for dropping Rota huddles")
    finally:
        other.close()
