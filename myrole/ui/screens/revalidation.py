"""Provides the revalidation screen: where you stand for NMC and HCPC revalidation.

It shows progress towards five NMC accounts and the CPD hours, the accounts, the HCPC summary of practice
and the activities the HCPC statement draws on.
"""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from myrole.revalidation.identifiable import identifiable_sentence
from myrole.revalidation.model import WHOSE_ASKS, item_words, summary_words
from myrole.store.drafts import Draft
from myrole.text import one_line
from myrole.ui import bindings
from myrole.ui.context import myrole_app
from myrole.ui.drafts import DraftForm
from myrole.ui.forms import edited
from myrole.ui.safe import plain
from myrole.ui.widgets.long_text import LongTextArea
from myrole.ui.widgets.footer import KeysFooter
from myrole.ui.fresh_screen import FreshScreen



def write_hint(key: str) -> str:
    """How to write the documents, naming the key as the person has it."""
    return (f"{key} writes the NMC document or the HCPC CPD profile to a file (a web page to print, a PDF or "
            "Markdown).")


def refill(options: OptionList, empty: str, listed: list[Option]) -> None:
    """Show these options (or the words for none), keeping the highlight on the same one, else on the first."""
    was = options.highlighted_option.id if options.highlighted_option else None
    options.clear_options()
    options.add_options(listed or [Option(Content(empty), disabled=True)])
    ids = [option.id for option in listed]
    if listed:
        options.highlighted = ids.index(was) if was in ids else 0


class RevalidationScreen(FreshScreen, Screen[None]):
    """Where the person stands for revalidation, with the accounts of this cycle."""

    BINDINGS = bindings.for_screen("revalidation")

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="revalidation-body"):
            yield Static(id="progress")
            yield Static("Accounts in this cycle (enter opens one; make one from History: a reflection, then n)",
                         classes="section-title")
            yield OptionList(id="accounts")
            yield Static(id="summary")
            yield Static(id="statement-words", classes="section-title")
            yield Static("Activities in your HCPC statement (a adds one, enter edits it, x takes it out)",
                         classes="help-text")
            yield OptionList(id="statement")
            yield Static(id="hcpc-left-out", classes="help-text")
            yield Static(id="identifiable")
            with Horizontal(classes="buttons"):
                yield Button("Write a document", id="write-document")
            yield Static(id="write-hint", classes="help-text")
            yield Static(id="written")
        yield KeysFooter()

    def on_mount(self) -> None:
        from myrole.ui.keys import key_for

        key = key_for(self, "revalidation.write")
        self.query_one("#write-hint", Static).update(Content(write_hint(key[:1].upper() + key[1:])))
        self.query_one("#write-document", Button).label = f"Write a document ({key})"
        self.query_one("#accounts", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        from myrole.export.words import long_date
        from myrole.revalidation.cycle import progress
        from myrole.revalidation.nmc import account_title, progress_parts
        from myrole.store.cpd import get_hcpc_summary

        where = progress(myrole_app(self).db, date.today())
        cycle = where.cycle
        ends = (f"Revalidation date {long_date(cycle.revalidation_date)}" if cycle.revalidation_date
                else "No revalidation date yet (add it in your details: p on home)")
        lines = [WHOSE_ASKS, f"{ends}; this cycle runs from {long_date(cycle.start)} to {long_date(cycle.end)}."]
        lines += [f"{part.label}: {part.note}" for part in progress_parts(where)]
        self.query_one("#progress", Static).update(Content("\n".join(lines)))
        refill(self.query_one("#accounts", OptionList), "None yet.",
               [Option(Content(f"{long_date(item.on_date)}  {one_line(account_title(item), 60)}"),
                       id=item.reflection.id) for item in where.accounts])
        summary = get_hcpc_summary(myrole_app(self).db)
        self.query_one("#summary", Static).update(Content(
            f"HCPC summary of practice: {summary_words(summary)} (s to write it)."))
        self.refresh_statement()
        app = myrole_app(self)
        self.query_one("#identifiable", Static).update(Content(identifiable_sentence(app.db, app.today())))

    def refresh_statement(self) -> None:
        from myrole.export.words import long_date
        from myrole.store.cpd import list_statement_items
        from myrole.revalidation.cycle import years_before
        from myrole.revalidation.hcpc import ACTIVITIES, PROFILE_YEARS, private_left_out, private_sentence, statement_line
        from myrole.ui.dialogs.statement import known_activities

        items = list_statement_items(myrole_app(self).db)
        known = known_activities(self.app)
        self.query_one("#statement-words", Static).update(Content(statement_line(items)))
        today = myrole_app(self).today()
        left_out = private_sentence(private_left_out(myrole_app(self).db, years_before(today, PROFILE_YEARS), today))
        shown = self.query_one("#hcpc-left-out", Static)
        shown.update(Content(f"{ACTIVITIES}{left_out}" if left_out else ""))
        shown.display = bool(left_out)
        listed = []
        for item in items:
            activity = known.get(item.activity)
            when = long_date(activity.on_date) if activity else ""
            title = one_line(activity.title, 50) if activity else "(no longer in myrole)"
            listed.append(Option(Content(f"{when}  {title}  ({item_words(item):,} words)"), id=item.activity))
        refill(self.query_one("#statement", OptionList), "None picked yet.", listed)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from myrole.ui.dialogs.account import open_account
        from myrole.ui.dialogs.statement import open_item

        if not event.option.id:
            return
        if event.option_list.id == "statement":
            open_item(self.app, event.option.id, lambda _: self.refresh_view())
        else:
            open_account(self.app, event.option.id)

    def action_pick_activity(self) -> None:
        from myrole.revalidation.model import STATEMENT_ACTIVITIES
        from myrole.store.cpd import list_statement_items
        from myrole.ui.dialogs.statement import open_item, pick_dialog

        if len(list_statement_items(myrole_app(self).db)) >= STATEMENT_ACTIVITIES[1]:
            self.app.notify(f"The statement already draws on {STATEMENT_ACTIVITIES[1]} activities, the most the "
                            "HCPC asks for; take one out first (x).")
            return

        def picked(activity: str | None) -> None:
            if activity:
                open_item(self.app, activity, lambda _: self.refresh_view())

        self.app.push_screen(pick_dialog(self.app), picked)

    def action_take_out(self) -> None:
        from myrole.store.cpd import list_statement_items, remove_statement_item
        from myrole.ui.dialogs.confirm import ConfirmDialog

        options = self.query_one("#statement", OptionList)
        index = options.highlighted if options.highlighted is not None else 0
        activity = options.get_option_at_index(index).id if options.option_count else None
        item = next((i for i in list_statement_items(myrole_app(self).db) if i.activity == activity), None)
        if item is None or self.focused is not options:
            self.app.notify("Move to an activity in the statement's list first.")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                remove_statement_item(myrole_app(self).db, item.id)
                self.refresh_view()

        self.app.push_screen(ConfirmDialog("Take this activity out of your HCPC statement? What you wrote about it "
                                           "is removed too.", yes="Take it out", no="Keep it"), answered)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "write-document":
            self.action_write_document()

    def action_write_document(self) -> None:
        from myrole.ui.dialogs.revalidation_write import WriteDocumentDialog

        def written(said: str | None) -> None:
            if said:
                self.query_one("#written", Static).update(plain(said))
                self.app.notify(said, markup=False)

        self.app.push_screen(WriteDocumentDialog(), written)

    def action_summary(self) -> None:
        from myrole.store.cpd import get_hcpc_summary

        self.app.push_screen(SummaryDialog(get_hcpc_summary(myrole_app(self).db)), lambda _: self.refresh_view())


class SummaryDialog(FreshScreen, DraftForm, ModalScreen[str | None]):
    """The HCPC summary of practice, with a word counter (at most 500 words)."""

    BINDINGS = bindings.for_screen("summary")
    draft_form = "hcpc-summary"
    draft_fields = ("hcpc_summary",)

    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary

    def draft_title(self) -> str:
        return "HCPC summary of practice"

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("HCPC summary of practice", classes="dialog-title")
            yield Label("Your role, where you work and the people you work with (at most 500 words)")
            yield LongTextArea(self.summary, id="hcpc_summary", classes="answer-input")
            yield Static(summary_words(self.summary), id="words")
            yield Static(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#hcpc_summary", LongTextArea).focus()

    def on_text_area_changed(self, event: LongTextArea.Changed) -> None:
        self.query_one("#words", Static).update(Content(summary_words(event.text_area.text)))
        super().on_text_area_changed(event)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.action_cancel()

    def action_save(self) -> None:
        from myrole.store.cpd import set_hcpc_summary

        typed = edited(self.summary, self.query_one("#hcpc_summary", LongTextArea).text, multi_line=True)

        def save() -> str:
            set_hcpc_summary(myrole_app(self).db, typed)
            return typed

        self.save_form(save, {"hcpc_summary": (("revalidation", "hcpc_summary"), "The summary of practice")})

    def action_cancel(self) -> None:
        self.cancel_form(None)


def reopen_draft(app: App, draft: Draft) -> str | None:
    from myrole.store.cpd import get_hcpc_summary

    app.push_screen(SummaryDialog(get_hcpc_summary(myrole_app(app).db)))
    return None
