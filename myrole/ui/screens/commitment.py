"""Provides the commitment detail screen: every field, where it came from, check-ins, history and actions."""

from __future__ import annotations

from collections.abc import Callable

from datetime import date
from functools import partial

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Static

from myrole.dates import local_date
from myrole.model import CONFIDENCE_LABELS, PROGRESS_LABELS, CheckIn, Commitment, Status, Visibility
from myrole.shared_choices import PROGRESS_SCALE, on_scale
from myrole.schedule import effective_status, parse_cadence
from myrole.store import StoreError
from myrole.store.checkins import list_checkins, summarise
from myrole.store.commitments import CLOSED, closed_at, get_commitment, status_history
from myrole.store.drafts import Draft
from myrole.store.reflections import get_answer, get_reflection
from myrole.store.status import drop, mark_done, resume
from myrole.text import one_line
from myrole.store.events import event_label
from myrole.ui import bindings
from myrole.ui.context import myrole_app
from myrole.ui.due_words import when_due
from myrole.ui.keys import key_for, keys_line
from myrole.ui.safe import plain, plain_line
from myrole.ui.widgets.answer import answer_reference
from myrole.ui.widgets.footer import KeysFooter
from myrole.ui.fresh_screen import FreshScreen

# The line of keys above the details (each named as the person has it, after their keymap): binding id, words.
KEYS = (("commitment.checkin", "check in"), ("commitment.edit", "edit"), ("commitment.pause", "pause or resume"),
        ("commitment.snooze", "remind me later"), ("commitment.cadence", "how often"),
        ("commitment.checkin_visibility", "who sees a check-in"), ("commitment.correct_checkin", "correct a check-in"),
        ("commitment.done", "done"), ("commitment.drop", "drop"), ("commitment.renegotiate", "change the plan"),
        ("commitment.back", "back"))
CLOSED_KEYS = (("commitment.reopen", "reopen"), ("commitment.edit", "edit"),
               ("commitment.checkin_visibility", "who sees a check-in"),
               ("commitment.correct_checkin", "correct a check-in"), ("commitment.back", "back"))
# What only an open commitment offers; a done or dropped one offers reopen instead.
# A history line's kind in the words the screen's keys use (the stored kinds stay as they are).
HISTORY_WORDS = {"snoozed": "reminder put off (remind me later)", "renegotiated": "plan changed",
                 "checked-in": "checked in"}
OPEN_ACTIONS = frozenset({"check_in", "pause_or_resume", "snooze", "cadence", "done", "drop", "renegotiate"})
CLOSED_ACTIONS = frozenset({"reopen", "closed_key"})
# A status change kept as a draft (myrole.ui.dialogs.status): the action here that opens it again.
STATUS_DRAFT_ACTIONS = {"pause": "pause_or_resume", "cadence": "cadence", "done": "done", "drop": "drop",
                        "resume": "pause_or_resume", "reopen": "reopen"}
STATUS_DRAFT_FORMS = ("pause", "cadence", "status-reason")
CHART_WIDTH = 8  # characters of bar for progress 4 (done)
CHART_ROWS = 12  # the most recent check-ins in the chart
SOURCE_CHARS = 300  # where it came from: on one line, wrapped at the screen's width, cut only when very long


def chart_heading(count: int) -> str:
    """What the chart shows of how many check-ins, so a long history is not mistaken for the whole."""
    if count <= CHART_ROWS:
        held = f"all {count} check-ins" if count != 1 else "the one check-in"
    else:
        held = f"the {CHART_ROWS} newest of {count:,} check-ins"
    return f"Progress (0 not started to 4 done): {held}, oldest first"


def progress_chart(checkins: list[CheckIn]) -> list[str]:
    """One line per check-in (oldest first): date, a bar, the number and its words, readable without colour."""
    lines = []
    for checkin in checkins[-CHART_ROWS:]:
        filled = checkin.progress * CHART_WIDTH // 4
        bar = "█" * filled + "░" * (CHART_WIDTH - filled)
        lines.append(f"{checkin.on_date.isoformat()}  {bar}  {on_scale(PROGRESS_SCALE, checkin.progress)}")
    return lines


def field_lines(c: Commitment) -> list[Content]:
    """Each filled-in field as 'Label: text', with the person's text shown exactly as typed."""
    fields = [("Lens", c.lens.label), ("Mode", c.mode.explained), ("Detail", c.detail), ("First step", c.first_step),
              ("What success looks like", c.success), ("Support needed", c.support),
              ("Target date", c.target_date.isoformat() if c.target_date else ""), ("Tags", ", ".join(c.tags)),
              ("Started", c.created_at[:10])]
    return [Content.assemble((f"{label}: ", "bold"), plain(value)) for label, value in fields if value.strip()]


class CommitmentScreen(FreshScreen, Screen[None]):
    """One commitment in full, with the actions that change it."""

    BINDINGS = bindings.for_screen("commitment")

    def __init__(self, commitment_id: str, *, correct: CheckIn | None = None) -> None:
        """correct: a check-in whose correction form opens once the commitment is shown (a draft reopened)."""
        super().__init__()
        self.commitment_id = commitment_id
        self.commitment: Commitment | None = None
        self.to_correct = correct

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="commitment-detail"):
            yield Static(id="detail-title", classes="section-title")
            yield Static(id="detail-status")
            yield Static(classes="help-text", id="detail-keys")
            yield Static("About it", classes="section-title")
            yield Static(id="detail-fields")
            yield Static("Where it came from", classes="section-title")
            yield Static(id="detail-source")
            yield Static("Check-ins", classes="section-title", id="checkins-title")
            yield Static(id="detail-chart")
            yield Static(id="detail-checkins")
            yield Static("Status history", classes="section-title")
            yield Static(id="detail-history")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one("#commitment-detail").focus()
        if self.to_correct is not None:
            self._correct(self.to_correct)

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def keys_words(self) -> str:
        """The line of keys above the details: an open commitment's, or a closed one's (it can be reopened)."""
        if self._is_closed():
            return (f"Keys: {keys_line(self, CLOSED_KEYS)}\nDone and dropped commitments stay in History "
                    f"({key_for(self, 'home.history')} on home).")
        return f"Keys: {keys_line(self, KEYS)}"

    def refresh_view(self) -> None:
        db = myrole_app(self).db
        self.commitment = c = get_commitment(db, self.commitment_id)
        if c is None:
            self.query_one("#detail-title", Static).update("This commitment no longer exists.")
            return
        today = myrole_app(self).today()
        self.refresh_bindings()  # open and closed commitments offer different keys
        self.query_one("#detail-keys", Static).update(Content(self.keys_words()))
        self.query_one("#detail-title", Static).update(plain(c.title))
        self.query_one("#detail-status", Static).update(self._status(c, today))
        self.query_one("#detail-fields", Static).update(Content("\n").join(field_lines(c)))
        self.query_one("#detail-source", Static).update(self._source(c))
        checkins = list_checkins(db, c.id)
        chart = progress_chart(checkins)
        self.query_one("#detail-chart", Static).update(
            Content("\n".join([chart_heading(len(checkins)), *chart]))
            if chart else Content("No check-ins were recorded." if self._is_closed() else
                                  f"No check-ins yet: press {key_for(self, 'commitment.checkin')} to check in."))
        self.query_one("#checkins-title", Static).update(
            Content(f"Check-ins: {len(checkins):,}" if checkins else "Check-ins: none yet"))
        self.query_one("#detail-checkins", Static).update(self._notes(checkins))
        self.query_one("#detail-history", Static).update(self._history(c.id))

    def _status(self, c: Commitment, today: date) -> Content:
        if c.status in CLOSED:
            return self._closed_status(c)
        status = effective_status(c.status.value, c.paused_until, today)
        line = Content(f"Status: {status} · {when_due(c, summarise(myrole_app(self).db, c).due, today)}"
                       f"\nChecks in {parse_cadence(c.cadence).label} · "
                       f"who can see it: {c.visibility.explanation}")
        if c.status_reason.strip() and c.status is not Status.ACTIVE:
            line = Content.assemble(line, "\n", ("Why: ", "bold"), plain(c.status_reason))
        return line

    def _closed_status(self, c: Commitment) -> Content:
        """Done or dropped, and when, in words; no check-in rhythm, as nothing more is due."""
        when = (closed_at(myrole_app(self).db, c.id) or c.updated_at)[:10]
        line = Content(f"Status: {c.status.value} on {when} · closed: no more check-ins or reminders\n"
                       f"Who can see it: {c.visibility.explanation}")
        if c.status_reason.strip():
            label = "Closing note: " if c.status is Status.DONE else "Why it was dropped: "
            line = Content.assemble(line, "\n", (label, "bold"), plain(c.status_reason))
        return line

    def _source(self, c: Commitment) -> Content:
        reflection = get_reflection(myrole_app(self).db, c.reflection_id) if c.reflection_id else None
        made_at = event_label(myrole_app(self).db, c.event_id, c.topic_id)  # the event and topic it was made at
        if made_at:
            at_event = Content.assemble(("Event: ", "bold"), plain_line(made_at, SOURCE_CHARS))
            return at_event if reflection is None else Content.assemble(at_event, "\n", self._reflection_source(c, reflection))
        if reflection is None:
            return Content("Written directly, not from a reflection.")
        return self._reflection_source(c, reflection)

    def _reflection_source(self, c: Commitment, reflection) -> Content:  # noqa: ANN001 - a Reflection
        topic = f" ({reflection.topic})" if reflection.topic else ""
        header = plain_line(f"{reflection.pack_title}{topic}, {local_date(reflection.started_at).isoformat()}", SOURCE_CHARS)
        answer = get_answer(myrole_app(self).db, c.answer_id) if c.answer_id else None
        if answer is None or answer.reflection_id != reflection.id:
            return header
        return Content.assemble(header, "\n", answer_reference(answer))

    def _notes(self, checkins: list[CheckIn]) -> Content:
        entries = [Content(f"Every check-in, newest first ({len(checkins):,}):")] if checkins else []
        for k in reversed(checkins):
            lines = [Content(f"{k.on_date.isoformat()} · {on_scale(PROGRESS_SCALE, k.progress)} · "
                             f"{CONFIDENCE_LABELS[k.confidence]} · {k.visibility.value}")]
            for label, text in (("What happened", k.note), ("Got in the way", k.barriers), ("Next step", k.next_step)):
                if text.strip():
                    lines.append(Content.assemble(f"   {label}: ", plain(text)))
            entries.append(Content("\n").join(lines))
        return Content("\n").join(entries)

    def _history(self, commitment_id: str) -> Content:
        lines = []
        for event in status_history(myrole_app(self).db, commitment_id):
            if event["kind"] == "checked-in":
                continue  # check-ins have their own section above
            change = (f" ({event['from_status']} → {event['to_status']})"
                      if event["from_status"] and event["from_status"] != event["to_status"] else "")
            reason = Content.assemble(": ", plain(event["reason"])) if event["reason"] else Content("")
            kind = HISTORY_WORDS.get(event["kind"], event["kind"])
            lines.append(Content.assemble(f"{event['at'][:10]}  {kind}{change}", reason))
        return Content("\n").join(lines) if lines else Content("No changes recorded yet.")

    # Actions. Each works on the copy shown on screen, so a change made in another
    # window since is refused with a clear sentence instead of being overwritten.

    def _open(self, dialog: ModalScreen) -> None:
        if self.commitment is None:
            return
        self.app.push_screen(dialog, lambda _: self.refresh_view())

    def _is_closed(self) -> bool:
        return self.commitment is not None and self.commitment.status in CLOSED

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A closed commitment offers reopen, edit and check-in visibility; an open one all but reopen."""
        if action in OPEN_ACTIONS:
            return not self._is_closed()
        if action in CLOSED_ACTIONS:
            return self._is_closed()
        return True

    def action_delete_for_good(self) -> None:
        """Delete this commitment, its check-ins and history for good (not dropped), after a confirmation."""
        from myrole.ui.deleting import confirm_delete

        confirm_delete(self, "commitment", self.commitment_id,
                       "Delete this commitment, its check-ins and its history for good? To stop it but keep "
                       f"the record, drop it ({key_for(self, 'commitment.drop')}) instead.")

    def action_closed_key(self) -> None:
        if self.commitment is None:  # not loaded (or gone): nothing to act on
            return
        self.notify(f"This commitment is {self.commitment.status.value}, so it takes no check-ins or "
                    f"changes of plan. Press {key_for(self, 'commitment.reopen')} to reopen it.", markup=False)

    def action_check_in(self) -> None:
        from myrole.ui.dialogs.checkin import CheckInDialog

        if self.commitment is None:
            return
        checkins = list_checkins(myrole_app(self).db, self.commitment.id)
        self._open(CheckInDialog(self.commitment, checkins[-1] if checkins else None))

    def action_checkin_visibility(self) -> None:
        """Choose one of this commitment's check-ins, then who can see it."""
        from myrole.store.checkins import set_checkin_visibility
        from myrole.ui.dialogs.visibility import VisibilityDialog

        def set_to(checkin: CheckIn, visibility: Visibility | None) -> None:
            if visibility is None or visibility is checkin.visibility:
                return
            try:
                set_checkin_visibility(myrole_app(self).db, checkin.id, visibility)
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify(f"That check-in is now {visibility.explanation}.", markup=False)
            self.refresh_view()

        def ask_who(checkin: CheckIn) -> None:
            dialog = VisibilityDialog(checkin.visibility, checkin.note or "this check-in", "check-in")
            self.app.push_screen(dialog, lambda visibility: set_to(checkin, visibility))

        self._choose_checkin("Which check-in?", ask_who,
                             lambda k: f"{k.on_date.isoformat()} · {k.visibility.value} · {one_line(k.note, 40)}")

    def action_correct_checkin(self) -> None:
        """Choose one of this commitment's check-ins, then correct what it says (the old text goes for good)."""
        self._choose_checkin("Which check-in do you want to correct?", self._correct,
                             lambda k: f"{k.on_date.isoformat()} · {on_scale(PROGRESS_SCALE, k.progress)} · "
                                       f"{one_line(k.note or k.barriers or k.next_step, 40)}")

    def _choose_checkin(self, question: str, then: Callable[[CheckIn], None],
                        describe: Callable[[CheckIn], str]) -> None:
        """Ask which of this commitment's check-ins (newest first, a line each), then do `then` with it."""
        from myrole.ui.dialogs.choose import ChooseDialog

        if self.commitment is None:  # not loaded (or gone): nothing to act on
            return
        checkins = {k.id: k for k in list_checkins(myrole_app(self).db, self.commitment.id)}
        if not checkins:
            self.notify("There are no check-ins yet.")
            return
        items = [(k.id, Content(describe(k))) for k in reversed(checkins.values())]

        def chosen(checkin_id: str | None) -> None:
            if checkin_id:
                then(checkins[checkin_id])

        self.app.push_screen(ChooseDialog(question, items), chosen)

    def _correct(self, checkin: CheckIn) -> None:
        from myrole.limits import FIELDS
        from myrole.store.checkins import CORRECTABLE, correct_checkin
        from myrole.ui.dialogs.correct import CorrectionDialog, TextField

        fields = [TextField(name, label, getattr(checkin, name), FIELDS[("checkins", name)], label)
                  for name, label in CORRECTABLE]
        about = Content(f"Your check-in of {checkin.on_date.isoformat()}: {checkin.progress} "
                        f"{PROGRESS_LABELS[checkin.progress]}, {CONFIDENCE_LABELS[checkin.confidence]}.")
        dialog = CorrectionDialog("Correct a check-in", about, fields,
                                  lambda values: correct_checkin(myrole_app(self).db, checkin, **values),
                                  corrects=("checkin", checkin.id),
                                  draft_context={"commitment": checkin.commitment_id})
        self._open(dialog)

    def action_edit(self) -> None:
        from myrole.ui.dialogs.commitment import CommitmentEditor

        if self.commitment is None:  # not loaded (or gone): nothing to act on
            return
        self._open(CommitmentEditor(self.commitment))

    def action_renegotiate(self) -> None:
        from myrole.ui.dialogs.commitment import CommitmentEditor

        if self.commitment is None:  # not loaded (or gone): nothing to act on
            return
        self._open(CommitmentEditor(self.commitment, renegotiate=True))

    def action_pause_or_resume(self) -> None:
        from myrole.ui.dialogs.status import PauseDialog

        if self.commitment is not None and self.commitment.status is Status.ACTIVE:
            self._open(PauseDialog(self.commitment))
        else:
            self._reason_dialog("Resume this commitment", "Anything to note? (optional)", "Resume", self._resume)

    def action_reopen(self) -> None:
        """Back to active: a done or dropped commitment that turns out not to be over."""
        self._reason_dialog("Reopen this commitment", "Why reopen it? (optional)", "Reopen", self._resume)

    def _resume(self, c: Commitment, reason: str) -> Commitment:
        return resume(myrole_app(self).db, c, reason, today=myrole_app(self).today())

    def action_snooze(self) -> None:
        from myrole.ui.dialogs.status import SnoozeDialog

        if self.commitment is None:  # not loaded (or gone): nothing to act on
            return
        self._open(SnoozeDialog(self.commitment))

    def action_cadence(self) -> None:
        from myrole.ui.dialogs.status import CadenceDialog

        if self.commitment is None:  # not loaded (or gone): nothing to act on
            return
        self._open(CadenceDialog(self.commitment))

    def action_done(self) -> None:
        self._reason_dialog("Mark as done", "A closing note, if you like (optional)", "Mark done",
                            partial(mark_done, myrole_app(self).db))

    def action_drop(self) -> None:
        self._reason_dialog("Drop this commitment", "Why are you dropping it? (kept in its history)", "Drop",
                            partial(drop, myrole_app(self).db))

    def _reason_dialog(self, heading: str, label: str, save_label: str, change: Callable[[Commitment, str], object]) -> None:
        from myrole.ui.dialogs.status import ReasonDialog

        c = self.commitment
        if c is None:
            return
        self._open(ReasonDialog(c, heading=heading, label=label, save_label=save_label,
                                change=lambda reason: change(c, reason)))


def reopen_draft(app: App, draft: Draft) -> str | None:
    """Open the commitment, then the form draft was typed in (it refills itself), or say why it cannot be."""
    if draft.form in STATUS_DRAFT_FORMS:
        return reopen_status_change(app, draft)
    return reopen_checkin_correction(app, draft)


def reopen_status_change(app: App, draft: Draft) -> str | None:
    """Open the commitment and the same change of status again, or say why it no longer fits."""
    kind, _, commitment_id = draft.record.rpartition(":") if draft.form == "status-reason" else (
        draft.form, "", draft.record)
    commitment = get_commitment(myrole_app(app).db, commitment_id)
    if commitment is None or kind not in STATUS_DRAFT_ACTIONS:
        return "The commitment this was for has since been deleted."
    closed = commitment.status in CLOSED
    if (kind == "reopen") != closed or (kind == "pause" and commitment.status is not Status.ACTIVE) or (
            kind == "resume" and commitment.status is Status.ACTIVE):
        return f"That commitment is {commitment.status.value} now, so this change no longer fits it."
    screen = CommitmentScreen(commitment.id)
    app.push_screen(screen)
    screen.call_after_refresh(getattr(screen, f"action_{STATUS_DRAFT_ACTIONS[kind]}"))
    return None


def reopen_checkin_correction(app: App, draft: Draft) -> str | None:
    """Open the commitment, then the check-in's correction form (it refills itself from draft), or say why not."""
    commitment_id = draft.context.get("commitment", "")
    checkin = next((k for k in list_checkins(myrole_app(app).db, commitment_id) if k.id == draft.record), None)
    if checkin is None or get_commitment(myrole_app(app).db, commitment_id) is None:
        return "The check-in this correction was for has since been removed."
    app.push_screen(CommitmentScreen(commitment_id, correct=checkin))
    return None
