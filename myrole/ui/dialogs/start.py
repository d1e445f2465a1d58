"""Provides the 'start a reflection' dialog: choose a pack, a context and (at an event) its topic."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from myrole.model import Context
from myrole.store import StoreError
from myrole.store.drafts import Draft
from myrole.store.reflections import start_reflection
from myrole.ui.widgets.fields import TextInput
from myrole.ui.drafts import DraftForm
from myrole.ui.forms import FieldError, check_field, check_sizes, show_error
from myrole.ui.safe import plain_line


SIZES = {"topic": (("reflections", "topic"), "The topic")}


class StartReflectionDialog(DraftForm, ModalScreen[str | None]):
    """Returns the new reflection's id, or None if cancelled. A topic typed is kept as a draft."""

    draft_form = "start"
    draft_fields = ("pack", "context", "topic")

    def draft_title(self) -> str:
        return "Start a reflection (the event's topic)"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="start.cancel"),
        Binding("ctrl+s", "start", "Start", id="start.start"),
    ]

    def __init__(self, pack_id: str | None = None) -> None:
        super().__init__()
        self.pack_id = pack_id

    def compose(self) -> ComposeResult:
        packs = self.app.catalogue.packs
        chosen = self.pack_id if self.app.catalogue.get(self.pack_id or "") else (
            packs[0].id if packs else None)
        with VerticalScroll(classes="dialog"):
            yield Static("Start a reflection", classes="dialog-title")
            yield Label("Prompt pack")
            yield Select([(plain_line(f"{p.title} ({len(p.prompts)} prompts)"), p.id) for p in packs],
                         value=chosen if chosen else Select.NULL, allow_blank=chosen is None, id="pack")
            yield Label("Where are you reflecting?")
            yield Select([(c.title, c.value) for c in Context], value=Context.SELF.value,
                         allow_blank=False, id="context")
            yield Label("The event's topic (for example: children's oral health)", id="topic-label")
            yield TextInput(id="topic", placeholder="optional")
            yield Static(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Start", variant="primary", id="start")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._show_topic(False)
        self.query_one("#pack", Select).focus()

    def _show_topic(self, show: bool) -> None:
        self.query_one("#topic-label").display = show
        self.query_one("#topic").display = show

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "context":
            self._show_topic(event.value == Context.EVENT.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_start() if event.button.id == "start" else self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_start()

    def action_start(self) -> None:
        pack = self.app.catalogue.get(str(self.query_one("#pack", Select).value))
        if pack is None:
            show_error(self, FieldError("pack", "Choose a prompt pack first."))
            return
        context = Context(self.query_one("#context", Select).value)
        topic = self.query_one("#topic", Input).value if context is Context.EVENT else ""
        try:
            check_sizes(self, SIZES)
            reflection = check_field("topic", lambda: start_reflection(self.app.db, pack, context, topic))
        except (StoreError, ValueError) as error:
            show_error(self, error)
            return
        self.draft_saved()
        self.dismiss(reflection.id)

    def action_cancel(self) -> None:
        self.cancel_form(None)


def reopen_draft(app, draft: Draft) -> str | None:
    """Open the start dialog again with the draft in it; a reflection started from it opens as usual."""

    def chosen(reflection_id: str | None) -> None:
        if reflection_id:
            from myrole.ui.screens.reflection import ReflectionScreen

            app.push_screen(ReflectionScreen(reflection_id))

    app.push_screen(StartReflectionDialog(), chosen)
    return None
