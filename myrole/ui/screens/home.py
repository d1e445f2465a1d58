"""Provides the home screen: welcome, due check-ins first, open commitments and the coverage grid."""

from __future__ import annotations

from datetime import date

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from myrole.model import PROGRESS_LABELS, Reflection, Status
from myrole.overview import OpenItem, Overview, build_overview
from myrole.text import one_line
from myrole.ui import bindings
from myrole.ui.context import myrole_app
from myrole.ui.due_words import when_due
from myrole.ui.keys import key_for
from myrole.ui.widgets.coverage import CoverageGrid
from myrole.ui.widgets.footer import KeysFooter
from myrole.ui.fresh_screen import FreshScreen

FRAMEWORK_URL = (
    "https://www.kingsfund.org.uk/insight-and-analysis/reports/"
    "tackling-health-inequalities-framework-allied-health-professionals"
)
WELCOME = (
    "myrole helps you see your own part in reducing health inequalities, "
    "whatever your role. Answer a few questions, turn what you notice into one to three "
    "concrete commitments, and check in on them as you go."
)
CREDIT = Content.from_markup(
    "Built on [b]My role in tackling health inequalities[/b] (The King's Fund, 2021): "
    f"[link='{FRAMEWORK_URL}']{FRAMEWORK_URL}[/link]"
)

# The keys as the person has them (a keymap may move any of them): binding id -> what it does.
RETURNING_KEYS = (("home.checkin", "checks in"), ("home.reflect", "reflects"), ("home.new_commitment", "adds one"),
                  ("home.revalidation", "opens revalidation"), ("app.help", "helps"))


def describe(item: OpenItem, today: date) -> Content:
    """Two lines for a commitment: title and who can see it; when it is due and its latest progress."""
    c = item.commitment
    progress = (PROGRESS_LABELS[item.schedule.latest_progress]
                if item.schedule.latest_progress is not None else "no check-in yet")
    return Content.assemble(
        (one_line(c.title, 56), "bold"), f" · {c.visibility.value}", "\n",
        f"   {when_due(c, item.schedule.due, today)} · progress: {progress}",
    )


class HomeScreen(FreshScreen, Screen[None]):
    """Where a person lands: what is due, what they committed to, and where they contribute."""

    BINDINGS = bindings.for_screen("home")
    # Not Textual's first focus: it focused the scrolling body, and on_screen_resume then moved the focus to a
    # list; each move styled the whole body again. focus_first_commitment chooses once.
    AUTO_FOCUS = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home-body"):
            yield Static(id="welcome")
            yield Static(id="resume-note")
            yield Static(id="drafts-note")
            yield Static(id="one-to-one-note")
            yield Static(classes="section-title", id="due-title")
            yield OptionList(id="due-list")
            yield Static(classes="section-title", id="open-title")
            yield OptionList(id="open-list")
            yield Static(classes="section-title", id="coverage-title")
            yield CoverageGrid(id="coverage")
        yield KeysFooter(compact=True)

    def returning_hint(self) -> str:
        """The welcome's line of keys, naming each key as the person has it (after their keymap)."""
        return f"Enter opens a commitment, {', '.join(f'{key_for(self, i)} {what}' for i, what in RETURNING_KEYS)}."

    def on_mount(self) -> None:
        self.call_after_refresh(self.first_steps)

    def focus_first_commitment(self) -> None:
        """Put the cursor on the first due commitment (else the first open one), ready for Enter or c; with
        none, the focus goes to the body, so the arrow keys scroll it."""
        for list_id in ("#due-list", "#open-list"):
            options = self.query_one(list_id, OptionList)
            if options.option_count and not options.get_option_at_index(0).disabled:
                options.focus()
                options.highlighted = 0
                return
        if self.focused is None:
            self.query_one("#home-body").focus()

    def on_screen_resume(self) -> None:
        """Read the store each time home is shown: the first time, and on the way back from any screen."""
        self.refresh_data()
        if not isinstance(self.focused, OptionList):  # e.g. back from a finished reflection
            self.focus_first_commitment()

    @property
    def overview(self) -> Overview:
        return self._overview

    def refresh_data(self) -> None:
        today = myrole_app(self).today()
        self._overview = overview = build_overview(myrole_app(self).db, today)
        name = one_line(overview.profile.name, 40)
        greeting = f"Welcome back, {name}." if name and not overview.is_new else (
            f"Welcome, {name}." if name else "Welcome to myrole.")

        def key(binding_id: str) -> str:  # each key named as the person has it (after their keymap)
            return key_for(self, binding_id)

        hint = (f"Press {key('home.reflect')} to start a reflection, {key('home.new_commitment')} to write a "
                f"commitment, {key('home.one_to_one')} for a one-to-one, {key('home.export')} to export a summary, "
                f"{key('home.revalidation')} for revalidation, {key('home.help')} or {key('app.help')} for help, "
                f"{key('app.quit')} to quit.")
        welcome = Content.assemble((greeting, "bold"), "\n", WELCOME, "\n", CREDIT, "\n", hint)
        if not overview.is_new:  # a returning person: what is due comes first, so keep this short
            welcome = Content.assemble((greeting, "bold"), "\n", self.returning_hint())
        self.query_one("#welcome", Static).update(welcome)
        note = ""
        if overview.unfinished:
            note = (f"You have an unfinished reflection: {resume_words(overview.unfinished)}. "
                    f"Press {key('home.reflect')} to carry on with it or start another.")
        self.query_one("#resume-note", Static).update(Content(note))
        self.query_one("#resume-note").display = bool(note)
        self._show_drafts_note()
        meeting = overview.next_one_to_one
        meeting_note = f"{meeting.describe(today)}: press {key('home.one_to_one')} to prepare." if meeting else ""
        self.query_one("#one-to-one-note", Static).update(Content(meeting_note))
        self.query_one("#one-to-one-note").display = bool(meeting_note)
        has_any = bool(overview.due or overview.upcoming)
        self._show_counts(overview)
        self._fill(self.query_one("#due-list", OptionList), overview.due, today,
                   "Nothing is due. Well done." if has_any else "Nothing is due: you have no commitments yet.")
        self._fill(self.query_one("#open-list", OptionList), overview.upcoming, today,
                   "No other open commitments." if has_any else
                   f"No commitments yet. Start a reflection ({key('home.reflect')}) or add one "
                   f"({key('home.new_commitment')}).")
        self.query_one(CoverageGrid).show(overview.coverage)

    def _show_counts(self, overview: Overview) -> None:
        """Each list's heading says how many it holds; the map says what it counts and leaves out."""
        due, others = len(overview.due), len(overview.upcoming)
        self.query_one("#due-title", Static).update(Content(f"Due for a check-in: {due or 'none'}"))
        self.query_one("#open-title", Static).update(Content(
            f"Your other open commitments: {others or 'none'}" if due else
            f"Your open commitments: {others or 'none'}"))
        active = sum(1 for item in overview.due + overview.upcoming if item.commitment.status is Status.ACTIVE)
        tagged = sum(overview.coverage.values()) - active  # reflections tagged with a lens and mode
        counted = f"{active} active commitment{'s' if active != 1 else ''}"
        if tagged:
            counted += f" and {tagged} reflection tag{'s' if tagged != 1 else ''}"
        paused = due + others - active
        left_out = f"; {paused} paused left out" if paused else ""
        self.query_one("#coverage-title", Static).update(
            Content(f"Where your commitments sit (lens by mode): {counted}{left_out}"))

    def _show_drafts_note(self) -> None:
        """Say when unsaved drafts are waiting (read through plain sqlite3, like the rest of the first paint)."""
        import sqlite3

        from myrole.store.drafts import list_drafts

        try:
            count = len(list_drafts(myrole_app(self).db))
        except sqlite3.Error:  # a note only: the store's own problems are said where they happen
            count = 0
        note = (f"You have {count} unsaved draft{'s' if count != 1 else ''}: press {key_for(self, 'home.drafts')} "
                f"to continue or throw {'them' if count != 1 else 'it'} away.") if count else ""
        self.query_one("#drafts-note", Static).update(Content(note))
        self.query_one("#drafts-note").display = bool(note)

    def _fill(self, options: OptionList, items: list[OpenItem], today: date, empty: str) -> None:
        was = options.highlighted
        options.clear_options()
        if not items:
            options.add_option(Option(Content(empty), disabled=True))
            return
        for item in items:
            options.add_option(Option(describe(item, today), id=item.commitment.id))
        if was is not None or options.has_focus:  # keep the cursor where the person left it
            options.highlighted = min(was or 0, len(items) - 1)

    def first_steps(self) -> None:
        """On first run ask for details (skippable); then resume or start a reflection if asked."""
        from myrole.ui.dialogs.profile import ProfileDialog

        if not self.overview.profile.onboarded:
            self.app.push_screen(ProfileDialog(self.overview.profile, first_run=True),
                                 lambda _: self.after_profile(changed=True))
        else:
            self.after_profile(changed=False)

    def after_profile(self, changed: bool) -> None:
        if changed:  # the greeting uses the name just given
            self.refresh_data()
        from myrole.ui.dialogs.drafts import offer_drafts

        app = myrole_app(self)
        if app.reflect_pack is not None:
            pack_id, app.reflect_pack = app.reflect_pack, None
            self.start_reflection(pack_id or None)
        elif offer_drafts(self):  # unsaved words come first; the unfinished reflection is noted on home
            return
        elif self.overview.unfinished:
            self.offer_resume()

    def offer_resume(self) -> None:
        from myrole.ui.dialogs.confirm import ConfirmDialog

        unfinished = self.overview.unfinished
        if unfinished is None:
            return
        question = f"You have an unfinished reflection: {resume_words(unfinished)}. Carry on where you left off?"

        def answered(resume: bool | None) -> None:
            if resume:
                self.open_reflection(unfinished.id)

        self.app.push_screen(ConfirmDialog(question, yes="Resume", no="Not now"), answered)

    def open_reflection(self, reflection_id: str) -> None:
        from myrole.ui.screens.reflection import ReflectionScreen

        self.app.push_screen(ReflectionScreen(reflection_id))

    def start_reflection(self, pack_id: str | None = None) -> None:
        from myrole.ui.dialogs.start import StartReflectionDialog

        def chosen(reflection_id: str | None) -> None:
            if reflection_id:
                self.open_reflection(reflection_id)

        self.app.push_screen(StartReflectionDialog(pack_id), chosen)

    def action_start_reflection(self) -> None:
        if self.overview.unfinished:
            from myrole.ui.dialogs.confirm import ConfirmDialog

            unfinished = self.overview.unfinished

            def answered(resume: bool | None) -> None:
                if resume:
                    self.open_reflection(unfinished.id)
                elif resume is False:
                    self.start_reflection()

            self.app.push_screen(ConfirmDialog(
                f"Carry on with your unfinished reflection ({resume_words(unfinished)})?",
                yes="Carry on", no="Start a new one"), answered)
            return
        self.start_reflection()

    def action_new_commitment(self) -> None:
        from myrole.ui.dialogs.commitment import CommitmentEditor

        self.app.push_screen(CommitmentEditor(), lambda _: self.refresh_data())

    def action_history(self) -> None:
        from myrole.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_one_to_one(self) -> None:
        from myrole.ui.screens.one_to_one import OneToOneScreen

        self.app.push_screen(OneToOneScreen())

    def action_search(self) -> None:
        from myrole.ui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen())

    def action_drafts(self) -> None:
        from myrole.ui.dialogs.drafts import offer_drafts

        if not offer_drafts(self):
            self.notify("There are no unsaved drafts.")

    def action_export(self) -> None:
        from myrole.ui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen())

    def action_revalidation(self) -> None:
        from myrole.ui.screens.revalidation import RevalidationScreen

        self.app.push_screen(RevalidationScreen())

    def action_profile(self) -> None:
        from myrole.ui.dialogs.profile import ProfileDialog

        self.app.push_screen(ProfileDialog(self.overview.profile), lambda _: self.refresh_data())

    def action_settings(self) -> None:
        from myrole.ui.dialogs.settings import open_settings

        open_settings(self.app)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Tabbing into a list puts the cursor on its first commitment, so Enter and c work at once."""
        options = event.widget
        if isinstance(options, OptionList) and options.highlighted is None and options.option_count:
            if not options.get_option_at_index(0).disabled:
                options.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.open_commitment(event.option.id)

    def open_commitment(self, commitment_id: str) -> None:
        from myrole.ui.screens.commitment import CommitmentScreen

        self.app.push_screen(CommitmentScreen(commitment_id))

    def highlighted_commitment(self) -> str | None:
        """The id of the commitment under the cursor (the focused list first, else the due list)."""
        lists = [self.query_one("#due-list", OptionList), self.query_one("#open-list", OptionList)]
        if isinstance(self.focused, OptionList) and self.focused in lists:
            lists.insert(0, self.focused)
        for options in lists:
            option = options.highlighted_option
            if option is not None and option.id and not option.disabled:
                return option.id
        return None

    def action_check_in(self) -> None:
        from myrole.ui.dialogs.checkin import open_checkin

        commitment_id = self.highlighted_commitment()
        if commitment_id is None:
            self.notify(f"Choose a commitment with the arrow keys first, then press {key_for(self, 'home.checkin')}.",
                        markup=False)
            return
        open_checkin(self, commitment_id, lambda _: self.refresh_data())


def resume_words(unfinished: Reflection) -> str:
    """Which reflection waits, as the offer to carry on names it: its questions, its topic if any, the day it began."""
    from myrole.dates import local_date
    from myrole.export.words import long_date

    return f"{unfinished.named}, started on {long_date(local_date(unfinished.started_at))}"
