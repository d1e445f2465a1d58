"""Provides revalidation in plain mode: where you stand for the NMC and the HCPC, each thing to write, and the documents."""

from __future__ import annotations

from collections.abc import Callable

from myrole.plain.cpd_details import edit_details
from myrole.plain.hcpc_statement import edit_statement
from myrole.plain.hcpc_summary import write_summary
from myrole.plain.nmc_account import make_account
from myrole.plain.revalidation_write import write_document
from myrole.plain.session import Session
from myrole.plain.words import spoken_date
from myrole.revalidation import nmc
from myrole.revalidation.cycle import Progress, progress, years_before
from myrole.revalidation.hcpc import (ACTIVITIES, INCLUDE_FROM_PLAIN, PROFILE_YEARS, private_left_out, private_sentence,
                                     statement_line)
from myrole.revalidation.identifiable import identifiable_sentence
from myrole.revalidation.model import WHOSE_ASKS, summary_words
from myrole.store.cpd import get_hcpc_summary, list_statement_items

ACTIONS = (
    ("Make or edit an NMC reflective account from a finished reflection", "account"),
    ("Add or change a reflection's CPD details: its day, hours and kind", "cpd"),
    ("Write your HCPC summary of practice", "summary"),
    ("Pick or change the activities in your HCPC statement, and write about them", "statement"),
    ("Write your NMC document or your HCPC CPD profile to a file, to print or send", "write"),
    ("Hear where you stand again", "stand"),
    ("Back to the menu", "back"),
)
FLOWS: dict[str, Callable[[Session], None]] = {
    "account": make_account, "cpd": edit_details, "summary": write_summary, "statement": edit_statement,
    "write": write_document}


def revalidation(session: Session) -> None:
    """Say where the person stands, then run what they choose until they go back to the menu."""
    where_you_stand(session)
    while True:
        chosen = session.console.choose("What would you like to do for revalidation?", ACTIONS,
                                        default=len(ACTIONS) - 1)
        if chosen == "back":
            return
        if chosen == "stand":
            where_you_stand(session)
            continue
        FLOWS[chosen](session)


def where_you_stand(session: Session) -> None:
    """The cycle's dates, accounts and CPD hours against what the NMC asks, and the HCPC texts' words."""
    say = session.console.say
    where = progress(session.db, session.today)
    say(WHOSE_ASKS)
    say(cycle_sentence(where))
    for part in nmc.progress_parts(where):
        say(f"{part.label}: {part.note}.")
    if where.later_accounts:
        say(f"{where.later_accounts} more {'account is' if where.later_accounts == 1 else 'accounts are'} dated "
            "after your revalidation date; once you have revalidated, give your next date in Your details and "
            "they count towards the new cycle.")
    say(f"HCPC summary of practice: {summary_words(get_hcpc_summary(session.db))}.")
    say(statement_line(list_statement_items(session.db)))
    since = years_before(session.today, PROFILE_YEARS)
    left_out = private_sentence(private_left_out(session.db, since, session.today), INCLUDE_FROM_PLAIN)
    if left_out:
        say(f"{ACTIVITIES}{left_out}")
    say(identifiable_sentence(session.db, session.today))


def cycle_sentence(where: Progress) -> str:
    """'Your revalidation date is 31 March 2027; this cycle runs from 1 April 2024 to 31 March 2027.'"""
    cycle = where.cycle
    runs = f"this cycle runs from {spoken_date(cycle.start)} to {spoken_date(cycle.end)}"
    if cycle.revalidation_date is None:
        return f"No revalidation date yet (give it in Your details, from the menu), so {runs}, today."
    return f"Your revalidation date is {spoken_date(cycle.revalidation_date)}; {runs}."


