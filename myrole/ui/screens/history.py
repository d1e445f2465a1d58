"""Provides history: past reflections (each one's answers grouped by lens, correctable) and closed commitments."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from textual.app import App, ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from myrole.model import Answer, Commitment, Reflection, Status, Visibility
from myrole.store import StoreError
from myrole.store.commitments import list_closed
from myrole.store.corrections import Correction
from myrole.store.drafts import Draft
from myrole.store.reflections import get_answers, list_reflections
from myrole.text import inert, one_line
from myrole.ui import bindings
from myrole.ui.context import myrole_app
from myrole.ui.keys import key_for
from myrole.ui.safe import plain
from myrole.ui.widgets.footer import KeysFooter
from myrole.ui.fresh_screen import FreshScreen


def reflection_label(reflection: Reflection, answered: int) -> Content:
    state = "finished" if reflection.finished_at else "not finished"
    topic = f" · {one_line(reflection.topic, 30)}" if reflection.topic else ""
    return Content.assemble(
        (f"{reflection.started_at[:10]}  {one_line(reflection.pack_title, 36)}", "bold"), "\n",
        f"   {reflection.context.label}{topic} · {answered} answered · {state}",
    )


def closed_label(commitment: Commitment, closed_at: str) -> Content:
    """Two lines: the title; done or dropped and when, in words, with its lens and who can see it."""
    state = "Done" if commitment.status is Status.DONE else "Dropped"
    return Content.assemble(
        (one_line(commitment.title, 70), "bold"), "\n",
        f"   {state} on {closed_at[:10]} · {commitment.lens.label} · {commitment.visibility.value}",
    )


def counted(count: int, noun: str) -> str:
    """'1 reflection', '1,000 reflections': a count in words a person reads at a glance."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def reflections_heading(shown: int, total: int, year: int | None) -> str:
    """How many reflections the list holds, and what a year filter leaves out."""
    if year is None:
        return f"Past reflections: {total:,}, newest first"
    return f"Past reflections from {year}: {shown:,} of {total:,}, newest first"




def year_of(reflection: Reflection) -> int:
    return int(reflection.started_at[:4])


class HistoryScreen(FreshScreen, Screen[None]):
    """Every past reflection (all years or one), then every finished or dropped commitment, each newest first."""

    BINDINGS = bindings.for_screen("history")

    def __init__(self) -> None:
        super().__init__()
        self.year: int | None = None  # None: every year
        self.reflections: list[tuple[Reflection, int]] = []

    def keys_words(self) -> str:
        """The line of keys above the list, each named as the person has it (after their keymap)."""
        return (f"Enter reads one (there, {key_for(self, 'record.correct')} corrects an answer) · "
                f"{key_for(self, 'history.older_year')} and {key_for(self, 'history.newer_year')} jump a year · "
                f"{key_for(self, 'history.year')} shows one year")

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="history-body"):
            yield Static(classes="section-title", id="reflections-title")
            yield Static(Content(self.keys_words()), classes="help-text", id="history-keys")
            yield OptionList(id="reflections")
            yield Static(classes="section-title", id="closed-title")
            yield OptionList(id="closed-commitments")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#reflections", OptionList).focus()

    def on_screen_resume(self) -> None:
        """Read the store each time: a commitment reopened from here leaves the list."""
        self.reflections = list_reflections(myrole_app(self).db)
        self.show_reflections()
        closed = list_closed(myrole_app(self).db)
        self.query_one("#closed-title", Static).update(Content(
            f"Finished and dropped commitments: {f'{len(closed):,}, newest first' if closed else 'none yet'}"
            " (tab to reach them)"))
        self._fill("#closed-commitments", [(c.id, closed_label(c, at)) for c, at in closed],
                   f"None yet. A commitment you mark done ({key_for(self, 'commitment.done')}) or drop "
                   f"({key_for(self, 'commitment.drop')}) is kept here.")

    def show_reflections(self, *, from_top: bool = False) -> None:
        """The reflections of the chosen year (or all), under a heading that says how many of how many."""
        shown = [(r, n) for r, n in self.reflections if self.year is None or year_of(r) == self.year]
        self.query_one("#reflections-title", Static).update(
            Content(reflections_heading(len(shown), len(self.reflections), self.year)))
        self._fill("#reflections", [(r.id, reflection_label(r, answered)) for r, answered in shown],
                   f"No reflections yet. Press {key_for(self, 'history.back')}, then {key_for(self, 'home.reflect')} "
                   "to start one.", from_top=from_top)

    def years(self) -> list[int]:
        """The years that hold a reflection, newest first."""
        return sorted({year_of(r) for r, _ in self.reflections}, reverse=True)

    def action_jump_year(self, step: int) -> None:
        """Move to the year before (step 1) or after (step -1): the filtered year, else the cursor's year."""
        years = self.years()
        if not years:
            return
        if self.year is not None:
            index = years.index(self.year) + step if self.year in years else 0
            if 0 <= index < len(years):
                self.year = years[index]
                self.show_reflections(from_top=True)
            else:
                self.notify(f"There are no reflections {'before' if step > 0 else 'after'} {self.year}.")
            return
        self._move_cursor_to_year(years, step)

    def _move_cursor_to_year(self, years: list[int], step: int) -> None:
        """With every year shown, put the cursor on the newest reflection of the year before or after."""
        options = self.query_one("#reflections", OptionList)
        index = options.highlighted or 0
        here = year_of(self.reflections[index][0])
        wanted = [y for y in years if (y < here if step > 0 else y > here)]
        if not wanted:
            self.notify(f"There are no reflections {'before' if step > 0 else 'after'} {here}.")
            return
        target = wanted[0] if step > 0 else wanted[-1]
        options.highlighted = next(i for i, (r, _) in enumerate(self.reflections) if year_of(r) == target)
        options.scroll_to_highlight(top=True)
        options.focus()

    def action_choose_year(self) -> None:
        """Show the reflections of one year, or of all years again."""
        from myrole.ui.dialogs.choose import ChooseDialog

        per_year = Counter(year_of(r) for r, _ in self.reflections)
        items = [("all", Content(f"All years · {counted(len(self.reflections), 'reflection')}"))]
        items += [(str(year), Content(f"{year} · {counted(per_year[year], 'reflection')}")) for year in self.years()]

        def chosen(choice: str | None) -> None:
            if choice is not None:
                self.year = None if choice == "all" else int(choice)
                self.show_reflections(from_top=True)
                self.query_one("#reflections", OptionList).focus()

        self.app.push_screen(ChooseDialog("Show the reflections of which year?", items), chosen)

    def _fill(self, list_id: str, rows: list[tuple[str, Content]], empty: str, *, from_top: bool = False) -> None:
        options = self.query_one(list_id, OptionList)
        was = None if from_top else options.highlighted
        options.clear_options()
        if not rows:
            options.add_option(Option(Content(empty), disabled=True))
            return
        options.add_options(Option(label, id=item_id) for item_id, label in rows)
        options.highlighted = min(was or 0, len(rows) - 1)  # enter opens the newest at once

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not event.option.id:
            return
        if event.option_list.id == "closed-commitments":
            from myrole.ui.screens.commitment import CommitmentScreen

            self.app.push_screen(CommitmentScreen(event.option.id))
        else:
            self.app.push_screen(ReflectionRecord(event.option.id))


class AnswerView(Static, can_focus=True):
    """One past answer, shown exactly as written; focusable so it can be corrected (c) or its visibility changed (v)."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(classes="answer")
        self.answer = answer

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        a = self.answer
        self.update(Content.assemble(
            (inert(a.prompt_text), "italic"), "\n", plain(a.text), "\n",
            # A step of a reflection model has no lens of its own (the reflection is tagged at its end).
            (f"{f'{a.mode.explained} · who' if a.mode else 'Who'} can see it: {a.visibility.explanation} "
             "(v to change · c to correct)", "dim"),
        ))


class ReflectionRecord(FreshScreen, Screen[None]):
    """One past reflection's answers, exactly as written, with who could see each."""

    BINDINGS = bindings.for_screen("record")

    def __init__(self, reflection_id: str, *, correct: Answer | None = None, focus: str | None = None) -> None:
        """correct: an answer whose correction form opens once the record is shown (a draft reopened);
        focus: an answer to put the cursor on (a search result)."""
        super().__init__()
        self.reflection_id = reflection_id
        self.to_correct = correct
        self.focus_answer = focus

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="record")
        yield KeysFooter()

    async def on_mount(self) -> None:
        if self.to_correct is None:
            await self.show_record(self.focus_answer)
            return
        await self.show_record(self.to_correct.id)
        self.correct(self.to_correct)

    async def show_record(self, focus_answer: str | None = None) -> None:
        """Lay out the reflection's answers as stored; focus one answer (by id) if given, else the record."""
        from myrole.store.reflections import get_reflection

        body = self.query_one("#record", VerticalScroll)
        await body.remove_children()
        reflection = get_reflection(myrole_app(self).db, self.reflection_id)
        answers = [a for a in get_answers(myrole_app(self).db, self.reflection_id) if a.text.strip()]
        widgets: list[Static] = []
        if reflection:
            widgets.append(Static(reflection_label(reflection, len(answers)), classes="section-title"))
        if not answers:
            widgets.append(Static("No answers were written in this reflection."))
        lens = None
        for answer in answers:
            if answer.lens != lens:
                lens = answer.lens
                if lens is not None:  # a reflection model's steps have no lens to head them
                    widgets.append(Static(lens.label, classes="lens-title"))
            widgets.append(AnswerView(answer))
        await body.mount_all(widgets)
        shown = [view for view in body.query(AnswerView) if view.answer.id == focus_answer]
        (shown[0] if shown else body).focus()

    def action_correct(self) -> None:
        """Correct the focused answer: the old text is replaced for good (empty removes the answer)."""
        view = self.focused
        if not isinstance(view, AnswerView):
            self.notify(f"Press tab to move to an answer first, then {key_for(self, 'record.correct')}.", markup=False)
            return
        self.correct(view.answer)

    def correct(self, answer: Answer) -> None:
        """Open the correction form on answer; once saved, show the record again with it in focus."""
        from myrole.limits import FIELDS
        from myrole.store.reflections import correct_answer
        from myrole.ui.dialogs.correct import CorrectionDialog, TextField

        about = Content.assemble(("Your answer to: ", "bold"), (inert(answer.prompt_text), "italic"))
        field = TextField("text", "Your answer, corrected (leave it empty to remove the answer)", answer.text,
                          FIELDS[("answers", "text")], "The answer")
        dialog = CorrectionDialog("Correct your answer", about, [field],
                                  lambda values: correct_answer(myrole_app(self).db, answer, values["text"]),
                                  corrects=("answer", answer.id))

        async def corrected(result: Correction | None) -> None:
            if result is not None:
                await self.show_record(answer.id)

        self.app.push_screen(dialog, corrected)

    def action_delete_for_good(self) -> None:
        """Delete this reflection and its answers for good, after a confirmation."""
        from myrole.ui.deleting import confirm_delete

        confirm_delete(self, "reflection", self.reflection_id,
                       "Delete this whole reflection and its answers for good? Commitments made from it stay.")

    def action_nmc_account(self) -> None:
        """Make or edit the NMC written reflective account kept with this reflection."""
        from myrole.ui.dialogs.account import open_account

        open_account(self.app, self.reflection_id)

    def action_cpd_details(self) -> None:
        """Say when, how long and how this reflection counts as CPD."""
        from myrole.ui.dialogs.cpd import open_details

        why = open_details(self.app, self.reflection_id)
        if why:
            self.notify(why)

    def action_visibility(self) -> None:
        """Change who can see the focused answer (tab moves between answers)."""
        from myrole.store.reflections import get_answer, set_answer_visibility
        from myrole.ui.dialogs.visibility import VisibilityDialog

        view = self.focused
        if not isinstance(view, AnswerView):
            self.notify(f"Press tab to move to an answer first, then {key_for(self, 'record.visibility')}.",
                        markup=False)
            return

        def chosen(visibility: Visibility | None) -> None:
            if visibility is None or visibility is view.answer.visibility:
                return
            try:
                set_answer_visibility(myrole_app(self).db, view.answer.id, visibility)
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            view.answer = get_answer(myrole_app(self).db, view.answer.id) or replace(view.answer, visibility=visibility)
            view.show()

        self.app.push_screen(VisibilityDialog(view.answer.visibility, view.answer.text, "answer"), chosen)


def reopen_draft(app: App, draft: Draft) -> str | None:
    """Open the answer's reflection, then its correction form (it refills itself from draft), or say why not."""
    from myrole.store.reflections import get_answer

    answer = get_answer(myrole_app(app).db, draft.record)
    if answer is None:
        return "The answer this correction was for has since been removed."
    app.push_screen(ReflectionRecord(answer.reflection_id, correct=answer))
    return None
