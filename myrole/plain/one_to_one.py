"""Provides one-to-one preparation in plain mode: the agenda read out, talking points and support added, notes kept."""

from __future__ import annotations

from myrole.agenda import Agenda, build_agenda
from myrole.model import PROGRESS_LABELS, ItemKind, OneToOne, Status, Visibility
from myrole.plain import choices
from myrole.plain.forms import PlainForm
from myrole.plain.session import Session
from myrole.settings import new_item_visibility
from myrole.plain.words import spoken_date
from myrole.store import one_to_ones as store
from myrole.store.profile import get_profile
from myrole.text import inert, one_line

ACTIONS = (
    ("Hear the agenda again", "agenda"),
    ("Add a talking point", ItemKind.TALKING_POINT),
    ("Add support you need from your manager", ItemKind.SUPPORT_REQUEST),
    ("Add a note from the meeting", ItemKind.NOTE),
    ("Add an action you agreed", ItemKind.AGREED_ACTION),
    ("Back to the menu", "done"),
)
STATUS_WORDS = {Status.PAUSED: "; it is paused", Status.DONE: "; it is done", Status.DROPPED: "; it was dropped"}
ITEM_PROMPTS = {
    ItemKind.TALKING_POINT: "What do you want to talk about?",
    ItemKind.SUPPORT_REQUEST: "What support do you need?",
    ItemKind.NOTE: "What do you want to note?",
    ItemKind.AGREED_ACTION: "What did you agree to do?",
}


def prepare(session: Session) -> None:
    """Read the agenda out, then add points and notes until the person goes back to the menu."""
    read_agenda(session)
    while True:
        chosen = session.console.choose("What would you like to do?", ACTIONS, default=len(ACTIONS) - 1)
        if chosen == "done":
            return
        if chosen == "agenda":
            read_agenda(session)
        elif isinstance(chosen, ItemKind):
            add(session, chosen)


def _who(session: Session, record: OneToOne | None) -> str:
    name = (record.manager_name if record else "") or get_profile(session.db).manager_name
    return one_line(name, 60) if name.strip() else "your manager"


def read_agenda(session: Session) -> None:
    say = session.console.say
    record = store.current_draft(session.db)
    who = _who(session, record)
    if record is None:
        when = spoken_date(store.suggested_date(session.db, session.today))
        say(f"Your next one-to-one with {who}, on {when}; nothing is written for it yet.")
    else:
        say(f"Your one-to-one with {who} on {spoken_date(record.held_on)}, being prepared.")
    agenda = build_agenda(session.db, record)
    say(f"The agenda holds only what you share with {who}, never anything private.")
    _read_commitments(session, agenda)
    for commitment, checkin in agenda.notes:
        say(f"Check-in note on {one_line(commitment.title, 60)}, {spoken_date(checkin.on_date)}: {inert(checkin.note)}")
    for commitment, checkin in agenda.barriers:
        say(f"What got in the way of {one_line(commitment.title, 60)}: {inert(checkin.barriers)}")
    for commitment in agenda.support:
        say(f"Support you need for {one_line(commitment.title, 60)}: {inert(commitment.support)}")
    if record is not None:
        items = record.items
        say("Your own points and notes for this one-to-one follow; each says who can see it." if items
            else "No talking points yet.")
    else:  # as the app shows them before a new one-to-one is begun
        items = store.open_items(store.latest_agreed(session.db))
        say("Open points from your last one-to-one follow, carried forward when you begin this one; each says "
            "who can see it." if items else "Nothing to carry forward from a last one-to-one.")
    for item in items:
        kind = item.kind.label[:1].upper() + item.kind.label[1:]
        carried = ", open from your last one-to-one" if record is None else ""
        say(f"{kind}, {_state(item)}{carried}: {inert(item.text)}")


def _read_commitments(session: Session, agenda: Agenda) -> None:
    say = session.console.say
    if not agenda.commitments:
        say("No commitments are shared with your manager yet.")
    since = f"since your last one-to-one on {spoken_date(agenda.since)}" if agenda.since else "so far"
    for entry in agenda.commitments:
        count = len(entry.checkins)
        if entry.progress_now is None:
            progress = "no shared check-in yet"
        else:
            progress = (f"progress: {PROGRESS_LABELS[entry.progress_now]}; {count} shared "
                        f"check-in{'s' if count != 1 else ''} {since}")
        status = STATUS_WORDS.get(entry.commitment.status, "")
        say(f"Commitment: {one_line(entry.commitment.title, 80)}; {progress}{status}.")


def _state(item) -> str:  # noqa: ANN001 - a OneToOneItem
    who = "private, only you" if item.visibility is Visibility.PRIVATE else f"shared with {item.visibility.value}"
    carried = ", carried forward" if item.carried_from else ""
    closed = ", closed" if item.closed and item.kind is not ItemKind.NOTE else ""
    return f"{who}{carried}{closed}"


def add(session: Session, kind: ItemKind) -> None:
    """Add one item to the one-to-one being prepared (started now if there is none)."""
    console = session.console
    record = store.current_draft(session.db)
    article = "an" if kind.label[:1] in "aeiou" else "a"
    form = PlainForm(session, "one-to-one item", f"new:{kind.value}", f"One-to-one: add {article} {kind.label}")
    with form.kept_if_stopped():
        text = form.text("text", ITEM_PROMPTS[kind], ("one_to_one_items", "text"), f"The {kind.label}",
                         long=True, required=f"Write the {kind.label} first; an empty one is not saved.")
        visibility = choices.who_can_see(console, new_item_visibility(session.settings, one_to_one_item=True),
                                         kind.label, collective=session.settings.collective_name)
        form.set("visibility", visibility.value)
    def write() -> None:
        meeting = record or store.create_one_to_one(session.db, store.suggested_date(session.db, session.today))
        store.add_item(session.db, meeting, kind, text, visibility)

    if not form.save(write, "Not saved")[0]:
        return
    console.say(f"Saved the {kind.label}, {visibility.explanation}.")
