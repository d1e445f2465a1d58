"""Provides the NMC document: the written reflective accounts of the current cycle and the reflective discussion form."""

from __future__ import annotations

import sqlite3
from datetime import date

from myrole.export.words import long_date
from myrole.revalidation.cycle import DatedAccount, Progress, hours, progress
from myrole.revalidation.document import Part, RevalidationDocument, Section
from myrole.revalidation.model import (
    ACCOUNT_PARTS,
    ACCOUNTS_NEEDED,
    CPD_HOURS_NEEDED,
    PARTICIPATORY_HOURS_NEEDED,
    Theme,
)
from myrole.revalidation.prefill import reflection_title
from myrole.store.profile import get_profile

TITLE = "NMC revalidation: written reflective accounts"
ANONYMOUS = ("Each account must not identify anyone: no names, no dates of birth, no details that would let "
             "a patient, a colleague or a place be recognised.")
DISCUSSION_NOTE = ("Fill this in by hand with the NMC registrant you discuss your accounts with. "
                   "myrole leaves their details blank and never stores them.")
DISCUSSION_PARTNER = ("Their name", "Their NMC PIN (or other registration number)", "Their email address",
                      "Their professional address and postcode", "Date of the discussion")


def accounts_line(found: int) -> str:
    """'1 of 5 accounts' (the words the app and the document share)."""
    return f"{found} of {ACCOUNTS_NEEDED} accounts"


def progress_parts(where: Progress) -> tuple[Part, ...]:
    accounts = len(where.accounts)
    return (
        Part("Written reflective accounts", note=f"{accounts_line(accounts)} in this cycle"),
        Part("CPD recorded in myrole", note=f"{hours(where.minutes)} of {CPD_HOURS_NEEDED}"),
        Part("Of which participatory (learning with others)",
             note=f"{hours(where.participatory_minutes)} of {PARTICIPATORY_HOURS_NEEDED}"),
    )


def themes_text(themes: frozenset[Theme]) -> str:
    return ", ".join(theme.label for theme in Theme if theme in themes) or "None chosen yet"


def account_section(number: int, item: DatedAccount) -> Section:
    facts = [Part("Date", note=long_date(item.on_date))]
    if item.details is not None:
        with_others = "participatory" if item.details.participatory else "on my own"
        facts.append(Part("CPD activity", note=f"{item.details.kind.label}, {hours(item.details.minutes)}, "
                                                  f"{with_others}"))
    parts = [Part(question, item.account.part(name), flagged=not item.account.part(name).strip())
             for name, question in ACCOUNT_PARTS]
    parts.insert(3, Part("Themes of the Code", note=themes_text(item.account.themes),
                         flagged=not item.account.themes))
    return Section(f"Reflective account {number}: {reflection_title(item.reflection)}", (*facts, *parts))


def discussion_section(where: Progress) -> Section:
    listed = tuple(Part(f"Account {n}", reflection_title(item.reflection), note=long_date(item.on_date))
                   for n, item in enumerate(where.accounts, 1))
    blanks = tuple(Part(label, fill_in=True) for label in DISCUSSION_PARTNER)
    return Section("Reflective discussion form", (
        *listed, *blanks,
        Part("A short summary of the discussion", fill_in=True, lines=5),
        Part("Your signature", fill_in=True), Part("Their signature", fill_in=True),
    ), notes=(DISCUSSION_NOTE,))


def build(db: sqlite3.Connection, today: date) -> RevalidationDocument:
    """The accounts dated in the current cycle, oldest first, and the discussion form listing them."""
    where = progress(db, today)
    profile = get_profile(db)
    cycle = where.cycle
    facts = (
        Part("Revalidation date", note=long_date(cycle.revalidation_date) if cycle.revalidation_date
             else "not given yet (add it to your details: p on home)", flagged=cycle.revalidation_date is None),
        Part("This cycle", note=f"{long_date(cycle.start)} to {long_date(cycle.end)}"),
    )
    sections = [Section("Progress", progress_parts(where), notes=(ANONYMOUS,
        "The NMC also asks for 450 practice hours and five pieces of practice-related feedback; "
        "myrole does not count those.",))]
    if where.accounts:
        sections += [account_section(n, item) for n, item in enumerate(where.accounts, 1)]
    else:
        sections.append(Section("No accounts yet", notes=(
            "Make an account from a finished reflection: open History, choose the reflection, press n.",)))
    if where.earlier_accounts:
        sections.append(Section("Earlier accounts", notes=(
            f"{where.earlier_accounts} more kept in myrole, dated before this cycle.",)))
    if where.later_accounts:
        sections.append(Section("Accounts after this cycle", notes=(
            f"{where.later_accounts} more kept in myrole, dated after your revalidation date: once you have "
            "revalidated, give your next revalidation date in your details (p on home) and they count "
            "towards the new cycle.",)))
    sections.append(discussion_section(where))
    who = tuple(t for t in (profile.name, profile.role, profile.organisation) if t.strip())
    return RevalidationDocument(TITLE, who, facts, tuple(sections), made_on=long_date(today))
