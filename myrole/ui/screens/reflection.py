"""Provides the reflection stepper: prompts lens by lens, hints, visibility per answer, and autosave.

A reflection model's steps (no lens) are shown as steps of the pack, and at its end the person may tag
the reflection with the lenses it touched. A choose-lens pack (one-thing) asks first which one lens
fits; only that question is walked through, the others are reachable from the lens choice (ctrl+l).

Answers save themselves as they are typed, with the timing every form's draft uses
(myrole.ui.drafts.Debouncer). An answer too long to save is kept as a draft instead, and comes
back when its prompt is shown again. When the autosave finds the answer changed in another window,
the question (keep mine or load the other) waits until typing pauses, so no key lands in it.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Header, ProgressBar, Static, TextArea

from myrole.limits import FIELDS, problem
from myrole.model import Answer, Lens, Mode, Pack, Prompt, Reflection, Visibility
from myrole.settings import new_item_visibility
from myrole.store import StaleEditError, StoreError
from myrole.store.drafts import Draft, delete_draft, get_draft, save_draft
from myrole.store.reflection_lenses import get_tags, set_tags
from myrole.store.reflections import get_answers, get_reflection, save_answer, set_position
from myrole.text import one_line
from myrole.ui import bindings
from myrole.ui.context import myrole_app
from myrole.ui.drafts import Debouncer
from myrole.ui.forms import FieldError, show_error
from myrole.ui.keys import key_for
from myrole.ui.safe import plain, plain_line
from myrole.ui.widgets.review import ReviewPane
from myrole.ui.widgets.choices import VisibilitySelect, alliance_note, collective_of
from myrole.ui.widgets.identifiable import IdentifiableWarning
from myrole.ui.widgets.long_text import LongTextArea
from myrole.ui.widgets.footer import KeysFooter
from myrole.ui.fresh_screen import FreshScreen

ANONYMOUS_LEAD = "This may identify a person"
ANONYMOUS_ADVICE = "Reflections should be anonymous: edit it out, or keep it if it is not about a person."
LENS_ORDER = list(Lens)
QUESTION_PAUSE = 1.0  # seconds without a key in the answer before asking about another window's change
# The stepper's buttons: each with the binding that does the same, whose key it names.
BUTTON_KEYS = (("back", "reflection.back", "Back"), ("skip", "reflection.skip", "Skip"),
               ("next", "reflection.next", "Next"), ("commit", "reflection.commit", "Commit"))


class ReflectionScreen(FreshScreen, Screen[None]):
    """One prompt at a time; every answer is saved as it is typed."""

    BINDINGS = bindings.for_screen("reflection")

    def __init__(self, reflection_id: str, prompt_id: str | None = None) -> None:
        """prompt_id: the prompt to show first (else the one the reflection was left at)."""
        super().__init__()
        self.reflection_id = reflection_id
        self.start_prompt = prompt_id
        self.reflection: Reflection | None = None
        self.pack: Pack | None = None
        self.answers: dict[str, Answer] = {}
        self.index = 0
        self._autosave = Debouncer(self, lambda: self.save_now(ask_later=True))
        self._drafted: set[str] = set()  # prompts whose unsaved answer is kept as a draft
        self._conflicted: set[str] = set()  # ... of those, kept while another window's change was unanswered
        self._loading = False
        self._shown_status: tuple[str, bool] | None = None
        self._resolving = False  # a keep-mine-or-load-theirs question is open
        self._at_risk: str | None = None  # why the text on screen is in neither the answer nor a draft (see flush)
        self._conflict: Prompt | None = None  # ... or waits, for this prompt, until typing pauses
        self._question_timer: Timer | None = None
        self._tags_offered = False  # the lens tags of a reflection model are asked for once per visit to its end

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="stepper"):
            yield Static(id="where")
            yield ProgressBar(show_eta=False, id="progress")
            yield Static(id="prompt-text")
            with VerticalScroll(id="hint-box"):  # a long hint scrolls on a small screen (app.tcss)
                yield Static(id="hint", classes="hint")
            yield LongTextArea(id="answer", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            yield IdentifiableWarning(id="answer-warning")
            with Horizontal(id="answer-bar"):
                yield VisibilitySelect(id="visibility")
                yield Static(id="save-status")
            note = Static(Content(alliance_note("answer", collective_of(self.app))), classes="help-text", id="alliance-note")
            note.display = False  # shown while alliance is chosen, to say what that means
            yield note
            with Horizontal(classes="buttons", id="step-buttons"):
                yield Button("Back ^b", id="back")
                yield Button("Skip F4", id="skip")
                yield Button("Next ^n", variant="primary", id="next")
                yield Button("Commit ^t", id="commit")
        yield ReviewPane(id="review")
        yield KeysFooter(compact=True)

    # -- loading -------------------------------------------------------------------

    def on_mount(self) -> None:
        self._name_the_buttons_keys()
        self.reflection = get_reflection(myrole_app(self).db, self.reflection_id)
        self.pack = (myrole_app(self).catalogue.edition(self.reflection.pack_id, self.reflection.pack_version, self.app.notify)
                     if self.reflection else None)
        if self.pack is None or self.reflection is None:
            self.app.notify("This reflection's question set is no longer on this computer; "
                            "its answers are still in your history.", severity="warning")
            self.dismiss()
            return
        self.answers = {a.prompt_id: a for a in get_answers(myrole_app(self).db, self.reflection_id)}
        self.query_one(ProgressBar).total = len(self.pack.prompts)
        self.query_one("#hint").display = False
        ids = [p.id for p in self.pack.prompts]
        start = ids.index(self.start_prompt) if self.start_prompt in ids else self.reflection.position
        self.show_step(min(start, len(self.pack.prompts)))
        if self.pack.chooses_lens and self.start_prompt is None and start == 0 and not self.answers:
            self.action_lenses()  # a new one-lens reflection: which lens fits comes first

    @property
    def prompt(self) -> Prompt | None:
        assert self.pack is not None
        return self.pack.prompts[self.index] if self.index < len(self.pack.prompts) else None

    def show_step(self, index: int) -> None:
        assert self.pack is not None and self.reflection is not None
        self.index = index
        prompt = self.prompt
        reviewing = prompt is None
        self.query_one("#stepper").display = not reviewing
        self.query_one(ReviewPane).display = reviewing
        if prompt is None:
            self.query_one(ReviewPane).show(self.reflection, self.pack)
            if self.pack.is_model and not self._tags_offered:
                self._tags_offered = True
                self.call_after_refresh(self.action_lenses)
        else:
            self._show_prompt(prompt)
        self._remember_position()
        self.refresh_bindings()  # the question's own keys go from the footer at the end, and come back

    # Keys about the question on screen: at the end (the review) there is none.
    QUESTION_ACTIONS = frozenset({"toggle_hint", "cycle_visibility", "commit", "skip"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.QUESTION_ACTIONS and self.pack is not None and self.prompt is None:
            return False  # not shown, and not run
        return True

    def _where(self, prompt: Prompt) -> str:
        """The line above the question: its lens and mode, or for a model's step the pack and the step."""
        assert self.pack is not None  # set on mount (the screen closes at once without one)
        total = len(self.pack.prompts)
        if prompt.lens is None or prompt.mode is None:
            return f"{one_line(self.pack.title, 40)}  ·  step {self.index + 1} of {total}"
        lens_number = LENS_ORDER.index(prompt.lens) + 1
        where = f"Lens {lens_number} of 6: {prompt.lens.label}  ·  {prompt.mode.explained}"
        if self.pack.chooses_lens:
            return f"{where}  ·  ^l another lens"
        return f"{where}  ·  question {self.index + 1} of {total}"

    def _show_prompt(self, prompt: Prompt) -> None:
        where = Content(self._where(prompt))
        if self.reflection and self.reflection.topic:  # at an event: the topic chosen or written
            where = Content.assemble(where, "\n", ("Topic: ", "bold"), plain_line(self.reflection.topic, 76))
        self.query_one("#where", Static).update(where)
        self.query_one(ProgressBar).progress = self.index
        self.query_one("#prompt-text", Static).update(plain(prompt.text))
        examples = "".join(f"\n  e.g. {e}" for e in prompt.examples)
        self.query_one("#hint", Static).update(plain(f"Hint: {prompt.hint}{examples}"))
        answer = self.answers.get(prompt.id)
        draft = self._answer_draft(prompt)
        self._loading = True
        area = self.query_one("#answer", TextArea)
        area.load_text(draft if draft is not None else answer.text if answer else "")
        area.move_cursor(area.document.end)
        self.query_one(VisibilitySelect).value = (answer.visibility if answer else new_item_visibility(myrole_app(self).settings)).value
        self._check_identifiable(answer.text if answer else "")
        self.call_after_refresh(self._done_loading)
        self._status("Saved" if answer else "Type your answer; it is saved as you go.")
        area.focus()
        if draft is not None and prompt.id in self._conflicted:
            # kept while another window's change was unanswered: ask again, never overwrite it unasked
            self._conflict = prompt
            self.call_after_refresh(self._ask_about_conflict)
        elif draft is not None:  # unsaved text is back: try it again, which says why it was not saved
            self._autosave.mark()
            self.call_after_refresh(self.save_now)

    def _done_loading(self) -> None:
        self._loading = False

    # -- autosave --------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._loading or self.prompt is None:
            return
        saved = self.answers.get(self.prompt.id)
        if not self._autosave.pending and event.text_area.text == (saved.text if saved else ""):
            return  # load_text() also posts Changed, sometimes after loading ends: nothing new to save
        if self._conflict is not None:  # saving waits for the question, which waits for a pause
            self._autosave.mark()
            self._ask_after_pause()
            return
        if not self._autosave.changed():
            self._status("Saving…")

    def on_select_changed(self, event: VisibilitySelect.Changed) -> None:
        if event.select.id != "visibility":
            return
        self.query_one("#alliance-note").display = event.value == Visibility.ALLIANCE.value
        if self._loading or self.prompt is None:
            return
        answer = self.answers.get(self.prompt.id)
        if (answer.visibility if answer else new_item_visibility(myrole_app(self).settings)).value == event.value:
            return  # showing a prompt sets the choice too: only a real change is saved
        self._autosave.mark()
        self.save_now()

    def save_now(self, *, ask_later: bool = False) -> bool:
        """Save the current answer if it changed; on failure keep the draft on screen and say why.

        ask_later: the autosave is saving while the person may still be typing, so a question about
        another window's change waits until they pause (else their next keys would land in it)."""
        self._autosave.stop()
        prompt = self.prompt
        if prompt is None or not self._autosave.pending:
            self._at_risk = None
            return True
        text = self.query_one("#answer", TextArea).text
        visibility = self.query_one(VisibilitySelect).visibility
        too_long = problem(text, FIELDS[("answers", "text")], "Your answer")
        if too_long:
            return self._keep_too_long(prompt, text, too_long)
        try:
            self.answers[prompt.id] = save_answer(
                myrole_app(self).db, self.reflection_id, prompt, text, visibility, self.index,
                based_on=self.answers.get(prompt.id))
        except StaleEditError as error:
            self._keep_as_draft(prompt, text, conflict=True)  # survives a quit or a kill before the question is answered
            self._status(f"Not saved: {error}", error=True)
            self._resolve_conflict(prompt, later=ask_later)
            return False
        except (StoreError, ValueError) as error:
            self._at_risk = str(error)
            self._status(f"Not saved: {error}", error=True)
            self._autosave.retry_in(3)  # try again; the draft stays on screen
            return False
        self._at_risk = None
        self._autosave.done()
        self._forget_draft(prompt)
        self._status(f"Saved · {visibility.explanation}")
        self._check_identifiable(text)
        return True

    def _resolve_conflict(self, prompt: Prompt, *, later: bool = False) -> None:
        """Another window saved this answer: ask whether to keep this draft or load the other text,
        at once, or (later) once no key has come into the answer for QUESTION_PAUSE seconds."""
        if self._resolving:
            return
        self._conflict = prompt
        if later:
            self._ask_after_pause()
        else:
            self._ask_about_conflict()

    def _ask_after_pause(self) -> None:
        if self._question_timer is not None:
            self._question_timer.stop()
        self._question_timer = self.set_timer(QUESTION_PAUSE, self._ask_about_conflict)

    def _ask_about_conflict(self) -> None:
        from myrole.ui.dialogs.confirm import ConfirmDialog

        if self._question_timer is not None:
            self._question_timer.stop()
            self._question_timer = None
        prompt, self._conflict = self._conflict, None
        if prompt is None or self._resolving:
            return
        self._resolving = True

        def answered(keep_mine: bool | None) -> None:
            self._resolving = False
            latest = {a.prompt_id: a for a in get_answers(myrole_app(self).db, self.reflection_id)}.get(prompt.id)
            if latest is None:  # the other window's version becomes the base (none: it was deleted there)
                self.answers.pop(prompt.id, None)
            else:
                self.answers[prompt.id] = latest
            if keep_mine:
                self._autosave.mark()
                self.save_now()
            elif keep_mine is False:
                self._forget_draft(prompt)  # the other window's text is the answer now
                if self.prompt is prompt:
                    self._show_prompt(prompt)

        self.app.push_screen(ConfirmDialog(
            "This answer was changed in another window after you opened it. Your text is still here. "
            "Keep yours (it replaces the other), or load the other window's text?",
            yes="Keep mine", no="Load the other"), answered)

    def _check_identifiable(self, text: str) -> None:
        """Warn (never block) about what looks like patient data; run on save, not on each key press."""
        self.query_one(IdentifiableWarning).check(text, ANONYMOUS_LEAD, ANONYMOUS_ADVICE)

    def flush(self) -> str | None:
        """Save anything pending; called before leaving and when the app quits (even if the last
        keys' Changed messages have not arrived yet: the text on screen is compared with the saved).

        None when the text on screen is safe in the store (as the answer, or kept as a draft); else the
        sentence saying why it is not (the disk is full ...), and it is still only on screen.
        """
        saved = self.answers.get(self.prompt.id) if self.prompt is not None else None
        if self.prompt is not None and self.query_one("#answer", TextArea).text != (saved.text if saved else ""):
            self._autosave.mark()
        self.save_now()
        return self._at_risk

    # -- an answer too long to save is kept as a draft --------------------------------

    def _draft_record(self, prompt: Prompt) -> str:
        return f"{self.reflection_id}:{prompt.id}"

    def _answer_draft(self, prompt: Prompt) -> str | None:
        try:
            draft = get_draft(myrole_app(self).db, "answer", self._draft_record(prompt))
        except StoreError:
            return None
        text = draft.fields.get("answer") if draft else None
        if draft is None or not isinstance(text, str):
            return None
        self._drafted.add(prompt.id)
        if draft.context.get("conflict") == "yes":
            self._conflicted.add(prompt.id)
        return text

    def _keep_too_long(self, prompt: Prompt, text: str, sentence: str) -> bool:
        """Not saved as an answer (over its limit): say so under it, and keep the text as a draft."""
        self._keep_as_draft(prompt, text)
        self._autosave.stop()  # still not saved as an answer: moving on tries again, and stops here
        show_error(self, FieldError("answer", f"Not saved: {sentence}"), line_id="save-status")
        self._shown_status = None
        self.query_one("#save-status").set_class(True, "error")
        return False

    def _keep_as_draft(self, prompt: Prompt, text: str, *, conflict: bool = False) -> None:
        """Keep text that could not be saved as an answer as a draft; conflict: it waits for the
        keep-mine-or-load-theirs question, which reopening asks again."""
        context = {"reflection_id": self.reflection_id, "prompt_id": prompt.id}
        if conflict:
            context["conflict"] = "yes"
        try:
            save_draft(myrole_app(self).db, Draft("answer", self._draft_record(prompt),
                                          f"Reflection answer to “{one_line(prompt.text, 40)}”", {"answer": text},
                                          context))
            self._drafted.add(prompt.id)
            self._at_risk = None
        except StoreError as error:
            self._at_risk = str(error)  # the sentence on screen says it is not saved; the text stays on screen

    def _forget_draft(self, prompt: Prompt) -> None:
        self._conflicted.discard(prompt.id)
        if prompt.id in self._drafted:
            try:
                delete_draft(myrole_app(self).db, "answer", self._draft_record(prompt))
                self._drafted.discard(prompt.id)
            except StoreError:
                pass  # the answer is saved; the old draft is offered again, never lost

    def _status(self, message: str, *, error: bool = False) -> None:
        if (message, error) == self._shown_status:
            return  # typing repeats "Saving…" on every key; re-laying it out each time slows typing
        self._shown_status = (message, error)
        status = self.query_one("#save-status", Static)
        status.update(Content(message))
        status.set_class(error, "error")

    def _name_the_buttons_keys(self) -> None:
        """Each button names the key that does the same, as the person's keymap has it ('^b' for ctrl+b)."""
        for button_id, binding_id, words in BUTTON_KEYS:
            key = key_for(self, binding_id)
            shown = f"^{key.removeprefix('ctrl+')}" if key.startswith("ctrl+") and key.count("+") == 1 else key
            self.query_one(f"#{button_id}", Button).label = f"{words} {shown}"

    def _remember_position(self) -> None:
        try:
            set_position(myrole_app(self).db, self.reflection_id, self.index)
        except StoreError:
            pass  # only a convenience for resuming; the answers themselves are what matter

    # -- navigation ------------------------------------------------------------------

    def _move(self, step: int) -> None:
        if not self.save_now():
            return
        assert self.pack is not None
        if self.pack.chooses_lens and self.prompt is not None:
            # One lens's question is walked through: next goes to the end, back to the choice of lens.
            if step > 0:
                self.show_step(len(self.pack.prompts))
            else:
                self.action_lenses()
            return
        self.show_step(max(0, min(self.index + step, len(self.pack.prompts))))

    def action_lenses(self) -> None:
        """Choose the lens to answer (a choose-lens pack), or tag a reflection model with its lenses."""
        from myrole.ui.dialogs.lens_tags import LensTagDialog, lens_choice

        assert self.pack is not None
        if self.pack.chooses_lens:
            if self.save_now():
                self.app.push_screen(lens_choice(self.pack), self._lens_chosen)
        elif self.pack.is_model:
            try:
                tags = get_tags(myrole_app(self).db, self.reflection_id)
            except StoreError as error:
                self.app.notify(str(error), severity="error", markup=False)
                return
            self.app.push_screen(LensTagDialog(tags), self._tagged)

    def _lens_chosen(self, prompt_id: str | None) -> None:
        assert self.pack is not None  # set on mount (the screen closes at once without one)
        ids = [p.id for p in self.pack.prompts]
        if prompt_id in ids:
            self.show_step(ids.index(prompt_id))

    def _tagged(self, tags: list[tuple[Lens, Mode]] | None) -> None:
        if tags is None:
            return
        try:
            set_tags(myrole_app(self).db, self.reflection_id, tags)
        except StoreError as error:
            self.app.notify(f"The lenses were not saved: {error}", severity="error", markup=False)
            return
        self.app.notify(f"Tagged with {tagged_words(tags)}; the map on the home screen counts it." if tags
                        else "The lens tags were cleared.")

    def action_next(self) -> None:
        self._move(1)

    def action_skip(self) -> None:
        self._move(1)

    def action_back(self) -> None:
        self._move(-1)

    def action_review(self) -> None:
        assert self.pack is not None  # set on mount (the screen closes at once without one)
        if self.save_now():
            self.show_step(len(self.pack.prompts))

    def action_toggle_hint(self) -> None:
        hint = self.query_one("#hint")
        hint.display = not hint.display

    def action_cycle_visibility(self) -> None:
        select = self.query_one(VisibilitySelect)
        order = list(Visibility)
        select.value = order[(order.index(select.visibility) + 1) % len(order)].value

    def action_commit(self) -> None:
        """Turn the current answer into a commitment (lens and mode filled in)."""
        from myrole.ui.dialogs.commitment import CommitmentEditor, draft_from_answer

        if self.prompt is None or not self.save_now():
            return
        answer = self.answers.get(self.prompt.id)
        if answer is None or not answer.text.strip():
            self.app.notify("Write an answer first; a commitment grows from what you wrote.")
            return
        self.app.push_screen(CommitmentEditor(draft_from_answer(answer)))

    def action_leave(self) -> None:
        at_risk = self.flush()
        if self._resolving:
            return  # another window changed the answer: leaving waits for the person's choice
        if at_risk is not None:  # leaving would lose the text: it stays on screen until it can be saved
            self.app.notify(f"Your answer could not be saved, so the reflection stays open: {at_risk}",
                            title="Not saved", severity="error", markup=False)
            return
        from myrole.ui.keys import key_for  # the key home's reflect has now (the person's keymap may move it)

        self.app.notify(f"Your reflection is saved. Press {key_for(self, 'home.reflect')} on the home screen to "
                        "carry on.", markup=False)
        self.dismiss()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"back": self.action_back, "skip": self.action_skip, "next": self.action_next,
                   "commit": self.action_commit}
        if event.button.id in actions:
            actions[event.button.id]()

    def on_review_pane_back(self, message: ReviewPane.Back) -> None:
        assert self.pack is not None  # set on mount (the screen closes at once without one)
        if self.pack.chooses_lens:
            self.action_lenses()
            return
        self.show_step(len(self.pack.prompts) - 1)


def tagged_words(tags: list[tuple[Lens, Mode]]) -> str:
    """How many lenses and ways of contributing were ticked: '2 lenses and 1 way of contributing'."""
    lenses, modes = len({lens for lens, _ in tags}), len({mode for _, mode in tags})
    return (f"{lenses} {'lens' if lenses == 1 else 'lenses'} and "
            f"{modes} {'way' if modes == 1 else 'ways'} of contributing")


def reopen_draft(app: App, draft: Draft) -> str | None:
    """Open the reflection at the prompt a too-long answer was for (the text comes back), or say why not."""
    reflection = get_reflection(myrole_app(app).db, draft.context.get("reflection_id", ""))
    if reflection is None:
        return "The reflection this answer was for has since been deleted."
    if myrole_app(app).catalogue.get(reflection.pack_id) is None:
        return "This reflection's question set is no longer on this computer."
    app.push_screen(ReflectionScreen(reflection.id, draft.context.get("prompt_id")))
    return None
