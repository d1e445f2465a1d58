"""Tests that the quick search for texts worth checking (privacy.worth_checking) never misses one the full check would flag."""

from __future__ import annotations

from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from myrole.privacy import (_WORTH_CHECKING, _WORTH_CHECKING_ASCII, _WORTH_CHECKING_OTHER, find_identifiable, identifiable_in,
                            worth_checking)

TODAY = date(2026, 11, 29)
# The characters the patterns turn on, in both cases, with every ASCII space re's \s knows, dots, NULs, and
# letters that match d, b, i or k when case is ignored outside ASCII (dotless i, dotted I, the Kelvin sign);
# the titles' letters in both cases, underscores and @ (names with a title, email addresses).
ASCII_PIECES = ["d", "D", "b", "B", "o", "O", ".", " ", "\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1f", "\0",
                "ate", "ATE", "of", "birth", "BIRTH", "orn", "ORN", "0", "7", "9", "x", "-", "/", ":",
                "M", "m", "r", "R", "s", "S", "P", "p", "rof", "iss", "X", "_", "@", "'", "J", "Khan"]
OTHER_PIECES = ["\u0131", "\u0130", "\u212a", "\u00e9", "\u2019", "\u0663", "\uff11", "\U0001f600", "\u00a0", "\u2028",
                "\u0141", "\u017f", "\u00c9"]
WORDS = ["DOB", "d.o.b", "D. O. B.", "date of  birth", "Date\tOf\nBirth", "born", "Born on 3/4/1950",
         "NHS 943 476 5919", "call 07700 900123", "BD1 1AA", "sw1a 2aa", "1960-02-01", "12 Feb 1948",
         "nothing here", "morning", "adorn", "bob", "dob\u0131", "b\u0131rth",
         "Mrs Jane Smith", "Mr Ahmed Khan", "Dr. O'Neill", "Ms Smith-Jones", "Mx", "Miss", "Prof", "MR", "mrs", "dr",
         "Dr appointments", "Mr and Mrs Khan", "Mrs B", "Ms Word", "Mrs Zofia \u0141ukasiewicz", "Hamr",
         "jane.smith@example.com", "ot.lead@nhs.net", "x@y", "@home", "nhs.net", "a.b"]


def ascii_texts() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(ASCII_PIECES + [w for w in WORDS if w.isascii()]), max_size=12).map("".join)


def any_texts() -> st.SearchStrategy[str]:
    return st.one_of(st.text(max_size=30),
                     st.lists(st.sampled_from(ASCII_PIECES + OTHER_PIECES + WORDS), max_size=12).map("".join))


@settings(max_examples=1000, deadline=None)
@given(ascii_texts())
@example("d\x1co\x1cb")
@example("DaTe  Of\x0bBiRtH")
@example("Mrs\x1fDr.mr _Mx\tProf ProfX xDr. @")
def test_the_quick_pattern_matches_where_the_full_one_does_in_ascii_text(text):
    """In ASCII text the quick pattern matches at exactly the places the full one does."""
    assert ([m.start() for m in _WORTH_CHECKING_ASCII.finditer(text)]
            == [m.start() for m in _WORTH_CHECKING.finditer(text)])


@settings(max_examples=1000, deadline=None)
@given(any_texts())
@example("b\u0130rth D\u0131rTH dat\u0130 Mrs\u00a0\u0141 Dr\u2028 \u0663@")
def test_the_pattern_for_other_text_matches_where_the_full_one_does_in_any_text(text):
    """The pattern for text that is not ASCII matches at exactly the places the full one has them, in any text."""
    assert ([m.start() for m in _WORTH_CHECKING_OTHER.finditer(text)]
            == [m.start() for m in _WORTH_CHECKING.finditer(text)])


@settings(max_examples=600, deadline=None)
@given(st.lists(any_texts(), max_size=10))
@example(["b\u0131rth", "plain"])
@example(["\0DOB\0", "x"])
@example(["Mrs Jane Smith", "ot.lead@nhs.net", "Dr\u00a0\u0141ukasiewicz", "Mr\0", "\0Dr"])
def test_worth_checking_picks_exactly_the_texts_the_full_pattern_finds_something_in(texts):
    assert worth_checking(texts) == [i for i, text in enumerate(texts) if _WORTH_CHECKING.search(text)]


@settings(max_examples=600, deadline=None)
@given(st.lists(any_texts(), max_size=10).flatmap(lambda texts: st.lists(st.sampled_from(texts), max_size=14)
                                                  if texts else st.just([])))
def test_identifiable_in_finds_what_each_text_holds_with_texts_repeated_and_mixed(texts):
    """Texts repeated (checked once) and ASCII mixed with other text: still each text's own findings, in order."""
    pairs = [(f"text {i}", text) for i, text in enumerate(texts)]
    expected = [(where, found) for where, text in pairs for found in find_identifiable(text, TODAY)]
    assert list(identifiable_in(pairs, TODAY)) == expected


@settings(max_examples=600, deadline=None)
@given(any_texts())
@example("Mrs Zofia \u0141ukasiewicz")
@example("jane.smith@example.com")
@example("Dr.Patel")
@example("Mr and Mrs Khan")
def test_a_text_with_anything_to_find_is_always_worth_checking(text):
    if find_identifiable(text, TODAY):
        assert worth_checking(["", text, "plain"]) == [1]
