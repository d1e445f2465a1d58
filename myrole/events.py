"""Provides event files: reading an organiser's TOML file of an event and its topics, checked for meaning.

An event file is written by hand and handed out, so it is checked like any other file from
outside: UTF-8, not too large, only the keys myrole knows, real dates, sizes from myrole.limits,
unique ids. Every problem is listed with the line it is on (docs/events.md).
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from myrole import limits
from myrole.dates import day_or_none
from myrole.os_errors import reason
from myrole.text import UNSAFE, one_line

ID = re.compile(rf"[A-Za-z0-9_-]{{1,{limits.ID_CHARS}}}")
QUOTED_CHARS = 60  # how much of a wrong key or id a problem repeats
EVENT_KEYS_REQUIRED = ("id", "name", "date")
EVENT_KEYS_OPTIONAL = ("collective",)
TOPIC_KEYS = ("id", "title")
TOP_KEYS = ("event", "topics")
NO_COLLECTIVE = "your organisation's inequalities group"  # what screens and exports say with no name set


def collective_words(name: str | None) -> str:
    """Who the alliance audience is, in words: the collective's name, or plain words when none is set."""
    return (name or "").strip() or NO_COLLECTIVE


@dataclass(frozen=True)
class Topic:
    """One topic of an event: an id the organiser chose, and a short title."""

    id: str
    title: str


@dataclass(frozen=True)
class Event:
    """An event (a workshop, a conference day) and the topics people reflect on there."""

    id: str
    name: str
    held_on: date
    collective: str = ""  # the group that runs it and receives shared commitments; "" when not named
    topics: tuple[Topic, ...] = ()

    def topic(self, topic_id: str | None) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an event file, and the line it is on (0 when it is about the whole file)."""

    line: int
    sentence: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.sentence}" if self.line else self.sentence


class EventFileError(Exception):
    """An event file that cannot be used, with every problem found in it."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = str(path)
        self.problems = problems
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"{self.path} is not a usable event file ({count}).")


def read_event_file(path: Path) -> Event:
    """Read and check one event file; EventFileError lists every problem found."""
    return parse_event_text(read_event_text(path), path)


def read_event_text(path: Path) -> str:
    """The file's text: a regular file, at most EVENT_FILE_BYTES, in UTF-8; otherwise EventFileError."""
    try:
        kind = os.stat(path).st_mode  # before opening: a pipe or a device could wait for ever
        if stat.S_ISDIR(kind):
            raise _whole(path, "It is a folder, not an event file.")
        if not stat.S_ISREG(kind):
            raise _whole(path, "It is not an ordinary file (it may be a device or a pipe).")
        with open(path, "rb") as handle:
            raw = handle.read(limits.EVENT_FILE_BYTES + 1)
    except OSError as error:
        raise _whole(path, f"It cannot be read ({reason(error)}).") from None
    if len(raw) > limits.EVENT_FILE_BYTES:
        raise _whole(path, f"It is larger than {limits.EVENT_FILE_BYTES:,} bytes, too large to be an event file.")
    try:
        return raw.decode("utf-8-sig")  # -sig: Notepad may add a byte-order mark
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise EventFileError(path, [Problem(line, "This line is not UTF-8 text; save the file as UTF-8.")]) from None


def _whole(path: Path | str, sentence: str) -> EventFileError:
    return EventFileError(path, [Problem(0, sentence)])


TOML_LINE = re.compile(r"at line (\d+)")


def parse_event_text(text: str, path: Path | str = "the event file") -> Event:
    """Check an event file's text; the Event, or EventFileError listing every problem with its line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:  # its message names a line and column, never the text
        found = TOML_LINE.search(str(error))
        raise EventFileError(path, [Problem(int(found.group(1)) if found else 0,
                                            f"This is not valid TOML ({str(error).split(' (at')[0]}).")]) from None
    except RecursionError:
        raise _whole(path, "It is nested too deeply to be an event file.") from None
    checker = _Checker(Lines(text))
    event = checker.event(data)
    if checker.problems or event is None:
        raise EventFileError(path, sorted(checker.problems, key=lambda p: p.line))
    return event


class Lines:
    """Where each table and key of a TOML file is: enough to name a line for each problem.

    tomllib gives values, not places; the organiser's file is simple ([event], [[topics]] and
    `key = value` lines), so reading its lines finds them. Anything written another way (an inline
    table, say) is still checked; its problems are then placed at its table's line.
    """

    HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_-]+)\s*\]\]?")
    KEY = re.compile(r"\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")

    def __init__(self, text: str) -> None:
        self.tables: dict[tuple[str, int], int] = {}
        self.keys: dict[tuple[str, int, str], int] = {}
        table, index, counts = "", 0, {"topics": 0}
        for number, line in enumerate(text.splitlines(), start=1):
            header = self.HEADER.match(line)
            if header:
                table = header.group(2)
                if header.group(1) == "[[":
                    counts[table] = counts.get(table, 0) + 1
                index = counts.get(table, 1) - 1 if header.group(1) == "[[" else 0
                self.tables.setdefault((table, index), number)
                continue
            key = self.KEY.match(line)
            if key:
                self.keys.setdefault((table, index, key.group(1).strip('"')), number)

    def of(self, table: str, index: int = 0, key: str | None = None) -> int:
        """The line of a key in a table (the index-th of an array of tables), else of the table, else 0."""
        if key is not None and (table, index, key) in self.keys:
            return self.keys[(table, index, key)]
        return self.tables.get((table, index), self.keys.get(("", 0, table), 0))


class _Checker:
    """Collects every problem in a parsed event file instead of stopping at the first."""

    def __init__(self, lines: Lines) -> None:
        self.lines = lines
        self.problems: list[Problem] = []

    def note(self, line: int, sentence: str) -> None:
        self.problems.append(Problem(line, sentence))

    def event(self, data: dict[str, Any]) -> Event | None:
        for key in data:
            if key not in TOP_KEYS:
                self.note(self.lines.of(key, 0, None) or self.lines.of("", 0, key),
                          f"'{_quoted(key)}' is not something an event file holds (it has [event] and [[topics]]).")
        header = data.get("event")
        if not isinstance(header, dict):
            self.note(self.lines.of("event"), "The file needs an [event] table with its id, name and date.")
            header = None
        else:
            self._keys(header, EVENT_KEYS_REQUIRED, EVENT_KEYS_OPTIONAL, "event", 0, "[event]")
        topics = self._topics(data.get("topics", []))
        if header is None:
            return None
        event_id = self._id(header, "event", 0, "The event's id")
        name = self._text(header, "name", "event", 0, limits.FIELDS["events", "name"], "The event's name")
        held_on = self._date(header)
        collective = self._text(header, "collective", "event", 0, limits.FIELDS["events", "collective"],
                                "The collective's name", optional=True)
        if event_id is None or name is None or held_on is None or collective is None or topics is None:
            return None
        return Event(event_id, name, held_on, collective, topics)

    def _keys(self, table: dict[str, Any], required: tuple[str, ...], optional: tuple[str, ...], name: str,
              index: int, where: str) -> None:
        for key in table:
            if key not in required + optional:
                self.note(self.lines.of(name, index, key),
                          f"'{_quoted(key)}' is not a key myrole knows in {where} (it takes "
                          f"{', '.join(required + optional)}).")
        for key in required:
            if key not in table:
                self.note(self.lines.of(name, index), f"{where} is missing '{key}'.")

    def _id(self, table: dict[str, Any], table_name: str, index: int, what: str) -> str | None:
        value = table.get("id")
        if value is None:
            return None  # already named as missing
        if not isinstance(value, str) or not ID.fullmatch(value):
            self.note(self.lines.of(table_name, index, "id"),
                      f"{what} must be text in quotes of 1 to {limits.ID_CHARS} letters, digits, - or _ "
                      "(no spaces), like \"oral-health\".")
            return None
        return value

    def _text(self, table: dict[str, Any], key: str, table_name: str, index: int, limit: limits.FieldLimit,
              what: str, *, optional: bool = False) -> str | None:
        if key not in table:
            return "" if optional else None
        value = table[key]
        line = self.lines.of(table_name, index, key)
        if not isinstance(value, str) or not value.strip():
            self.note(line, f"{what} must be some text in quotes.")
            return None
        sentence = limits.problem(value, limit, what) or _broken(value, what)
        if sentence:
            self.note(line, sentence)
            return None
        return value.strip()

    def _date(self, header: dict[str, Any]) -> date | None:
        if "date" not in header:
            return None
        value = header["date"]
        line = self.lines.of("event", 0, "date")
        day: date | None = None
        if isinstance(value, date) and not hasattr(value, "hour"):
            day = value
        elif isinstance(value, str):
            day = day_or_none(value.strip())
        if day is None or not limits.EARLIEST_YEAR <= day.year <= limits.LATEST_YEAR:
            self.note(line, f"The event's date must be a real date between {limits.EARLIEST_YEAR} and "
                            f"{limits.LATEST_YEAR}, written like 2023-06-27.")
            return None
        return day

    def _topics(self, items: Any) -> tuple[Topic, ...] | None:
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            self.note(self.lines.of("topics"), "Topics must each be a [[topics]] table with an id and a title.")
            return None
        if len(items) > limits.EVENT_TOPICS:
            self.note(self.lines.of("topics", limits.EVENT_TOPICS),
                      f"The file has {len(items)} topics; the most an event keeps is {limits.EVENT_TOPICS}.")
        topics: list[Topic] = []
        seen: dict[str, int] = {}
        whole = True
        for index, item in enumerate(items):
            where = f"Topic number {index + 1}"
            self._keys(item, TOPIC_KEYS, (), "topics", index, f"topic number {index + 1}")
            topic_id = self._id(item, "topics", index, f"{where}'s id")
            title = self._text(item, "title", "topics", index, limits.FIELDS["event_topics", "title"],
                               f"{where}'s title")
            if topic_id is not None and topic_id in seen:
                self.note(self.lines.of("topics", index, "id"),
                          f"{where}'s id is already used by topic number {seen[topic_id] + 1}; each topic needs "
                          "its own id.")
                whole = False
            elif topic_id is not None:
                seen[topic_id] = index
            if topic_id is None or title is None:
                whole = False
            else:
                topics.append(Topic(topic_id, title))
        return tuple(topics) if whole and len(items) <= limits.EVENT_TOPICS else None


def _broken(text: str, what: str) -> str | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return f"{what} holds a broken character that cannot be kept."
    return label_problem(text, what)


def label_problem(text: str, what: str) -> str | None:
    """Why a name many people will read (an event's, a topic's, the collective's) cannot be used, or None.

    It goes into other people's files and screens, so it may not hold control characters (a terminal
    would act on them) or the marks that turn text right to left unseen.
    """
    if UNSAFE.search(text):
        return f"{what} holds a control character or an invisible direction mark; type it as plain text."
    return None


def _quoted(value: str) -> str:
    return one_line(value, QUOTED_CHARS)
