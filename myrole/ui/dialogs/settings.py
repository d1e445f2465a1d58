"""Provides the settings form: who sees new items, the collective's name, the first day of the week, the colours."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from myrole.events import NO_COLLECTIVE
from myrole.limits import LINE, problem
from myrole.settings import WEEKDAYS, Settings, SettingsError, change_settings
from myrole.store.drafts import Draft
from myrole.ui.context import myrole_app
from myrole.ui.drafts import DraftForm
from myrole.ui.forms import FieldError, edited, show_error
from myrole.ui.look import DEFAULT_THEME, OFFERED
from myrole.ui.widgets.choices import VisibilitySelect, collective_of
from myrole.ui.widgets.fields import TextInput
from myrole.ui.fresh_screen import FocusOnMount, FreshScreen

# The themes in words a person can choose by (the name in the file stays Textual's).
THEME_WORDS = {
    DEFAULT_THEME: "Dark (the usual look)",
    "textual-light": "Light",
    "myrole-high-contrast": "High contrast: yellow and white on black",
    "myrole-light": "Light with dark text, easier to read",
}
INTRO = ("These choices are kept on this computer in your settings file and used every time myrole "
         "starts. Changing them never changes what you have already written.")


def theme_choices() -> list[tuple[str, str]]:
    return [(THEME_WORDS.get(name, name), name) for name in OFFERED]


class SettingsDialog(FreshScreen, FocusOnMount, DraftForm, ModalScreen[Settings | None]):
    """Your settings, saved with change_settings (only the keys shown change; the rest of the file stays)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="settings.cancel"),
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        # The app's own F1 does not reach a modal form (tried with Pilot), so the form offers it itself.
        Binding("f1", "app.help", "Help", id="settings.help"),
    ]

    draft_form = "settings"
    draft_fields = ("default_visibility", "collective_name", "week_starts", "theme")

    def draft_title(self) -> str:
        return "Settings"

    def compose(self) -> ComposeResult:
        settings: Settings = myrole_app(self).settings
        self.collective = collective_of(self.app)  # read from the file: `myrole event` may have set it meanwhile
        theme = settings.theme or DEFAULT_THEME
        themes = theme_choices()
        if theme not in OFFERED:
            themes.append((theme, theme))
        with VerticalScroll(classes="dialog"):
            yield Static("Settings", classes="dialog-title")
            yield Static(INTRO, classes="help-text")
            yield Label("Who sees something new you write, at first")
            yield VisibilitySelect(settings.default_visibility, id="default_visibility")
            yield Label("The name of the group you share commitments with")
            yield TextInput(self.collective, id="collective_name", placeholder=f"none set: {NO_COLLECTIVE}")
            yield Label("The first day of your week")
            yield Select([(day.capitalize(), day) for day in WEEKDAYS], value=settings.week_starts,
                         allow_blank=False, id="week_starts")
            yield Label("Colours")
            yield Select(themes, value=theme, allow_blank=False, id="theme")
            yield Static(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#default_visibility").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def action_save(self) -> None:
        try:
            chosen = self._chosen()
            change_settings(myrole_app(self).paths.config, **chosen)
        except (FieldError, SettingsError) as error:
            show_error(self, error)
            return
        settings = replace(myrole_app(self).settings, **chosen)
        myrole_app(self).settings = settings
        self.app.theme = settings.theme or DEFAULT_THEME  # its kept-theme hook sees nothing new to write
        self.draft_saved()
        self.notify("Settings saved.", markup=False)
        self.dismiss(settings)

    def _chosen(self) -> dict[str, Any]:
        """Each setting as the form stands; a collective's name left untouched keeps its text exactly."""
        typed = edited(self.collective, self.query_one("#collective_name", Input).value)
        why = problem(typed, LINE, "The group's name")
        if why:
            raise FieldError("collective_name", why)
        return {
            "default_visibility": self.query_one(VisibilitySelect).visibility,
            "collective_name": typed.strip(),
            "week_starts": str(self.query_one("#week_starts", Select).value),
            "theme": str(self.query_one("#theme", Select).value),
        }

    def action_cancel(self) -> None:
        self.cancel_form(None)


def open_settings(app: App) -> None:
    """Open the settings form (from the palette, or from your details)."""
    app.push_screen(SettingsDialog())


def reopen_draft(app: App, draft: Draft) -> str | None:
    """Open the settings form again with the draft in it."""
    open_settings(app)
    return None
