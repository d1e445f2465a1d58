"""Saving an answer that another window changed is refused, never silently overwritten."""

from __future__ import annotations

import pytest

from myrole.model import Context, Visibility
from myrole.prompts import load_catalogue
from myrole.store import StaleEditError
from myrole.store.reflections import get_answers, save_answer, start_reflection


@pytest.fixture
def setting(db):
    pack = load_catalogue().get("core")
    return db, start_reflection(db, pack, Context.SELF), pack.prompts[0]


def test_a_save_based_on_the_stored_answer_goes_through(setting):
    db, reflection, prompt = setting
    first = save_answer(db, reflection.id, prompt, "one", Visibility.PRIVATE, based_on=None)
    second = save_answer(db, reflection.id, prompt, "two", Visibility.PRIVATE, based_on=first)
    assert second.text == "two"


def test_a_save_based_on_an_older_answer_is_refused(setting):
    db, reflection, prompt = setting
    mine = save_answer(db, reflection.id, prompt, "mine", Visibility.PRIVATE, based_on=None)
    save_answer(db, reflection.id, prompt, "from the other window", Visibility.PRIVATE, based_on=mine)
    with pytest.raises(StaleEditError, match="another window"):
        save_answer(db, reflection.id, prompt, "mine, edited", Visibility.PRIVATE, based_on=mine)
    assert [a.text for a in get_answers(db, reflection.id)] == ["from the other window"]


def test_a_first_save_is_refused_when_another_window_saved_first(setting):
    db, reflection, prompt = setting
    save_answer(db, reflection.id, prompt, "theirs", Visibility.PRIVATE)
    with pytest.raises(StaleEditError):
        save_answer(db, reflection.id, prompt, "mine", Visibility.PRIVATE, based_on=None)
    assert [a.text for a in get_answers(db, reflection.id)] == ["theirs"]
