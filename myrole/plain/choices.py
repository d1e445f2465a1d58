"""Provides the numbered choices plain mode offers: who can see an item, lens, mode and how often to check in."""

from __future__ import annotations

from myrole.events import collective_words
from myrole.model import CONFIDENCE_LABELS, PROGRESS_LABELS, Lens, Mode, Visibility
from myrole.plain.console import Console
from myrole.schedule import NAMED_CADENCES, parse_cadence
from myrole.text import inert

LENSES = list(Lens)
MODES = list(Mode)
VISIBILITIES = list(Visibility)
CADENCES = list(NAMED_CADENCES)  # weekly, fortnightly, monthly, quarterly
EVERY_N_DAYS = "custom"
# {who}: the collective's name (the collective_name setting), or plain words when none is set.
ALLIANCE_NOTE = {
    "commitment": ("If you choose alliance, your line manager sees it, and {who} "
                   "gets its title, lens, mode, tags, status, target month and event topic, never your name."),
    "other": ("If you choose alliance, your line manager sees it; {who} only "
              "ever gets commitments."),
}


def who_can_see(console: Console, current: Visibility, kind: str = "other", collective: str = "") -> Visibility:
    """Ask who can see an item; the current choice is kept by Enter alone. collective: the group's name, if set."""
    note = ALLIANCE_NOTE["commitment" if kind == "commitment" else "other"]
    console.say(note.format(who=inert(collective_words(collective))))
    options = [(v.explanation, v) for v in VISIBILITIES]
    return console.choose("Who can see it?", options, default=VISIBILITIES.index(current))


def lens(console: Console, current: Lens) -> Lens:
    options = [(f"{item.title}", item) for item in LENSES]
    return console.choose("Which lens, that is, where you are looking?", options, default=LENSES.index(current))


def mode(console: Console, current: Mode) -> Mode:
    options = [(item.explained, item) for item in MODES]
    return console.choose("Which way of contributing?", options, default=MODES.index(current))


def cadence(console: Console, current: str) -> str:
    """How often to check in: a named rhythm, or every so many days; the stored code."""
    options = [(name.capitalize(), name) for name in CADENCES] + [("Every so many days", EVERY_N_DAYS)]
    default = CADENCES.index(current) if current in CADENCES else len(CADENCES)
    chosen = console.choose("How often do you want to check in?", options, default=default)
    while chosen == EVERY_N_DAYS:
        typed = console.ask("Every how many days? Type a number, for example 10.")
        try:
            return parse_cadence(f"{typed}d").code
        except ValueError as error:
            console.say(str(error))
    return chosen


def progress(console: Console, current: int) -> int:
    options = [(f"{label}", value) for value, label in enumerate(PROGRESS_LABELS)]
    return console.choose("How far along are you?", options, default=current)


def confidence(console: Console, current: int) -> int:
    options = [(label, value) for value, label in CONFIDENCE_LABELS.items()]
    return console.choose("How confident are you about the next step?", options, default=current - 1)
