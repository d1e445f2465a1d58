"""Provides the lens dialogs of a reflection: tagging a reflection model with the lenses it touched, and choosing one lens."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from myrole.model import Lens, Mode, Pack
from myrole.store.reflection_lenses import Tag
from myrole.ui.dialogs.choose import ChooseDialog
from myrole.ui.widgets.ticks import TickList
from myrole.ui.fresh_screen import FreshScreen

TAG_TITLE = "Which lenses and ways of contributing did this reflection touch?"
TAG_ADVICE = ("Optional. Tick any that fit (space puts an X in the box), then Save: the map on the home screen counts this "
              "reflection in each lens and way you tick. Skip leaves it untagged.")


class LensTagDialog(FreshScreen, ModalScreen[list[Tag] | None]):
    """Returns every pair of a ticked lens and a ticked mode ([] clears the tags), or None for skip."""

    DEFAULT_CSS = """
    LensTagDialog TickList { height: auto; max-height: 8; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "skip", "Skip", id="lens_tags.skip"),
                Binding("ctrl+s", "save", "Save", id="lens_tags.save")]

    def __init__(self, tags: list[Tag]) -> None:
        super().__init__()
        self.tags = tags

    def compose(self) -> ComposeResult:
        lenses = {lens for lens, _ in self.tags}
        modes = {mode for _, mode in self.tags}
        with Vertical(classes="dialog", id="lens-tags"):
            yield Static(Content(TAG_TITLE), classes="dialog-title")
            yield Static(Content(TAG_ADVICE), classes="help-text")
            yield TickList(*[(lens.label, lens.value, lens in lenses) for lens in Lens], id="tag-lenses")
            yield TickList(*[(mode.explained, mode.value, mode in modes) for mode in Mode], id="tag-modes")
            yield Static(id="tag-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Skip Esc", id="tag-skip")
                yield Button("Save ^s", variant="primary", id="tag-save")

    def on_mount(self) -> None:
        self.query_one("#tag-lenses").focus()

    def chosen(self) -> list[Tag] | None:
        """The ticked pairs; None when only lenses or only modes are ticked (which says nothing to count)."""
        lenses = [Lens(value) for value in self.query_one("#tag-lenses", TickList).selected]
        modes = [Mode(value) for value in self.query_one("#tag-modes", TickList).selected]
        if bool(lenses) != bool(modes):
            return None
        return [(lens, mode) for lens in lenses for mode in modes]

    def action_save(self) -> None:
        tags = self.chosen()
        if tags is None:
            self.query_one("#tag-error", Static).update(
                Content("Tick at least one lens and one way of contributing, or untick them all."))
            return
        self.dismiss(tags)

    def action_skip(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        (self.action_save if event.button.id == "tag-save" else self.action_skip)()


def lens_choice(pack: Pack) -> ChooseDialog:
    """The list of a choose-lens pack's lenses; it returns the id of the chosen lens's prompt (None: not now)."""
    items = [(prompt.id, Content(prompt.lens.label if prompt.lens else prompt.placement)) for prompt in pack.prompts]
    return ChooseDialog("Which one lens fits you best today? You will answer its question; "
                        "the others stay optional.", items)
