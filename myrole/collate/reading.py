"""Provides reading alliance exports for collation: each file checked for meaning, or refused with one sentence."""

from __future__ import annotations

import json
import re
import stat
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from myrole.limits import EARLIEST_YEAR, LATEST_YEAR, LINE, LINE_BREAKS, TAG, TAGS, TITLE, FieldLimit
from myrole.model import Lens, Mode, Status
from myrole.strict_json import RepeatedKey, keys_once

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
ID = re.compile(r"[A-Za-z0-9_-]{1,100}")  # an event's or a topic's id, as in the event file
MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
QUARTER = re.compile(r"([0-9]{4})-Q([1-4])")
PERSONAL_HEAD = re.compile(rb'"audience"\s*:\s*"(me|manager)"')


class FileRefused(Exception):
    """A file collate will not read; the message is one sentence naming the file, never quoting its text."""

    def __init__(self, sentence: str, *, personal: bool = False) -> None:
        super().__init__(sentence)
        self.personal = personal  # a `me` or `manager` export: refused even with --skip-bad


@dataclass(slots=True)  # not frozen: a frozen dataclass takes four times as long to make, and there are 100,000
class SharedCommitment:
    """One commitment as an alliance file gives it (version 1 files leave the event and progress unknown).

    lens, mode and status are the values of Lens, Mode and Status (checked), kept as plain text: counting
    100,000 enum members would call Enum's hash, written in Python, for each of them in every table.
    """

    lens: str
    mode: str
    title: str
    tags: tuple[str, ...]
    topic: str
    status: str
    target_month: str | None
    event_id: str | None = None
    topic_id: str | None = None
    progress: int | None = None  # the newest check-in's, 0 to 4
    checkins: int | None = None  # None: a version 1 file does not say
    last_checkin_month: str | None = None


@dataclass(frozen=True)
class Submission:
    """One alliance file: who sent it (a random key, or None in a version 1 file), when, and its commitments."""

    path: Path
    version: int
    exported_at: str
    submitter: str | None
    collective: str | None
    commitments: tuple[SharedCommitment, ...]


def personal_refusal(path: Path, audience: str) -> FileRefused:
    """A personal ("me") or line manager's export: refused by name, whatever else is wrong with it."""
    what = "an export for a line manager" if audience == "manager" else "a personal export"
    return FileRefused(f"{path} is {what}; it holds private text, so collate will not read it.", personal=True)


def read_submission(path: Path) -> Submission:
    """The file's alliance export, checked whole for meaning; FileRefused with one sentence otherwise."""
    data = _read_json(path)
    version = _check_envelope(path, data)
    sentence = _envelope_problem(data, version) or _commitments_problem(data["commitments"], version)
    if sentence:
        raise FileRefused(f"{path} cannot be collated: {sentence}.")
    return Submission(path, version, data["exported_at"], data.get("submitter"), data.get("collective"),
                      tuple(_commitment(record, version) for record in data["commitments"]))


def _read_json(path: Path) -> Any:
    try:
        status = path.stat()
    except OSError as error:
        what = "there is nothing there" if not path.exists() else f"it cannot be read ({error.strerror})"
        raise FileRefused(f"{path} cannot be collated: {what}.") from None
    if not stat.S_ISREG(status.st_mode):  # a pipe with no writer would wait for ever; a device has no end
        raise FileRefused(f"{path} cannot be collated: it is not a regular file.")
    try:
        with path.open("rb") as file:
            # Never more than the limit, even if the file grows meanwhile; and no more than it holds, since
            # read(n) sets aside n bytes first.
            raw = file.read(min(status.st_size, MAX_FILE_BYTES) + 1)
    except OSError as error:
        raise FileRefused(f"{path} cannot be read ({error.strerror}).") from None
    if len(raw) > MAX_FILE_BYTES:
        head = PERSONAL_HEAD.search(raw[:HEAD_BYTES])  # myrole writes the audience near the top
        if head:
            raise personal_refusal(path, head.group(1).decode("ascii"))
        raise FileRefused(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, far more than any "
                          "alliance export, so it was not read.")
    try:
        return json.loads(raw.decode("utf-8-sig"), object_pairs_hook=keys_once)  # -sig: Notepad may add a BOM
    except RepeatedKey:
        raise FileRefused(f"{path} names the same field twice in one record, which a myrole export never does, "
                          "so it was not read.") from None
    except RecursionError:
        raise FileRefused(f"{path} is nested far more deeply than a myrole export ever is.") from None
    except UnicodeDecodeError:
        raise FileRefused(f"{path} is not UTF-8 text, so it is not a myrole export.") from None
    except ValueError:
        raise FileRefused(f"{path} is not a JSON file, so it is not a myrole export.") from None



def _check_envelope(path: Path, data: Any) -> int:
    """The export format's version, once the file is known to be an alliance export collate can read."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FileRefused(f"{path} is JSON but not a myrole export.")
    if data.get("audience") in PERSONAL_AUDIENCES:
        raise personal_refusal(path, data["audience"])
    version = data.get("format_version")
    if type(version) is not int or version < 1:
        raise FileRefused(f"{path} does not say which version of the export format it uses.")
    if version > max(VERSIONS):
        raise FileRefused(f"{path} was written by a newer version of myrole (export format {version}); "
                          "please upgrade myrole to collate it.")
    if data.get("audience") != "alliance":
        raise FileRefused(f"{path} is not an alliance export, so collate will not read it.")
    return version


def _envelope_problem(data: dict[str, Any], version: int) -> str | None:
    if data.keys() != TOP_KEYS[version]:
        return f"its fields are not exactly those of an alliance export, version {version}"
    if not _real_moment(data["exported_at"]):
        return "the value at exported_at is not a real time"
    if data["since"] is not None and not _real_day(data["since"]):
        return "the value at since is not a real date"
    if version >= 2:
        if not _is_key(data["submitter"]):
            return "the submitter key is not 32 lowercase hexadecimal characters"
        if data["collective"] is not None and _text_problem(data["collective"], LINE):
            return f"the collective's name {_text_problem(data['collective'], LINE)}"
    if not isinstance(data["commitments"], list):
        return "the value at commitments is not a list"
    return None


def _commitments_problem(records: list[Any], version: int) -> str | None:
    keys = COMMITMENT_KEYS[version]
    seen: set[str] = set()
    for index, record in enumerate(records):
        if not isinstance(record, dict) or record.keys() != keys:
            return f"the commitment at commitments/{index} does not have exactly the fields of version {version}"
        if version >= 2 and _plainly_good(record, seen):
            continue
        sentence = _common_problem(record) or (_version_2_problem(record, seen) if version >= 2 else None)
        if sentence:
            return f"the commitment at commitments/{index} {sentence}"
    return None


def _plainly_good(record: dict[str, Any], seen: set[str]) -> bool:
    """True only when a version 2 commitment is plainly right (then its key is noted in seen), in one quick pass.

    Most commitments are: this spares them a dozen calls. It never decides that something is wrong:
    anything unusual (a long or non-printable text, a check-in, a new topic) is left to _common_problem and
    _version_2_problem, which say what is wrong, if anything.
    """
    title, tags, key = record["title"], record["tags"], record["key"]
    plain = (record["lens"] in LENSES and record["mode"] in MODES and record["status"] in STATUSES
             and type(title) is str and 0 < len(title) <= TITLE.chars and title.isprintable() and not title.isspace()
             and type(tags) is list and len(tags) <= TAGS and all(map(_tag_fits, tags)) and len(set(tags)) == len(tags)
             and _fits_repeated(record["topic"]) and _optional(record["target_month"], _real_month)
             and _optional(record["event_name"], _fits_repeated) and _optional(record["event_id"], _is_id_text)
             and _optional(record["topic_id"], _is_id_text) and _optional(record["target_quarter"], _real_quarter)
             and _plain_checkins(record["progress"], record["checkins"], record["last_checkin_month"])
             and _is_key(key) and key not in seen)
    if plain:
        seen.add(key)
    return plain


def _plain_checkins(progress: Any, checkins: Any, last_month: Any) -> bool:
    if type(checkins) is not int or not 0 <= checkins <= MAX_CHECKINS:
        return False
    if checkins == 0:
        return progress is None and last_month is None
    return type(progress) is int and 0 <= progress <= 4 and _real_month(last_month)


def _optional(value: Any, good: Any) -> bool:
    return value is None or good(value)


@lru_cache(maxsize=4096)  # a few dozen tags recur in most files
def _plain_tag(tag: str) -> bool:
    return 0 < len(tag) <= TAG.chars and tag.isprintable() and not tag.isspace()


def _tag_fits(tag: Any) -> bool:
    return type(tag) is str and _plain_tag(tag)


def _is_id_text(value: Any) -> bool:
    return type(value) is str and _is_id(value)


def _common_problem(record: dict[str, Any]) -> str | None:
    """What is wrong with the fields both versions share, as the end of a sentence, or None."""
    if record["lens"] not in LENSES or record["mode"] not in MODES or record["status"] not in STATUSES:
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


def _version_2_problem(record: dict[str, Any], seen: set[str]) -> str | None:
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
    return _checkins_problem(record["progress"], record["checkins"], record["last_checkin_month"])


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
    if type(value) is not str or not DAY.fullmatch(value):  # fullmatch: nothing may follow, not even a line break
        return False
    try:
        return EARLIEST_YEAR <= datetime.fromisoformat(value).year <= LATEST_YEAR
    except ValueError:
        return False


def _real_moment(value: Any) -> bool:
    if type(value) is not str or not MOMENT.fullmatch(value):
        return False
    try:
        return EARLIEST_YEAR <= datetime.fromisoformat(value[:-1]).year <= LATEST_YEAR
    except ValueError:
        return False


def _commitment(record: dict[str, Any], version: int) -> SharedCommitment:
    common = (record["lens"], record["mode"], record["title"], tuple(record["tags"]), record["topic"],
              record["status"], record["target_month"])
    if version == 1:
        return SharedCommitment(*common)
    return SharedCommitment(*common, record["event_id"], record["topic_id"], record["progress"], record["checkins"],
                            record["last_checkin_month"])
