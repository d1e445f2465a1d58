"""Provides gathering alliance files from the paths given: folders opened, bad files refused or skipped, one file per person."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from myrole.collate.reading import FileRefused, Submission, read_submission


class CollateRefused(Exception):
    """Nothing can be collated: sentences, one per bad file (or one for a personal export), each naming its file."""

    def __init__(self, sentences: list[str]) -> None:
        super().__init__(" ".join(sentences))
        self.sentences = sentences


@dataclass
class Gathered:
    """The files to collate, one per person, and what was set aside and why."""

    submissions: list[Submission] = field(default_factory=list)
    replaced: list[Path] = field(default_factory=list)  # older files from a person who sent a newer one
    skipped: list[str] = field(default_factory=list)  # with --skip-bad: one sentence per bad file


def files_in(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The files named, and each folder's *.json files (not its sub-folders), each once (the same path given
    twice, not a second link to a file: resolving links costs a system call per folder on the way); and
    sentences for paths that are neither."""
    found: dict[Path, Path] = {}
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(path.glob("*.json"), key=str)  # a folder among them is refused by name when read
            if not inside:
                problems.append(f"The folder {path} holds no .json files to collate.")
            for child in inside:
                found.setdefault(child.absolute(), child)
        elif path.exists() or path.is_symlink():
            found.setdefault(path.absolute(), path)
        else:
            problems.append(f"There is no file or folder at {path}.")
    return list(found.values()), problems


def gather(paths: Iterable[Path], *, skip_bad: bool = False) -> Gathered:
    """Read every file; CollateRefused for a personal export (always) or any bad file (unless skip_bad)."""
    files, problems = files_in(paths)
    submissions: list[Submission] = []
    for path in files:
        try:
            submissions.append(read_submission(path))
        except FileRefused as refusal:
            if refusal.personal:
                raise CollateRefused([str(refusal)]) from None
            problems.append(str(refusal))
    if problems and not skip_bad:
        files_word = "file cannot" if len(problems) == 1 else "files cannot"
        raise CollateRefused([*problems, f"{len(problems)} {files_word} be collated, so nothing was written; "
                                         "add --skip-bad to collate the rest."])
    if not submissions:
        raise CollateRefused([*problems, "There are no alliance files to collate, so nothing was written."])
    gathered = Gathered(skipped=problems)
    gathered.submissions, gathered.replaced = newest_per_person(submissions)
    return gathered


def newest_per_person(submissions: list[Submission]) -> tuple[list[Submission], list[Path]]:
    """One submission per person, its newest (by exported_at; at the same moment, the last path by name).

    Files are one person's when they share the submitter key, or any commitment's key: each commitment's
    key is random and made once, so two people never share one, and a person who sends another file
    under a new submitter key (`myrole event new-key`, or one changed by hand) is still counted once;
    counted twice, they could work out others' hidden counts from their own. A version 1 file has no
    keys, so each counts as a person of its own.
    """
    ordered = sorted(submissions, key=lambda s: (s.exported_at, str(s.path)))
    person = _people(ordered)
    newest: dict[int, Submission] = {}  # by person, in the order each person is first met
    keyless: list[Submission] = []
    replaced: list[Path] = []
    for index, submission in enumerate(ordered):
        if submission.submitter is None and not submission.keys:
            keyless.append(submission)
            continue
        earlier = newest.get(person[index])
        if earlier is not None:
            replaced.append(earlier.path)
        newest[person[index]] = submission
    return [*newest.values(), *keyless], sorted(replaced)


def _people(submissions: list[Submission]) -> list[int]:
    """For each submission, a number standing for its person: the same for submissions linked by a shared key."""
    parent = list(range(len(submissions)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first_with: dict[str, int] = {}
    for index, submission in enumerate(submissions):
        keys = {f"commitment {key}" for key in submission.keys}
        if submission.submitter is not None:
            keys.add(f"submitter {submission.submitter}")
        for key in keys:
            if key in first_with:
                parent[root(index)] = root(first_with[key])
            else:
                first_with[key] = index
    return [root(index) for index in range(len(submissions))]
