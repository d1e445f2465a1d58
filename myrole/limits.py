"""Provides the size limits on what a person can write, and the one sentence that says a text is over one.

Every form checks them before saving (the draft is kept), and `myrole import` checks them
before merging (exit 2). They are generous for real use and keep every screen quick:
see docs/reliability.md, "Limits on what you write".
"""

from __future__ import annotations

from dataclasses import dataclass

TITLE_CHARS = 200  # a commitment's title: a few words, on one line
LINE_CHARS = 1_000  # any other one-line field: a first step, a name, a topic, a reason
TEXT_CHARS = 100_000  # a long text (an answer, a detail, a note): about 15,000 words, 40 pages
TAG_CHARS = 50  # one tag
TAGS = 30  # tags on one commitment
EVENT_TOPICS = 100  # topics in one event file: an open-space workshop has a few dozen
EVENT_FILE_BYTES = 256_000  # an event file: a hundred topics is about 10,000 bytes
ID_CHARS = 100  # an id an organiser writes (an event's, a topic's): letters, digits, - and _
# A draft keeps whatever was typed or pasted, over a field's limit too (the app keeps a 1 MB line whole);
# a restored draft holding more text than this, in all its fields, is not a person's typing, and would
# only make the app that offers it back slow.
DRAFT_CHARS = 10_000_000


@dataclass(frozen=True)
class FieldLimit:
    """How long one field may be, and whether it must stay on one line."""

    chars: int
    one_line: bool


TITLE = FieldLimit(TITLE_CHARS, one_line=True)
LINE = FieldLimit(LINE_CHARS, one_line=True)
TEXT = FieldLimit(TEXT_CHARS, one_line=False)
TAG = FieldLimit(TAG_CHARS, one_line=True)
# A commitment's history line: the reason the person gave (LINE) and the date it names ("until 2027-01-31: ").
EVENT_REASON = FieldLimit(LINE_CHARS + 100, one_line=True)

EARLIEST_YEAR, LATEST_YEAR = 1900, 2999  # a date outside these years is a typing slip, not a real one

LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")  # what str.splitlines() splits on


def problem(text: str, limit: FieldLimit, what: str) -> str | None:
    """The sentence saying why text does not fit limit (what names the field, e.g. 'The title'), or None.

    The sentence never quotes the text: it may be private, and is long by definition.
    """
    if len(text) > limit.chars:
        return (f"{what} is {len(text):,} characters long, but the most myrole keeps is {limit.chars:,}; "
                "please shorten it.")
    if limit.one_line and not LINE_BREAKS.isdisjoint(text):
        return f"{what} must be on one line; please remove the line break."
    return None


def check(text: str, limit: FieldLimit, what: str) -> str:
    """text unchanged when it fits limit; otherwise a ValueError with problem()'s sentence."""
    sentence = problem(text, limit, what)
    if sentence:
        raise ValueError(sentence)
    return text


# Each stored text field and its limit, by table and column: the forms, the store's callers and
# `myrole import` all read this one table.
FIELDS: dict[tuple[str, str], FieldLimit] = {
    ("profile", "name"): LINE,
    ("profile", "role"): LINE,
    ("profile", "organisation"): LINE,
    ("profile", "manager_name"): LINE,
    ("reflections", "topic"): LINE,
    ("answers", "text"): TEXT,
    ("commitments", "title"): TITLE,
    ("commitments", "detail"): TEXT,
    ("commitments", "first_step"): LINE,
    ("commitments", "success"): LINE,
    ("commitments", "support"): LINE,
    ("commitments", "status_reason"): LINE,
    ("commitments", "tag"): TAG,
    ("commitment_events", "reason"): EVENT_REASON,
    ("checkins", "note"): TEXT,
    ("checkins", "barriers"): LINE,
    ("checkins", "next_step"): LINE,
    ("one_to_ones", "manager_name"): LINE,
    ("one_to_one_items", "text"): TEXT,
    ("events", "name"): LINE,
    ("events", "collective"): LINE,
    ("event_topics", "title"): TITLE,
    ("nmc_accounts", "nature"): TEXT,
    ("nmc_accounts", "learnt"): TEXT,
    ("nmc_accounts", "changed"): TEXT,
    ("nmc_accounts", "code"): TEXT,
    ("revalidation", "hcpc_summary"): TEXT,
    ("hcpc_statement_items", "what"): TEXT,
    ("hcpc_statement_items", "learnt"): TEXT,
    ("hcpc_statement_items", "improved"): TEXT,
    ("hcpc_statement_items", "benefited"): TEXT,
    ("hcpc_statement_items", "evidence"): TEXT,
}
