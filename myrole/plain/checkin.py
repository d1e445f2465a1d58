"""Provides checking in on a commitment in plain mode: progress, what happened, what got in the way, next step, confidence."""

from __future__ import annotations

from myrole.model import CheckIn, Commitment, Status
from myrole.overview import build_overview
from myrole.plain import choices
from myrole.plain.due_list import describe
from myrole.plain.forms import PlainForm
from myrole.plain.session import Session
from myrole.shared_choices import PROGRESS_SCALE, on_scale
from myrole.plain.words import spoken_date
from myrole.store.checkins import add_checkin, list_checkins, summarise
from myrole.store.commitments import get_commitment
from myrole.text import one_line

TEXT_FIELDS = (
    ("note", "What happened?", "What happened"),
    ("barriers", "What got in the way?", "What got in the way"),
    ("next_step", "What is your next step?", "The next step"),
)


def check_in(session: Session) -> None:
    """Choose an open commitment (those due first), then check in on it."""
    overview = build_overview(session.conn, session.today)
    items = overview.due + overview.upcoming
    if not items:
        session.console.say("You have no open commitments to check in on; make one first.")
        return
    options = [(describe(item, session.today), item.commitment.id) for item in items]
    chosen = session.console.choose("Which commitment?", options, default=0)
    commitment = get_commitment(session.db, chosen)
    if commitment is None or commitment.status in (Status.DONE, Status.DROPPED):
        session.console.say("That commitment is no longer open.")
        return
    check_in_on(session, commitment)


def check_in_on(session: Session, commitment: Commitment) -> CheckIn | None:
    console = session.console
    history = list_checkins(session.db, commitment.id)
    last = history[-1] if history else None
    console.say(f"Check in on: {one_line(commitment.title, 200)}.")
    console.say("This is its first check-in." if last is None else
                f"Last check-in on {spoken_date(last.on_date)}: {on_scale(PROGRESS_SCALE, last.progress)}.")
    form = PlainForm(session, "checkin", commitment.id, f"Check-in on “{one_line(commitment.title, 40)}”")
    with form.kept_if_stopped():
        progress = choices.progress(console, _number(form, "checkin-progress", last.progress if last else 0, 0, 4))
        form.set("checkin-progress", progress)
        texts = {field: form.text(field, f"{label} Enter alone leaves it empty.", ("checkins", field), what)
                 for field, label, what in TEXT_FIELDS}
        confidence = choices.confidence(console, _number(form, "checkin-confidence", last.confidence if last else 3, 1, 5))
        form.set("checkin-confidence", confidence)
        visibility = choices.who_can_see(console, commitment.visibility, "check-in",
                                         collective=session.settings.collective_name)
        form.set("visibility", visibility.value)
    checkin = CheckIn(id="", commitment_id=commitment.id, at="", on_date=session.today, progress=progress,
                      confidence=confidence, visibility=visibility, **texts)
    ok, saved = form.save(lambda: add_checkin(session.db, commitment, checkin), "The check-in was not saved")
    if not ok:
        return None
    console.say(_saved_message(session, commitment.id))
    return saved


def _number(form: PlainForm, field: str, default: int, lowest: int, highest: int) -> int:
    """A number kept in an earlier draft, if it is still on the scale, else default."""
    value = form.earlier_choice(field)
    return value if isinstance(value, int) and lowest <= value <= highest else default


def _saved_message(session: Session, commitment_id: str) -> str:
    current = get_commitment(session.db, commitment_id)
    if current is None or current.status is Status.DONE:
        return "Check-in saved, and the commitment is marked done; well done."
    due = summarise(session.db, current).due
    return f"Check-in saved; the next check-in is due on {spoken_date(due)}." if due else "Check-in saved."
