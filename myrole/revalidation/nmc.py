"""Provides the NMC document: the written reflective accounts of the current cycle and the reflective discussion form."""

from __future__ import annotations

import sqlite3
from datetime import date

from myrole.export.words import long_date
from myrole.revalidation.cycle import DatedAccount, Progress, hours, hours_number, progress
from myrole.revalidation.document import Part, RevalidationDocument, Section, Table
from myrole.revalidation.model import (
    ACCOUNT_PARTS,
    ACCOUNTS_NEEDED,
    CPD_HOURS_NEEDED,
    PARTICIPATORY_HOURS_NEEDED,
    NmcAccount,
    Theme,
)
from myrole.revalidation.prefill import activity_title
from myrole.store.cpd import list_accounts
from myrole.store.profile import get_profile
from myrole.store.reflections import get_reflection

TITLE = "NMC revalidation: written reflective accounts"
ABOUT = ("Your written reflective accounts, your log of continuing professional development (CPD) and the reflective "
         "discussion form, for revalidation with the Nursing and Midwifery Council (NMC).")
ANONYMOUS = ("Each account must not identify anyone: no names, no dates of birth, no details that would let "
             "a patient, a colleague or a place be recognised.")
DISCUSSION_NOTE = ("Fill this in by hand with the NMC registrant you discuss your accounts with. "
                   "myrole leaves your details and theirs blank and never stores them.")
DISCUSSION_YOU = ("Your name", "Your NMC PIN")
# Our notes in the document name no keys: it is printed, or read by someone using plain mode or not using myrole.
LOG_NOTE = ("Every reflection given its CPD details in myrole and dated in this cycle, oldest first. The NMC asks "
            "for {hours} hours, {participatory} of them participatory (learning with others).")
NO_CPD_YET = "None recorded in this cycle yet: in myrole, give a finished reflection its CPD details."
NO_DATE_YET = "not given yet (add it to your details in myrole)"
NO_ACCOUNTS_YET = "In myrole, make an account from a finished reflection."
LOG_HEADER = ("Topic", "Date", "Kind of activity", "Hours", "Participatory hours")
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


def account_title(item: DatedAccount) -> str:
    """What happened, in the account's own words (its topic, or the first words of its nature of the activity)."""
    return activity_title(item.reflection, item.account.nature)


def cpd_log(db: sqlite3.Connection, where: Progress) -> Section:
    """Each CPD activity of the cycle, oldest first (its topic, date, kind, hours and participatory hours), with
    the totals: what the totals in Progress are made of."""
    notes = (LOG_NOTE.format(hours=CPD_HOURS_NEEDED, participatory=PARTICIPATORY_HOURS_NEEDED),)
    if not where.counted:
        return Section("CPD log", notes=(*notes, NO_CPD_YET))
    accounts: dict[str, NmcAccount] = {account.reflection_id: account for account in list_accounts(db)}
    rows = []
    for details in where.counted:
        reflection = get_reflection(db, details.reflection_id)
        account = accounts.get(details.reflection_id)
        topic = (activity_title(reflection, account.nature if account else "") if reflection is not None
                 else "A reflection no longer in myrole")
        rows.append((topic, long_date(details.on_date), details.kind.label, hours_number(details.minutes),
                     hours_number(details.minutes if details.participatory else 0)))
    totals = ("Total", "", "", f"{hours_number(where.minutes)} of {CPD_HOURS_NEEDED}",
              f"{hours_number(where.participatory_minutes)} of {PARTICIPATORY_HOURS_NEEDED}")
    return Section("CPD log", notes=notes, table=Table(LOG_HEADER, tuple(rows), theirs=(0,), numbers_from=3,
                                                       totals=totals))


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
    return Section(f"Reflective account {number}, {long_date(item.on_date)}: {account_title(item)}", (*facts, *parts))


def discussion_section(where: Progress) -> Section:
    you = tuple(Part(label, fill_in=True) for label in DISCUSSION_YOU)
    listed = tuple(Part(f"Account {n}", account_title(item), note=long_date(item.on_date))
                   for n, item in enumerate(where.accounts, 1))
    blanks = tuple(Part(label, fill_in=True) for label in DISCUSSION_PARTNER)
    return Section("Reflective discussion form", (
        *you, *listed, *blanks,
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
             else NO_DATE_YET, flagged=cycle.revalidation_date is None),
        Part("This cycle", note=f"{long_date(cycle.start)} to {long_date(cycle.end)}"),
    )
    sections = [Section("Progress", progress_parts(where), notes=(ANONYMOUS,
        "The NMC also asks for 450 practice hours and five pieces of practice-related feedback; "
        "myrole does not count those.",)), cpd_log(db, where)]
    if where.accounts:
        sections += [account_section(n, item) for n, item in enumerate(where.accounts, 1)]
    else:
        sections.append(Section("No accounts yet", notes=(NO_ACCOUNTS_YET,)))
    if where.earlier_accounts:
        sections.append(Section("Earlier accounts", notes=(
            f"{where.earlier_accounts} more kept in myrole, dated before this cycle.",)))
    if where.later_accounts:
        sections.append(Section("Accounts after this cycle", notes=(
            f"{where.later_accounts} more kept in myrole, dated after your revalidation date: once you have "
            "revalidated, give your next revalidation date in your details in myrole and they count "
            "towards the new cycle.",)))
    sections.append(discussion_section(where))
    who = tuple(t for t in (profile.name, profile.role, profile.organisation) if t.strip())
    return RevalidationDocument(TITLE, who, facts, tuple(sections), made_on=long_date(today), about=ABOUT,
                                name=profile.name)
