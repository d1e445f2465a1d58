"""Provides the 'your details' form: name, role, organisation, line manager (all optional)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from myrole.model import Profile
from myrole.store import StoreError
from myrole.store.drafts import Draft
from myrole.revalidation.model import revalidation_day
from myrole.store.cpd import get_revalidation_date, set_revalidation_date
from myrole.store.profile import get_profile, save_profile
from myrole.store.rows import storable
from myrole.ui.context import myrole_app
from myrole.ui.widgets.fields import TextInput
from myrole.ui.drafts import DraftForm
from myrole.ui.forms import check_field, check_sizes, edited, show_error
from myrole.ui.fresh_screen import FocusOnMount, FreshScreen

FIELDS = (
    ("name", "Your name"),
    ("role", "Your role (for example: staff nurse, porter, team leader)"),
    ("organisation", "Your organisation"),
    ("manager_name", "Your line manager's name"),
)
SIZES = {field: (("profile", field), f"{label.split(' (')[0]}") for field, label in FIELDS}


class ProfileDialog(FreshScreen, FocusOnMount, DraftForm, ModalScreen[Profile | None]):
    """Skippable on first run; editable any time from home (p). What is typed is kept as a draft."""

    BINDINGS = [
        Binding("escape", "skip", "Skip", id="profile.skip"),
        Binding("ctrl+s", "save", "Save", id="profile.save"),
    ]

    draft_form = "profile"
    draft_fields = (*(field for field, _ in FIELDS), "revalidation_date")

    def draft_title(self) -> str:
        return "Your details"

    def __init__(self, profile: Profile, *, first_run: bool = False) -> None:
        super().__init__()
        self.profile = profile
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            intro = ("A few details make your summaries and one-to-ones read well. "
                     "All are optional, stay on this computer, and can be changed later (p on home).")
            yield Static("About you" if self.first_run else "Your details", classes="dialog-title")
            yield Static(intro, classes="help-text")
            for field, label in FIELDS:
                yield Label(label)
                yield TextInput(getattr(self.profile, field), id=field)
            yield Label("Your next revalidation or renewal date, if you have one (year-month-day)")
            yield TextInput(self._revalidation_date(), id="revalidation_date")
            yield Static(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Skip for now" if self.first_run else "Cancel", id="skip")
                yield Button("Settings…", id="settings")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "settings":
            from myrole.ui.dialogs.settings import open_settings

            open_settings(self.app)  # over this form: what is typed here stays
        else:
            self.action_save() if event.button.id == "save" else self.action_skip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    def action_save(self) -> None:
        updated = replace(self.profile, onboarded=True, **self._typed())
        if self._store(updated):
            self.dismiss(updated)

    def action_skip(self) -> None:
        """Close without asking again; on first run, anything already typed is kept, not thrown away."""
        if self.first_run and not self.profile.onboarded:
            typed = self._typed()
            if not self._store(replace(self.profile, onboarded=True, **typed)):
                return
            if any(typed.values()):
                self.notify("Kept what you typed; change it any time with p on the home screen.")
            self.draft_saved()
            self.dismiss(None)
            return
        self.cancel_form(None)

    def _typed(self) -> dict[str, str]:
        """Each field as the form stands; one left as it was keeps its stored text byte for byte."""
        return {field: edited(getattr(self.profile, field), self.query_one(f"#{field}", Input).value)
                for field, _ in FIELDS}

    def _store(self, profile: Profile) -> bool:
        try:
            for field, _ in FIELDS:
                check_field(field, partial(storable, getattr(profile, field)))
            check_sizes(self, SIZES)
            revalidation = self._typed_revalidation_date()
            save_profile(myrole_app(self).db, profile)
            if revalidation != self._revalidation_date():
                set_revalidation_date(myrole_app(self).db, revalidation_day(revalidation))
        except (StoreError, ValueError) as error:
            show_error(self, error)
            return False
        self.draft_saved()
        return True

    def _revalidation_date(self) -> str:
        stored = get_revalidation_date(myrole_app(self).db)
        return stored.isoformat() if stored else ""

    def _typed_revalidation_date(self) -> str:
        """The date as typed ('' for none); FieldError when it is not a real date."""
        typed = self.query_one("#revalidation_date", Input).value.strip()
        check_field("revalidation_date", partial(revalidation_day, typed))
        return typed


def reopen_draft(app: App, draft: Draft) -> str | None:
    """Open your details again with the draft in them."""
    profile = get_profile(myrole_app(app).db)
    app.push_screen(ProfileDialog(profile, first_run=not profile.onboarded))
    return None
