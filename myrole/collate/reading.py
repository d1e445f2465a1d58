"""Provides reading alliance exports for collation: each file checked for meaning, or refused with one sentence."""

from __future__ import annotations

import json
import os
import re
import stat
import time
from operator import itemgetter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from itertools import chain, compress, starmap
from pathlib import Path
from typing import Any, NamedTuple

from myrole.dates import day_or_none
from myrole.limits import EARLIEST_YEAR, LATEST_YEAR, LINE, LINE_BREAKS, TAG, TAGS, TITLE, FieldLimit
from myrole.model import Lens, Mode, Status
from myrole.strict_json import RepeatedKey, keys_once
from myrole.text import inert

FORMAT = "myrole-export"
VERSIONS = (1, 2)  # the alliance export versions collate understands
PERSONAL_AUDIENCES = ("me", "manager")
# An alliance file holds only commitments' short fields: a thousand commitments with thirty long tags each is
# under 3 MB. Anything larger is not an alliance export, and is refused before it is read.
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_CHECKINS = 1_000_000  # the same bound as a record's version: one per saved change
HEAD_BYTES = 4096  # enough of a too-large file to see whether it is a personal export

TOP_KEYS = {
    1: frozenset({"format", "format_version", "audience", "exported_at", "since", "commitments"}),
    2: frozenset({"format", "format_version", "audience", "exported_at", "since", "submitter", "collective",
                  "commitments"}),
}
COMMITMENT_KEYS = {
    1: frozenset({"lens", "mode", "title", "tags", "topic", "status", "target_month"}),
    2: frozenset({"key", "event_id", "event_name", "topic_id", "topic", "lens", "mode", "title", "tags", "status",
                  "target_month", "target_quarter", "progress", "checkins", "last_checkin_month"}),
}
LENSES = frozenset(lens.value for lens in Lens)
MODES = frozenset(mode.value for mode in Mode)
STATUSES = frozenset(status.value for status in Status)

KEY = re.compile(r"[0-9a-f]{32}")  # a submitter's or a commitment's random key
HEX = re.compile(r"[0-9a-f]*")  # many keys run together
ID = re.compile(r"[A-Za-z0-9_-]{1,100}")  # an event's or a topic's id, as in the event file
MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
QUARTER = re.compile(r"([0-9]{4})-Q([1-4])")
PERSONAL_HEAD = re.compile(rb'"audience"\s*:\s*"(me|manager)"')
STRICT_JSON = json.JSONDecoder(object_pairs_hook=keys_once)  # made once: json.loads with a hook makes one per file
PLAIN_JSON = json.JSONDecoder()


def file_name(path: Path | str) -> str:
    """A file's name as collate writes it in every sentence (standard error, the app): each byte of the
    name that is not UTF-8 written as \\xNN, and control, bidi and other unsafe characters as escapes
    (text.inert). So a name is always text that can be written anywhere (as UTF-8 JSON, say), and inert."""
    return inert(os.fsencode(path).decode("utf-8", "backslashreplace"))


class FileRefused(Exception):
    """A file collate will not read. The message is one sentence naming the file (file_name), never quoting its
    text; reason is the same sentence without the file's name, for the report (which names no file)."""

    def __init__(self, sentence: str, reason: str, *, personal: bool = False) -> None:
        super().__init__(sentence)
        self.reason = reason
        self.personal = personal  # a `me` or `manager` export: refused even with --skip-bad


def refused(path: Path, says: str, *, personal: bool = False) -> FileRefused:
    """The refusal of the file at path, says being the rest of the sentence after its name ("is not ...")."""
    return FileRefused(f"{file_name(path)} {says}", f"A file {says}", personal=personal)


class SharedCommitment(NamedTuple):
    """One commitment as an alliance file gives it (version 1 files leave the event and progress unknown).

    Collate keeps commitments a column at a time (Columns); this is one of them whole. lens, mode and status are the values of Lens, Mode and Status
    (checked), kept as plain text: counting 100,000 enum members would call Enum's hash, written in Python.
    """

    lens: str
    mode: str
    title: str
    tags: Sequence[str]  # a list as read from the file
    topic: str
    status: str
    target_month: str | None
    event_id: str | None = None
    topic_id: str | None = None
    progress: int | None = None  # the newest check-in's, 0 to 4
    checkins: int | None = None  # None: a version 1 file does not say
    last_checkin_month: str | None = None


class Columns(NamedTuple):
    """A file's commitments a column at a time: each field a tuple with one value per commitment, in the file's
    order. This is how collate keeps them: the checks and the report's counting go a column at a time (set,
    map, zip and Counter run in C), so no tuple is made per commitment and nothing is turned round twice."""

    lens: tuple[str, ...]
    mode: tuple[str, ...]
    title: tuple[str, ...]
    tags: tuple[list[str], ...]
    topic: tuple[str, ...]
    status: tuple[str, ...]
    target_month: tuple[str | None, ...]
    event_id: tuple[str | None, ...]
    topic_id: tuple[str | None, ...]
    progress: tuple[int | None, ...]
    checkins: tuple[int | None, ...]
    last_checkin_month: tuple[str | None, ...]

    def only(self, keep: Sequence[bool]) -> Columns:
        """The commitments where keep is true."""
        return Columns._make(tuple(compress(column, keep)) for column in self)


# A record's fields in SharedCommitment's (and Columns') order, then those only checked (version 2). itemgetter
# reads them all in one C call per record and raises KeyError for a missing one.
ROW = SharedCommitment._fields
CHECKED_ONLY = ("key", "event_name", "target_quarter")
VERSION_2_FIELDS = itemgetter(*ROW, *CHECKED_ONLY)
VERSION_1_FIELDS = itemgetter(*ROW[:7])
VERSION_1_UNKNOWN = (None,) * (len(ROW) - 7)
EVENT_NAME = itemgetter("event_name")
NO_COMMITMENTS = Columns(*((),) * len(ROW))


def columns_of(rows: Sequence[tuple[Any, ...]]) -> Columns:
    """Rows (ROW's fields, perhaps more after them) a column at a time."""
    return Columns(*list(zip(*rows))[:len(ROW)]) if rows else NO_COMMITMENTS


@dataclass(frozen=True)
class Submission:
    """One alliance file: who sent it (a random key, or None in a version 1 file), when, and its commitments."""

    path: Path
    version: int
    exported_at: str
    submitter: str | None
    collective: str | None
    columns: Columns
    keys: frozenset[str] = frozenset()  # its commitments' random keys (none in a version 1 file)

    @property
    def commitments(self) -> tuple[SharedCommitment, ...]:
        """Each commitment whole (the report reads the columns; this is for reading one file)."""
        return tuple(map(SharedCommitment._make, zip(*self.columns)))


def personal_refusal(path: Path, audience: str) -> FileRefused:
    """A personal ("me") or line manager's export: refused by name, whatever else is wrong with it."""
    what = "an export for a line manager" if audience == "manager" else "a personal export"
    return refused(path, f"is {what}; it holds private text, so collate will not read it.", personal=True)


def read_submission(path: Path) -> Submission:
    """The file's alliance export, checked whole for meaning; FileRefused with one sentence otherwise."""
    raw = _read_bytes(path)
    return quick_submission(path, raw) or checked_submission(path, raw)


def quick_submission(path: Path, raw: bytes) -> Submission | None:
    """A usual version 2 file, read the quick way; None for anything else, which checked_submission then reads
    (and refuses, saying why, if it must). It never refuses, so it can only be stricter than that, never looser.

    Parsing is plain json (all in C); a field named twice is ruled out afterwards by _each_field_once, instead
    of by a Python call for every object parsed (object_pairs_hook), which costs a quarter more than parsing.
    """
    try:
        text = raw.decode("utf-8-sig")  # -sig: Notepad may add a BOM
        data = PLAIN_JSON.decode(text)
    except (ValueError, RecursionError):  # (not UTF-8 is a ValueError too)
        return None
    if (type(data) is not dict or data.keys() != TOP_KEYS[2] or data["format"] != FORMAT
            or data["audience"] != "alliance" or type(data["format_version"]) is not int
            or data["format_version"] != 2 or _envelope_problem(data, 2)):
        return None
    columns = _plain_columns(data["commitments"], latest_checkin_month(data["exported_at"]))
    if columns is None or not _each_field_once(text, data, columns):
        return None
    return Submission(path, 2, data["exported_at"], data["submitter"], data["collective"], columns,
                      frozenset(record["key"] for record in data["commitments"]))


def checked_submission(path: Path, raw: bytes) -> Submission:
    """The file read and checked in full (any version, anything unusual): FileRefused with one sentence naming
    what is wrong, or the submission. A usual version 2 file's commitments are still checked a column at a
    time; anything unusual in them, record by record, to say which is wrong and why."""
    data = _strict_json(path, raw)
    version = _check_envelope(path, data)
    sentence = _envelope_problem(data, version)
    records = data["commitments"]
    latest_month = latest_checkin_month(data["exported_at"]) if not sentence else ""
    columns = _plain_columns(records, latest_month) if version == 2 and not sentence else None
    if columns is None:
        sentence = sentence or _commitments_problem(records, version, latest_month)
        if sentence:
            raise refused(path, f"cannot be collated: {sentence}.")
        if version == 1:
            columns = columns_of([VERSION_1_FIELDS(r) + VERSION_1_UNKNOWN for r in records])
        else:
            columns = columns_of(list(map(VERSION_2_FIELDS, records)))
    keys = frozenset(record["key"] for record in records) if version == 2 else frozenset()
    return Submission(path, version, data["exported_at"], data.get("submitter"), data.get("collective"), columns, keys)


def _each_field_once(text: str, data: dict[str, Any], columns: Columns) -> bool:
    """Whether no object in the text names a field twice (json keeps the last silently), for a file whose
    shape _plain_columns has accepted: only the envelope and the commitments are objects, with our fields.

    Outside strings, JSON has a colon only after each field's name. In text with no backslash (so no escapes:
    every string is written out as it reads) the colons are those, plus those inside strings. Leaving out the
    colons of the free text kept (the other kept values cannot hold one), the rest are at least the fields
    written; so equal to the fields kept only when none was written twice. False just means the full check.
    """
    if "\\" in text:
        return False
    event_names = filter(None, map(EVENT_NAME, data["commitments"]))
    free_text = chain((data["exported_at"], data["collective"] or ""), columns.title, columns.topic, event_names,
                      chain.from_iterable(columns.tags))
    fields_kept = len(data) + len(COMMITMENT_KEYS[2]) * len(columns.lens)
    return text.count(":") - "".join(free_text).count(":") == fields_kept


def _read_bytes(path: Path) -> bytes:
    try:
        status = path.stat()
    except OSError as error:
        what = "there is nothing there" if not path.exists() else f"it cannot be read ({error.strerror})"
        raise refused(path, f"cannot be collated: {what}.") from None
    if not stat.S_ISREG(status.st_mode):  # a pipe with no writer would wait for ever; a device has no end
        raise refused(path, "cannot be collated: it is not a regular file.")
    try:
        with path.open("rb") as file:
            # Never more than the limit, even if the file grows meanwhile; and no more than it holds, since
            # read(n) sets aside n bytes first.
            raw = file.read(min(status.st_size, MAX_FILE_BYTES) + 1)
    except OSError as error:
        raise refused(path, f"cannot be read ({error.strerror}).") from None
    if len(raw) > MAX_FILE_BYTES:
        head = PERSONAL_HEAD.search(raw[:HEAD_BYTES])  # myrole writes the audience near the top
        if head:
            raise personal_refusal(path, head.group(1).decode("ascii"))
        raise refused(path, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, far more than any "
                            "alliance export, so it was not read.")
    return raw


def _strict_json(path: Path, raw: bytes) -> Any:
    """The file's JSON, refused if it is not UTF-8 JSON or names a field twice in one object."""
    try:
        return STRICT_JSON.decode(raw.decode("utf-8-sig"))  # -sig: Notepad may add a BOM
    except RepeatedKey:
        raise refused(path, "names the same field twice in one record, which a myrole export never does, "
                            "so it was not read.") from None
    except RecursionError:
        raise refused(path, "is nested far more deeply than a myrole export ever is.") from None
    except UnicodeDecodeError:
        raise refused(path, "is not UTF-8 text, so it is not a myrole export.") from None
    except ValueError:
        raise refused(path, "is not a JSON file, so it is not a myrole export.") from None


def _check_envelope(path: Path, data: Any) -> int:
    """The export format's version, once the file is known to be an alliance export collate can read."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise refused(path, "is JSON but not a myrole export.")
    if data.get("audience") in PERSONAL_AUDIENCES:
        raise personal_refusal(path, data["audience"])
    version = data.get("format_version")
    if type(version) is not int or version < 1:
        raise refused(path, "does not say which version of the export format it uses.")
    if version > max(VERSIONS):
        raise refused(path, f"was written by a newer version of myrole (export format {version}); "
                            "please upgrade myrole to collate it.")
    if data.get("audience") != "alliance":
        raise refused(path, "is not an alliance export, so collate will not read it.")
    return version


def _envelope_problem(data: dict[str, Any], version: int) -> str | None:
    if data.keys() != TOP_KEYS[version]:
        return f"its fields are not exactly those of an alliance export, version {version}"
    if not real_moment(data["exported_at"]):
        return "the value at exported_at is not a real time"
    if data["exported_at"] > _latest_export():  # (both in MOMENT's form, so compared as text)
        return "the value at exported_at is a time more than a day from now"
    if data["since"] is not None and not _real_day(data["since"]):
        return "the value at since is not a real date"
    if version >= 2:
        if not _is_key(data["submitter"]):
            return "the submitter key is not 32 lowercase hexadecimal characters"
        if data["collective"] is not None and not _fits_repeated(data["collective"]):
            return f"the collective's name {_text_problem(data['collective'], LINE)}"
    if not isinstance(data["commitments"], list):
        return "the value at commitments is not a list"
    return None


def _commitments_problem(records: list[Any], version: int, latest_month: str) -> str | None:
    """What is wrong with the first commitment that is wrong, as the end of a sentence naming it, or None.
    latest_month: the latest newest check-in month the file's exported_at allows (latest_checkin_month)."""
    keys = COMMITMENT_KEYS[version]
    seen: set[str] = set()
    for index, record in enumerate(records):
        if not isinstance(record, dict) or record.keys() != keys:
            return f"the commitment at commitments/{index} does not have exactly the fields of version {version}"
        sentence = _common_problem(record) or (_version_2_problem(record, seen, latest_month) if version >= 2 else None)
        if sentence:
            return f"the commitment at commitments/{index} {sentence}"
    return None


def _plain_columns(records: Any, latest_month: str) -> Columns | None:
    """A version 2 file's commitments as columns when every one is plainly right; None when anything is unusual,
    and then _commitments_problem decides (and says what is wrong).

    The same rules as _common_problem and _version_2_problem, checked a column at a time with set, join, min,
    max and map, which run in C: a file of usual commitments costs a few dozen calls, not a dozen per
    commitment. It never refuses anything itself, so it can only be stricter than the full check, never looser.
    The columns kept hold the known values (KnownGood.as_known), not the file's copies of them.
    """
    if type(records) is not list:
        return None
    if not records:
        return NO_COMMITMENTS
    try:
        if set(map(type, records)) != {dict} or set(map(len, records)) != {len(COMMITMENT_KEYS[2])}:
            return None
        # KeyError: a field is missing (so, with the right number of fields, another is extra)
        (lenses, modes, titles, tags, topics, statuses, target_months, event_ids, topic_ids, progress, checkins,
         last_months, keys, event_names, target_quarters) = zip(*map(VERSION_2_FIELDS, records))
        known = Columns._make((LENS_WORDS.as_known(lenses), MODE_WORDS.as_known(modes), titles, tags,
                        LINE_TEXTS.as_known(topics), STATUS_WORDS.as_known(statuses),
                        MONTHS_OR_NONE.as_known(target_months), IDS_OR_NONE.as_known(event_ids),
                        IDS_OR_NONE.as_known(topic_ids), progress, checkins, MONTHS_OR_NONE.as_known(last_months)))
        plain = (None not in known and _plain_texts(titles, TITLE.chars) and _plain_tags(tags)
                 and LINE_TEXTS_OR_NONE.all_good(event_names) and QUARTERS_OR_NONE.all_good(target_quarters)
                 and _plain_checkins(progress, checkins, last_months) and _plain_keys(keys)
                 # Values that must agree with each other: a few distinct sets of them in a file (its events).
                 and all(starmap(_fields_agree, set(zip(target_months, target_quarters, event_ids, event_names,
                                                        topic_ids))))
                 and max(filter(None, last_months), default="") <= latest_month)
    except (KeyError, TypeError):  # a missing field; a list or an object where text belongs (unhashable)
        return None
    return known if plain else None


def _plain_texts(texts: tuple[Any, ...], chars: int) -> bool:
    """Every one is text of 1 to chars characters, printable (so on one line, with no lone surrogate), not blank.
    join raises TypeError for anything that is not text."""
    return ("".join(texts).isprintable() and min(map(len, texts)) > 0 and max(map(len, texts)) <= chars
            and not any(map(str.isspace, texts)))


def _plain_tags(tags: tuple[Any, ...]) -> bool:
    """Lists of at most TAGS tags, none twice in one list, each a tag that keeps the rule (most recur: known)."""
    if set(map(type, tags)) != {list} or max(map(len, tags)) > TAGS:
        return False
    every = list(chain.from_iterable(tags))
    # A set is no longer than its list, so the totals are equal only when no list names a tag twice.
    return sum(map(len, map(set, tags))) == len(every) and TAG_TEXTS.all_good(every)


def _is_plain_tag(value: Any) -> bool:
    return type(value) is str and _plain_texts((value,), TAG.chars)


class KnownGood:
    """One rule for a column's values, and the values already found to keep it. Most recur across files (an
    event's name and topics, months, quarters), so a usual file's column is checked by one pass in C, and its
    values can be swapped for the same ones seen before: 100,000 commitments then share a few hundred strings
    instead of holding a million copies, which keeps the report's counting quick (equal values are the same
    object, already in the processor's cache) and the memory small."""

    LIMIT = 10_000  # values remembered at most, so that a flood of different ones cannot fill the memory

    def __init__(self, good: Callable[[Any], bool], *always: Any) -> None:
        self.good = good
        self.known = {value: value for value in always}

    def all_good(self, values: Sequence[Any]) -> bool:
        """Whether every value keeps the rule (TypeError for a value that cannot be in a set, a list say)."""
        return self.as_known(values) is not None

    def as_known(self, values: Sequence[Any]) -> tuple[Any, ...] | None:
        """The values, each swapped for the equal one remembered; None if any breaks the rule (TypeError for a
        value that cannot be looked up, a list say)."""
        try:
            return tuple(map(self.known.__getitem__, values))
        except KeyError:  # a value not seen before
            pass
        new = set(values).difference(self.known)
        if not all(map(self.good, new)):
            return None
        if len(self.known) < self.LIMIT:
            self.known.update(zip(new, new))
        return tuple(map(self.known.get, values, values))  # (past the limit, a new value stands for itself)


def _plain_checkins(progress: tuple[Any, ...], checkins: tuple[Any, ...], last_months: tuple[Any, ...]) -> bool:
    """Check-ins a whole number in range; with none, no progress and no month; with some, both (the months are
    checked as a column of their own)."""
    if set(map(type, checkins)) != {int} or min(checkins) < 0 or max(checkins) > MAX_CHECKINS:
        return False
    # Each commitment's (any check-ins, type of progress, type of month): type, not isinstance, so that True and
    # False cannot pass as 1 and 0.
    shapes = set(zip(map(bool, checkins), map(type, progress), map(type, last_months)))
    return CHECKIN_SHAPES.issuperset(shapes) and PROGRESS_OR_NONE.issuperset(progress)


def _plain_keys(keys: tuple[Any, ...]) -> bool:
    """Each key 32 lowercase hexadecimal characters, and no two the same."""
    return (set(map(len, keys)) == {32} and HEX.fullmatch("".join(keys)) is not None
            and len(set(keys)) == len(keys))


def _is_id_text(value: Any) -> bool:
    return type(value) is str and _is_id(value)


def _common_problem(record: dict[str, Any]) -> str | None:
    """What is wrong with the fields both versions share, as the end of a sentence, or None."""
    choices = (record["lens"], record["mode"], record["status"])
    if any(type(value) is not str for value in choices) or choices[0] not in LENSES or choices[1] not in MODES \
            or choices[2] not in STATUSES:  # (text first: a list or an object cannot be looked up in a set)
        return "has a lens, mode or status myrole does not know"
    title = record["title"]
    if not _fits(title, TITLE) or not title.strip():
        return f"has a title that {_text_problem(title, TITLE) or 'is blank'}"
    if not _fits_repeated(record["topic"]):
        return f"has a topic that {_text_problem(record['topic'], LINE)}"
    tags = record["tags"]
    if type(tags) is not list or len(tags) > TAGS:
        return f"should have a list of at most {TAGS} tags"
    for tag in tags:
        if not _fits(tag, TAG) or not tag.strip():
            return f"has a tag that {_text_problem(tag, TAG) or 'is blank'}"
    if len(set(tags)) != len(tags):
        return "names the same tag twice"
    if record["target_month"] is not None and not _real_month(record["target_month"]):
        return "has a target month that is not a real month"
    return None


def _version_2_problem(record: dict[str, Any], seen: set[str], latest_month: str) -> str | None:
    key = record["key"]
    if not _is_key(key):
        return "has a key that is not 32 lowercase hexadecimal characters"
    if key in seen:
        return "has the same key as another commitment in the file"
    seen.add(key)
    for name in ("event_id", "topic_id"):
        value = record[name]
        if value is not None and not (type(value) is str and _is_id(value)):
            return f"has an {name} that is not in the form myrole writes"
    if record["event_name"] is not None and not _fits_repeated(record["event_name"]):
        return f"has an event name that {_text_problem(record['event_name'], LINE)}"
    if record["target_quarter"] is not None and not _real_quarter(record["target_quarter"]):
        return "has a target quarter that is not a real quarter"
    sentence = _disagreement(record["target_month"], record["target_quarter"], record["event_id"],
                             record["event_name"], record["topic_id"])
    sentence = sentence or _checkins_problem(record["progress"], record["checkins"], record["last_checkin_month"])
    if not sentence and record["last_checkin_month"] is not None and record["last_checkin_month"] > latest_month:
        return "has a newest check-in month after the month the file was exported in"
    return sentence


def _disagreement(target_month: str | None, target_quarter: str | None, event_id: str | None,
                  event_name: str | None, topic_id: str | None) -> str | None:
    """What is wrong when a version 2 commitment's values (each right on its own) disagree with each other, as
    myrole never writes them, or None. myrole writes a target month and its quarter together (both from the
    target date), and an event's name and a topic only with the event's id."""
    if (target_month is None) != (target_quarter is None):
        return "has a target month without a target quarter, or a target quarter without a target month"
    if target_month is not None and target_quarter != _quarter_of(target_month):
        return "has a target quarter that does not hold its target month"
    if event_id is None and event_name is not None:
        return "has an event name but no event id"
    if event_id is None and topic_id is not None:
        return "has a topic id but no event id"
    return None


@lru_cache(maxsize=4096)  # an event's few topics and target months recur in every file from it
def _fields_agree(target_month: str | None, target_quarter: str | None, event_id: str | None, event_name: str | None,
                  topic_id: str | None) -> bool:
    return _disagreement(target_month, target_quarter, event_id, event_name, topic_id) is None


@lru_cache(maxsize=4096)
def _quarter_of(month: str) -> str:
    """The quarter ("YYYY-Qn") that holds a real month ("YYYY-MM"), as myrole writes it."""
    return f"{month[:4]}-Q{(int(month[5:]) - 1) // 3 + 1}"


def _latest_export() -> str:
    """The latest exported_at collate believes: a day after now (for a computer's clock a little ahead), in
    MOMENT's form. Made once a minute, not once a file (formatting a time costs more than the rest of the check)."""
    return _a_day_after(int(time.time()) // 60)


@lru_cache(maxsize=1)
def _a_day_after(minute: int) -> str:
    """A day after the start of the next minute (minutes since 1970, UTC)."""
    moment = datetime.fromtimestamp((minute + 1) * 60, timezone.utc) + timedelta(days=1)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def latest_checkin_month(exported_at: str) -> str:
    """The latest newest check-in month ("YYYY-MM") a file exported at exported_at (a real time) can hold: its
    own month, or the next when exported on a month's last day. A check-in is dated by the person's local day,
    and exported_at is in UTC, which is up to 14 hours behind the clock in some time zones."""
    return _month_after_day(exported_at[:10])


@lru_cache(maxsize=4096)  # most files were exported on a few days
def _month_after_day(day: str) -> str:
    after = date.fromisoformat(day) + timedelta(days=1)
    return f"{after.year:04d}-{after.month:02d}"


def _checkins_problem(progress: Any, checkins: Any, last_month: Any) -> str | None:
    if progress is not None and (type(progress) is not int or not 0 <= progress <= 4):
        return "has a progress that is not a whole number from 0 to 4"
    if type(checkins) is not int or not 0 <= checkins <= MAX_CHECKINS:
        return f"has a number of check-ins that is not a whole number from 0 to {MAX_CHECKINS:,}"
    if last_month is not None and not _real_month(last_month):
        return "has a newest check-in month that is not a real month"
    if (checkins == 0) != (progress is None) or (checkins == 0) != (last_month is None):
        return "has check-ins without a progress or month, or a progress or month without check-ins"
    return None


def _fits(value: Any, limit: FieldLimit) -> bool:
    """Whether value is one text within limit (one-line limits only): _text_problem's rules, quick for most text.

    A printable text holds no line break, control character or lone surrogate, so only its length is left.
    """
    if type(value) is str and len(value) <= limit.chars and value.isprintable():
        return True
    return _text_problem(value, limit) is None


def _fits_repeated(value: Any) -> bool:
    """_fits(value, LINE), remembered for text that recurs in many files (an event's name, its topics)."""
    return type(value) is str and _line_fits(value)


@lru_cache(maxsize=4096)
def _line_fits(value: str) -> bool:
    return _fits(value, LINE)


def _text_problem(value: Any, limit: FieldLimit) -> str | None:
    """Why value is not one text within limit (the end of a sentence; never the text itself), or None."""
    if type(value) is not str:
        return "is not text"
    if len(value) > limit.chars:
        return f"is longer than the {limit.chars:,} characters myrole keeps"
    if limit.one_line and not LINE_BREAKS.isdisjoint(value):
        return "is not on one line"
    if not value.isascii() and not _encodable(value):
        return "holds a broken character (a lone surrogate)"
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_key(value: Any) -> bool:
    return type(value) is str and KEY.fullmatch(value) is not None


@lru_cache(maxsize=4096)  # an event's few ids recur in every file from it
def _is_id(value: str) -> bool:
    return ID.fullmatch(value) is not None


def _real_month(value: Any) -> bool:
    return type(value) is str and _month_on_calendar(value)


@lru_cache(maxsize=4096)  # a few hundred months recur across thousands of files
def _month_on_calendar(value: str) -> bool:
    match = MONTH.fullmatch(value)
    return match is not None and EARLIEST_YEAR <= int(match[1]) <= LATEST_YEAR and 1 <= int(match[2]) <= 12


def _real_quarter(value: Any) -> bool:
    return type(value) is str and _quarter_on_calendar(value)


@lru_cache(maxsize=4096)
def _quarter_on_calendar(value: str) -> bool:
    match = QUARTER.fullmatch(value)
    return match is not None and EARLIEST_YEAR <= int(match[1]) <= LATEST_YEAR


def _real_day(value: Any) -> bool:
    day = day_or_none(value) if type(value) is str else None  # exactly YYYY-MM-DD, nothing after it
    return day is not None and EARLIEST_YEAR <= day.year <= LATEST_YEAR


def real_moment(value: Any) -> bool:
    """A moment as myrole writes one (YYYY-MM-DDTHH:MM:SSZ), a real one, in the years files may hold."""
    if type(value) is not str or not MOMENT.fullmatch(value):
        return False
    try:
        return EARLIEST_YEAR <= datetime.fromisoformat(value[:-1]).year <= LATEST_YEAR
    except ValueError:
        return False


# The columns' rules, after the functions they use.
LENS_WORDS = KnownGood(LENSES.__contains__, *LENSES)  # (the words of Lens itself: the report looks them up)
MODE_WORDS = KnownGood(MODES.__contains__, *MODES)
STATUS_WORDS = KnownGood(STATUSES.__contains__, *STATUSES)
LINE_TEXTS = KnownGood(_fits_repeated)  # topics: text on one line (may be empty)
LINE_TEXTS_OR_NONE = KnownGood(_fits_repeated, None)  # event names
IDS_OR_NONE = KnownGood(_is_id_text, None)  # event and topic ids
MONTHS_OR_NONE = KnownGood(_real_month, None)  # target months, newest check-in months
QUARTERS_OR_NONE = KnownGood(_real_quarter, None)
TAG_TEXTS = KnownGood(_is_plain_tag)
PROGRESS_OR_NONE = frozenset({None, 0, 1, 2, 3, 4})
CHECKIN_SHAPES = frozenset({(False, type(None), type(None)), (True, int, str)})
