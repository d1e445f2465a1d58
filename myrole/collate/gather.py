"""Provides gathering alliance files from the paths given: folders opened, bad files refused or skipped, one file per person."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from myrole.collate.reading import FileRefused, Submission, file_name, read_submission


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
    # Files set aside because a file kept has exactly the same commitments (see without_copies).
    copies: list[Path] = field(default_factory=list)
    # With --skip-bad, one sentence per bad file: naming it (for the organiser only: the command line's
    # standard error, the app's list below the report), and without its name (for the report, which names no file).
    skipped: list[str] = field(default_factory=list)
    skipped_reasons: list[str] = field(default_factory=list)


def files_in(paths: Iterable[Path]) -> tuple[list[Path], list[FileRefused]]:
    """The files named, and each folder's *.json files (not its sub-folders), each once (the same path given
    twice, not a second link to a file: resolving links costs a system call per folder on the way); and
    a sentence for each path that is neither."""
    found: dict[Path, Path] = {}
    problems: list[FileRefused] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(path.glob("*.json"), key=str)  # a folder among them is refused by name when read
            if not inside:
                problems.append(FileRefused(f"The folder {file_name(path)} holds no .json files to collate.",
                                            "A folder given holds no .json files to collate."))
            for child in inside:
                found.setdefault(child.absolute(), child)
        elif path.exists() or path.is_symlink():
            found.setdefault(path.absolute(), path)
        else:
            problems.append(FileRefused(f"There is no file or folder at {file_name(path)}.",
                                        "There is no file or folder at a path given."))
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
            problems.append(refusal)
    sentences = [str(problem) for problem in problems]
    if problems and not skip_bad:
        files_word = "file cannot" if len(problems) == 1 else "files cannot"
        raise CollateRefused([*sentences, f"{len(problems)} {files_word} be collated, so nothing was written; "
                                          "add --skip-bad to collate the rest."])
    if not submissions:
        raise CollateRefused([*sentences, "There are no alliance files to collate, so nothing was written."])
    gathered = Gathered(skipped=sentences, skipped_reasons=[problem.reason for problem in problems])
    distinct, gathered.copies = without_copies(submissions)
    gathered.submissions, gathered.replaced = newest_per_person(distinct)
    return gathered


def without_copies(submissions: list[Submission]) -> tuple[list[Submission], list[Path]]:
    """The submissions with each copy set aside (the newest of each set of copies kept), and the copies' paths.

    A copy has exactly the same commitments as another file of the same version: for version 1, the same
    commitments in any order (each one's every field; its tags in any order), whenever each file was exported;
    for version 2, the same export again (the same submitter key, time and commitments, their keys too). A
    version 1 file holding what a version 2 file holds (as far as version 1 says) is a copy of it.
    A version 1 file has no key to say whose it is, so without this a person who sends their file five times, or
    saves it under five names, would count as five people and could have their one commitment published.
    Two people can truly make the same commitment in the same words, and with one commitment each even send the
    same file; counting them as one person can then only hide more, never give anyone away, whereas counting one
    person's copies as several can. The report says how many files were set aside as copies.
    A file with no commitments is never a copy: it is counted as no one either way.
    """
    newest: dict[Hashable, Submission] = {}
    others: list[Submission] = []  # files with no commitments, and any not a copy though it shares a copy's key
    copies: list[Path] = []
    for submission in sorted(submissions, key=lambda s: (s.exported_at, str(s.path))):
        if not submission.columns.lens:
            others.append(submission)
            continue
        same = _contents(submission)
        earlier = newest.get(same)
        if earlier is None:
            newest[same] = submission
        elif submission.version == 1 or earlier.columns == submission.columns:
            copies.append(earlier.path)
            newest[same] = submission
        else:  # the same submitter, time and keys with other contents: newest_per_person keeps one of them
            others.append(submission)
    kept = [*newest.values(), *others]
    if any(s.version == 1 for s in kept) and any(s.version == 2 for s in kept):
        # A person's version 1 file from before they upgraded, beside their version 2 file with the same
        # commitments (as far as version 1 says), is a copy too: the version 2 file is kept.
        upgraded = {_version_1_contents(s) for s in kept if s.version == 2 and s.columns.lens}
        older = [s for s in kept if s.version == 1 and _contents(s) in upgraded]
        copies += [s.path for s in older]
        kept = [s for s in kept if s not in older]
    return kept, sorted(copies)


def _contents(submission: Submission) -> Hashable:
    """What a file holds, for finding copies: equal for copies (see without_copies). A version 2 file's stands
    for its contents by its keys (their hash is made once); any two with the same are then compared whole."""
    if submission.version == 1:
        return _version_1_contents(submission)
    return (submission.version, submission.submitter, submission.exported_at, submission.keys)


def _version_1_contents(submission: Submission) -> Hashable:
    """The commitments as a version 1 file holds them (every field it has; tags in any order), in any order: a
    multiset of them, each whole. Of a version 2 file, what its version 1 copy would hold."""
    columns = submission.columns
    rows = zip(columns.lens, columns.mode, columns.title, map(frozenset, columns.tags), columns.topic,
               columns.status, columns.target_month)
    return (1, frozenset(Counter(rows).items()))


def newest_per_person(submissions: list[Submission]) -> tuple[list[Submission], list[Path]]:
    """One submission per person, its newest (by exported_at; at the same moment, the last path by name).

    Files are one person's when they share the submitter key, or any commitment's key: each commitment's
    key is random and made once, so two people never share one, and a person who sends another file
    under a new submitter key (`myrole event new-key`, or one changed by hand) is still counted once;
    counted twice, they could work out others' hidden counts from their own. A version 1 file has no
    keys, so each counts as a person of its own (once copies are set aside: without_copies).
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
