"""Provides the revalidation records: CPD details, an NMC account's parts and themes, HCPC statement items."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from myrole.validation import TYPED_FORMS, typed_day
from myrole.model import Worded

ACCOUNTS_NEEDED = 5  # written reflective accounts in each three-year NMC cycle
CPD_HOURS_NEEDED = 35  # NMC: hours of CPD in each cycle ...
PARTICIPATORY_HOURS_NEEDED = 20  # ... of which this many learning with others
CYCLE_YEARS = 3
SUMMARY_WORDS = 500  # HCPC: the summary of practice
STATEMENT_WORDS = 1_500  # HCPC: the personal statement
STATEMENT_ACTIVITIES = (4, 6)  # HCPC: the statement draws on this many activities
GAP_MONTHS = 3  # HCPC: a gap this long between activities needs explaining
# Whose asks the totals are (an HCPC registrant is asked for no hours or accounts); CPD spelt out, as the first
# place a person meets it in the app and in plain mode.
WHOSE_ASKS = ("The NMC asks for five accounts and 35 hours of continuing professional development (CPD); "
              "the HCPC asks for no set hours.")


class Theme(Worded):
    """The four themes of the NMC Code; the stored column for each is its value."""

    PEOPLE = "prioritise_people", "Prioritise people"
    EFFECTIVE = "practise_effectively", "Practise effectively"
    SAFETY = "preserve_safety", "Preserve safety"
    TRUST = "promote_professionalism", "Promote professionalism and trust"


class ActivityKind(Worded):
    """The kinds of CPD activity the HCPC names."""

    WORK_BASED = "work-based", "Work-based learning"
    PROFESSIONAL = "professional", "Professional activity"
    FORMAL = "formal", "Formal or educational"
    SELF_DIRECTED = "self-directed", "Self-directed learning"
    OTHER = "other", "Other"


@dataclass(frozen=True)
class CpdDetails:
    """What a reflection counts for as CPD: when, how long, with others or not, and what kind."""

    reflection_id: str
    on_date: date
    minutes: int = 0
    participatory: bool = False
    kind: ActivityKind = ActivityKind.WORK_BASED

    @property
    def hours(self) -> float:
        return self.minutes / 60


# The four parts of the NMC form, by stored column, with the question each answers.
ACCOUNT_PARTS = (
    ("nature", "What was the nature of the CPD activity, feedback or practice-related experience?"),
    ("learnt", "What did you learn from the CPD activity, feedback or experience?"),
    ("changed", "How did you change or improve your practice as a result?"),
    ("code", "How is this relevant to the Code?"),
)


@dataclass(frozen=True)
class NmcAccount:
    """A written reflective account on the NMC form's shape, kept with the reflection it came from."""

    reflection_id: str
    nature: str = ""
    learnt: str = ""
    changed: str = ""
    code: str = ""
    themes: frozenset[Theme] = field(default_factory=frozenset)
    created_at: str = ""
    updated_at: str = ""

    def part(self, name: str) -> str:
        return str(getattr(self, name))


# The four parts of an HCPC statement item, by stored column, with what each says.
STATEMENT_PARTS = (
    ("what", "What the activity was"),
    ("learnt", "What I learnt"),
    ("improved", "How it improved my practice"),
    ("benefited", "How it benefited service users"),
    ("evidence", "Evidence"),
)


@dataclass(frozen=True)
class StatementItem:
    """One activity the person picked for their HCPC statement: a reflection or a commitment."""

    id: str
    reflection_id: str | None = None
    commitment_id: str | None = None
    position: int = 0
    what: str = ""
    learnt: str = ""
    improved: str = ""
    benefited: str = ""
    evidence: str = ""
    updated_at: str = ""

    @property
    def activity(self) -> str:
        """'reflection:<id>' or 'commitment:<id>'."""
        return f"reflection:{self.reflection_id}" if self.reflection_id else f"commitment:{self.commitment_id}"

    def part(self, name: str) -> str:
        return str(getattr(self, name))

    @classmethod
    def about(cls, activity: str) -> StatementItem:
        """A new item, nothing written yet, about an activity named as `activity` names it."""
        kind, _, record_id = activity.partition(":")
        return cls("", reflection_id=record_id if kind == "reflection" else None,
                   commitment_id=record_id if kind == "commitment" else None)


def word_count(text: str) -> int:
    """Words as a regulator counts them: runs of non-space characters."""
    return len(text.split())


# Parts of a statement item counted against STATEMENT_WORDS: the evidence is references, not prose.
COUNTED_PARTS = tuple(name for name, _ in STATEMENT_PARTS if name != "evidence")


def item_words(item: StatementItem) -> int:
    return sum(word_count(item.part(name)) for name in COUNTED_PARTS)


def statement_words(items: list[StatementItem]) -> int:
    """The statement's words, as the HCPC profile counts them: every part but the evidence."""
    return sum(item_words(item) for item in items)


def words_note(count: int, limit: int) -> str:
    """Words against the HCPC's limit, as the app, plain mode and the documents all say it: '312 of 500 words',
    or '508 of 500 words, 8 over the HCPC's limit'."""
    over = f", {count - limit:,} over the HCPC's limit" if count > limit else ""
    return f"{count:,} of {limit:,} words{over}"


def summary_words(summary: str) -> str:
    """The summary of practice's words against its limit of SUMMARY_WORDS, in words_note's words."""
    return words_note(word_count(summary), SUMMARY_WORDS)


# -- what a person types for a reflection's CPD details (the app's form and plain mode read it alike) --

def activity_day(typed: str, today: date) -> date:
    """The day of a CPD activity: a real date, not after today (CPD is what you have done); ValueError otherwise."""
    day = typed_day(typed)
    if day is None:
        raise ValueError(f"Write the date as {TYPED_FORMS}.")
    if day > today:
        raise ValueError("The date is after today: CPD counts what you have already done, so give the day "
                         "the activity happened.")
    return day


def revalidation_day(typed: str) -> date | None:
    """The revalidation date typed (None when nothing is); ValueError with one sentence when it is not a date."""
    text = typed.strip()
    if not text:
        return None
    day = typed_day(text)
    if day is None:
        raise ValueError(f"Write the revalidation date as {TYPED_FORMS}, or leave it empty.")
    return day


def activity_minutes(typed: str) -> int:
    """'1.5' or '1,5' hours as minutes: more than 0 and at most 1,000 hours; ValueError otherwise."""
    try:
        value = float(typed.strip().replace(",", ".") or "0")
    except ValueError:
        raise ValueError("Write the hours as a number, for example 1.5.") from None
    if not 0 < value <= 1000:
        raise ValueError("Give the hours the activity took: more than 0 and at most 1,000, for example 1.5.")
    minutes = round(value * 60)
    if minutes == 0:  # less than half a minute
        raise ValueError("Give the hours the activity took: at least a minute (0.02 hours).")
    return minutes
