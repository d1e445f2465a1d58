"""Provides read-only history: past reflections, and each one's answers grouped by lens."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from myrole.model import Reflection
from myrole.store.reflections import get_answers, list_reflections
from myrole.text import inert, one_line
from myrole.ui.safe import plain


def reflection_label(reflection: Reflection, answered: int) -> Content:
    state = "finished" if reflection.finished_at else "not finished"
    topic = f" · {one_line(reflection.topic, 30)}" if reflection.topic else ""
    return Content.assemble(
        (f"{reflection.started_at[:10]}  {one_line(reflection.pack_title, 36)}", "bold"), "\n",
        f"   {reflection.context.title}{topic} · {answered} answered · {state}",
    )


class HistoryScreen(Screen[None]):
    """Every past reflection, newest first."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="history.back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Past reflections (read-only). Choose one to read it.", classes="section-title")
        yield OptionList(id="reflections")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        rows = list_reflections(self.app.db)
        if not rows:
            options.add_option(Option(Content("No reflections yet. Press escape, then r to start one."),
                                      disabled=True))
        for reflection, answered in rows:
            options.add_option(Option(reflection_label(reflection, answered), id=reflection.id))
        if rows:
            options.highlighted = 0  # so enter opens the newest at once
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.push_screen(ReflectionRecord(event.option.id))


class ReflectionRecord(Screen[None]):
    """One past reflection's answers, exactly as written, with who could see each."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="record.back")]

    def __init__(self, reflection_id: str) -> None:
        super().__init__()
        self.reflection_id = reflection_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="record")
        yield Footer()

    def on_mount(self) -> None:
        from myrole.store.reflections import get_reflection

        body = self.query_one("#record", VerticalScroll)
        reflection = get_reflection(self.app.db, self.reflection_id)
        answers = [a for a in get_answers(self.app.db, self.reflection_id) if a.text.strip()]
        if reflection:
            body.mount(Static(reflection_label(reflection, len(answers)), classes="section-title"))
        if not answers:
            body.mount(Static("No answers were written in this reflection."))
        lens = None
        for answer in answers:
            if answer.lens != lens:
                lens = answer.lens
                body.mount(Static(lens.title, classes="lens-title"))
            body.mount(Static(Content.assemble(
                (inert(answer.prompt_text), "italic"), "\n", plain(answer.text), "\n",
                (f"{answer.mode.title} · who can see it: {answer.visibility.explanation}", "dim"),
            ), classes="answer"))
        body.focus()
