"""Provides the CPD details form for a reflection: its date, hours, whether with others, and the kind of activity."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from myrole.revalidation.cycle import activity_date
from myrole.revalidation.model import ActivityKind, CpdDetails, activity_day, activity_minutes
from myrole.store.drafts import Draft
from myrole.ui.context import myrole_app
from myrole.ui.drafts import DraftForm
from myrole.ui.forms import check_field
from myrole.ui.widgets.fields import TextInput
from myrole.ui.fresh_screen import FocusOnMount, FreshScreen

YES_NO = [("No, on my own", "no"), ("Yes, learning with others", "yes")]
WHY = ("Continuing professional development (CPD) counts towards the NMC's revalidation: 35 hours in three years, "
       "20 of them learning with others. The HCPC asks for no set hours.")


def parse_hours(text: str) -> int:
    """The hours typed, as minutes (revalidation.model.activity_minutes); FieldError with its sentence."""
    return check_field("hours", lambda: activity_minutes(text))


def parse_day(text: str, today: date) -> date:
    """The activity's day (revalidation.model.activity_day); FieldError with its sentence."""
    return check_field("on_date", lambda: activity_day(text, today))


class CpdDialog(FreshScreen, FocusOnMount, DraftForm, ModalScreen[CpdDetails | None]):
    """What a reflection counts for as CPD; ctrl+s saves."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cpd.cancel"),
        Binding("ctrl+s", "save", "Save", id="cpd.save"),
    ]

    draft_form = "cpd-details"
    draft_fields = ("on_date", "hours", "participatory", "kind")

    def __init__(self, details: CpdDetails) -> None:
        super().__init__()
        self.details = details

    def draft_record(self) -> str:
        return self.details.reflection_id

    def draft_title(self) -> str:
        return "CPD details"

    def compose(self) -> ComposeResult:
        d = self.details
        shown_hours = f"{d.minutes / 60:.2f}".rstrip("0").rstrip(".")
        with VerticalScroll(classes="dialog"):
            yield Static("CPD details", classes="dialog-title")
            yield Static(WHY, classes="help-text")
            yield Label("Date of the activity (year-month-day)")
            yield TextInput(d.on_date.isoformat(), id="on_date")
            yield Label("Hours")
            yield TextInput(shown_hours, id="hours")
            yield Label("Participatory: did you learn with others?")
            yield Select(YES_NO, value="yes" if d.participatory else "no", allow_blank=False, id="participatory")
            yield Label("Kind of activity")
            yield Select([(kind.label, kind.value) for kind in ActivityKind], value=d.kind.value,
                         allow_blank=False, id="kind")
            yield Static(id="error", classes="error")
            yield Static(id="hours-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#hours", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def action_save(self) -> None:
        """Check the date and the hours together: every problem is shown at once, each under its own field, and
        the first of them has the focus; with none, save."""
        from myrole.store.cpd import save_details
        from myrole.ui.forms import FieldError, show_error

        today = myrole_app(self).today()
        found: dict[str, FieldError] = {}
        for field, check in (("on_date", lambda: parse_day(self.query_one("#on_date", Input).value, today)),
                             ("hours", lambda: parse_hours(self.query_one("#hours", Input).value))):
            try:
                check()
            except FieldError as error:
                found[field] = error
        for line in ("error", "hours-error"):
            self.query_one(f"#{line}", Static).update("")
        if found:
            if "hours" in found and "on_date" in found:  # the hours' sentence under the hours, then the date's
                show_error(self, found["hours"], line_id="hours-error")
            first = found.get("on_date") or found["hours"]
            show_error(self, first)  # under its field, which gets the focus
            return

        def save() -> CpdDetails:
            on_date = parse_day(self.query_one("#on_date", Input).value, today)
            details = CpdDetails(
                self.details.reflection_id, on_date, parse_hours(self.query_one("#hours", Input).value),
                self.query_one("#participatory", Select).value == "yes",
                ActivityKind(self.query_one("#kind", Select).value))
            save_details(myrole_app(self).db, details)
            return details

        self.save_form(save)

    def action_cancel(self) -> None:
        self.cancel_form(None)


def open_details(app: App, reflection_id: str) -> str | None:
    """Open the reflection's CPD details (a new one dated as the reflection), or say why not."""
    from myrole.store.cpd import get_details
    from myrole.store.reflections import get_reflection

    reflection = get_reflection(myrole_app(app).db, reflection_id)
    if reflection is None:
        return "The reflection these details were for has since been removed."
    details = get_details(myrole_app(app).db, reflection_id) or CpdDetails(reflection_id, activity_date(reflection, None))

    def saved(result: CpdDetails | None) -> None:
        if result is not None:
            app.notify("CPD details saved.")

    app.push_screen(CpdDialog(details), saved)
    return None


def reopen_draft(app: App, draft: Draft) -> str | None:
    return open_details(app, draft.record)
