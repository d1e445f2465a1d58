"""Provides the commitment editor: every field of a commitment, checked before anything is saved."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from myrole.ui.context import myrole_app
from myrole.ui.widgets.fields import TextInput
from myrole.ui.widgets.long_text import LongTextArea

from myrole.shared_choices import draft_from_answer, read_tags, tags_text  # noqa: F401 - also imported from here
from myrole.model import Commitment, Lens, Mode
from myrole.store import StoreError
from myrole.store.commitments import create_commitment, get_commitment, update_commitment, used_tags
from myrole.store.search import fold
from myrole.store.drafts import Draft
from myrole.store.rows import storable
from myrole.store.status import renegotiate
from myrole.text import one_line
from myrole.ui.drafts import DraftForm
from myrole.ui.forms import FieldError, check_field, check_sizes, edited, show_error
from myrole.settings import new_item_visibility
from myrole.ui.widgets.choices import (CadenceSelect, LensSelect, ModeSelect, VisibilitySelect, alliance_note,
                                      choice_of, collective_of)
from myrole.validation import check_cadence, check_target_date, parse_form_date
from myrole.ui.widgets.footer import KeysFooter
from myrole.ui.fresh_screen import FocusOnMount, FreshScreen

TITLE_PLACEHOLDER = "for example: ask every new patient which language they prefer"
TEXT_FIELDS = (
    ("title", "Title: what you will do, in a few words"),
    ("first_step", "First step: the very next thing you will do"),
    ("success", "What success looks like"),
    ("support", "Support you need (from your manager, team or others)"),
)
SIZES = {
    "title": (("commitments", "title"), "The title"),
    "detail": (("commitments", "detail"), "The detail"),
    "first_step": (("commitments", "first_step"), "The first step"),
    "success": (("commitments", "success"), "What success looks like"),
    "support": (("commitments", "support"), "The support you need"),
    "reason": (("commitments", "status_reason"), "The reason"),
}
DRAFT_FIELDS = ("title", "detail", "lens", "mode", "first_step", "success", "support", "target_date",
                "cadence", "cadence_days", "tags", "visibility")
TAGS_PLACEHOLDER = "for example: interpreters, falls (separate tags with commas)"


class TagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from the tags already used, ignoring case and accents
    ("cafe" offers "café", as search finds it)."""

    def __init__(self, known: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = known

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        already = {fold(part.strip()) for part in head.split(",")}
        for tag in self.known:
            if fold(tag).startswith(fold(typed)) and fold(tag) not in already and tag != typed:
                return value[:len(value) - len(typed)] + tag
        return None


class CommitmentEditor(FreshScreen, FocusOnMount, DraftForm, ModalScreen[Commitment | None]):
    """Create or edit a commitment; returns the saved commitment, or None if cancelled.

    What is typed is kept as a draft (myrole.ui.drafts) of the commitment it edits; a new one's
    draft is keyed by where it came from (draft_record, e.g. "answer:ID"), or "" when written directly.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="commitment.cancel"),
        Binding("ctrl+s", "save", "Save", id="commitment.save"),
    ]

    def __init__(self, commitment: Commitment | None = None, *, renegotiate: bool = False,
                 draft_record: str = "", draft_context: dict[str, str] | None = None) -> None:
        super().__init__()
        self.original = commitment or Commitment(id="", title="", lens=Lens.SELF, mode=Mode.ACTION,
                                                 visibility=new_item_visibility(myrole_app(self).settings))
        self.renegotiate = renegotiate and commitment is not None  # change what it is, saying why
        self.draft_form = "renegotiate" if self.renegotiate else "commitment"
        self.draft_fields = (*DRAFT_FIELDS, "reason") if self.renegotiate else DRAFT_FIELDS
        answer = self.original.answer_id
        self._draft_record = self.original.id or draft_record or (f"answer:{answer}" if answer else "")
        self._draft_context = {"reflection_id": self.original.reflection_id or "", "answer_id": answer or "",
                               **(draft_context or {})}

    @property
    def is_new(self) -> bool:
        return not self.original.id

    def draft_record(self) -> str:
        return self._draft_record

    def draft_context(self) -> dict[str, str]:
        return self._draft_context

    def draft_title(self) -> str:
        if self.is_new:
            return "New commitment"
        return f"{'Change the plan for' if self.renegotiate else 'Edit'} “{one_line(self.original.title, 40)}”"

    def compose(self) -> ComposeResult:
        c = self.original
        with VerticalScroll(classes="dialog wide"):
            yield Static("New commitment" if self.is_new else
                         "Change the plan" if self.renegotiate else "Edit commitment", classes="dialog-title")
            yield from self._linked_answer()
            yield Label(TEXT_FIELDS[0][1])
            yield TextInput(c.title, id="title", placeholder=TITLE_PLACEHOLDER)
            yield Label("Detail")
            yield LongTextArea(c.detail, id="detail", soft_wrap=True, tab_behavior="focus")
            with Horizontal(classes="pair"):
                yield LensSelect(c.lens, id="lens")
                yield ModeSelect(c.mode, id="mode")
            for field, label in TEXT_FIELDS[1:]:
                yield Label(label)
                yield TextInput(getattr(c, field), id=field)
            yield Label("Target date (optional, year-month-day)")
            yield TextInput(c.target_date.isoformat() if c.target_date else "", id="target_date",
                        placeholder="for example 2027-03-31")
            yield Label("How often to check in")
            with Horizontal(classes="pair"):
                yield CadenceSelect(c.cadence, id="cadence", week_starts=myrole_app(self).settings.week_starts)
                yield TextInput(c.cadence[:-1] if c.cadence.endswith("d") else "", id="cadence_days",
                            placeholder="number of days")
            yield Label("Tags (optional, separated by commas; → takes a suggestion)")
            yield TextInput(tags_text(c.tags), id="tags", placeholder=TAGS_PLACEHOLDER,
                            suggester=TagSuggester(used_tags(myrole_app(self).db)))
            yield Label("Who can see it")
            yield VisibilitySelect(c.visibility, id="visibility")
            yield Static(Content(alliance_note("commitment", collective_of(self.app))), classes="help-text")
            if self.renegotiate:
                yield Label("Why are you changing it? (kept in its history)")
                yield TextInput(id="reason")
            yield Static(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield KeysFooter(compact=True)

    def _linked_answer(self) -> ComposeResult:
        """The answer this commitment comes from, read-only and shortened, for reference while writing."""
        from myrole.store.reflections import get_answer
        from myrole.ui.widgets.answer import answer_reference

        answer = get_answer(myrole_app(self).db, self.original.answer_id) if self.original.answer_id else None
        if answer is not None:
            yield Static(answer_reference(answer, brief=True), id="linked-answer", classes="help-text")

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
        typed = lambda name: self.query_one(f"#{name}", Input).value.strip()  # noqa: E731
        # Stored text changes only where the person changed it; the rest is kept byte for byte.
        value = lambda name: edited(getattr(self.original, name), self.query_one(f"#{name}", Input).value)  # noqa: E731
        detail = edited(self.original.detail, self.query_one("#detail", TextArea).text, multi_line=True)
        if not value("title"):
            raise FieldError("title", "Give the commitment a title: what you will do, in a few words.")
        check_sizes(self, SIZES)
        for field in ("title", "detail", *(name for name, _ in TEXT_FIELDS[1:])):
            check_field(field, partial(storable, detail if field == "detail" else value(field)))
        target = check_field("target_date", partial(parse_form_date, typed("target_date"), "target date"))
        check_field("target_date", partial(check_target_date, target, myrole_app(self).today(),
                                           unchanged_from=self.original.target_date))
        cadence = choice_of(self.query_one(CadenceSelect))
        if cadence == "custom":
            cadence = check_field("cadence_days", partial(check_cadence, f"{typed('cadence_days') or '0'}d"))
        tags_typed = self.query_one("#tags", Input).value
        tags = self.original.tags if tags_typed == tags_text(self.original.tags) else (
            check_field("tags", partial(read_tags, tags_typed)))
        if self.renegotiate and not typed("reason"):
            raise FieldError("reason", "Say briefly why you are changing it; it is kept in the commitment's history.")
        return replace(
            self.original,
            title=value("title"),
            detail=detail,
            lens=Lens(choice_of(self.query_one(LensSelect))),
            mode=Mode(choice_of(self.query_one(ModeSelect))),
            first_step=value("first_step"),
            success=value("success"),
            support=value("support"),
            target_date=target,
            cadence=check_cadence(cadence),
            tags=tags,
            visibility=self.query_one(VisibilitySelect).visibility,
        )

    def action_save(self) -> None:
        try:
            commitment = self.read_form()
            db = myrole_app(self).db
            if self.renegotiate:
                saved = renegotiate(db, commitment, self.query_one("#reason", Input).value)
            else:
                saved = create_commitment(db, commitment) if self.is_new else update_commitment(db, commitment)
        except (ValueError, StoreError) as error:
            show_error(self, error)
            return
        self.draft_saved()
        self.app.notify("Commitment saved." if self.is_new else "Changes saved.")
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.cancel_form(None)


def reopen_draft(app: App, draft: Draft) -> str | None:
    """Open the editor again for a commitment draft (it refills itself), or say why it cannot be."""
    # An agreed action being made a commitment (record "item:ID") reopens through its one-to-one's
    # screen: myrole.ui.dialogs.drafts.open_draft sends it there, as its context names the one-to-one.
    if draft.record and not draft.record.startswith("answer:"):
        current = get_commitment(myrole_app(app).db, draft.record)
        if current is None:
            return "The commitment this was for has since been deleted."
        if draft.form == "renegotiate" and current.status.value in ("done", "dropped"):
            return f"That commitment is {current.status.value} now, so its plan cannot be changed."
        app.push_screen(CommitmentEditor(current, renegotiate=draft.form == "renegotiate"))
        return None
    from myrole.store.reflections import get_answer

    answer_id = draft.context.get("answer_id", "")
    linked = bool(answer_id) and get_answer(myrole_app(app).db, answer_id) is not None
    start = Commitment(id="", title="", lens=Lens.SELF, mode=Mode.ACTION,
                       reflection_id=draft.context.get("reflection_id") or None if linked else None,
                       answer_id=answer_id if linked else None)
    app.push_screen(CommitmentEditor(start, draft_record=draft.record))
    return None
