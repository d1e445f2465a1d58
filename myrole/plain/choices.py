"""Provides the numbered choices plain mode offers.

They are: who can see an item, lens, mode, how often to check in (the app's own cadences, from
myrole.shared_choices), and a list where several can be chosen.
"""

from __future__ import annotations

from typing import TypeVar

from myrole.model import Lens, Mode, Visibility
from myrole.plain.console import Console
from myrole.shared_choices import CONFIDENCE_SCALE, EVERY_N_DAYS, PROGRESS_SCALE, alliance_note, cadence_choices
from myrole.schedule import parse_cadence
from myrole.text import inert

T = TypeVar("T")
LENSES = list(Lens)
MODES = list(Mode)
VISIBILITIES = list(Visibility)
CUSTOM_WORDS = "Every so many days"  # the app's "Every N days…", said as words


def who_can_see(console: Console, current: Visibility, kind: str = "answer", collective: str = "") -> Visibility:
    """Ask who can see an item (kind: its word, as after 'this'); the current choice is kept by Enter alone.

    collective: the collective's name (the collective_name setting), said as the app says it (alliance_note).
    """
    console.say(inert(alliance_note(kind, collective)))
    options = [(v.explanation, v) for v in VISIBILITIES]
    return console.choose("Who can see it?", options, default=VISIBILITIES.index(current))


def lens(console: Console, current: Lens | None) -> Lens:
    """Ask which lens; None (a reflection model's step has no lens) starts at Self, as the app does."""
    options = [(f"{item.label}", item) for item in LENSES]
    return console.choose("Which lens, that is, where you are looking?", options,
                          default=LENSES.index(current or Lens.SELF))


def mode(console: Console, current: Mode | None) -> Mode:
    """Ask which way of contributing; None (a reflection model's step) starts at Take action, as the app does."""
    options = [(item.explained, item) for item in MODES]
    return console.choose("Which way of contributing?", options, default=MODES.index(current or Mode.ACTION))


def cadence(console: Console, current: str, week_starts: str = "monday") -> str:
    """How often to check in, from the app's own choices (a gap, or a rota's day); the stored code."""
    options = [(CUSTOM_WORDS if code == EVERY_N_DAYS else words, code) for words, code in cadence_choices(week_starts)]
    codes = [code for _, code in options]
    default = codes.index(current) if current in codes else codes.index(EVERY_N_DAYS)
    chosen = console.choose("How often do you want to check in?", options, default=default)
    while chosen == EVERY_N_DAYS:
        typed = console.ask("Every how many days? Type a number, for example 10.")
        try:
            return parse_cadence(f"{typed}d").code
        except ValueError as error:
            console.say(str(error))
    return chosen


def progress(console: Console, current: int) -> int:
    """Ask how far along, numbered as the app numbers it (PROGRESS_SCALE: 0 not started to 4 done)."""
    return scale_choice(console, "How far along are you?", PROGRESS_SCALE, current)


def confidence(console: Console, current: int) -> int:
    """Ask how confident, numbered as the app numbers it (CONFIDENCE_SCALE: 1 to 5)."""
    return scale_choice(console, "How confident are you about the next step?", CONFIDENCE_SCALE, current)


def scale_choice(console: Console, label: str, scale: dict[int, str], current: int) -> int:
    """A number on a scale, each choice said with the scale's own number; Enter alone keeps current."""
    values = sorted(scale)
    return console.choose(label, [(scale[value], value) for value in values], default=values.index(current),
                          first=values[0])


def toggled(console: Console, label: str, options: list[tuple[str, T]], chosen: frozenset[T]) -> frozenset[T]:
    """A numbered list that says which options are chosen; each number typed chooses its option, or unchooses it,
    and the list is read again. Enter alone (That is all) keeps what is chosen."""
    now = set(chosen)
    while True:
        listed: list[tuple[str, T | None]] = [
            (f"{words}: {'chosen' if value in now else 'not chosen'}", value) for words, value in options]
        picked = console.choose(label, [*listed, ("That is all", None)], default=len(listed))
        if picked is None:
            return frozenset(now)
        now ^= {picked}
        label = "Another, or that is all?"
