"""Provides the HCPC summary of practice in plain mode: read out, replaced, and its words counted against 500."""

from __future__ import annotations

from myrole.plain.forms import PlainForm
from myrole.plain.session import Session
from myrole.revalidation.model import SUMMARY_WORDS, summary_words, word_count
from myrole.store.cpd import get_hcpc_summary, set_hcpc_summary

QUESTION = "Your HCPC summary of practice: your role, where you work and the people you work with, in at most 500 words."


def write_summary(session: Session) -> None:
    """Read the summary out, take a new one (a full stop alone keeps it), save it and say its length."""
    now = get_hcpc_summary(session.db)
    form = PlainForm(session, "hcpc-summary", "", "HCPC summary of practice")
    with form.kept_if_stopped():
        typed = form.rewrite("hcpc_summary", QUESTION, now, ("revalidation", "hcpc_summary"),
                             "The summary of practice")
    ok, _ = form.save(lambda: set_hcpc_summary(session.db, typed), "The summary was not saved")
    if ok:
        session.console.say(said_after(typed))


def said_after(summary: str) -> str:
    """What saving says: the summary's words, in the app's and the documents' words, and to shorten it if over."""
    shorten = "; shorten it before you send it" if word_count(summary) > SUMMARY_WORDS else ""
    return f"Saved: {summary_words(summary)}{shorten}."
