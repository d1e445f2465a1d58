"""Provides the 'start a reflection' dialog: choose a pack, a context and (at an event) its topic."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from myrole.events import Event, Topic
from myrole.model import Context, Pack
from myrole.prompts import built_in
from myrole.store import StoreError
from myrole.store.drafts import Draft
from myrole.store.events import list_events
from myrole.store.reflections import start_reflection
from myrole.store.search import fold
from myrole.ui.context import myrole_app
from myrole.ui.widgets.choices import choice_of
from myrole.ui.widgets.fields import TextInput
from myrole.ui.drafts import DraftForm
from myrole.ui.forms import FieldError, check_field, check_sizes, show_error
from myrole.ui.safe import plain_line
from myrole.ui.fresh_screen import FocusOnMount, FreshScreen


SIZES = {"topic": (("reflections", "topic"), "The topic")}
NONE_OF_THESE = "none"  # the topic list's first option: reflecting at the event, on no listed topic
EVENT_WIDGETS = ("#event-label", "#event", "#topics-label", "#topic-filter", "#topics")
NO_EVENTS = ("No events are kept yet: an organiser's event file is added with `myrole event add FILE`. "
             "You can still write the topic in your own words.")


def pack_details(pack: Pack) -> str:
    """How many questions, and for a set of your own its file's name: a copy of a built-in set's title then
    still reads apart from the built-in one."""
    return pack.size_words if built_in(pack) else f"{pack.size_words}, your file {Path(pack.path).name}"


def matching(topics: tuple[Topic, ...], typed: str) -> list[Topic]:
    """The topics whose title or id holds what was typed, folded as search folds it ("cafe" finds "Café",
    "ROMA" finds "Roma"); all of them when nothing is typed."""
    wanted = fold(typed.strip())
    return [t for t in topics if wanted in fold(t.title) or wanted in fold(t.id)]


class TopicList(OptionList):
    """The event's topics as a list; its value is the highlighted topic's id, so a draft keeps the choice."""

    @property
    def value(self) -> str:
        return self.highlighted_id() or NONE_OF_THESE

    @value.setter
    def value(self, topic_id: str) -> None:
        try:
            self.highlighted = self.get_option_index(topic_id)
        except OptionDoesNotExist:
            return  # a topic no longer in the list: the highlight stays where it was

    def highlighted_id(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id


class StartReflectionDialog(FreshScreen, FocusOnMount, DraftForm, ModalScreen[str | None]):
    """Returns the new reflection's id, or None if cancelled. A topic typed is kept as a draft."""

    draft_form = "start"
    # The event, the filter and the topic chosen are kept with the words typed: quitting at any moment loses none.
    draft_fields = ("pack", "context", "event", "topic-filter", "topics", "topic")

    def draft_title(self) -> str:
        return "Start a reflection (the event's topic)"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="start.cancel"),
        Binding("ctrl+s", "start", "Start", id="start.start"),
    ]

    def __init__(self, pack_id: str | None = None) -> None:
        super().__init__()
        self.pack_id = pack_id
        self.events: list[Event] = []

    def compose(self) -> ComposeResult:
        self.events = list_events(myrole_app(self).db)  # a few, each with up to a hundred topics
        packs = myrole_app(self).catalogue.packs
        chosen = self.pack_id if myrole_app(self).catalogue.get(self.pack_id or "") else (
            packs[0].id if packs else None)
        with VerticalScroll(classes="dialog"):
            yield Static("Start a reflection", classes="dialog-title")
            yield Label("Question set")
            yield Select([(plain_line(f"{p.title} ({pack_details(p)})"), p.id) for p in packs],
                         value=chosen if chosen else Select.NULL, allow_blank=chosen is None, id="pack")
            yield Label("Where are you reflecting?")
            yield Select([(c.label, c.value) for c in Context], value=Context.SELF.value,
                         allow_blank=False, id="context")
            yield Label("Which event?", id="event-label")
            yield Select([(plain_line(f"{e.name} ({e.held_on.isoformat()})"), e.id) for e in self.events],
                         value=self.events[0].id if self.events else Select.NULL, allow_blank=True,
                         prompt="Not one of these", id="event")
            # Static, not Label: these wrap in a narrow terminal instead of being cut off.
            yield Static("The event's topic: type part of it to filter the list, then choose one "
                         "(or 'None of these')", id="topics-label")
            yield Input(id="topic-filter", placeholder="type part of a topic")
            yield TopicList(id="topics")
            yield Static(NO_EVENTS, id="no-events", classes="help-text")
            yield Static("Or the topic in your own words (for example: children's oral health)", id="topic-label")
            yield TextInput(id="topic", placeholder="optional")
            yield Static(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Start", variant="primary", id="start")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._show_topic(False)
        self._list_topics()
        self.query_one("#pack", Select).focus()

    def _show_topic(self, show: bool) -> None:
        self.query_one("#topic-label").display = show
        self.query_one("#topic").display = show
        for selector in EVENT_WIDGETS:
            self.query_one(selector).display = show and bool(self.events)
        self.query_one("#no-events").display = show and not self.events

    def _chosen_event(self) -> Event | None:
        value = self.query_one("#event", Select).value
        return next((e for e in self.events if e.id == value), None)

    def _list_topics(self) -> None:
        """The chosen event's topics that match the filter, after 'None of these'; a topic already chosen
        stays chosen while it is still listed, and a single match is chosen for the person."""
        event = self._chosen_event()
        shown = matching(event.topics, self.query_one("#topic-filter", Input).value) if event else []
        topics = self.query_one("#topics", TopicList)
        before = topics.highlighted_id()
        topics.clear_options()
        topics.add_options([Option("None of these", id=NONE_OF_THESE),
                            *(Option(plain_line(t.title), id=t.id) for t in shown)])
        if before not in (None, NONE_OF_THESE) and any(t.id == before for t in shown):
            topics.value = before
        else:
            topics.highlighted = 1 if len(shown) == 1 else 0  # one match: it is the one meant

    def _chosen_topic(self, event: Event | None) -> Topic | None:
        return event.topic(self.query_one("#topics", TopicList).highlighted_id()) if event else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._field_changed(event.option_list)  # the choice goes into the draft with the words typed

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a topic starts the reflection on it; on 'None of these', on to the topic in your own words."""
        if event.option.id == NONE_OF_THESE:
            self.query_one("#topic", Input).focus()
        else:
            self.action_start()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "context":
            self._show_topic(event.value == Context.EVENT.value)
        elif event.select.id == "event":
            self._list_topics()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "topic-filter":
            self._list_topics()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_start() if event.button.id == "start" else self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "topic-filter":  # Enter after filtering: on to the list, to choose
            self.query_one("#topics", OptionList).focus()
            return
        self.action_start()

    def action_start(self) -> None:
        pack = myrole_app(self).catalogue.get(str(self.query_one("#pack", Select).value))
        if pack is None:
            show_error(self, FieldError("pack", "Choose a question set first."))
            return
        context = Context(choice_of(self.query_one("#context", Select)))
        topic = self.query_one("#topic", Input).value if context is Context.EVENT else ""
        event = self._chosen_event() if context is Context.EVENT else None
        chosen = self._chosen_topic(event)
        topic = topic if topic.strip() or chosen is None else chosen.title
        try:
            check_sizes(self, SIZES)
            reflection = check_field("topic", lambda: start_reflection(
                myrole_app(self).db, pack, context, topic, event_id=event.id if event else None,
                topic_id=chosen.id if chosen else None))
        except (StoreError, ValueError) as error:
            show_error(self, error)
            return
        self.draft_saved()
        self.dismiss(reflection.id)

    def action_cancel(self) -> None:
        self.cancel_form(None)


def reopen_draft(app: App, draft: Draft) -> str | None:
    """Open the start dialog again with the draft in it; a reflection started from it opens as usual."""

    def chosen(reflection_id: str | None) -> None:
        if reflection_id:
            from myrole.ui.screens.reflection import ReflectionScreen

            app.push_screen(ReflectionScreen(reflection_id))

    app.push_screen(StartReflectionDialog(), chosen)
    return None
