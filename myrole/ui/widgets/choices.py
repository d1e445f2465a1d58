"""Provides Select widgets for visibility, lens, mode and cadence, labelled in words, and what 'alliance' means."""

from __future__ import annotations

from textual.widgets import Select

from myrole.events import collective_words
from myrole.model import Lens, Mode, Visibility
from myrole.schedule import WEEKDAYS, WEEKS_OF_MONTH, parse_cadence

# Counted from the last check-in; then a rota's fixed days (every Monday, the first Tuesday of each month).
GAP_CHOICES = (
    ("Weekly", "weekly"),
    ("Fortnightly", "fortnightly"),
    ("Monthly", "monthly"),
    ("Quarterly", "quarterly"),
    ("Every N days…", "custom"),
)


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



def collective_of(app) -> str:  # noqa: ANN001 - the running MyroleApp
    """The collective's name from the person's settings ("" when none is set): who 'alliance' shares with."""
    from myrole.settings import load_settings

    return load_settings(app.paths.config).settings.collective_name


def alliance_note(kind: str, collective: str = "") -> str:
    """What choosing alliance means for this kind of item: exactly what the alliance summary export holds.

    collective is the collective's name (collective_of); with none set, plain words say who it is.
    """
    who = collective_words(collective)
    # "If you choose": shown under the choice whatever is chosen, it must not read as describing it.
    if kind == "commitment":
        return (f"If you choose alliance, your line manager sees it, and {who} gets its title, lens, mode, "
                "tags, status, target month and quarter, event and topic, and as numbers its newest progress, "
                "how many check-ins and the month of the last (never your name or what a check-in says) in a "
                "summary you send.")
    return f"If you choose alliance, your line manager sees this {kind}; {who} only ever gets commitments."


class VisibilitySelect(Select[str]):
    """Who may see an item, chosen by word (private, manager, alliance)."""

    def __init__(self, value: Visibility = Visibility.PRIVATE, **kwargs) -> None:
        options = [(v.explanation, v.value) for v in Visibility]
        super().__init__(options, value=value.value, allow_blank=False, **kwargs)

    @property
    def visibility(self) -> Visibility:
        return Visibility(self.value)


class LensSelect(Select[str]):
    def __init__(self, value: Lens = Lens.SELF, **kwargs) -> None:
        super().__init__([(lens.title, lens.value) for lens in Lens], value=value.value,
                         allow_blank=False, **kwargs)


class ModeSelect(Select[str]):
    def __init__(self, value: Mode = Mode.ACTION, **kwargs) -> None:
        super().__init__([(mode.explained, mode.value) for mode in Mode], value=value.value,
                         allow_blank=False, **kwargs)


class CadenceSelect(Select[str]):
    """How often to check in: a gap after the last check-in, or a rota's day; 'custom' asks for N days."""

    def __init__(self, value: str = "fortnightly", *, week_starts: str = "monday", **kwargs) -> None:
        choices = cadence_choices(week_starts)
        known = {code for _, code in choices}
        super().__init__(list(choices), value=value if value in known else "custom",
                         allow_blank=False, **kwargs)
