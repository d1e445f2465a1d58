"""Provides finding what a person wrote: the full-text index (built by triggers), queries on it, and its tidying.

The index is one SQLite FTS5 table, `search_index`, *contentless* (content=''): it keeps the words'
tokens and where they occur, never a copy of the text, which stays only in its own table. Each
indexed row's id in the index is its source row's rowid times 8 plus its kind (KINDS), so a hit
leads back to its row. Triggers on the source tables keep the index in step with every insert,
update and delete, inside the same transaction as the write.

Tokenizer: unicode61 with remove_diacritics 2, so "cafe" finds "Café" and "Zoë" finds "zoe", case
apart; every word of a search is also a prefix ("interp" finds "interpreter") except a single
letter, which would match most of the store. Trigram was not chosen: it matches inside words
("ward" in "awkward"), needs three characters, and folds accents only from SQLite 3.45.

Removal: deleting a row from an FTS5 index adds a delete marker; the old tokens stay in the older
segment until segments are merged. So a correction or a delete for good ends with
forget_removed_text() ('optimize': every segment merged into one, the old ones deleted, and with
secure_delete on their pages are zeroed), leaving no token of the removed text in the file.
"""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

INDEX = "search_index"
# The FTS5 table and the shadow tables it makes: never copied from a backup (restore rebuilds them
# from the rows, through the triggers), and checked by schema_check like every other table.
INDEX_TABLES = frozenset({INDEX, f"{INDEX}_data", f"{INDEX}_idx", f"{INDEX}_docsize", f"{INDEX}_config"})
# What the index's own settings table holds when myrole made it (schema_check refuses anything else).
EXPECTED_CONFIG = frozenset({("version", 4)})


@dataclass(frozen=True)
class Source:
    """One table whose text is indexed: its kind number (the rowid's last three bits) and its text columns;
    for a table only some of whose rows hold the person's words, which rows (only) and what of them (words)."""

    kind: int
    table: str
    columns: tuple[str, ...]
    area: str  # the --in choice that covers it
    words: str = ""  # SQL for the indexed text, {row} standing for new, old or the table; else the columns
    only: str = ""  # SQL that holds for the rows indexed, {row} as in words; else every row

    def text(self, row: str) -> str:
        """The SQL expression for the indexed text of `row` (new or old): its columns, one line each."""
        if self.words:
            return self.words.format(row=row)
        return " || char(10) || ".join(f"{row}.{column}" for column in self.columns)

    def holds(self, row: str) -> str:
        """The SQL condition for `row` (new, old or the table) to be indexed: ' WHERE ...', or '' for every row."""
        return f" WHERE {self.only.format(row=row)}" if self.only else ""


# The status changes whose reason is the person's own words (a pause's also names its end, which is left out);
# a snooze's, a new rhythm's and a correction's are myrole's words.
REASON_KINDS = ("paused", "resumed", "reopened", "done", "dropped", "renegotiated")
PAUSE_STAMP = "until [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"  # how store.status begins a pause's reason
REASON_WORDS = (f"CASE WHEN {{row}}.kind = 'paused' AND {{row}}.reason GLOB '{PAUSE_STAMP}: *' "
                f"THEN substr({{row}}.reason, {len('until 2026-01-01: ') + 1}) "
                f"WHEN {{row}}.kind = 'paused' AND {{row}}.reason GLOB '{PAUSE_STAMP}' THEN '' "
                "ELSE {row}.reason END")
REASONS = Source(6, "commitment_events", ("kind", "reason"), "commitments", words=REASON_WORDS,
                 only=f"{{row}}.kind IN ({', '.join(repr(kind) for kind in REASON_KINDS)}) AND {{row}}.reason != ''")
INDEXED_FIRST = (  # by m006_search
    Source(1, "answers", ("text",), "answers"),
    Source(2, "commitments", ("title", "detail", "first_step", "success", "support"), "commitments"),
    Source(3, "checkins", ("note", "barriers", "next_step"), "checkins"),
    Source(4, "one_to_one_items", ("text",), "one-to-ones"),
    Source(5, "reflections", ("topic",), "answers"),
)
SOURCES = (*INDEXED_FIRST, REASONS)  # REASONS by m008_search_reasons
KINDS = {source.kind: source for source in SOURCES}
AREAS = ("answers", "commitments", "checkins", "one-to-ones")


def _triggers(source: Source) -> list[str]:
    key = f"new.rowid * 8 + {source.kind}"
    old_key = f"old.rowid * 8 + {source.kind}"
    if source.only:  # only some rows: each trigger inserts what a SELECT finds, so nothing for the others
        add = f"INSERT INTO {INDEX} (rowid, text) SELECT {key}, {source.text('new')}{source.holds('new')};"
        remove = (f"INSERT INTO {INDEX} ({INDEX}, rowid, text) SELECT 'delete', {old_key}, {source.text('old')}"
                  f"{source.holds('old')};")
    else:  # as m006_search made them: their SQL is part of every store's schema since
        add = f"INSERT INTO {INDEX} (rowid, text) VALUES ({key}, {source.text('new')});"
        remove = f"INSERT INTO {INDEX} ({INDEX}, rowid, text) VALUES ('delete', {old_key}, {source.text('old')});"
    name = f"{INDEX}_{source.table}"
    return [
        f"CREATE TRIGGER {name}_added AFTER INSERT ON {source.table} BEGIN {add} END",
        f"CREATE TRIGGER {name}_removed AFTER DELETE ON {source.table} BEGIN {remove} END",
        f"CREATE TRIGGER {name}_changed AFTER UPDATE OF {', '.join(source.columns)} ON {source.table} "
        f"BEGIN {remove} {add} END",
    ]


def _indexing(sources: tuple[Source, ...]) -> tuple[str, ...]:
    """The triggers that keep these sources in the index, every existing row of them indexed, and one segment."""
    return (
        *(trigger for source in sources for trigger in _triggers(source)),
        *(f"INSERT INTO {INDEX} (rowid, text) SELECT rowid * 8 + {source.kind}, {source.text(source.table)} "
          f"FROM {source.table}{source.holds(source.table)}" for source in sources),
        f"INSERT INTO {INDEX} ({INDEX}) VALUES ('optimize')",
    )


# Migration m006_search: the index, its triggers, and every existing row indexed (then merged into one segment).
SEARCH_SCHEMA = (
    f"CREATE VIRTUAL TABLE {INDEX} USING fts5(text, content='', tokenize='unicode61 remove_diacritics 2')",
    *_indexing(INDEXED_FIRST),
)
# Migration m008_search_reasons: the reasons a person gave for a status change, indexed the same way.
REASONS_SCHEMA = _indexing((REASONS,))


def forget_removed_text(conn: sqlite3.Connection) -> None:
    """Inside a transaction that removed text: merge the index so no old segment keeps its words.

    About 0.1 s on a ten-year store. The pages the old segments held are zeroed (secure_delete).
    """
    conn.execute(f"INSERT INTO {INDEX} ({INDEX}) VALUES ('optimize')")


# ---- queries -------------------------------------------------------------------------------------

WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 12
SHOWN = 100  # results listed at most (newest first); the count says how many matched in all


class SearchError(ValueError):
    """A search that cannot be run as asked (no words in it); one sentence."""


def fold(text: str) -> str:
    """Text as the index compares it: accents taken off, case folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@dataclass(frozen=True)
class Terms:
    """The words of a search, folded; every word longer than one letter is also a prefix."""

    words: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Terms:
        words = tuple(dict.fromkeys(fold(word) for word in WORD.findall(text)))
        if not words:
            raise SearchError("Give at least one word to search for (letters or numbers).")
        if len(words) > MAX_WORDS:
            raise SearchError(f"Search for {MAX_WORDS} words at most.")
        return cls(words)

    def query(self) -> str:
        """The FTS5 query: every word must be there (each quoted, so nothing in it is FTS syntax)."""
        return " ".join(f'"{word}"*' if len(word) > 1 else f'"{word}"' for word in self.words)

    def matches(self, word: str) -> bool:
        return word_matches(self.words, word)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the words of text that match lie (start, end), in order."""
        words = self.words
        return [match.span() for match in WORD.finditer(text) if word_matches(words, match.group())]


@lru_cache(maxsize=65_536)
def word_matches(terms: tuple[str, ...], word: str) -> bool:
    """Whether a word of the text is one of the terms, or (a term of two letters or more) starts with one."""
    folded = fold(word)
    return any(folded.startswith(term) if len(term) > 1 else folded == term for term in terms)


@dataclass(frozen=True)
class Hit:
    """One record that matched: what it is, where it lives, when, and its text."""

    kind: int
    record_id: str  # the answer, commitment, check-in, item or reflection
    opens: str  # the record Enter opens: the reflection, the commitment or the one-to-one
    when: str  # an ISO date or UTC timestamp
    where: str  # e.g. "Answer in a reflection (Core reflection)"; from myrole's own words and titles
    text: str

    @property
    def area(self) -> str:
        return KINDS[self.kind].area

    @property
    def day(self) -> str:
        return self.when[:10]


# When each kind's record happened, for a list of rowids: (rowid, when).
WHEN = {
    1: "SELECT a.rowid, r.started_at FROM answers a JOIN reflections r ON r.id = a.reflection_id WHERE a.rowid IN ({ids})",
    2: "SELECT rowid, created_at FROM commitments WHERE rowid IN ({ids})",
    3: "SELECT rowid, on_date FROM checkins WHERE rowid IN ({ids})",
    4: ("SELECT i.rowid, o.held_on FROM one_to_one_items i JOIN one_to_ones o ON o.id = i.one_to_one_id "
        "WHERE i.rowid IN ({ids})"),
    5: "SELECT rowid, started_at FROM reflections WHERE rowid IN ({ids})",
    6: "SELECT rowid, at FROM commitment_events WHERE rowid IN ({ids})",
}
# A reason's place, in words: what the person was doing when they gave it, and to which commitment.
REASON_WHERE = ("CASE e.kind WHEN 'paused' THEN 'Reason for pausing ' WHEN 'resumed' THEN 'Reason for resuming ' "
                "WHEN 'reopened' THEN 'Reason for reopening ' WHEN 'done' THEN 'Note on finishing ' "
                "WHEN 'dropped' THEN 'Reason for dropping ' ELSE 'Reason for changing the plan of ' END || c.title")
# Each kind's rows for a list of rowids: (rowid, record id, the record Enter opens, where, text).
DETAILS = {
    1: ("SELECT a.rowid, a.id, a.reflection_id, 'Answer in ' || r.pack_title, a.text "
        "FROM answers a JOIN reflections r ON r.id = a.reflection_id WHERE a.rowid IN ({ids})"),
    2: ("SELECT rowid, id, id, 'Commitment', "
        "title || char(10) || detail || char(10) || first_step || char(10) || success || char(10) || support "
        "FROM commitments WHERE rowid IN ({ids})"),
    3: ("SELECT k.rowid, k.id, k.commitment_id, 'Check-in on ' || c.title, "
        "k.note || char(10) || k.barriers || char(10) || k.next_step "
        "FROM checkins k JOIN commitments c ON c.id = k.commitment_id WHERE k.rowid IN ({ids})"),
    4: ("SELECT i.rowid, i.id, i.one_to_one_id, 'One-to-one ' || replace(i.kind, '-', ' '), i.text "
        "FROM one_to_one_items i WHERE i.rowid IN ({ids})"),
    5: "SELECT rowid, id, id, 'Topic of ' || pack_title, topic FROM reflections WHERE rowid IN ({ids})",
    6: (f"SELECT e.rowid, CAST(e.rowid AS TEXT), e.commitment_id, {REASON_WHERE}, {REASONS.text('e')} "
        "FROM commitment_events e JOIN commitments c ON c.id = e.commitment_id WHERE e.rowid IN ({ids})"),
}
IDS = "SELECT value FROM json_each(?)"


@dataclass(frozen=True)
class Results:
    """The newest hits (SHOWN at most) and how many matched in all."""

    hits: list[Hit]
    total: int
    terms: Terms


def search(conn: sqlite3.Connection, text: str, *, since: date | None = None,
           areas: tuple[str, ...] = AREAS, limit: int = SHOWN) -> Results:
    """Every record whose text holds all the words of `text` (by prefix), newest first.

    Two steps, so a word found in thousands of records stays quick: when each hit happened (a
    small read per hit), then the text of only the newest `limit`.
    """
    terms = Terms.parse(text)
    kinds = [source.kind for source in SOURCES if source.area in areas]
    rows = conn.execute(
        f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH ? AND rowid % 8 IN ({', '.join('?' * len(kinds))})",
        [terms.query(), *kinds]).fetchall()
    dated = [(when, kind, rowid) for kind, ids in _by_kind(rows).items()
             for rowid, when in conn.execute(WHEN[kind].format(ids=IDS), [json.dumps(ids)])
             if since is None or when[:10] >= since.isoformat()]
    dated.sort(reverse=True)
    newest = dated[:limit]
    found = {}
    for kind, ids in _by_kind([(rowid * 8 + kind,) for _, kind, rowid in newest]).items():
        for rowid, record_id, opens, where, body in conn.execute(DETAILS[kind].format(ids=IDS), [json.dumps(ids)]):
            found[kind, rowid] = (record_id, opens, where, body)
    hits = [Hit(kind, *found[kind, rowid][:2], when, *found[kind, rowid][2:]) for when, kind, rowid in newest]
    return Results(hits, len(dated), terms)


def _by_kind(rows: list[tuple[int]]) -> dict[int, list[int]]:
    """Index ids grouped by kind, as their source rows' rowids."""
    grouped: dict[int, list[int]] = {}
    for (key,) in rows:
        grouped.setdefault(key % 8, []).append(key // 8)
    return grouped


EXCERPT_SOURCE = 2_000  # characters looked at first for an excerpt (a long answer's match is mostly early)


def flatten(text: str) -> str:
    """Text on one line: its non-blank lines joined with ' / ' (as text.one_line shows them)."""
    return " / ".join(line.strip() for line in text.splitlines() if line.strip())


def excerpt(text: str, terms: Terms, width: int) -> list[tuple[str, bool]]:
    """About `width` characters of text on one line, around its first match, as pieces (text, is it a match).

    The pieces are the person's words exactly; the caller shows each inert (never read as markup)
    and styles the matches.
    """
    flat = flatten(text[:EXCERPT_SOURCE] if len(text) > EXCERPT_SOURCE else text)
    spans = terms.spans(flat)
    if not spans and len(text) > EXCERPT_SOURCE:  # the match lies further in: look at all of it
        flat = flatten(text)
        spans = terms.spans(flat)
    start = 0
    if spans and spans[0][1] > width * 2 // 3:
        start = max(0, spans[0][0] - width // 3)
        space = flat.rfind(" ", 0, start)
        start = space + 1 if space > start - 15 else start
    end = min(len(flat), start + width)
    pieces: list[tuple[str, bool]] = [("…", False)] if start else []
    at = start
    for begin, finish in spans:
        if finish <= at or begin >= end:
            continue
        begin, finish = max(begin, at), min(finish, end)
        if begin > at:
            pieces.append((flat[at:begin], False))
        pieces.append((flat[begin:finish], True))
        at = finish
    if at < end:
        pieces.append((flat[at:end], False))
    if end < len(flat):
        pieces.append(("…", False))
    return pieces
