"""Provides the choices and words the app's forms and plain mode share.

They are: what choosing alliance means, how often to check in (in words), the check-in's progress and
confidence scales (their numbers and words), the tags typed into a commitment, and the commitment a
reflection answer starts.

Nothing here imports Textual, so plain mode (myrole.plain) offers exactly the app's choices.
"""

from __future__ import annotations

from myrole.events import collective_words
from myrole.limits import TAG, TAGS, check
from myrole.model import CONFIDENCE_LABELS, PROGRESS_LABELS, Answer, Commitment, Lens, Mode
from myrole.schedule import WEEKDAYS, WEEKS_OF_MONTH, parse_cadence

EVERY_N_DAYS = "custom"  # the choice that asks for a number of days (stored as 'Nd')
# Counted from the last check-in; then a rota's fixed days (every Monday, the first Tuesday of each month).
GAP_CHOICES = (
    ("Weekly", "weekly"),
    ("Fortnightly", "fortnightly"),
    ("Monthly", "monthly"),
    ("Quarterly", "quarterly"),
    ("Every N days…", EVERY_N_DAYS),
)

# A check-in's two scales, each number with its words, as both the app's form and plain mode offer them:
# progress 0 (not started) to 4 (done), as stored and exported ("making progress (2 of 4)"); confidence 1 to 5.
PROGRESS_SCALE: dict[int, str] = dict(enumerate(PROGRESS_LABELS))
CONFIDENCE_SCALE: dict[int, str] = CONFIDENCE_LABELS


def on_scale(scale: dict[int, str], value: int) -> str:
    """A point on a scale as the app and plain mode say it: its number, then its words ('2 making progress')."""
    return f"{value} {scale[value]}"


def alliance_note(kind: str, collective: str = "") -> str:
    """What choosing alliance means for this kind of item: exactly what the alliance summary export holds.

    collective is the collective's name (the collective_name setting); with none set, plain words say who it is.
    """
    who = collective_words(collective)
    # "If you choose": shown under the choice whatever is chosen, it must not read as describing it.
    if kind == "commitment":
        return (f"If you choose alliance, your line manager sees it, and {who} gets its title, lens, mode, "
                "tags, status, target month and quarter, event and topic, and as numbers its newest progress, "
                "how many check-ins and the month of the last (never your name or what a check-in says) in a "
                "summary you send.")
    return f"If you choose alliance, your line manager sees this {kind}; {who} only ever gets commitments."


def week_from(week_starts: str) -> tuple[str, ...]:
    """The days of the week in the order the person's week runs (week_starts, a setting)."""
    first = WEEKDAYS.index(week_starts) if week_starts in WEEKDAYS else 0
    return WEEKDAYS[first:] + WEEKDAYS[:first]


def cadence_choices(week_starts: str = "monday") -> tuple[tuple[str, str], ...]:
    """Every cadence offered, in words; the rota days start on the first day of the person's week."""
    days = week_from(week_starts)
    codes = (*(f"every-{day}" for day in days), *(f"{which}-{day}" for which in WEEKS_OF_MONTH for day in days))
    return (*GAP_CHOICES, *((parse_cadence(code).label[:1].upper() + parse_cadence(code).label[1:], code)
                            for code in codes))


def tags_text(tags: tuple[str, ...]) -> str:
    """Tags as the field shows them: separated by a comma and a space."""
    return ", ".join(tags)


def read_tags(typed: str) -> tuple[str, ...]:
    """The tags typed into the field: split at commas, spaces around each trimmed, empty ones and repeats
    left out (a repeat in other capitals too: "DNA" and "dna" are one tag, kept as first typed); a
    ValueError with one sentence for a tag too long or too many tags (myrole.limits)."""
    tags: list[str] = []
    for part in typed.split(","):
        tag = check(part.strip(), TAG, "A tag")
        if tag and tag.casefold() not in {kept.casefold() for kept in tags}:
            tags.append(tag)
    if len(tags) > TAGS:
        raise ValueError(f"A commitment can have at most {TAGS} tags; this one has {len(tags)}.")
    return tuple(tags)


def draft_from_answer(answer: Answer) -> Commitment:
    """A new commitment linked to a reflection answer: its lens, mode and visibility, but none of its words.

    The person writes a short title themselves; the answer stays in one place (shown for reference
    in the editor and on the commitment), so correcting it later corrects it everywhere.
    """
    # A reflection model's step has no lens: the editor starts at Self / Take action for the person to change.
    return Commitment(id="", title="", detail="", lens=answer.lens or Lens.SELF, mode=answer.mode or Mode.ACTION,
                      reflection_id=answer.reflection_id, answer_id=answer.id, visibility=answer.visibility)
