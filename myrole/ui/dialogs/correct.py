"""Provides the correction form: change what was written (an answer, a check-in, a one-to-one item) for good.

It keeps a draft as it is typed, like every form (myrole.ui.drafts). That draft holds the text being
removed, as the form opens with it: the correction deletes it in its own transaction (the store's
correct_* functions), and throwing it away empties the journal too (myrole.store.drafts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from myrole.limits import FieldLimit, problem
from myrole.store import StoreError
from myrole.store.corrections import DRAFT_FORMS, Correction
from myrole.ui.widgets.fields import TextInput
from myrole.ui.drafts import DraftForm
from myrole.ui.forms import FieldError, edited, show_error
from myrole.ui.widgets.identifiable import IdentifiableWarning
from myrole.ui.fresh_screen import FocusOnMount, FreshScreen

PROMISE = ("Saving replaces the old text wherever myrole keeps it: no copy stays in your records, "
           "their history or the temporary file kept beside them.")


@dataclass(frozen=True)
class TextField:
    """One text that can be corrected: the widget id, its label, the text as stored and its size limit."""

    id: str
    label: str
    original: str
    limit: FieldLimit
    what: str  # names the field in a sentence, e.g. "The note"

    @property
    def multi_line(self) -> bool:
        return not self.limit.one_line


Save = Callable[[dict[str, str]], Correction]


class CorrectionDialog(FreshScreen, FocusOnMount, DraftForm, ModalScreen[Correction | None]):
    """Change one or more texts; `save` stores them by field id (raising with a sentence if it cannot).

    corrects is (kind, id): what is corrected, a key of myrole.store.corrections.DRAFT_FORMS and the
    record's id; the draft is kept under them, and `save` must delete it in its own transaction
    (the store's correct_* functions do). draft_context: what reopening the form needs besides the id.
    Returns what the correction did, or None when cancelled or nothing was changed.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="correct.cancel"),
        Binding("ctrl+s", "save", "Save", id="correct.save"),
    ]

    def __init__(self, heading: str, about: Content, fields: list[TextField], save: Save, *,
                 corrects: tuple[str, str], required: bool = False,
                 draft_context: dict[str, str] | None = None) -> None:
        super().__init__()
        self.heading, self.about, self.fields, self.save = heading, about, fields, save
        self.required = required  # whether a text may be corrected to nothing
        self.warned: dict[str, str] | None = None
        kind, self._draft_record = corrects
        self.draft_form = DRAFT_FORMS[kind]
        self.draft_fields = tuple(field.id for field in fields)
        self._draft_context = draft_context or {}

    def draft_record(self) -> str:
        return self._draft_record

    def draft_title(self) -> str:
        return self.heading

    def draft_context(self) -> dict[str, str]:
        return self._draft_context

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Static(self.heading, classes="dialog-title")
            yield Static(self.about, id="about")
            for field in self.fields:
                yield Label(field.label)
                if field.multi_line:
                    yield TextArea(field.original, id=field.id, soft_wrap=True, tab_behavior="focus")
                else:
                    yield TextInput(field.original, id=field.id, placeholder="optional")
            yield Static(PROMISE, classes="help-text")
            yield IdentifiableWarning(id="warning")
            yield Static(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save correction", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#{self.fields[0].id}").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    def typed(self, field: TextField) -> str:
        widget = self.query_one(f"#{field.id}")
        if isinstance(widget, TextArea):
            return widget.text
        assert isinstance(widget, Input)  # the other fields are one-line inputs
        return widget.value

    def read_form(self) -> dict[str, str]:
        """Each field's text to save (untouched ones byte for byte as stored); FieldError if one cannot be."""
        values = {f.id: edited(f.original, self.typed(f), multi_line=f.multi_line) for f in self.fields}
        for field in self.fields:
            sentence = problem(values[field.id], field.limit, field.what)
            if sentence is None and self.required and not values[field.id].strip():
                sentence = f"{field.what} cannot be empty; write what it should say."
            if sentence:
                raise FieldError(field.id, sentence)
        return values

    def _warn(self, values: dict[str, str]) -> bool:
        """Say once per wording when the corrected text still looks like patient data; True to look first."""
        if values == self.warned:
            return False
        text = "\n".join(values[f.id] for f in self.fields)
        if not self.query_one(IdentifiableWarning).check(
                text, "This may still identify a patient",
                "Edit the text, or press Save anyway to keep it as it is."):
            return False
        self.warned = values
        save = self.query_one("#save", Button)
        save.label = "Save anyway"
        save.refresh(layout=True)
        return True

    def action_save(self) -> None:
        try:
            values = self.read_form()
        except FieldError as error:
            show_error(self, error)
            return
        if all(values[f.id] == f.original for f in self.fields):
            self.discard_draft()  # it holds the old text (perhaps with spaces added): it goes
            self.notify("Nothing was changed.")
            self.dismiss(None)
            return
        if self._warn(values):
            return
        try:
            result = self.save(values)
        except (ValueError, StoreError) as error:
            only_field = self.fields[0].id if len(self.fields) == 1 else None
            show_error(self, error, None if isinstance(error, StoreError) else only_field)
            return
        self.draft_saved(deleted_by_save=True)
        self.app.notify(saved_message(result), markup=False, timeout=12)
        self.dismiss(result)

    def action_cancel(self) -> None:
        """Close; if something was typed, ask whether to keep it as a draft or throw it away."""
        self.cancel_form(None)


def saved_message(result: Correction) -> str:
    """What a saved correction did, and what it could not reach, in plain words."""
    parts = ["Corrected: the old text is gone from your records."]
    if result.copies:
        places = "place" if result.copies == 1 else "places"
        parts.append(f"The same words in {result.copies} other {places} (a commitment made from it, "
                     "or the same point in another one-to-one) were corrected too.")
    if not result.journal_cleared:
        parts.append("Another myrole window is open, so the old text stays in a temporary file beside "
                     "your records until every myrole window is closed.")
    if result.older_backups:
        one = result.older_backups == 1
        copies, were, them = ("backup", "was", "it") if one else ("backups", "were", "them")
        parts.append(f"{result.older_backups} {copies} in {result.backups_folder} {were} made before this "
                     f"and may still hold the old text; delete {them} if you no longer need {them}.")
    return " ".join(parts)
