"""Provides answer_reference: a reflection answer shown for reference where a commitment made from it is read or edited."""

from __future__ import annotations

from textual.content import Content

from myrole.model import Answer
from myrole.text import inert
from myrole.ui.safe import plain

BRIEF_CHARS = 280  # of an answer shown for reference in the commitment editor
BRIEF_LINES = 4


def answer_reference(answer: Answer, *, brief: bool = False) -> Content:
    """'From your answer to: <prompt>' and the answer as written (brief: its start only, for the editor)."""
    text = answer.text
    if brief:
        short = "\n".join(text.splitlines()[:BRIEF_LINES])[:BRIEF_CHARS]
        text = short + ("…" if short != text.rstrip("\n") else "")
    shown = plain(text) if text.strip() else Content("(the answer was removed)")
    return Content.assemble(("From your answer to: ", "bold"), (inert(answer.prompt_text), "italic"), "\n", shown)
