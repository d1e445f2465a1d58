"""Provides drafts in the app: every form keeps what is typed in the store as it is typed, and gets it back.

The one mechanism for every form (the store side is `myrole.store.drafts`):

- `Debouncer` is the timing: save after AUTOSAVE_PAUSE seconds without a change, and never
  leave more than AUTOSAVE_LIMIT seconds of continuous typing unsaved. The reflection
  stepper's answer autosave uses it too.
- `DraftForm` is a mixin for a form (a ModalScreen). It watches the Input, TextArea, Select
  and ScaleChoice fields it is given, keeps them as a draft (debounced), puts a draft back
  when the form opens again on the same record, deletes it when the form is really saved or
  the person throws it away, and asks before a cancel would lose typed words.
- `FORMS` names, for each form, the module whose `reopen_draft` opens it again; the offer made
  when the app starts (`myrole.ui.dialogs.drafts.open_draft`) uses it.

Adopting it in a new form takes a few lines::

    class NoteDialog(DraftForm, ModalScreen[bool]):
        draft_form = "note"                      # a name of its own; add it to FORMS below
        draft_fields = ("text", "visibility")    # widget ids, in the order they are shown

        def draft_record(self) -> str:           # the record it edits ("" for a new one)
            return self.note_id

        def draft_title(self) -> str:            # what the form is, in words, for the offer
            return "Note"

        def action_save(self) -> None:
            ...                                  # on a real save:
            self.draft_saved()
            self.dismiss(True)

        def action_cancel(self) -> None:
            self.cancel_form(None)               # asks: keep as a draft, or throw away

`self.save_form(save, sizes)` does that save in one line: it checks each field's size, calls
save(), puts a refusal's sentence under its field (focused), or else drops the draft and closes
the form with what save() returned.

A form whose save deletes its draft in its own transaction (a correction: the draft holds the
text being removed) calls `self.draft_saved(deleted_by_save=True)` instead.

And, in the form's module (or the screen it opens over), `reopen_draft(app, draft) -> str | None`
that opens the form again on draft.record (it then refills itself) or returns the sentence
saying why it cannot (the record was deleted or closed): the person is then shown the text, to
copy or throw away.

A draft is kept only when a text field (Input or TextArea) differs from what the form opened
with; choices alone (a select, a scale) are kept along with typed text but are not worth a
draft on their own. Drafts are private: only this module and the offer read them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from myrole.store import StoreError
from myrole.store.corrections import DRAFT_FORMS as CORRECTION_FORMS
from myrole.store.drafts import Draft, FieldValue, delete_draft, get_draft, save_draft
from myrole.ui.context import myrole_app
from myrole.ui.forms import Sizes, check_sizes, read_field, show_error, write_field

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.screen import ModalScreen

    from myrole.ui.widgets.scale import ScaleChoice

    # mypy reads the mixin as the form screen it is always mixed into, so self.app, notify and dismiss are typed
    FormScreen = ModalScreen[Any]
else:
    FormScreen = object

T = TypeVar("T")
AUTOSAVE_PAUSE = 0.4  # seconds of quiet before saving
AUTOSAVE_LIMIT = 1.0  # never leave more than this much continuous typing unsaved
SETTLE_SECONDS = 1.0  # the longest quitting waits for keys already sent to a field

# Each form that keeps drafts, and the module whose reopen_draft(app, draft) opens it again: the
# form's own module, or the screen it is opened from when it must open over that screen.
FORMS = {
    "commitment": "myrole.ui.dialogs.commitment",
    "renegotiate": "myrole.ui.dialogs.commitment",
    "checkin": "myrole.ui.dialogs.checkin",
    "profile": "myrole.ui.dialogs.profile",
    "settings": "myrole.ui.dialogs.settings",
    "start": "myrole.ui.dialogs.start",
    # A status change (myrole.ui.dialogs.status) opens again over the commitment's screen.
    "pause": "myrole.ui.screens.commitment",
    "cadence": "myrole.ui.screens.commitment",
    "status-reason": "myrole.ui.screens.commitment",
    "one-to-one item": "myrole.ui.screens.one_to_one",
    "one-to-one dates": "myrole.ui.screens.one_to_one",
    "answer": "myrole.ui.screens.reflection",
    "nmc-account": "myrole.ui.dialogs.account",
    "cpd-details": "myrole.ui.dialogs.cpd",
    "hcpc-summary": "myrole.ui.screens.revalidation",
    "hcpc-statement-item": "myrole.ui.dialogs.statement",
    CORRECTION_FORMS["answer"]: "myrole.ui.screens.history",
    CORRECTION_FORMS["checkin"]: "myrole.ui.screens.commitment",
    CORRECTION_FORMS["item"]: "myrole.ui.screens.one_to_one",
}
# A draft written on a one-to-one's screen (its context names the one-to-one: an item, its
# correction, or an agreed action being made a commitment) reopens through that screen.
ONE_TO_ONE = "myrole.ui.screens.one_to_one"
KEEP_OR_THROW = ("You have typed in this form. Keep it as a draft for later (it comes back when you "
                 "open this form again, or when you next start myrole), or throw it away for good? "
                 "Escape goes back to the form.")


class Debouncer:
    """Calls save once typing pauses, or at once when it has gone on too long unsaved."""

    def __init__(self, owner: MessagePump, save: Callable[[], object]) -> None:
        self.owner, self.save = owner, save
        self.dirty_since: float | None = None
        self._timer: Timer | None = None

    @property
    def pending(self) -> bool:
        """Something changed since the last save."""
        return self.dirty_since is not None

    def changed(self) -> bool:
        """Note a change; True when it was saved at once (typing went on past the limit)."""
        now = time.monotonic()
        if self.dirty_since is None:
            self.dirty_since = now
        self.stop()
        if now - self.dirty_since >= AUTOSAVE_LIMIT:
            self.save()
            return True
        self._timer = self.owner.set_timer(AUTOSAVE_PAUSE, self.save)
        return False

    def mark(self) -> None:
        """Note a change that should be saved now (the caller saves)."""
        self.dirty_since = self.dirty_since or time.monotonic()

    def retry_in(self, seconds: float) -> None:
        """Try the save again later (it failed; the change is still pending)."""
        self.stop()
        self._timer = self.owner.set_timer(seconds, self.save)

    def stop(self) -> None:
        if self._timer:
            self._timer.stop()
            self._timer = None

    def done(self) -> None:
        """The change is saved."""
        self.stop()
        self.dirty_since = None


class DraftForm(FormScreen):
    """Mixin for a form screen: keeps its fields as a draft while they are typed (see the module docstring)."""

    # Set on the class, or per dialog where one dialog class serves several forms (corrections, commitments).
    draft_form: str = ""
    draft_fields: tuple[str, ...] = ()

    def draft_record(self) -> str:
        return ""

    def draft_title(self) -> str:
        return ""

    def draft_context(self) -> dict[str, str]:
        """Anything besides the record that reopening the form needs."""
        return {}

    # -- the form's side ----------------------------------------------------------------

    def on_mount(self) -> None:
        """After the form's own on_mount (Textual calls each class's handler): note the start, refill a draft."""
        self._draft_original = self.draft_values()
        self._draft_stored: dict[str, FieldValue] | None = None
        self._draft_in_store = False
        self._draft_closed = False
        self._draft_warned = False
        self._draft_timing = Debouncer(self, self.save_draft_now)
        try:
            found = get_draft(myrole_app(self).db, self.draft_form, self.draft_record())
        except StoreError:
            found = None
        if found is not None:
            self.restore_draft(found)

    def draft_values(self) -> dict[str, FieldValue]:
        return {field: read_field(self._draft_widget(field)) for field in self.draft_fields}

    def restore_draft(self, draft: Draft) -> None:
        """Fill the fields from draft (a value a field cannot take is left as the form had it)."""
        for field in self.draft_fields:
            if field in draft.fields:
                write_field(self._draft_widget(field), draft.fields[field])
        self._draft_stored = self.draft_values()
        self._draft_in_store = True
        self._focus_where_typed(draft)
        self.notify(f"Your unsaved draft from {local_time(draft.saved_at)} is back in this form.",
                    title="Draft restored", markup=False)

    def _focus_where_typed(self, draft: Draft) -> None:
        """Put the cursor at the end of the last field the person typed in, so the next key carries on there."""
        typed = [field for field in draft.context.get("typed", "").split(",") if field in self.draft_fields]
        if not typed:
            return
        widget = self._draft_widget(max(typed, key=self.draft_fields.index))
        if isinstance(widget, Input):
            widget.cursor_position = len(widget.value)
        widget.focus()

    def draft_saved(self, *, deleted_by_save: bool = False) -> None:
        """The form was really saved: its draft goes (deleted_by_save: the save's own transaction deleted it)."""
        self._draft_closed = True
        self._draft_timing.stop()
        if deleted_by_save:
            self._draft_in_store = False
        else:
            self._delete_draft()

    def save_form(self, save: Callable[[], T], sizes: Sizes | None = None) -> None:
        """A form's save: check every field's size (sizes), then save(); a problem's sentence goes
        under its field, which gets the focus, and the form stays open. Else the draft goes and the
        form closes with what save() returned."""
        try:
            if sizes:
                check_sizes(self, sizes)
            saved = save()
        except (StoreError, ValueError) as error:
            show_error(self, error)
            return
        self.draft_saved()
        self.dismiss(saved)

    def discard_draft(self) -> None:
        """The person threw what they typed away: its draft goes for good."""
        self.draft_saved()

    def cancel_form(self, result: object = None) -> None:
        """Close the form; if words were typed, ask whether to keep them as a draft or throw them away."""
        if not self._worth_keeping(self.draft_values()):
            self.discard_draft()
            self.dismiss(result)
            return
        from myrole.ui.dialogs.confirm import ConfirmDialog

        def answered(keep: bool | None) -> None:
            if keep is None:
                return  # escape: back to the form, nothing lost
            if keep:
                at_risk = self.flush()
                if at_risk is not None:  # not kept: closing the form would lose the words, so it stays open
                    self.notify(f"Your draft could not be kept, so the form stays open: {at_risk}", title="Not kept",
                                severity="error", markup=False)
                    return
                self._draft_closed = True
                self.notify("Kept as a draft. It comes back when you open this form again "
                            "or next start myrole.", markup=False)
            else:
                self.discard_draft()
            self.dismiss(result)

        self.app.push_screen(ConfirmDialog(KEEP_OR_THROW, yes="Keep as a draft", no="Throw away"),
                             answered)

    def flush(self) -> str | None:
        """Save the draft now if anything is unsaved (before quitting, or keeping it on cancel): None when what is
        typed is safe in the store, else the sentence saying why it could not be kept."""
        if not self._draft_closed and self.draft_values() != self._draft_stored:
            return self.save_draft_now()
        return None

    # -- watching the fields ------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        self._field_changed(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._field_changed(event.text_area)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._field_changed(event.select)

    def on_scale_choice_changed(self, event: ScaleChoice.Changed) -> None:
        self._field_changed(event.scale)

    def _field_changed(self, widget: Widget) -> None:
        if widget.id not in self.draft_fields or not hasattr(self, "_draft_timing") or self._draft_closed:
            return
        if self.draft_values() == self._draft_stored:
            self._draft_timing.done()  # e.g. a field filled in by the form itself: nothing new
            return
        self._draft_timing.changed()

    def save_draft_now(self) -> str | None:
        """Keep what is typed as the form's draft: None when kept (or nothing needs keeping), else why it could not be."""
        self._draft_timing.stop()
        if self._draft_closed:
            return None
        values = self.draft_values()
        try:
            typed = self._draft_typed_fields(values)
            if typed:
                context = {**self.draft_context(), "typed": ",".join(typed)}
                save_draft(myrole_app(self).db, Draft(self.draft_form, self.draft_record(), self.draft_title(),
                                              values, context))
                self._draft_in_store = True
            elif self._draft_in_store:
                self._delete_draft()
        except StoreError as error:
            if not self._draft_warned:  # once: typing on must not bring a message per key
                self._draft_warned = True
                self.notify(str(error), title="Your draft could not be kept; what you typed is still here",
                            severity="warning", markup=False)
            self._draft_timing.retry_in(3)
            return str(error)
        self._draft_stored = values
        self._draft_timing.done()
        return None

    def _worth_keeping(self, values: dict[str, FieldValue]) -> bool:
        """Words typed: a text field differs from what the form opened with."""
        return bool(self._draft_typed_fields(values))

    def _draft_typed_fields(self, values: dict[str, FieldValue]) -> list[str]:
        """The text fields (Input, TextArea) that differ from what the form opened with."""
        return [field for field in self.draft_fields if values[field] != self._draft_original[field]
                and isinstance(self._draft_widget(field), (Input, TextArea))]

    def _delete_draft(self) -> None:
        if not self._draft_in_store:
            return
        try:
            delete_draft(myrole_app(self).db, self.draft_form, self.draft_record())
        except StoreError:
            return  # the form's own save worked; a left-over draft is offered again, never lost
        self._draft_in_store = False

    def _draft_widget(self, field: str) -> Widget:
        return self.query_one(f"#{field}", Widget)


def local_time(saved_at: str) -> str:
    """A stored UTC moment as local 'YYYY-MM-DD HH:MM' (as stored if it cannot be read)."""
    from myrole.dates import local_moment

    try:
        moment = local_moment(saved_at)
    except ValueError:
        return saved_at
    return moment.strftime("%Y-%m-%d %H:%M")


async def settle_pending_keys(app: App) -> None:
    """Wait until the focused field and the screen around it have handled every key already sent to them.

    Textual hands a key to the focused widget through that widget's own message queue, while
    ctrl+q (a priority binding) runs at once on the app's queue: keys typed just before it may
    not be in the field yet. A callback queued behind them runs after they are applied; then
    the same through each parent, so their Changed messages have arrived too.
    """
    node = app.focused
    while node is not None:
        await _after_queue(node)
        if node is app.screen:
            break
        node = node.parent  # type: ignore[assignment]


async def _after_queue(node: MessagePump) -> None:
    done = asyncio.get_running_loop().create_future()
    if not node.call_later(lambda: None if done.done() else done.set_result(None)):
        return
    try:
        await asyncio.wait_for(done, SETTLE_SECONDS)
    except asyncio.TimeoutError:
        pass  # never let quitting hang; what has arrived is saved
