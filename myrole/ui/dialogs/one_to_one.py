"""Provides the one-to-one dialogs: write an item, set the dates, and pick a past one-to-one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from myrole.model import ItemKind, OneToOne, Visibility
from myrole.settings import new_item_visibility
from myrole.text import one_line
from myrole.ui.context import myrole_app
from myrole.ui.widgets.fields import TextInput
from myrole.ui.dialogs.choose import ChooseDialog
from myrole.ui.drafts import DraftForm
from myrole.ui.forms import FieldError, check_field
from myrole.ui.widgets.choices import VisibilitySelect, alliance_note, collective_of
from myrole.ui.widgets.identifiable import IdentifiableWarning
from myrole.validation import parse_form_date
from myrole.ui.fresh_screen import FocusOnMount, FreshScreen

ITEM_PROMPTS: dict[ItemKind, str] = {
    ItemKind.TALKING_POINT: "A talking point: something you want to raise",
    ItemKind.SUPPORT_REQUEST: "Support you need from your manager",
    ItemKind.NOTE: "A note of what was said",
    ItemKind.AGREED_ACTION: "An action you agreed (who does what, by when)",
}
SaveItem = Callable[[str, Visibility], None]
SIZES = {"text": (("one_to_one_items", "text"), "The text")}


def item_word(kind: ItemKind) -> str:
    """The item's kind as it reads after 'this', for saying who can see it."""
    return "request for support" if kind is ItemKind.SUPPORT_REQUEST else kind.label


class ItemDialog(FreshScreen, FocusOnMount, DraftForm, ModalScreen[bool | None]):
    """Write or change one item; `save` stores it (and raises with a sentence if it cannot).

    What is typed is kept as a draft under draft_record (the screen that opens it names the item,
    e.g. "new:note" or "item:ID"; see screens/one_to_one.reopen_draft).
    """

    draft_form = "one-to-one item"
    draft_fields = ("text", "visibility")

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="one_to_one_item.cancel"),
        Binding("ctrl+s", "save", "Save", id="one_to_one_item.save"),
    ]

    def __init__(self, kind: ItemKind, save: SaveItem, *, text: str = "",
                 visibility: Visibility | None = None, heading: str = "", prompt: str = "",
                 check_identifiable: bool = False, draft_record: str = "",
                 draft_context: dict[str, str] | None = None) -> None:
        super().__init__()
        self.kind, self.save, self.text = kind, save, text
        self.visibility = visibility or new_item_visibility(myrole_app(self).settings, one_to_one_item=True)
        self._draft_record, self._draft_context = draft_record or f"new:{kind.value}", draft_context or {}
        article = "an" if kind.label[:1].lower() in "aeiou" else "a"
        self.heading = heading or (f"Change the {kind.label}" if text else f"Add {article} {kind.label}")
        self.prompt = prompt or ITEM_PROMPTS[kind]
        self.check_identifiable = check_identifiable
        self.warned_text: str | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(self.heading, classes="dialog-title")
            yield Label(self.prompt)
            yield TextArea(self.text, id="text", soft_wrap=True, tab_behavior="focus")
            yield Label("Who can see it")
            yield VisibilitySelect(self.visibility, id="visibility")
            yield Static(Content(alliance_note(item_word(self.kind), collective_of(self.app))), classes="help-text")
            yield IdentifiableWarning(id="warning")
            yield Static(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def draft_record(self) -> str:
        return self._draft_record

    def draft_context(self) -> dict[str, str]:
        return self._draft_context

    def draft_title(self) -> str:
        return f"One-to-one: {self.heading[0].lower()}{self.heading[1:]}"

    def on_mount(self) -> None:
        self.query_one("#text", TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def _warn(self, text: str) -> bool:
        """Show what looks identifiable, once per wording; True when the person should look first."""
        if not self.check_identifiable or text == self.warned_text:
            return False
        if not self.query_one(IdentifiableWarning).check(
                text, "This may identify a patient",
                "Notes should be anonymised. Edit the text, or press Save anyway to keep it as it is."):
            return False
        self.warned_text = text
        save = self.query_one("#save", Button)
        save.label = "Save anyway"
        save.refresh(layout=True)  # the label is not a layout reactive, so make room for the longer word
        self.query_one("#text", TextArea).focus()
        return True

    def action_save(self) -> None:
        text = self.query_one("#text", TextArea).text
        if self._warn(text):
            return

        def save() -> bool:  # a ValueError is about the one thing typed here
            check_field("text", lambda: self.save(text, self.query_one(VisibilitySelect).visibility))
            return True

        self.save_form(save, SIZES)

    def action_cancel(self) -> None:
        """Close; if the text was changed, ask whether to keep it as a draft or throw it away."""
        self.cancel_form(None)


class DatesDialog(FreshScreen, DraftForm, ModalScreen[bool | None]):
    """The date of this one-to-one and of the next one; `save` stores them. Kept as a draft as typed."""

    draft_form = "one-to-one dates"
    draft_fields = ("held_on", "next_on")

    def draft_title(self) -> str:
        return "One-to-one dates"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="one_to_one_dates.cancel"),
        Binding("ctrl+s", "save", "Save", id="one_to_one_dates.save"),
    ]

    def __init__(self, held_on: date, next_on: date | None,
                 save: Callable[[date, date | None], None]) -> None:
        super().__init__()
        self.held_on, self.next_on, self.save = held_on, next_on, save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Dates", classes="dialog-title")
            yield Label("Date of this one-to-one (year-month-day)")
            yield TextInput(self.held_on.isoformat(), id="held_on")
            yield Label("Date of the next one-to-one (year-month-day; you will be reminded)")
            yield TextInput(self.next_on.isoformat() if self.next_on else "", id="next_on",
                        placeholder="for example 2027-01-15")
            yield Static(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#next_on", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.save_form(self._save_dates)

    def _save_dates(self) -> bool:
        held_on = check_field("held_on", lambda: parse_form_date(
            self.query_one("#held_on", Input).value, "date of this one-to-one"))
        if held_on is None:
            raise FieldError("held_on", "Give the date of this one-to-one, for example 2027-01-15.")
        next_on = check_field("next_on", lambda: parse_form_date(
            self.query_one("#next_on", Input).value, "date of the next one-to-one"))
        if next_on is not None and next_on != self.next_on and next_on < date.today():
            raise FieldError("next_on", "The next one-to-one date is in the past; choose today or a later date.")
        check_field("next_on", lambda: self.save(held_on, next_on))  # e.g. next before this one
        return True

    def action_cancel(self) -> None:
        self.cancel_form(None)


def past_label(record: OneToOne) -> Content:
    who = f" with {one_line(record.manager_name, 30)}" if record.manager_name.strip() else ""
    state = (f"agreed on {(record.agreed_at or '')[:10]}, read-only" if record.locked
             else "being prepared (draft)")
    return Content.assemble((f"{record.held_on.isoformat()}  One-to-one{who}", "bold"), "\n",
                            f"   {state} · {len(record.items)} items")


class PastOneToOnesDialog(ChooseDialog):
    """Every one-to-one, newest first; returns the chosen one's id."""

    BINDINGS = [Binding("escape", "dismiss_none", "Close", id="past_one_to_ones.close")]

    def __init__(self, records: list[OneToOne]) -> None:
        super().__init__("Your one-to-ones (newest first). Choose one to read it.",
                         [(r.id, past_label(r)) for r in reversed(records)], empty="No one-to-ones yet.")
