"""Provides a first draft of an NMC account from a reflection's answers: each model's steps mapped to the form's parts.

Only a starting point: the person reads and edits every part before saving (dialogs/account.py).
"""

from __future__ import annotations

from myrole.model import Answer, Mode, Reflection
from myrole.revalidation.model import NmcAccount
from myrole.text import one_line

TITLE_CHARACTERS = 60  # an activity named by its own first words: cut at a word near this many characters

# A reflection model's step (by prompt id) and the part of the NMC form it fills.
STEP_PARTS = {
    # Gibbs: what happened is the experience; the why and the lesson are the learning; the plan is the change.
    "gibbs-description": "nature",
    "gibbs-analysis": "learnt",
    "gibbs-conclusion": "learnt",
    "gibbs-action-plan": "changed",
    # What? So what? Now what?
    "wsw-what": "nature",
    "wsw-so-what": "learnt",
    "wsw-now-what": "changed",
    # Five minutes after a shift
    "shift-put-down": "nature",
    "shift-went-well": "learnt",
    "shift-carry-forward": "changed",
}
# A lens prompt (core, one-thing) by its way of contributing: noticing is learning; acting and
# speaking up are changes to practice.
MODE_PARTS = {Mode.AWARENESS: "learnt", Mode.ACTION: "changed", Mode.ADVOCACY: "changed"}


def part_for(answer: Answer) -> str | None:
    """The account's part an answer fills, or None (feelings and evaluation stay in the reflection)."""
    if answer.prompt_id in STEP_PARTS:
        return STEP_PARTS[answer.prompt_id]
    if answer.mode is not None:
        return MODE_PARTS[answer.mode]
    return None if answer.prompt_id.startswith(("gibbs-", "wsw-", "shift-")) else "nature"


def reflection_title(reflection: Reflection) -> str:
    """How a reflection is named in an account or a list: its topic, or its pack's title."""
    return reflection.topic.strip() or reflection.pack_title


def first_words(text: str, limit: int = TITLE_CHARACTERS) -> str:
    """The start of the person's text on one line (inert), cut at a word to at most about limit characters with an
    ellipsis; a single word longer than that is cut within it."""
    flat = one_line(text).strip()
    if len(flat) <= limit:
        return flat
    kept = flat[: limit + 1]
    cut = kept.rsplit(" ", 1)[0] if " " in kept[1:] else flat[:limit]
    return cut.rstrip(" ,;:./-") + "…"


def activity_title(reflection: Reflection, *written: str) -> str:
    """How an account or an activity is headed, saying what happened: the reflection's topic when it has one, else
    the first words of the first of `written` that holds any (its NMC account's nature of the activity), else the
    question set's name."""
    if reflection.topic.strip():
        return reflection.topic.strip()
    return next((first_words(text) for text in written if text.strip()), reflection.pack_title)


def prefill(reflection: Reflection, answers: list[Answer]) -> NmcAccount:
    """An unsaved account with each part made from the answers that map to it, in the reflection's order."""
    parts: dict[str, list[str]] = {"nature": [], "learnt": [], "changed": []}
    for answer in answers:
        part = part_for(answer)
        if part and answer.text.strip():
            parts[part].append(answer.text.strip())
    if not parts["nature"]:
        about = f"{reflection.context.label}: {reflection.topic.strip()}" if reflection.topic.strip() else ""
        parts["nature"].append(" ".join(filter(None, [f"A reflection using {reflection.pack_title}.", about])))
    nature, learnt, changed = ("\n\n".join(parts[name]) for name in ("nature", "learnt", "changed"))
    return NmcAccount(reflection.id, nature=nature, learnt=learnt, changed=changed)
