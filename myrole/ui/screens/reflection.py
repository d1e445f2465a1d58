"""Provides the reflection stepper: prompts lens by lens, hints, visibility per answer, and autosave."""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, Header, ProgressBar, Static, TextArea

from myrole.model import Answer, Lens, Pack, Prompt, Reflection, Visibility
from myrole.store import StaleEditError, StoreError
from myrole.store.reflections import get_answers, get_reflection, save_answer, set_position
from myrole.ui.safe import plain
from myrole.ui.widgets.review import ReviewPane
from myrole.ui.widgets.choices import VisibilitySelect, alliance_note
from myrole.ui.widgets.identifiable import IdentifiableWarning
from myrole.ui.widgets.long_text import LongTextArea

AUTOSAVE_PAUSE = 0.4  # seconds of quiet before saving
AUTOSAVE_LIMIT = 1.0  # never leave more than this much continuous typing unsaved
ANONYMOUS_LEAD = "This may identify a person"
ANONYMOUS_ADVICE = "Reflections should be anonymous: edit it out, or keep it if it is not about a person."
LENS_ORDER = list(Lens)


class ReflectionScreen(Screen[None]):
    """One prompt at a time; every answer is saved as it is typed."""

    BINDINGS = [
        # Next, back and skip are shown on their buttons (with their keys), not in the footer,
        # so that the footer's other keys fit at 80 columns.
        Binding("ctrl+n", "next", "Next", show=False, id="reflection.next"),
        Binding("ctrl+b", "back", "Back", show=False, id="reflection.back"),
        Binding("f4", "skip", "Skip", show=False, id="reflection.skip"),
        Binding("f2", "toggle_hint", "Hint", id="reflection.hint"),
        Binding("f3", "cycle_visibility", "Who sees", id="reflection.visibility"),
        Binding("ctrl+t", "commit", "Commit", id="reflection.commit"),
        Binding("ctrl+f", "review", "Finish", id="reflection.finish"),
        Binding("escape", "leave", "Leave", id="reflection.leave"),
    ]

    def __init__(self, reflection_id: str) -> None:
        super().__init__()
        self.reflection_id = reflection_id
        self.reflection: Reflection | None = None
        self.pack: Pack | None = None
        self.answers: dict[str, Answer] = {}
        self.index = 0
        self._timer: Timer | None = None
        self._dirty_since: float | None = None
        self._loading = False
        self._shown_status: tuple[str, bool] | None = None
        self._resolving = False  # a keep-mine-or-load-theirs question is open

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="stepper"):
            yield Static(id="where")
            yield ProgressBar(show_eta=False, id="progress")
            yield Static(id="prompt-text")
            yield Static(id="hint", classes="hint")
            yield LongTextArea(id="answer", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
            yield IdentifiableWarning(id="answer-warning")
            with Horizontal(id="answer-bar"):
                yield VisibilitySelect(id="visibility")
                yield Static(id="save-status")
            note = Static(Content(alliance_note("answer")), classes="help-text", id="alliance-note")
            note.display = False  # shown while alliance is chosen, to say what that means
            yield note
            with Horizontal(classes="buttons", id="step-buttons"):
                yield Button("Back ^b", id="back")
                yield Button("Skip F4", id="skip")
                yield Button("Next ^n", variant="primary", id="next")
                yield Button("Commit ^t", id="commit")
        yield ReviewPane(id="review")
        yield Footer(compact=True)

    # -- loading -------------------------------------------------------------------

    def on_mount(self) -> None:
        self.reflection = get_reflection(self.app.db, self.reflection_id)
        self.pack = self.app.catalogue.get(self.reflection.pack_id) if self.reflection else None
        if self.pack is None:
            self.app.notify("This reflection's prompt pack is no longer installed; "
                            "its answers are still in your history.", severity="warning")
            self.dismiss()
            return
        self.answers = {a.prompt_id: a for a in get_answers(self.app.db, self.reflection_id)}
        self.query_one(ProgressBar).total = len(self.pack.prompts)
        self.query_one("#hint").display = False
        self.show_step(min(self.reflection.position, len(self.pack.prompts)))

    @property
    def prompt(self) -> Prompt | None:
        assert self.pack is not None
        return self.pack.prompts[self.index] if self.index < len(self.pack.prompts) else None

    def show_step(self, index: int) -> None:
        assert self.pack is not None and self.reflection is not None
        self.index = index
        reviewing = self.prompt is None
        self.query_one("#stepper").display = not reviewing
        self.query_one(ReviewPane).display = reviewing
        if reviewing:
            self.query_one(ReviewPane).show(self.reflection, self.pack)
        else:
            self._show_prompt(self.prompt)
        self._remember_position()

    def _show_prompt(self, prompt: Prompt) -> None:
        total = len(self.pack.prompts)
        lens_number = LENS_ORDER.index(prompt.lens) + 1
        self.query_one("#where", Static).update(
            f"Lens {lens_number} of 6: {prompt.lens.title}  ·  {prompt.mode.title}  ·  "
            f"prompt {self.index + 1} of {total}"
        )
        self.query_one(ProgressBar).progress = self.index
        self.query_one("#prompt-text", Static).update(plain(prompt.text))
        examples = "".join(f"\n  e.g. {e}" for e in prompt.examples)
        self.query_one("#hint", Static).update(plain(f"Hint: {prompt.hint}{examples}"))
        answer = self.answers.get(prompt.id)
        self._loading = True
        area = self.query_one("#answer", TextArea)
        area.load_text(answer.text if answer else "")
        area.move_cursor(area.document.end)
        self.query_one(VisibilitySelect).value = (answer.visibility if answer else Visibility.PRIVATE).value
        self._check_identifiable(answer.text if answer else "")
        self.call_after_refresh(self._done_loading)
        self._status("Saved" if answer else "Type your answer; it is saved as you go.")
        area.focus()

    def _done_loading(self) -> None:
        self._loading = False

    # -- autosave --------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._loading or self.prompt is None:
            return
        saved = self.answers.get(self.prompt.id)
        if self._dirty_since is None and event.text_area.text == (saved.text if saved else ""):
            return  # load_text() also posts Changed, sometimes after loading ends: nothing new to save
        now = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        if self._timer:
            self._timer.stop()
        if now - self._dirty_since >= AUTOSAVE_LIMIT:
            self.save_now()
        else:
            self._timer = self.set_timer(AUTOSAVE_PAUSE, self.save_now)
            self._status("Saving…")

    def on_select_changed(self, event: VisibilitySelect.Changed) -> None:
        if event.select.id != "visibility":
            return
        self.query_one("#alliance-note").display = event.value == Visibility.ALLIANCE.value
        if self._loading or self.prompt is None:
            return
        answer = self.answers.get(self.prompt.id)
        if (answer.visibility if answer else Visibility.PRIVATE).value == event.value:
            return  # showing a prompt sets the choice too: only a real change is saved
        self._dirty_since = self._dirty_since or time.monotonic()
        self.save_now()

    def save_now(self) -> bool:
        """Save the current answer if it changed; on failure keep the draft on screen and say why."""
        if self._timer:
            self._timer.stop()
            self._timer = None
        prompt = self.prompt
        if prompt is None or self._dirty_since is None:
            return True
        text = self.query_one("#answer", TextArea).text
        visibility = self.query_one(VisibilitySelect).visibility
        try:
            self.answers[prompt.id] = save_answer(
                self.app.db, self.reflection_id, prompt, text, visibility, self.index,
                based_on=self.answers.get(prompt.id))
        except StaleEditError as error:
            self._status(f"Not saved: {error}", error=True)
            self._resolve_conflict(prompt)
            return False
        except (StoreError, ValueError) as error:
            self._status(f"Not saved: {error}", error=True)
            self._timer = self.set_timer(3, self.save_now)  # try again; the draft stays on screen
            return False
        self._dirty_since = None
        self._status(f"Saved · {visibility.explanation}")
        self._check_identifiable(text)
        return True

    def _resolve_conflict(self, prompt: Prompt) -> None:
        """Another window saved this answer: ask whether to keep this draft or load the other text."""
        from myrole.ui.dialogs.confirm import ConfirmDialog

        if self._resolving:
            return
        self._resolving = True

        def answered(keep_mine: bool | None) -> None:
            self._resolving = False
            latest = {a.prompt_id: a for a in get_answers(self.app.db, self.reflection_id)}.get(prompt.id)
            self.answers[prompt.id] = latest  # the other window's version becomes the base
            if keep_mine:
                self._dirty_since = self._dirty_since or time.monotonic()
                self.save_now()
            elif keep_mine is False and self.prompt is prompt:
                self._show_prompt(prompt)

        self.app.push_screen(ConfirmDialog(
            "This answer was changed in another window after you opened it. Your text is still here. "
            "Keep yours (it replaces the other), or load the other window's text?",
            yes="Keep mine", no="Load the other"), answered)

    def _check_identifiable(self, text: str) -> None:
        """Warn (never block) about what looks like patient data; run on save, not on each key press."""
        self.query_one(IdentifiableWarning).check(text, ANONYMOUS_LEAD, ANONYMOUS_ADVICE)

    def flush(self) -> None:
        """Save anything pending; called before leaving and when the app quits."""
        self.save_now()

    def _status(self, message: str, *, error: bool = False) -> None:
        if (message, error) == self._shown_status:
            return  # typing repeats "Saving…" on every key; re-laying it out each time slows typing
        self._shown_status = (message, error)
        status = self.query_one("#save-status", Static)
        status.update(Content(message))
        status.set_class(error, "error")

    def _remember_position(self) -> None:
        try:
            set_position(self.app.db, self.reflection_id, self.index)
        except StoreError:
            pass  # only a convenience for resuming; the answers themselves are what matter

    # -- navigation ------------------------------------------------------------------

    def _move(self, step: int) -> None:
        if not self.save_now():
            return
        assert self.pack is not None
        self.show_step(max(0, min(self.index + step, len(self.pack.prompts))))

    def action_next(self) -> None:
        self._move(1)

    def action_skip(self) -> None:
        self._move(1)

    def action_back(self) -> None:
        self._move(-1)

    def action_review(self) -> None:
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
        self.flush()
        self.app.notify("Your reflection is saved. Press r on the home screen to carry on.")
        self.dismiss()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"back": self.action_back, "skip": self.action_skip, "next": self.action_next,
                   "commit": self.action_commit}
        if event.button.id in actions:
            actions[event.button.id]()

    def on_review_pane_back(self, message: ReviewPane.Back) -> None:
        self.show_step(len(self.pack.prompts) - 1)
