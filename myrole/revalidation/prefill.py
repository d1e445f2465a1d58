"""Provides a first draft of an NMC account from a reflection's answers: each model's steps mapped to the form's parts.

Only a starting point: the person reads and edits every part before saving (dialogs/account.py).
"""

from __future__ import annotations

from myrole.model import Answer, Mode, Reflection
from myrole.revalidation.model import NmcAccount

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
