"""Provides ScaleChoice: a one-line, keyboard-first choice on a short numbered scale, shown in words."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class ScaleChoice(Widget, can_focus=True):
    """Pick a number on a scale (e.g. progress 0-4) by typing its digit or with the arrow keys.

    The choice is always shown as its number and its words; arrows appear around it
    while it has focus, so focus does not rest on colour alone.
    """

    DEFAULT_CSS = """
    ScaleChoice {
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $boost;
    }
    ScaleChoice:focus {
        background: $primary 30%;
        text-style: bold;
    }
    """
    BINDINGS = [
        Binding("left", "step(-1)", "Less", show=False, id="scale.less"),
        Binding("right", "step(1)", "More", show=False, id="scale.more"),
        Binding("enter", "screen.focus_next", "Next field", show=False, id="scale.next"),
    ]

    value: reactive[int] = reactive(0)

    class Changed(Message):
        """The chosen number changed."""

        def __init__(self, scale: ScaleChoice, value: int) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

        @property
        def control(self) -> ScaleChoice:
            return self.scale

    def __init__(self, words: dict[int, str], value: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self.words = words
        self.set_reactive(ScaleChoice.value, value)

    @property
    def low(self) -> int:
        return min(self.words)

    @property
    def high(self) -> int:
        return max(self.words)

    def render(self) -> Content:
        choice = f"{self.value} {self.words[self.value]}"
        keys = f"   ({self.low}-{self.high} or ←/→)"
        if self.has_focus:
            return Content.assemble(f"◀ {choice} ▶", (keys, "dim"))
        return Content(f"  {choice}  ")

    def action_step(self, delta: int) -> None:
        self.value = max(self.low, min(self.high, self.value + delta))

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit() and int(event.character) in self.words:
            self.value = int(event.character)
            event.stop()
            event.prevent_default()

    def watch_value(self, value: int) -> None:
        self.post_message(self.Changed(self, value))

    def on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self.refresh()
