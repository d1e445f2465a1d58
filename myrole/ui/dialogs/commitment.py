"""Provides the commitment editor: every field of a commitment, checked before anything is saved."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, Static, TextArea

from myrole.ui.widgets.long_text import LongTextArea

from myrole.model import Answer, Commitment, Lens, Mode, Visibility
from myrole.store import StoreError
from myrole.store.commitments import create_commitment, renegotiate, update_commitment
from myrole.store.rows import storable
from myrole.ui.forms import FieldError, check_field, show_error
from myrole.ui.widgets.choices import CadenceSelect, LensSelect, ModeSelect, VisibilitySelect, alliance_note
from myrole.validation import check_cadence, check_target_date, parse_form_date

TEXT_FIELDS = (
    ("title", "Title: what you will do, in a few words"),
    ("first_step", "First step: the very next thing you will do"),
    ("success", "What success looks like"),
    ("support", "Support you need (from your manager, team or others)"),
)


def draft_from_answer(answer: Answer) -> Commitment:
    """A new commitment that starts from a reflection answer: lens, mode and text filled in."""
    first_line = next((line.strip() for line in answer.text.splitlines() if line.strip()), "")
    return Commitment(
        id="", title=first_line[:80], detail=answer.text, lens=answer.lens, mode=answer.mode,
        reflection_id=answer.reflection_id, answer_id=answer.id, visibility=answer.visibility,
    )


class CommitmentEditor(ModalScreen[Commitment | None]):
    """Create or edit a commitment; returns the saved commitment, or None if cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="commitment.cancel"),
        Binding("ctrl+s", "save", "Save", id="commitment.save"),
    ]

    def __init__(self, commitment: Commitment | None = None, *, renegotiate: bool = False) -> None:
        super().__init__()
        self.original = commitment or Commitment(id="", title="", lens=Lens.SELF, mode=Mode.ACTION)
        self.renegotiate = renegotiate and commitment is not None  # change what it is, saying why

    @property
    def is_new(self) -> bool:
        return not self.original.id

    def compose(self) -> ComposeResult:
        c = self.original
        with VerticalScroll(classes="dialog wide"):
            yield Static("New commitment" if self.is_new else
                         "Renegotiate commitment" if self.renegotiate else "Edit commitment", classes="dialog-title")
            yield Label(TEXT_FIELDS[0][1])
            yield Input(c.title, id="title")
            yield Label("Detail")
            yield LongTextArea(c.detail, id="detail", soft_wrap=True, tab_behavior="focus")
            with Horizontal(classes="pair"):
                yield LensSelect(c.lens, id="lens")
                yield ModeSelect(c.mode, id="mode")
            for field, label in TEXT_FIELDS[1:]:
                yield Label(label)
                yield Input(getattr(c, field), id=field)
            yield Label("Target date (optional, YYYY-MM-DD)")
            yield Input(c.target_date.isoformat() if c.target_date else "", id="target_date",
                        placeholder="for example 2027-03-31")
            yield Label("How often to check in")
            with Horizontal(classes="pair"):
                yield CadenceSelect(c.cadence, id="cadence")
                yield Input(c.cadence[:-1] if c.cadence.endswith("d") else "", id="cadence_days",
                            placeholder="number of days")
            yield Label("Who can see it")
            yield VisibilitySelect(c.visibility, id="visibility")
            yield Static(Content(alliance_note("commitment")), classes="help-text")
            if self.renegotiate:
                yield Label("Why are you changing it? (kept in its history)")
                yield Input(id="reason")
            yield Static(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show_days()
        self.query_one("#title").focus()

    def _show_days(self) -> None:
        self.query_one("#cadence_days").display = self.query_one(CadenceSelect).value == "custom"

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "cadence":
            self._show_days()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    def read_form(self) -> Commitment:
        """The commitment as the form now stands; FieldError naming the field, with a sentence, if it cannot be."""
        value = lambda name: self.query_one(f"#{name}", Input).value.strip()  # noqa: E731
        if not value("title"):
            raise FieldError("title", "Give the commitment a title: what you will do, in a few words.")
        for field in ("title", "detail", *(name for name, _ in TEXT_FIELDS[1:])):
            text = self.query_one(f"#{field}", TextArea).text if field == "detail" else value(field)
            check_field(field, partial(storable, text))
        target = check_field("target_date", partial(parse_form_date, value("target_date"), "target date"))
        check_field("target_date", partial(check_target_date, target, self.app.today(),
                                           unchanged_from=self.original.target_date))
        cadence = self.query_one(CadenceSelect).value
        if cadence == "custom":
            cadence = check_field("cadence_days", partial(check_cadence, f"{value('cadence_days') or '0'}d"))
        if self.renegotiate and not value("reason"):
            raise FieldError("reason", "Say briefly why you are changing it; it is kept in the commitment's history.")
        return replace(
            self.original,
            title=value("title"),
            detail=self.query_one("#detail", TextArea).text,
            lens=Lens(self.query_one(LensSelect).value),
            mode=Mode(self.query_one(ModeSelect).value),
            first_step=value("first_step"),
            success=value("success"),
            support=value("support"),
            target_date=target,
            cadence=check_cadence(cadence),
            visibility=Visibility(self.query_one(VisibilitySelect).value),
        )

    def action_save(self) -> None:
        try:
            commitment = self.read_form()
            db = self.app.db
            if self.renegotiate:
                saved = renegotiate(db, commitment, self.query_one("#reason", Input).value)
            else:
                saved = create_commitment(db, commitment) if self.is_new else update_commitment(db, commitment)
        except (ValueError, StoreError) as error:
            show_error(self, error)
            return
        self.app.notify("Commitment saved." if self.is_new else "Changes saved.")
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)
