"""Provides history: past reflections (each one's answers grouped by lens, correctable) and closed commitments."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from myrole.model import NO_LENS, Answer, Commitment, Reflection, Status, Visibility
from myrole.store import StoreError
from myrole.store.commitments import list_closed
from myrole.store.corrections import Correction
from myrole.store.drafts import Draft
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


def closed_label(commitment: Commitment, closed_at: str) -> Content:
    """Two lines: the title; done or dropped and when, in words, with its lens and who can see it."""
    state = "Done" if commitment.status is Status.DONE else "Dropped"
    return Content.assemble(
        (one_line(commitment.title, 70), "bold"), "\n",
        f"   {state} on {closed_at[:10]} · {commitment.lens.title} · {commitment.visibility.value}",
    )


class HistoryScreen(Screen[None]):
    """Every past reflection, then every finished or dropped commitment, each newest first."""

    CSS = """
    #closed-commitments {
        height: auto;
        max-height: 12;
    }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="history.back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="history-body"):
            yield Static("Past reflections. Choose one to read it; there, c corrects an answer.",
                         classes="section-title")
            yield OptionList(id="reflections")
            yield Static("Finished and dropped commitments, newest first (tab to reach them)",
                         classes="section-title")
            yield OptionList(id="closed-commitments")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reflections", OptionList).focus()

    def on_screen_resume(self) -> None:
        """Read the store each time: a commitment reopened from here leaves the list."""
        self._fill("#reflections", [(r.id, reflection_label(r, answered))
                                    for r, answered in list_reflections(self.app.db)],
                   "No reflections yet. Press escape, then r to start one.")
        self._fill("#closed-commitments", [(c.id, closed_label(c, at)) for c, at in list_closed(self.app.db)],
                   "None yet. A commitment you mark done (d) or drop (x) is kept here.")

    def _fill(self, list_id: str, rows: list[tuple[str, Content]], empty: str) -> None:
        options = self.query_one(list_id, OptionList)
        was = options.highlighted
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
            (f"{a.mode.explained if a.mode else NO_LENS} · who can see it: {a.visibility.explanation} (v to change · c to correct)", "dim"),
        ))


class ReflectionRecord(Screen[None]):
    """One past reflection's answers, exactly as written, with who could see each."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="record.back"),
        Binding("c", "correct", "Correct", id="record.correct"),
        Binding("v", "visibility", "Who can see", id="record.visibility"),
        Binding("delete", "delete_for_good", "Delete", show=False, id="record.delete"),
        Binding("n", "nmc_account", "NMC account", id="record.nmc_account"),
        Binding("k", "cpd_details", "CPD details", id="record.cpd_details"),
    ]

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
        yield Footer()

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
        reflection = get_reflection(self.app.db, self.reflection_id)
        answers = [a for a in get_answers(self.app.db, self.reflection_id) if a.text.strip()]
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
                    widgets.append(Static(lens.title, classes="lens-title"))
            widgets.append(AnswerView(answer))
        await body.mount_all(widgets)
        shown = [view for view in body.query(AnswerView) if view.answer.id == focus_answer]
        (shown[0] if shown else body).focus()

    def action_correct(self) -> None:
        """Correct the focused answer: the old text is replaced for good (empty removes the answer)."""
        view = self.focused
        if not isinstance(view, AnswerView):
            self.notify("Press tab to move to an answer first, then c.")
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
                                  lambda values: correct_answer(self.app.db, answer, values["text"]),
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
            self.notify("Press tab to move to an answer first, then v.")
            return

        def chosen(visibility: Visibility | None) -> None:
            if visibility is None or visibility is view.answer.visibility:
                return
            try:
                set_answer_visibility(self.app.db, view.answer.id, visibility)
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            view.answer = get_answer(self.app.db, view.answer.id) or replace(view.answer, visibility=visibility)
            view.show()

        self.app.push_screen(VisibilityDialog(view.answer.visibility, view.answer.text, "answer"), chosen)


def reopen_draft(app, draft: Draft) -> str | None:
    """Open the answer's reflection, then its correction form (it refills itself from draft), or say why not."""
    from myrole.store.reflections import get_answer

    answer = get_answer(app.db, draft.record)
    if answer is None:
        return "The answer this correction was for has since been removed."
    app.push_screen(ReflectionRecord(answer.reflection_id, correct=answer))
    return None
