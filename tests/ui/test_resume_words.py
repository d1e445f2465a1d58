"""The offer to carry on with an unfinished reflection names it: its questions, its topic (if any) and the day in words."""

from __future__ import annotations

from myrole.model import Context, Reflection
from myrole.ui.screens.home import resume_words


def reflection(topic: str) -> Reflection:
    return Reflection(id="r1", pack_id="core", pack_version="2", pack_title="My role: the full reflection",
                      context=Context.EVENT, topic=topic, started_at="2026-11-26T10:00:00Z")


def test_the_offer_names_the_questions_the_topic_and_the_day_in_words():
    assert resume_words(reflection("Oral health <b>")) == (
        "My role: the full reflection, on the topic “Oral health <b>”, started on 26 November 2026")


def test_without_a_topic_none_is_named_and_a_long_one_is_cut_to_one_line():
    assert resume_words(reflection("  ")) == "My role: the full reflection, started on 26 November 2026"
    words = resume_words(reflection("line one\nline two " + "x" * 200))
    assert "\n" not in words and len(words) < 150
