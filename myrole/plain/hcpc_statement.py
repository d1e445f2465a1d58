"""Provides the HCPC personal statement in plain mode: picking 4 to 6 activities and writing each one's parts."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from myrole.plain.forms import PlainForm
from myrole.plain.session import Session
from myrole.plain.words import spoken_date
from myrole.revalidation.hcpc import PICK_NOTE, Activity, activities, mark, picked_note, statement_line
from myrole.revalidation.model import (
    STATEMENT_ACTIVITIES,
    STATEMENT_PARTS,
    STATEMENT_WORDS,
    StatementItem,
    item_words,
    statement_words,
    words_note,
)
from myrole.store.cpd import list_statement_items, remove_statement_item, save_statement_item
from myrole.store.errors import StoreError
from myrole.text import one_line

LOW, HIGH = STATEMENT_ACTIVITIES
HINT = ("Write about what you did, not who you did it for: no names or details that could identify anyone. "
        "The evidence is not counted in the words.")
AT_MOST = f"The statement draws on {HIGH} activities, the most the HCPC asks for; take one out to add another."
NOTHING_TO_PICK = ("Nothing to pick: finish a reflection or make a commitment first, or every activity is "
                   "already in the statement.")
GONE = "An activity no longer in myrole"


def edit_statement(session: Session) -> None:
    """Say what the statement holds, then add, change or take out activities until the person goes back."""
    while True:
        items = list_statement_items(session.db)
        known = {activity.key: activity for activity in activities(session.db)}
        read_out(session, items, known)
        chosen = session.console.choose("What would you like to do with your statement?", _actions(items),
                                        default=len(_actions(items)) - 1)
        if chosen == "back":
            return
        if chosen == "add":
            _add(session, items, known)
        elif chosen == "change":
            item = _which(session, items, known, "Which activity would you like to change?")
            _write_parts(session, item, _title(known, item), items, picked_note(known.get(item.activity)))
        else:
            _take_out(session, _which(session, items, known, "Which activity would you like to take out?"), known)


def read_out(session: Session, items: list[StatementItem], known: dict[str, Activity]) -> None:
    say = session.console.say
    say(statement_line(items))
    for number, item in enumerate(items, start=1):
        say(f"Activity {number}: {_listed(known, item)}; {item_words(item):,} words.")
    if len(items) >= HIGH:
        say(AT_MOST)


def _actions(items: list[StatementItem]) -> list[tuple[str, str]]:
    actions = [("Add an activity", "add")] if len(items) < HIGH else []
    if items:
        actions += [("Change what you wrote about an activity", "change"), ("Take an activity out", "out")]
    return [*actions, ("Back", "back")]


def _title(known: dict[str, Activity], item: StatementItem) -> str:
    activity = known.get(item.activity)
    return activity.title if activity else GONE


def _listed(known: dict[str, Activity], item: StatementItem) -> str:
    activity = known.get(item.activity)
    return describe(activity) if activity else GONE


def describe(activity: Activity) -> str:
    """'3 March 2026, a reflection: Gibbs reflective cycle'."""
    kind = activity.key.partition(":")[0]
    return f"{spoken_date(activity.on_date)}, a {kind}: {one_line(activity.title, 60)}"


def _which(session: Session, items: list[StatementItem], known: dict[str, Activity], label: str) -> StatementItem:
    return session.console.choose(label, [(_listed(known, item), item) for item in items])


def _add(session: Session, items: list[StatementItem], known: dict[str, Activity]) -> None:
    """Pick an activity not in the statement yet (newest first), then write its parts."""
    picked = {item.activity for item in items}
    left = sorted((a for a in known.values() if a.key not in picked), key=lambda a: (a.on_date, a.key), reverse=True)
    if not left:
        session.console.say(NOTHING_TO_PICK)
        return
    if any(a.left_out for a in left):  # said before the list, as the app shows it above its list
        session.console.say(PICK_NOTE)
    # a private or dropped commitment marked as the app marks it: '… (dropped)'
    options: list[tuple[str, Activity | None]] = [(describe(a) + mark(a), a) for a in left]
    activity = session.console.choose("Which activity?", [*options, ("Back", None)], default=len(options))
    if activity is None:
        return
    _write_parts(session, StatementItem.about(activity.key), activity.title, items, picked_note(activity))


def _write_parts(session: Session, item: StatementItem, title: str, items: list[StatementItem],
                 note: str = "") -> None:
    """Read out and replace each of the item's parts, save it, and say the words of it and of the statement; note
    (hcpc.picked_note: about a private commitment) is said first."""
    console = session.console
    console.say(f"An activity in your HCPC statement, about: {one_line(title, 200)}.")
    if note:
        console.say(note)
    console.say(HINT)
    form = PlainForm(session, "hcpc-statement-item", item.activity, "HCPC statement activity")
    with form.kept_if_stopped():
        texts: dict[str, Any] = {  # every part is text
            name: form.rewrite(name, f"Part {number} of {len(STATEMENT_PARTS)}: {label}.", item.part(name),
                               ("hcpc_statement_items", name), label)
            for number, (name, label) in enumerate(STATEMENT_PARTS, start=1)}
    ok, saved = form.save(lambda: save_statement_item(session.db, replace(item, **texts)), "The activity was not saved")
    if ok and saved is not None:
        others = [other for other in items if other.id != saved.id]
        words = words_note(statement_words([*others, saved]), STATEMENT_WORDS)
        console.say(f"Saved. This activity has {item_words(saved):,} words; the statement has {words}.")


def _take_out(session: Session, item: StatementItem, known: dict[str, Activity]) -> None:
    if not session.console.confirm(f"Take {_listed(known, item)} out of your HCPC statement? What you wrote about it "
                                   "is removed too.", default=False):
        return
    try:
        remove_statement_item(session.db, item.id)
    except StoreError as error:
        session.console.say(f"It was not taken out: {error}")
        return
    session.console.say("Taken out.")
