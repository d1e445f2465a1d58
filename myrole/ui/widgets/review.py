"""Provides the end of a reflection: what you answered, commitments from it, and finishing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from myrole.model import Answer, Pack, Reflection
from myrole.store import StoreError
from myrole.store.commitments import commitments_for_reflection
from myrole.store.reflections import finish_reflection, get_answers
from myrole.text import one_line
from myrole.ui.context import myrole_app


class ReviewPane(Vertical):
    """Shown after the last prompt: pick answers to turn into one to three commitments, then finish."""

    class Back(Message):
        """The person wants to return to the prompts."""

    def compose(self) -> ComposeResult:
        yield Static("Turn your reflection into commitments", classes="section-title")
        yield Static(id="review-advice", classes="help-text")
        yield OptionList(id="review-answers")
        with Horizontal(classes="buttons"):
            yield Button("Back to the questions", id="review-back")
            yield Button("Finish reflection", variant="primary", id="review-finish")

    def show(self, reflection: Reflection, pack: Pack) -> None:
        self.reflection, self.pack = reflection, pack
        db = myrole_app(self).db
        answers = [a for a in get_answers(db, reflection.id) if a.text.strip()]
        made = commitments_for_reflection(db, reflection.id)
        count = len(made)
        if not answers:
            advice = ("You have not written any answers yet. That is fine: go back to the questions, "
                      "or finish now and come back another time.")
        else:
            advice = (f"You answered {len(answers)} of {len(pack.prompts)} questions and have made "
                      f"{count} commitment{'s' if count != 1 else ''} from this reflection. "
                      "Choose an answer (enter) to turn it into a commitment. "
                      "One to three is plenty: small and concrete beats many.")
            if count > 3:
                advice += " You already have more than three; consider keeping only the ones you will really do."
        self.query_one("#review-advice", Static).update(Content(advice))
        options = self.query_one("#review-answers", OptionList)
        options.clear_options()
        for answer in answers:
            label = Content.assemble(
                (f"{where_in_words(answer)} · {answer.visibility.value}", "dim"), "\n",
                one_line(answer.text, 70),
            )
            options.add_option(Option(label, id=answer.id))
        self.answers = {a.id: a for a in answers}
        if answers:
            options.highlighted = 0  # so enter turns the first answer into a commitment at once
        (options if answers else self.query_one("#review-finish")).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from myrole.ui.dialogs.commitment import CommitmentEditor, draft_from_answer

        event.stop()
        answer = self.answers.get(event.option.id or "")
        if answer:
            self.app.push_screen(CommitmentEditor(draft_from_answer(answer)),
                                 lambda _: self.show(self.reflection, self.pack))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "review-back":
            self.post_message(self.Back())
            return
        try:
            finish_reflection(myrole_app(self).db, self.reflection.id)
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        made = len(commitments_for_reflection(myrole_app(self).db, self.reflection.id))
        self.app.notify(finished_words(made))
        self.screen.dismiss()


def finished_words(made: int) -> str:
    """What finishing says: where the commitments made from the reflection are, if it has any."""
    if not made:
        return "Reflection finished. You can read it again from History (h on home)."
    return f"Reflection finished. Your {'commitment is' if made == 1 else 'commitments are'} on the home screen."


def where_in_words(answer: Answer) -> str:
    """An answer's lens and mode, the mode with everyday words beside it ('no lens' for a model's step)."""
    if answer.lens is None or answer.mode is None:
        return answer.placement
    return f"{answer.lens.label} / {answer.mode.explained}"
