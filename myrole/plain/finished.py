"""Provides choosing a finished reflection in plain mode, newest first, for its NMC account or CPD details."""

from __future__ import annotations

from collections.abc import Callable

from myrole.model import Reflection
from myrole.plain.session import Session
from myrole.plain.words import spoken_moment
from myrole.revalidation.prefill import reflection_title
from myrole.store.reflections import list_reflections
from myrole.text import one_line

NONE_FINISHED = ("You have no finished reflections yet; finish one from Reflect first "
                 "(at its end, choose Finish the reflection).")


def finished_reflections(session: Session) -> list[Reflection]:
    """Every finished reflection, the most recently finished first."""
    found = [reflection for reflection, _ in list_reflections(session.db) if reflection.finished_at]
    return sorted(found, key=lambda r: r.finished_at or "", reverse=True)


def choose_finished(session: Session, label: str, note: Callable[[Reflection], str]) -> Reflection | None:
    """A numbered list of finished reflections, each with note(reflection) said after it, and Back last;
    the one chosen, or None (Back, or none finished)."""
    found = finished_reflections(session)
    if not found:
        session.console.say(NONE_FINISHED)
        return None
    options: list[tuple[str, Reflection | None]] = [(describe(r, note(r)), r) for r in found]
    return session.console.choose(label, [*options, ("Back", None)], default=len(options))


def describe(reflection: Reflection, note: str) -> str:
    """'Finished on 3 March 2026: Gibbs reflective cycle; has an account.'"""
    finished = spoken_moment(reflection.finished_at or reflection.started_at)
    return f"Finished on {finished}: {one_line(reflection_title(reflection), 60)}; {note}."
