"""Provides the check against earlier reports: two whose people differ by a few could be compared to single them out.

A report on 20 people, and another on the same 20 and one more, differ only by what that one person
committed to: set side by side, the two give it away (a cell going from 0 to hidden says where their
commitment went), however well each report hides its own small counts. So `myrole collate` remembers, in
this home, a fingerprint of each person's counted commitments for every report it has written (never a
name, a key or a title: a short hash of what was counted), and refuses a report whose people differ from
an earlier one's by 1 to N-1 (a person whose file changed counts as one gone and one come). The same files
again, or at least N people more or fewer, are fine. `--ignore-earlier` makes it anyway, for an earlier
report that was never shared.

The list is myrole's own file, but still checked as any file is before it is believed: exactly this shape,
sane sizes, real moments; a bad one stops the command with one sentence saying how to start a new list.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from myrole.collate.reading import Columns
from myrole.export.output import OutputError, write_private_file
from myrole.export.words import moment
from myrole.paths import Paths, ensure_private_folder
from myrole.store.rows import now_utc
from myrole.strict_json import RepeatedKey, keys_once

LIST_NAME = "collations.json"
KEPT = 100  # the earlier reports remembered, newest last
MOST_PEOPLE = 1_000_000  # in one report: a list of more is not one myrole wrote
MOST_BYTES = 64 * 1024 * 1024
FINGERPRINT_LENGTH = 16  # hexadecimal characters: 64 bits, ample to tell one person's commitments from another's


class EarlierRefused(Exception):
    """The report would differ from an earlier one by too few people, or the list of earlier ones is unreadable."""


@dataclass(frozen=True)
class EarlierReport:
    """One report written before: when, and a fingerprint of each person's counted commitments."""

    made_at: str
    people: tuple[str, ...]


def fingerprint(commitments: Columns) -> str:
    """A short hash of exactly what was counted of one person's: the same commitments always give the same one,
    and nothing in it can be read back (no key, no title)."""
    # marshal's version 0 writes each value by what it is, never by which object holds it (later versions mark
    # repeated and interned strings, which depends on how the file was read), and is four times quicker than
    # repr or json here (0.05 s instead of 0.2 s for 10,000 people of ten commitments: docs/collation.md, Speed).
    content = marshal.dumps(tuple(commitments), 0)
    return hashlib.blake2b(content, digest_size=FINGERPRINT_LENGTH // 2, person=b"myrole-collate").hexdigest()


def fingerprints(people: Iterable[Columns]) -> tuple[str, ...]:
    """One fingerprint for each person with a commitment counted, in an order that depends only on the data."""
    return tuple(sorted(fingerprint(theirs) for theirs in people if theirs.lens))


def list_path(home: Paths) -> Path:
    return home.data / LIST_NAME


def check(home: Paths, people: Sequence[str], threshold: int) -> None:
    """EarlierRefused when an earlier report's people differ from these by 1 to threshold-1."""
    now = Counter(people)
    for earlier in read(home):
        then = Counter(earlier.people)
        differ = sum(((now - then) + (then - now)).values())
        if 0 < differ < threshold:
            raise EarlierRefused(
                f"This report's people differ from those of a report made here on {moment(earlier.made_at)} by fewer than "
                f"{threshold} (the threshold): set side by side, the two could show what those people committed to. "
                "Wait until more files are in, or collate the same files as then; if that report was never shared, "
                "--ignore-earlier makes this one anyway.")


def remember(home: Paths, people: Sequence[str]) -> None:
    """Add this report's people to the list (unless the newest already has exactly these), keeping the last KEPT."""
    kept = read(home)
    if kept and Counter(kept[-1].people) == Counter(people):
        return
    kept = [*kept, EarlierReport(now_utc(), tuple(people))][-KEPT:]
    data = {"format": "myrole-collations", "format_version": 1,
            "reports": [{"made_at": e.made_at, "people": list(e.people)} for e in kept]}
    try:
        ensure_private_folder(home.data)
        write_private_file(list_path(home), json.dumps(data).encode(), force=True)
    except OSError as error:
        raise EarlierRefused(f"The report was written, but the list of reports made here could not be kept in "
                             f"{home.data} ({error.strerror}).") from None
    except OutputError as error:
        raise EarlierRefused(f"The report was written, but the list of reports made here could not be: {error}") from None


def read(home: Paths) -> list[EarlierReport]:
    """The earlier reports, oldest first ([] when none was ever written); EarlierRefused for a list not as myrole
    writes it."""
    path = list_path(home)
    unreadable = (f"The list of earlier reports, {path}, is not as myrole writes it; move it aside to start a new "
                  "list (then compare new reports with any you shared before by hand).")
    try:
        if path.stat().st_size > MOST_BYTES:
            raise EarlierRefused(unreadable)
        data = json.loads(path.read_bytes(), object_pairs_hook=keys_once)
    except FileNotFoundError:
        return []
    except (OSError, ValueError, RepeatedKey, RecursionError):
        raise EarlierRefused(unreadable) from None
    if not _well_formed(data):
        raise EarlierRefused(unreadable)
    return [EarlierReport(e["made_at"], tuple(e["people"])) for e in data["reports"]]


def _well_formed(data: object) -> bool:
    if not (isinstance(data, dict) and set(data) == {"format", "format_version", "reports"}
            and data["format"] == "myrole-collations" and data["format_version"] == 1
            and isinstance(data["reports"], list) and len(data["reports"]) <= KEPT):
        return False
    return all(isinstance(e, dict) and set(e) == {"made_at", "people"} and _moment(e["made_at"])
               and isinstance(e["people"], list) and len(e["people"]) <= MOST_PEOPLE
               and all(_is_fingerprint(p) for p in e["people"]) for e in data["reports"])


def _moment(value: object) -> bool:
    """A moment as myrole writes one: YYYY-MM-DDTHH:MM:SSZ, a real one."""
    if not (isinstance(value, str) and len(value) == 20 and value.isascii()):
        return False
    try:
        datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return False
    return True


def _is_fingerprint(value: object) -> bool:
    return (isinstance(value, str) and len(value) == FINGERPRINT_LENGTH
            and all(c in "0123456789abcdef" for c in value))
