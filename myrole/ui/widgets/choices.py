"""Provides Select widgets for visibility, lens, mode and cadence, labelled in words, and what 'alliance' means."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Select

from myrole.model import Lens, Mode, Visibility
from myrole.shared_choices import alliance_note, cadence_choices  # noqa: F401 - alliance_note also imported from here
from myrole.ui.context import myrole_app


def choice_of(select: Select[str]) -> str:
    """What a Select made with allow_blank=False holds: always one of its choices, never Select.BLANK."""
    value = select.value
    assert isinstance(value, str), "a Select without a blank always holds a choice"
    return value

def collective_of(app: App) -> str:
    """The collective's name from the person's settings ("" when none is set): who 'alliance' shares with."""
    from myrole.settings import load_settings

    return load_settings(myrole_app(app).paths.config).settings.collective_name


class VisibilitySelect(Select[str]):
    """Who may see an item, chosen by word (private, manager, alliance)."""

    def __init__(self, value: Visibility = Visibility.PRIVATE, **kwargs) -> None:
        options = [(v.explanation, v.value) for v in Visibility]
        super().__init__(options, value=value.value, allow_blank=False, **kwargs)

    @property
    def visibility(self) -> Visibility:
        return Visibility(choice_of(self))


class LensSelect(Select[str]):
    def __init__(self, value: Lens = Lens.SELF, **kwargs) -> None:
        super().__init__([(lens.label, lens.value) for lens in Lens], value=value.value,
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
