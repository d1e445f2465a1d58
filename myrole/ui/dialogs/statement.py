"""Provides the HCPC statement in the app: picking an activity for it, and editing one item's five parts.

Opened from the revalidation screen (a picks, enter edits, x takes one out). An item is about one
finished reflection or one commitment; its parts are what it was, what you learnt, how it improved
your practice, how it benefited service users, and the evidence. Kept as a draft while typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from myrole.revalidation.model import (
    STATEMENT_PARTS,
    STATEMENT_WORDS,
    StatementItem,
    item_words,
    statement_words,
    words_note,
)
from myrole.store.drafts import Draft
from myrole.text import one_line
from myrole.ui.context import myrole_app
from myrole.ui.drafts import DraftForm
from myrole.ui.forms import edited
from myrole.ui.widgets.long_text import LongTextArea
from myrole.ui.fresh_screen import FocusOnMount, FreshScreen

if TYPE_CHECKING:
    from myrole.revalidation.hcpc import Activity

SIZES = {name: (("hcpc_statement_items", name), label) for name, label in STATEMENT_PARTS}
HINT = ("Write about what you did, not who you did it for: no names or details that could identify anyone. "
        "The HCPC asks for 4 to 6 activities and at most 1,500 words in all; evidence is not counted.")


def known_activities(app: App) -> dict[str, Activity]:
    """Every activity the statement may draw on, by key ('reflection:<id>'): a private or dropped commitment, which
    the profile's activity list leaves out, is marked by its left_out."""
    from myrole.revalidation.hcpc import activities

    return {a.key: a for a in activities(myrole_app(app).db)}


class StatementItemDialog(FreshScreen, FocusOnMount, DraftForm, ModalScreen[StatementItem | None]):
    """Edit one activity's parts for the HCPC statement; ctrl+s saves, with word counters."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="statement.cancel"),
        Binding("ctrl+s", "save", "Save", id="statement.save"),
    ]
    draft_form = "hcpc-statement-item"
    draft_fields = tuple(name for name, _ in STATEMENT_PARTS)

    def __init__(self, item: StatementItem, title: str, others: list[StatementItem], note: str = "") -> None:
        """others: the statement's other items, counted in the statement's words; note: what picking a private
        commitment means (hcpc.picked_note), if it is one."""
        super().__init__()
        self.item = item
        self.activity_title = title
        self.other_words = statement_words(others)
        self.note = note

    def draft_record(self) -> str:
        return self.item.activity

    def draft_title(self) -> str:
        return "HCPC statement activity"

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("An activity in your HCPC statement", classes="dialog-title")
            yield Static(f"About: {one_line(self.activity_title, 60)}", markup=False, id="about")
            if self.note:
                yield Static(Content(self.note), id="picked-note", classes="help-text")
            yield Static(HINT, classes="help-text")
            for name, label in STATEMENT_PARTS:
                yield Label(label)
                yield LongTextArea(self.item.part(name), id=name, classes="answer-input")
            yield Static(id="words")
            yield Static(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.show_words()
        self.query_one("#what", LongTextArea).focus()

    def typed(self) -> StatementItem:
        parts: dict[str, Any] = {name: edited(self.item.part(name), self.query_one(f"#{name}", LongTextArea).text,
                                              multi_line=True) for name, _ in STATEMENT_PARTS}  # every part is text
        return replace(self.item, **parts)

    def show_words(self) -> None:
        mine = item_words(self.typed())
        total = self.other_words + mine
        self.query_one("#words", Static).update(Content(
            f"This activity: {mine:,} words. The statement: {words_note(total, STATEMENT_WORDS)}."))

    def on_text_area_changed(self, event: LongTextArea.Changed) -> None:
        self.show_words()
        super().on_text_area_changed(event)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def action_save(self) -> None:
        from myrole.store.cpd import save_statement_item

        self.save_form(lambda: save_statement_item(myrole_app(self).db, self.typed()), SIZES)

    def action_cancel(self) -> None:
        self.cancel_form(None)


def item_dialog(app: App, activity: str) -> StatementItemDialog | None:
    """The form on the activity's item (a new one if it has none), or None if the activity is gone."""
    from myrole.revalidation.hcpc import picked_note
    from myrole.store.cpd import list_statement_items

    known = known_activities(app)
    if activity not in known:
        return None
    items = list_statement_items(myrole_app(app).db)
    item = next((i for i in items if i.activity == activity), None)
    if item is None:
        item = StatementItem.about(activity)
    return StatementItemDialog(item, known[activity].title, [i for i in items if i.id != item.id],
                               picked_note(known[activity]))


def open_item(app: App, activity: str, done: Callable[[StatementItem | None], None] | None = None) -> None:
    dialog = item_dialog(app, activity)
    if dialog is None:
        app.notify("That activity is no longer in myrole.")
        return
    app.push_screen(dialog, done)


class PickActivityDialog(FreshScreen, FocusOnMount, ModalScreen[str | None]):
    """Pick a finished reflection or a commitment not yet in the statement (escape picks nothing)."""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel", id="pick-activity.cancel")]

    def __init__(self, choices: list[tuple[str, str]], note: str = "") -> None:
        """choices: (activity key, label), newest first; note: what a marked one means (hcpc.PICK_NOTE), shown
        above them when any is marked."""
        super().__init__()
        self.choices = choices
        self.note = note

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList
        from textual.widgets.option_list import Option

        options = [Option(Content(label), id=key) for key, label in self.choices]
        if not options:
            options = [Option(Content("Nothing to pick: finish a reflection or make a commitment first, or every "
                                      "activity is already in the statement."), disabled=True)]
        with VerticalScroll(classes="dialog"):
            yield Static("Pick an activity for your HCPC statement", classes="dialog-title")
            if self.note:
                yield Static(Content(self.note), id="pick-note", classes="help-text")
            yield OptionList(*options, id="activities")

    def on_mount(self) -> None:
        self.query_one("#activities").focus()

    def on_option_list_option_selected(self, event) -> None:  # noqa: ANN001 - OptionList.OptionSelected
        event.stop()
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def unpicked(app: App) -> list[Activity]:
    """Activities not yet picked, newest first."""
    from myrole.store.cpd import list_statement_items

    picked = {item.activity for item in list_statement_items(myrole_app(app).db)}
    return sorted((a for a in known_activities(app).values() if a.key not in picked), key=lambda a: (a.on_date, a.key),
                  reverse=True)


def pick_choices(activities: list[Activity]) -> list[tuple[str, str]]:
    """Activities (not yet picked, newest first) as (key, 'date  kind: title'), a private or dropped commitment
    marked as plain mode marks it: '… (dropped)'."""
    from myrole.export.words import long_date
    from myrole.revalidation.hcpc import mark

    return [(a.key, f"{long_date(a.on_date)}  {a.key.partition(':')[0].capitalize()}: {one_line(a.title, 50)}{mark(a)}")
            for a in activities]


def pick_dialog(app: App) -> PickActivityDialog:
    """The picker of the activities not yet picked, saying what a marked one means when one is listed."""
    from myrole.revalidation.hcpc import PICK_NOTE

    activities = unpicked(app)
    return PickActivityDialog(pick_choices(activities), PICK_NOTE if any(a.left_out for a in activities) else "")


def reopen_draft(app: App, draft: Draft) -> str | None:
    """Open the item form again on its activity (it refills itself from the draft)."""
    if item_dialog(app, draft.record) is None:
        return "The reflection or commitment this statement activity was about has since been removed."
    open_item(app, draft.record)
    return None
