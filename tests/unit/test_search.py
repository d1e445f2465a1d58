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
from myrole.store.search import SearchError, Terms, excerpt, search


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
