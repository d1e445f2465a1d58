"""Provides the check against earlier reports: two whose people differ by a few could be compared to single them out.

A report on 20 people, and another on the same 20 and one more, differ only by what that one person
committed to: set side by side, the two give it away (a cell going from 0 to hidden says where their
commitment went), however well each report hides its own small counts. So `myrole collate` remembers, in
this home, a fingerprint of each person's counted commitments for every report it has written to a file or
a pipe (never a name, a key or a title: a short hash of what was counted), and refuses a report when, against
an earlier one, 1 to N-1 people have gone, or 1 to N-1 have come (a person whose file changed counts as one
gone and one come; N the larger threshold of the two): one person leaving while five arrive is still that one
person, singled out. The same files again, or N or more people come and none gone, are fine. A report shown
on the terminal, to look at, is checked but not remembered. `--ignore-earlier` makes it anyway, for an
earlier report that was never shared. Two collations run at the same moment in one home can each miss the
other.

The list is myrole's own file, but still checked as any file is before it is believed: exactly this shape,
sane sizes, real moments; a bad one stops the command with one sentence saying how to start a new list.
"""

from __future__ import annotations

import errno
import hashlib
import json
import marshal
import os
import stat
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from myrole.collate.reading import Columns, real_moment
from myrole.export.output import OutputError, write_private_file
from myrole.export.words import moment
from myrole.location import COLLATIONS_NAME
from myrole.paths import Paths, ensure_private_folder
from myrole.store.rows import now_utc
from myrole.strict_json import RepeatedKey, keys_once

LIST_NAME = COLLATIONS_NAME
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
    threshold: int
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


def check(reports: Sequence[EarlierReport], people: Sequence[str], threshold: int) -> None:
    """EarlierRefused when, against an earlier report, 1 to N-1 people have gone or 1 to N-1 have come (N the
    larger of the two thresholds): either group alone is what the two reports side by side would single out."""
    now = Counter(people)
    for earlier in reports:
        then = Counter(earlier.people)
        least = max(threshold, earlier.threshold)
        gone, come = sum((then - now).values()), sum((now - then).values())
        if 0 < gone < least or 0 < come < least:
            raise EarlierRefused(
                f"Since a report made here on {moment(earlier.made_at)}, fewer than {least} people (the threshold) "
                "have come or gone, or changed what they sent: set side by side, the two reports could show what "
                "those people committed to. Wait until at least that many more files are in, or collate the same "
                "files as then; if that report was never shared, --ignore-earlier makes this one anyway.")


def ready(home: Paths) -> None:
    """EarlierRefused, before any report is written, when the list could not be kept afterwards (a home that cannot
    be written): a report made but not remembered could not be compared with the next."""
    try:
        ensure_private_folder(home.data)
    except OSError as error:
        raise EarlierRefused(_cannot_keep(home, error)) from None
    if not os.access(home.data, os.W_OK):
        raise EarlierRefused(_cannot_keep(home, PermissionError(errno.EACCES, os.strerror(errno.EACCES))))


def _cannot_keep(home: Paths, error: OSError) -> str:
    return (f"The list of reports made here could not be kept in {home.data} ({error.strerror}), so no report was "
            "written: without it the next report could not be compared with this one.")


def remember(home: Paths, kept: list[EarlierReport], people: Sequence[str], threshold: int) -> None:
    """Add this report's people to the list as read (kept), unless the newest already has exactly these, keeping
    the last KEPT."""
    if kept and Counter(kept[-1].people) == Counter(people) and kept[-1].threshold <= threshold:
        return
    kept = [*kept, EarlierReport(now_utc(), threshold, tuple(people))][-KEPT:]
    data = {"format": "myrole-collations", "format_version": 1,
            "reports": [{"made_at": e.made_at, "threshold": e.threshold, "people": list(e.people)} for e in kept]}
    try:
        write_private_file(list_path(home), json.dumps(data).encode(), force=True)
    except OutputError as error:
        raise EarlierRefused(f"The report was written, but the list of reports made here could not be: {error}") from None


def read(home: Paths) -> list[EarlierReport]:
    """The earlier reports, oldest first ([] when none was ever written); EarlierRefused for a list not as myrole
    writes it (not a plain file, too large, or not exactly its shape)."""
    path = list_path(home)
    unreadable = (f"The list of earlier reports, {path}, is not as myrole writes it; move it aside to start a new "
                  "list (then compare new reports with any you shared before by hand).")
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a pipe would never end, a device never stop
            raise EarlierRefused(unreadable)
        with path.open("rb") as handle:
            raw = handle.read(MOST_BYTES + 1)
        if len(raw) > MOST_BYTES:
            raise EarlierRefused(unreadable)
        data = json.loads(raw, object_pairs_hook=keys_once)
    except FileNotFoundError:
        return []
    except (OSError, ValueError, RepeatedKey, RecursionError):
        raise EarlierRefused(unreadable) from None
    if not _well_formed(data):
        raise EarlierRefused(unreadable)
    return [EarlierReport(e["made_at"], e["threshold"], tuple(e["people"])) for e in data["reports"]]


def _well_formed(data: object) -> bool:
    if not (isinstance(data, dict) and set(data) == {"format", "format_version", "reports"}
            and data["format"] == "myrole-collations" and data["format_version"] == 1
            and isinstance(data["reports"], list) and len(data["reports"]) <= KEPT):
        return False
    return all(isinstance(e, dict) and set(e) == {"made_at", "threshold", "people"} and real_moment(e["made_at"])
               and type(e["threshold"]) is int and 2 <= e["threshold"] <= 1000
               and isinstance(e["people"], list) and len(e["people"]) <= MOST_PEOPLE
               and all(_is_fingerprint(p) for p in e["people"]) for e in data["reports"])


def _is_fingerprint(value: object) -> bool:
    return (isinstance(value, str) and len(value) == FINGERPRINT_LENGTH
            and all(c in "0123456789abcdef" for c in value))
