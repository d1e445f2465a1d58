"""Provides the NMC account form: the four parts of the NMC's written reflective account and the Code's themes.

Opened from a finished reflection (History, n): a new account is filled in from the reflection's
answers (revalidation/prefill.py); every part can be edited. Kept as a draft while typed.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static

from myrole.revalidation.model import ACCOUNT_PARTS, NmcAccount, Theme
from myrole.store.drafts import Draft
from myrole.ui.context import myrole_app
from myrole.ui.drafts import DraftForm
from myrole.ui.forms import edited
from myrole.ui.widgets.long_text import LongTextArea
from myrole.ui.fresh_screen import FocusOnMount, FreshScreen

SIZES = {name: (("nmc_accounts", name), label) for name, label in (
    ("nature", "The nature of the activity"), ("learnt", "What you learnt"),
    ("changed", "How you changed your practice"), ("code", "How it is relevant to the Code"))}
THEME_CHOICES = [("Not this one", "no"), ("Yes, it relates to this theme", "yes")]
ANONYMOUS_HINT = ("Write it so no one could be recognised: no names, dates of birth, wards or rare conditions. "
                  "Each part starts from your reflection's answers; change anything. (CPD, in the questions, is "
                  "continuing professional development.)")
GONE = "That reflection is no longer in myrole."


class AccountDialog(FreshScreen, FocusOnMount, DraftForm, ModalScreen[NmcAccount | None]):
    """Edit one reflection's NMC account; ctrl+s saves it with the reflection."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="account.cancel"),
        Binding("ctrl+s", "save", "Save", id="account.save"),
    ]

    draft_form = "nmc-account"
    draft_fields = (*(name for name, _ in ACCOUNT_PARTS), *(theme.value for theme in Theme))

    def __init__(self, account: NmcAccount, title: str) -> None:
        super().__init__()
        self.account = account
        self.reflection_title = title

    def draft_record(self) -> str:
        return self.account.reflection_id

    def draft_title(self) -> str:
        return "NMC reflective account"

    def compose(self) -> ComposeResult:
        from myrole.text import one_line

        with VerticalScroll(classes="dialog"):
            yield Static("NMC written reflective account", classes="dialog-title")
            yield Static(f"From: {one_line(self.reflection_title, 60)}", markup=False)
            yield Static(ANONYMOUS_HINT, classes="help-text")
            for name, question in ACCOUNT_PARTS:
                yield Label(question)
                yield LongTextArea(self.account.part(name), id=name, classes="answer-input")
                if name == "changed":
                    yield Label("Which themes of the Code does it relate to?")
                    for theme in Theme:
                        yield Label(f"  {theme.label}")
                        yield Select(THEME_CHOICES, value="yes" if theme in self.account.themes else "no",
                                     allow_blank=False, id=theme.value)
            yield Static(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#nature", LongTextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def typed(self) -> NmcAccount:
        texts = {name: edited(self.account.part(name), self.query_one(f"#{name}", LongTextArea).text, multi_line=True)
                 for name, _ in ACCOUNT_PARTS}
        themes = frozenset(theme for theme in Theme if self.query_one(f"#{theme.value}", Select).value == "yes")
        return replace(self.account, **texts, themes=themes)

    def action_save(self) -> None:
        from myrole.store.cpd import save_account

        self.save_form(lambda: save_account(myrole_app(self).db, self.typed()), SIZES)

    def action_cancel(self) -> None:
        self.cancel_form(None)


def account_for(app: App, reflection_id: str) -> AccountDialog | str:
    """The form on the reflection's account, or a new one filled in from its answers; else why there is none."""
    from myrole.revalidation.prefill import prefill, reflection_title
    from myrole.store.cpd import get_account
    from myrole.store.reflections import get_answers, get_reflection

    db = myrole_app(app).db
    reflection = get_reflection(db, reflection_id)
    if reflection is None:
        return GONE
    account = get_account(db, reflection_id)
    if account is None and not reflection.finished_at:
        return unfinished(app)
    return AccountDialog(account or prefill(reflection, get_answers(db, reflection_id)), reflection_title(reflection))


def unfinished(app: App) -> str:
    """Why an unfinished reflection has no account yet, and how to finish it (with the keys as the person has them)."""
    from myrole.ui.keys import key_for

    return ("This reflection is not finished yet, and an NMC account is made from a finished one. To finish it: "
            f"on home, press {key_for(app, 'home.reflect')} to carry on with it, then "
            f"{key_for(app, 'reflection.finish')} and Finish reflection.")


def saved_message(app: App) -> str:
    """'Saved: 1 of 5 accounts in this cycle.'"""
    from datetime import date

    from myrole.revalidation.cycle import progress
    from myrole.revalidation.nmc import accounts_line

    return f"Saved: {accounts_line(len(progress(myrole_app(app).db, date.today()).accounts))} in this cycle."


def open_account(app: App, reflection_id: str) -> None:
    """Open the reflection's account form, or say why not; on save, say where the person stands towards five."""
    dialog = account_for(app, reflection_id)
    if isinstance(dialog, str):
        app.notify(dialog, markup=False)
        return

    def saved(account: NmcAccount | None) -> None:
        if account is not None:
            app.notify(saved_message(app), markup=False)

    app.push_screen(dialog, saved)


def reopen_draft(app: App, draft: Draft) -> str | None:
    """Open the account form again on its reflection (it refills itself from the draft), or say why not."""
    found = account_for(app, draft.record)
    if isinstance(found, str):
        return "The reflection this account was for has since been removed." if found == GONE else found
    open_account(app, draft.record)
    return None
