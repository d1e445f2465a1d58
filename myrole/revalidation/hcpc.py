"""Provides the HCPC CPD profile: summary of practice, dated activities with gaps flagged, and the statement."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from myrole.export.words import long_date
from myrole.revalidation.cycle import activity_date, hours, months_after, years_before
from myrole.revalidation.document import Part, RevalidationDocument, Section
from myrole.revalidation.model import (
    GAP_MONTHS,
    STATEMENT_ACTIVITIES,
    STATEMENT_PARTS,
    STATEMENT_WORDS,
    SUMMARY_WORDS,
    CpdDetails,
    StatementItem,
    statement_words,
    summary_words,
    word_count,
    words_note,
)
from myrole.model import Commitment, Status, Visibility
from myrole.revalidation.prefill import activity_title
from myrole.store.commitments import list_commitments
from myrole.store.cpd import all_details, get_hcpc_summary, list_accounts, list_statement_items
from myrole.store.profile import get_profile
from myrole.store.reflections import list_reflections

TITLE = "HCPC CPD profile"
ABOUT = ("Your continuing professional development (CPD) profile for the Health and Care Professions Council "
         "(HCPC), from myrole.")
PROFILE_YEARS = 2  # the HCPC asks about the two years before the audit
REGISTRATION = ("Your profession", "Your HCPC registration number")
REGISTRATION_NOTE = "Fill these in by hand; myrole does not ask for them or store them."
STANDARDS = ("The HCPC's CPD standards 3 and 4 ask that your CPD has improved the quality of your work and "
             "benefited the people who use your service: say how it has.")


@dataclass(frozen=True)
class Activity:
    """One dated CPD activity: a finished reflection or a commitment made."""

    key: str  # 'reflection:<id>' or 'commitment:<id>', as StatementItem.activity
    on_date: date
    title: str
    details: CpdDetails | None = None
    left_out: str = ""  # a commitment the activity list leaves out: 'private' or 'dropped' (left_out_because)

    @property
    def description(self) -> str:
        """Our words for what kind of activity it was."""
        if self.key.startswith("commitment:"):
            return "A commitment to act"
        if self.details is None:
            return "A reflection"
        with_others = ", with others" if self.details.participatory else ""
        return f"A reflection: {self.details.kind.label}, {hours(self.details.minutes)}{with_others}"


@dataclass(frozen=True)
class Gap:
    after: date
    before: date  # the next activity, or the day the profile was made

    def sentence(self) -> str:
        return (f"No CPD activity recorded from {long_date(self.after)} to {long_date(self.before)} "
                f"({GAP_MONTHS} months or more): say why, for example leave or illness.")


def left_out_because(commitment: Commitment) -> str:
    """Why the profile's activity list, which is sent outside myrole, leaves a commitment out: 'private' (only the
    person sees it; said first, as a picked one is then seen outside myrole), 'dropped' (it was not done), or ''
    when it goes in. One the person picks for the statement is in the statement all the same."""
    if commitment.visibility is Visibility.PRIVATE:
        return "private"
    return "dropped" if commitment.status is Status.DROPPED else ""


def sent_outside(commitment: Commitment) -> bool:
    """Whether a commitment goes into the profile's activity list, which is sent outside myrole: not dropped and not
    private."""
    return not left_out_because(commitment)


def activities(db: sqlite3.Connection, since: date | None = None, until: date | None = None, *,
               outside: bool = False) -> list[Activity]:
    """Finished reflections and commitments, oldest first (within since..until when given), each commitment the
    activity list leaves out marked (Activity.left_out); with outside, only those that may go in the list."""
    details = all_details(db)
    natures = {account.reflection_id: account.nature for account in list_accounts(db)}
    found = [Activity(f"reflection:{r.id}", activity_date(r, details.get(r.id)),
                      activity_title(r, natures.get(r.id, "")), details.get(r.id))
             for r, _ in list_reflections(db) if r.finished_at]
    found += [Activity(f"commitment:{c.id}", date.fromisoformat(c.created_at[:10]), c.title,
                       left_out=left_out_because(c))
              for c in list_commitments(db) if not outside or sent_outside(c)]
    found = [a for a in found if within(a.on_date, since, until)]
    return sorted(found, key=lambda a: (a.on_date, a.key))


def within(day: date, since: date | None, until: date | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


def private_left_out(db: sqlite3.Connection, since: date, until: date) -> int:
    """How many private commitments (not dropped) of since..until the profile's activity list leaves out."""
    return sum(c.visibility is Visibility.PRIVATE and c.status is not Status.DROPPED
               and within(date.fromisoformat(c.created_at[:10]), since, until) for c in list_commitments(db))


# How to put a private commitment in the profile's activity list: on the app's own screens (its keys), in plain mode
# (which asks who can see a commitment only when it is made), and in the written profile, which is read on paper or
# on any screen, so names no keys and holds whichever mode the person uses.
INCLUDE_IN_APP = "open it (home, then enter on it), press e and change who can see it."
INCLUDE_FROM_PLAIN = ("change who can see it in the app (myrole --no-plain): open the commitment from home and "
                      "edit it; plain mode asks who can see a commitment only when you make it.")
INCLUDE_IN_DOCUMENT = "change who can see it in myrole, by editing the commitment in the full-screen app."
ACTIVITIES = "In your HCPC CPD profile's activities: "  # before private_sentence on the app's screen and in plain mode


def private_count(count: int) -> str:
    return "1 private commitment is" if count == 1 else f"{count} private commitments are"


def private_sentence(count: int, how: str = INCLUDE_IN_APP) -> str:
    """What the profile's activity list leaves out as private, and how to put one in it, said after ACTIVITIES on
    the app's screen and in plain mode ('' when nothing is left out)."""
    return f"{private_count(count)} left out, as the profile is sent outside myrole. To include one, {how}" if count else ""


def list_sentence(count: int) -> str:
    """The profile's own note under its activity list: what the list leaves out as private, that one picked for the
    statement is in the statement all the same, and how to put one in the list ('' when nothing is left out)."""
    if not count:
        return ""
    return (f"{private_count(count)} left out of the activity list, as the profile is sent outside myrole; one you "
            f"pick for your statement is in the statement. To include one in the activity list, {INCLUDE_IN_DOCUMENT}")


# Where activities are listed to pick for the statement (the app and plain mode alike): a private or dropped
# commitment is marked, as the activity list leaves it out, but one the person picks is in the statement.
MARKS = {"private": "private: only you see it; once picked, your written profile holds it", "dropped": "dropped"}
PICK_NOTE = ("Your HCPC CPD profile's activity list leaves out private and dropped commitments, but one you pick "
             "here is in your statement.")
PICKED_PRIVATE = ("This commitment is private: only you see it in myrole. Your written HCPC CPD profile, which is "
                  "sent outside myrole, will hold its title and what you write here.")


def mark(activity: Activity) -> str:
    """' (private: only you see it; …)' or ' (dropped)' after such a commitment where it is listed to pick; else ''."""
    return f" ({MARKS[activity.left_out]})" if activity.left_out else ""


def picked_note(activity: Activity | None) -> str:
    """What is said above the form of a statement item about a private commitment (PICKED_PRIVATE); else ''."""
    return PICKED_PRIVATE if activity is not None and activity.left_out == "private" else ""


def gaps(dates: list[date], until: date, since: date | None = None) -> list[Gap]:
    """Each stretch of GAP_MONTHS or more with no activity: from since (when given) to the first one, between
    one and the next, and after the last one to until."""
    bounds = [*([since] if since is not None else []), *sorted(dates), until]
    return [Gap(after, before) for after, before in zip(bounds, bounds[1:]) if months_after(after, GAP_MONTHS) <= before]


def statement_line(items: list[StatementItem]) -> str:
    """'HCPC statement: 2 activities (the HCPC asks for 4 to 6), 120 of 1,500 words.' (on one line at 80 columns)"""
    low, high = STATEMENT_ACTIVITIES
    count = f"{len(items)} {'activity' if len(items) == 1 else 'activities'}"
    return (f"HCPC statement: {count} (the HCPC asks for {low} to {high}), "
            f"{words_note(statement_words(items), STATEMENT_WORDS)}.")


def activity_parts(listed: list[Activity], since: date, until: date) -> tuple[Part, ...]:
    """The activities, oldest first, each gap after the activity it follows (one before the first comes first)."""
    found = gaps([a.on_date for a in listed], until, since)
    parts: list[Part] = []
    if listed and found and found[0].after == since and listed[0].on_date != since:
        parts.append(Part("Gap", note=found.pop(0).sentence(), flagged=True))  # none since the profile's start
    by_start = {gap.after: gap for gap in found}
    for index, activity in enumerate(listed):
        parts.append(Part(long_date(activity.on_date), activity.title, note=activity.description))
        last_that_day = index + 1 == len(listed) or listed[index + 1].on_date != activity.on_date
        if last_that_day and activity.on_date in by_start:
            parts.append(Part("Gap", note=by_start[activity.on_date].sentence(), flagged=True))
    return tuple(parts)


def statement_sections(items: list[StatementItem], known: dict[str, Activity]) -> list[Section]:
    """The personal statement: its length and activities, then each activity it draws on: every one picked, a
    private or dropped commitment too (the person chose it)."""
    total = sum(word_count(item.part(name)) for item in items for name, _ in STATEMENT_PARTS if name != "evidence")
    note, over = words_note(total, STATEMENT_WORDS), total > STATEMENT_WORDS
    low, high = STATEMENT_ACTIVITIES
    picked = f"Draws on {len(items)} {'activity' if len(items) == 1 else 'activities'} (the HCPC asks for {low} to {high})."
    parts = (Part("Length", note=note, flagged=over), Part("Activities", note=picked,
                                                            flagged=not low <= len(items) <= high))
    sections = [Section("Personal statement", parts, notes=(STANDARDS,))]
    for number, item in enumerate(items, 1):
        activity = known.get(item.activity)
        title = activity.title if activity else "An activity no longer in myrole"
        dated = (Part("Date", note=long_date(activity.on_date)),) if activity else ()
        sections.append(Section(f"Activity {number}: {title}", (
            *dated, *(Part(label, item.part(name), flagged=not item.part(name).strip() and name != "evidence")
                      for name, label in STATEMENT_PARTS)), level=3))
    return sections


def build(db: sqlite3.Connection, today: date) -> RevalidationDocument:
    """The profile for the two years up to today."""
    since = years_before(today, PROFILE_YEARS)
    listed = activities(db, since, today, outside=True)
    left_out = list_sentence(private_left_out(db, since, today))
    summary = get_hcpc_summary(db)
    note, over = summary_words(summary), word_count(summary) > SUMMARY_WORDS
    profile = get_profile(db)
    sections = [
        Section("Your registration", tuple(Part(label, fill_in=True) for label in REGISTRATION),
                notes=(REGISTRATION_NOTE,)),
        Section("Summary of practice", (Part("Your role and the people you work with", summary, note=note,
                                             flagged=over or not summary.strip()),)),
        Section("CPD activities", activity_parts(listed, since, today) or (Part("None yet", note="No finished "
                "reflections or commitments in these two years."),), notes=tuple(filter(None, (
            "Reflections and commitments from myrole, oldest first (dropped commitments are left out). Gaps of "
            "three months or more are marked.", left_out)))),
        *statement_sections(list_statement_items(db), {a.key: a for a in activities(db)}),
    ]
    who = tuple(t for t in (profile.name, profile.role, profile.organisation) if t.strip())
    facts = (Part("Covers", note=f"{long_date(since)} to {long_date(today)}"),)
    return RevalidationDocument(TITLE, who, facts, tuple(sections), made_on=long_date(today), about=ABOUT,
                                name=profile.name)
