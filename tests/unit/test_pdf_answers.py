"""Tests for Sheet.answer: a question, its note and the person's answer drawn as one text object land exactly where
heading(), line_of() and passage() put them, page by page, in the same fonts and colours."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from myrole.export.pdf_sheet import Sheet
from test_pdf import URDU_NAME

QUESTION = "What did you notice about who was missing from the conversation?"
LONG_QUESTION = "A question long enough to need a second line in bold at this size, " * 3
NOTE = "Shared with your line manager; about patients, take action"


def _answers() -> list[tuple[str, str, str]]:
    """Answers of every shape a summary holds: with and without a note, one line and many, a long question, a
    paragraph that runs over a page's foot, text that needs shaping, the person's line breaks and control
    characters."""
    answers = []
    for number in range(70):
        question = LONG_QUESTION if number % 9 == 4 else QUESTION
        note = "" if number % 3 == 2 else NOTE
        text = f"Answer {number}: " + "we asked (and listened) " * (1 + number % 11)
        if number % 13 == 6:
            text += f"\nA second paragraph, naming {URDU_NAME}."
        if number % 17 == 8:
            text += "\n\x1b[31mred\x1b[0m and a tab\there"
        answers.append((question, note, text))
    return answers


def _drawn_with_answer() -> bytes:
    sheet = Sheet("Answers", running_head="Sam Patel")
    for question, note, text in _answers():
        sheet.answer(question, note, text)
    return sheet.finished()


def _drawn_one_by_one() -> bytes:
    sheet = Sheet("Answers", running_head="Sam Patel")
    for question, note, text in _answers():
        sheet.heading(question, 4)
        if note:
            sheet.line_of(note, muted=True)
        sheet.passage(text)
    return sheet.finished()


def _placed(pdf: bytes) -> list[list[tuple[str, float, float, str]]]:
    """Each page's pieces of text with where they start (x, y in points) and the font they are in."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        pieces: list[tuple[str, float, float, str]] = []

        def visit(text, _cm, tm, font, _size, pieces=pieces):
            if text.strip():
                pieces.append((text.strip(), tm[4], tm[5], str(font.get("/BaseFont")) if font else ""))

        page.extract_text(visitor_text=visit)
        pages.append(pieces)
    return pages


def test_answers_in_one_text_object_are_where_the_three_calls_put_them():
    quick, slow = _placed(_drawn_with_answer()), _placed(_drawn_one_by_one())
    assert len(quick) == len(slow) > 3
    for page_quick, page_slow in zip(quick, slow):
        assert [(text, font) for text, _x, _y, font in page_quick] == [(text, font) for text, _x, _y, font in page_slow]
        for (_, x1, y1, _), (_, x2, y2, _) in zip(page_quick, page_slow):
            assert x1 == pytest.approx(x2, abs=0.02) and y1 == pytest.approx(y2, abs=0.02)


def test_most_answers_take_the_one_object_way_and_a_question_is_worked_out_once():
    sheet = Sheet("Answers")
    for question, note, text in _answers():
        sheet.answer(question, note, text)
    assert {(question, note) for question, note, _ in sheet.answer_openings} == {
        (question, note) for question, note, _ in _answers()}  # each pair of question and note worked out once
    content = b"".join(bytes(page.contents) for page in sheet.pages.values())
    # one text object holds a question, its note and the answer: the note's font is set inside it
    assert content.count(b"Tf 14.500 TL 0 ") > 50
    assert b"\x1b" not in content  # the person's control characters are drawn inert, as passage() draws them
