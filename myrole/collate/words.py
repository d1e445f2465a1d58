"""Provides the plain-English words every form of the collation report shares (Markdown, HTML, JSON, the app)."""

from __future__ import annotations

from myrole.collate.report import Report
from myrole.events import NO_COLLECTIVE, collective_words
from myrole.export.words import month_words
from myrole.model import PROGRESS_LABELS, Status

SUBTITLE = "A collation of alliance files"
HIDDEN = "hidden"
STATUS_WORDS = {Status.ACTIVE: "Active", Status.PAUSED: "Paused", Status.DONE: "Done", Status.DROPPED: "Dropped"}


def title(report: Report) -> str:
    """What the report is about: the collective, and with --event the event (by name when it is kept here)."""
    who = report.collective or NO_COLLECTIVE[0].upper() + NO_COLLECTIVE[1:]
    return f"{who}: What people committed to{_at_event(report)}"


def _at_event(report: Report) -> str:
    if report.event is None:
        return ""
    return f" at {report.event_name}" if report.event_name else f" at the event {report.event}"


def count(value: int | None) -> str:
    """A count as shown: the number, or 'hidden'."""
    return HIDDEN if value is None else f"{value:,}"


def share(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"


def mean_progress(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.1f} of 4 ({PROGRESS_LABELS[round(value)]})"


def month_label(label: str, month: str | None) -> str:
    return month_words(month) if month else label


def scope(report: Report) -> str:
    """What the report covers, in a sentence."""
    where = "commitments"
    if report.event:
        where += f" made at {report.event_name} ({report.event})" if report.event_name else \
            f" made at the event {report.event}"
    return (f"This report covers {_how_many(report.people)} people and {_how_many(report.commitments)} {where} "
            f"shared with {collective_words(report.collective)} (each person counted once, from their newest file).")


def _how_many(value: int | None) -> str:
    """A count inside a sentence: the number, or 'a hidden number of'."""
    return "a hidden number of" if value is None else f"{value:,}"


def _plural(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


CHANGE_ON_COMMAND_LINE = "change it with --threshold"
CHANGE_FROM_APP = "to use another, run myrole collate FOLDER --threshold N on the command line"


def suppression(report: Report, change_threshold: str = CHANGE_ON_COMMAND_LINE) -> list[str]:
    """What was hidden and why; change_threshold says how to choose another threshold where it is read."""
    n = report.threshold
    sentences = [
        f"To protect the people in it, this report hides every count from 1 to {n - 1}, and every count that "
        f"comes from fewer than {n} people (the threshold is {n}; {change_threshold}).",
        f"{_plural(report.hidden, 'count is', 'counts are')} hidden: those, and more so that none of them can be "
        "worked out from the totals. Every hidden count is shown the same way (as \u201chidden\u201d), and the "
        "report does not say which kind each is, or how many there are of each, so a small one cannot be told "
        f"from one hidden to protect it. A hidden count is fewer than {n}, or any number hidden to protect one "
        "that is.",
        f"Titles are listed only under a topic that at least {n} people chose, and whose count is shown; topics "
        "fewer people chose are "
        f"counted together as \u201cOther topics\u201d. A tag is listed only when at least {n} people used it.",
    ]
    return sentences


def files(report: Report, *, from_app: bool = False) -> list[str]:
    """About the files read: how many, how many were set aside and why (from_app: the app skips bad files itself).
    No file is named: organisers name files after the people who sent them. The last sentence introduces why
    bad files were left out, each reason once (FilesNote.skipped_reasons), which each form lists after it."""
    note = report.files
    sentences = [f"Files read: {count(note.read)}; of those counted, written by an older myrole (version 1, "
                 f"without a person's key, so each counts as one person): {count(note.version_1)}."]
    if note.replaced:
        sentences.append(f"{_plural(note.replaced, 'older file was', 'older files were')} set aside because the "
                         "same person sent a newer one.")
    if note.copies:
        sentences.append(f"{_plural(note.copies, 'file was', 'files were')} set aside as "
                         f"{'a copy' if note.copies == 1 else 'copies'}: another file had exactly the same "
                         "commitments, so they count as one person's.")
    if report.event is not None and note.outside_event != 0:  # hidden (None) when small, like any count
        left_out = f"{note.outside_event:,}" if note.outside_event is not None else f"Fewer than {report.threshold}"
        sentences.append(f"{left_out} commitments from other events, no event, or version 1 files (which do not "
                         "say) were left out.")
    if note.skipped:
        sentences.append(f"Files that could not be read and were left out{'' if from_app else ' (--skip-bad)'}: "
                         f"{count(note.skipped_count)}. Why (each reason once):")
    return sentences
