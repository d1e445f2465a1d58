"""Provides the offer of unsaved drafts when myrole starts, and a draft's text when its form cannot take it."""

from __future__ import annotations

import importlib

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from myrole.store import StoreError
from myrole.store.drafts import Draft, delete_draft, list_drafts
from myrole.text import one_line
from myrole.ui.context import myrole_app
from myrole.ui.drafts import FORMS, ONE_TO_ONE, local_time
from myrole.ui.keys import key_for
from myrole.ui.safe import plain, plain_line
from myrole.ui.fresh_screen import FreshScreen

THROW_AWAY = "Throw this draft away for good? Its text cannot be brought back."


def draft_label(draft: Draft) -> Content:
    """Two lines: what form it was and when; its first words (shown as typed, never as markup)."""
    words = draft.first_words()
    return Content.assemble((plain_line(draft.title or draft.form, 60)), f" · {local_time(draft.saved_at)}", "\n",
                            "   ", plain_line(f"“{words}”" if words else "(no words yet)", 70))


class DraftsDialog(FreshScreen, ModalScreen[Draft | None]):
    """Every unsaved draft; returns the one to continue, or None (escape: not now)."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Not now", id="drafts.close"),
        Binding("d,delete", "throw_away", "Throw away", id="drafts.throw_away"),
    ]

    def __init__(self, drafts: list[Draft]) -> None:
        super().__init__()
        self.drafts = drafts

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Content("Unsaved drafts"), classes="dialog-title")
            yield Static(Content(self.offer()), classes="help-text")
            yield OptionList(id="drafts")

    def offer(self) -> str:
        """What the dialog offers, with its keys as the person has them (after their keymap)."""
        return (f"You have unsaved drafts from last time. Enter continues the chosen one in its form; "
                f"{key_for(self, 'drafts.throw_away')} throws it away for good; {key_for(self, 'drafts.close')} "
                "leaves them for now (they stay until you choose).")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(draft_label(d), id=str(n)) for n, d in enumerate(self.drafts)])
        if self.drafts:
            options.highlighted = 0

    def _chosen(self) -> Draft | None:
        option = self.query_one(OptionList).highlighted_option
        return self.drafts[int(option.id)] if option is not None and option.id is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._chosen())

    def action_throw_away(self) -> None:
        from myrole.ui.dialogs.confirm import ConfirmDialog

        draft = self._chosen()
        if draft is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes or not throw_away(self, draft):
                return
            self.drafts.remove(draft)
            if not self.drafts:
                self.dismiss(None)
            else:
                self._fill()

        self.app.push_screen(ConfirmDialog(THROW_AWAY, yes="Throw away", no="Keep it", safe_first=True), answered)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class DraftTextDialog(FreshScreen, ModalScreen[None]):
    """A draft whose form cannot open again (its record was deleted or closed): the text to copy, or throw away."""

    BINDINGS = [Binding("escape", "dismiss_none", "Keep for now", id="draft_text.close")]

    def __init__(self, draft: Draft, why: str) -> None:
        super().__init__()
        self.draft, self.why = draft, why

    def compose(self) -> ComposeResult:
        texts = [(name, value) for name, value in self.draft.fields.items() if isinstance(value, str) and value.strip()]
        with VerticalScroll(classes="dialog wide"):
            yield Static(plain_line(self.draft.title or self.draft.form, 70), classes="dialog-title")
            yield Static(plain(f"{self.why} Here is what you wrote, to copy somewhere else (select it, "
                               "then ctrl+c), or throw away."), classes="help-text")
            for name, value in texts:
                yield Label(one_line(name.replace("_", " ").capitalize(), 40))
                yield TextArea(value, read_only=True, soft_wrap=True, classes="draft-text")
            with Horizontal(classes="buttons"):
                yield Button("Keep for now", variant="primary", id="keep")
                yield Button("Throw away", id="throw")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "throw":
            from myrole.ui.dialogs.confirm import ConfirmDialog

            def answered(yes: bool | None) -> None:
                if yes and throw_away(self, self.draft):
                    self.dismiss(None)

            self.app.push_screen(ConfirmDialog(THROW_AWAY, yes="Throw away", no="Keep it", safe_first=True), answered)
        else:
            self.dismiss(None)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


def offer_drafts(screen: Screen) -> bool:
    """Offer every unsaved draft (True if there were any); a chosen one opens in its form."""
    try:
        drafts = list_drafts(myrole_app(screen).db)
    except StoreError:
        return False
    if not drafts:
        return False

    def chosen(draft: Draft | None) -> None:
        if draft is not None:
            open_draft(screen.app, draft)

    screen.app.push_screen(DraftsDialog(drafts), chosen)
    return True


def open_draft(app: App, draft: Draft) -> None:
    """Open the form draft came from, filled with it; if that cannot be (its record was deleted or
    closed), show its text to copy or throw away, with the sentence saying why."""
    module = ONE_TO_ONE if draft.context.get("one_to_one") else FORMS.get(draft.form)
    why = importlib.import_module(module).reopen_draft(app, draft) if module else (
        "This version of myrole does not know the form it came from.")
    if why:
        app.push_screen(DraftTextDialog(draft, why))


def throw_away(screen: Screen, draft: Draft) -> bool:
    """Delete a draft for good; False (and a sentence) if the store would not."""
    try:
        delete_draft(myrole_app(screen).db, draft.form, draft.record)
    except StoreError as error:
        screen.notify(str(error), severity="error", markup=False)
        return False
    screen.notify("The draft is thrown away.")
    return True
