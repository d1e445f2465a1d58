"""Provides a realistic demo store: a finished reflection, commitments in every state and check-in history."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from myrole.events import read_event_file
from myrole.model import CheckIn, Commitment, Context, Lens, Mode, Profile, Visibility
from myrole.prompts import load_catalogue
from myrole.store import write
from myrole.store.checkins import add_checkin
from myrole.store.commitments import create_commitment
from myrole.store.events import add_event
from myrole.store.profile import save_profile
from myrole.store.reflections import finish_reflection, save_answer, start_reflection
from myrole.store.status import drop, pause, renegotiate

if TYPE_CHECKING:
    import sqlite3

DEMO_ANSWERS = {
    "self-awareness-1": ("I realised I assume people who miss appointments do not care. "
                         "Often they cannot get time off or afford the bus.", Visibility.PRIVATE),
    "patients-action-1": ("Ask every new patient whether they need an interpreter or easy-read "
                          "letters, not only the ones I guess might.", Visibility.MANAGER),
    "services-awareness-1": ("Our did-not-attend rate looks higher in the postcodes near the ring "
                             "road. I would like to see the numbers by deprivation.", Visibility.ALLIANCE),
    "communities-action-1": ("The mosque on our road runs a Tuesday lunch for older men; "
                             "we could offer a falls talk there.", Visibility.MANAGER),
}


DEMO_TOPIC = "did-not-attend"  # the workshop topic the demo person reflected on; their commitments carry it
EXAMPLE_EVENT = "bradford-workshop.toml"


def example_event_file() -> Path:
    """The worked example of docs/events.md: inside the installed package, or in docs/examples of a checkout."""
    installed = Path(__file__).parent / "examples" / EXAMPLE_EVENT
    return installed if installed.is_file() else Path(__file__).parents[1] / "docs" / "examples" / EXAMPLE_EVENT


def _days_ago(today: date, days: int) -> str:
    moment = datetime.combine(today - timedelta(days=days), time(10, 0), tzinfo=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def name_the_collective(config_folder: Path) -> None:
    """The demo's workshop names its collective: it becomes the setting, as `myrole event add` makes it for a
    person's first event, so the demo's alliance summary and collation name the group."""
    from myrole.settings import SettingsError, change_settings

    try:
        change_settings(config_folder, collective_name=read_event_file(example_event_file()).collective)
    except SettingsError:
        pass  # the demo works without it: its summaries then say "your organisation's inequalities group"


def seed(db: sqlite3.Connection, today: date | None = None) -> None:
    """Fill an empty store with the demo data, in one transaction."""
    today = today or date.today()
    pack = load_catalogue().get("core")
    if pack is None:
        raise RuntimeError("The built-in 'core' pack is missing, so the demo cannot be made.")
    workshop = read_event_file(example_event_file())
    with write(db):
        save_profile(db, Profile("Sam Patel", "Physiotherapist", "Bradford Teaching Hospitals",
                                 "Alex Morgan", onboarded=True))
        add_event(db, workshop)
        topic = workshop.topic(DEMO_TOPIC)
        assert topic is not None  # the demo's own workshop has this topic
        reflection = start_reflection(db, pack, Context.EVENT, topic.title,
                                      event_id=workshop.id, topic_id=DEMO_TOPIC)
        db.execute("UPDATE reflections SET started_at = ? WHERE id = ?", [_days_ago(today, 60), reflection.id])
        answers = {}
        for position, prompt in enumerate(pack.prompts):
            if prompt.id in DEMO_ANSWERS:
                text, visibility = DEMO_ANSWERS[prompt.id]
                answers[prompt.id] = save_answer(db, reflection.id, prompt, text, visibility, position)
        finish_reflection(db, reflection.id)
        _backdate_reflection(db, reflection.id, _days_ago(today, 60))
        _seed_commitments(db, today, reflection.id, answers)
        _seed_one_to_ones(db, today)
        _seed_revalidation(db, today)


def _commit(db: sqlite3.Connection, today: date, age: int, **fields) -> Commitment:
    saved = create_commitment(db, Commitment(id="", created_at=_days_ago(today, age), **fields))
    _backdate_last_event(db, saved.id, saved.created_at)
    return saved


def _backdate_reflection(db: sqlite3.Connection, reflection_id: str, at: str) -> None:
    """The workshop's reflection and its answers were written on the day (by 10:40), not when the demo was made."""
    at = at.replace("T10:00:00Z", "T10:40:00Z")
    db.execute("UPDATE reflections SET finished_at = ? WHERE id = ?", [at, reflection_id])
    db.execute("UPDATE answers SET created_at = ?, updated_at = ? WHERE reflection_id = ?", [at, at, reflection_id])


def _backdate_one_to_one(db: sqlite3.Connection, one_to_one_id: str, at: str) -> None:
    """A past one-to-one was prepared and agreed back then, so --since leaves it out as it should."""
    db.execute("UPDATE one_to_ones SET created_at = ?, updated_at = ? WHERE id = ?", [at, at, one_to_one_id])
    db.execute("UPDATE one_to_one_items SET created_at = ? WHERE one_to_one_id = ?", [at, one_to_one_id])


def _backdate_last_event(db: sqlite3.Connection, commitment_id: str, at: str) -> None:
    """Give the history event just recorded the demo's pretend moment, so the history reads true."""
    db.execute("UPDATE commitment_events SET at = ? WHERE id = (SELECT max(id) FROM commitment_events "
               "WHERE commitment_id = ?)", [at, commitment_id])


def _check(db: sqlite3.Connection, commitment: Commitment, today: date, ago: int, progress: int, **notes) -> Commitment:
    checkin = CheckIn(id="", commitment_id=commitment.id, at=_days_ago(today, ago),
                      on_date=today - timedelta(days=ago), progress=progress, **notes)
    add_checkin(db, commitment, checkin)
    _backdate_last_event(db, commitment.id, checkin.at)
    from myrole.store.commitments import get_commitment

    updated = get_commitment(db, commitment.id)
    assert updated is not None  # just checked in on, in this same demo store
    return updated


def _seed_commitments(db: sqlite3.Connection, today: date, reflection_id: str, answers: dict) -> None:
    interpreters = _commit(
        db, today, 56, title="Offer an interpreter to every new patient", lens=Lens.PATIENTS,
        mode=Mode.ACTION, detail="Ask at booking and at the first appointment, every time.",
        first_step="Add the question to my first-appointment checklist.",
        success="No first appointment goes ahead without the question being asked.",
        support="Ten minutes at a team meeting to share the checklist.",
        target_date=today + timedelta(days=60), cadence="fortnightly", visibility=Visibility.MANAGER,
        reflection_id=reflection_id, answer_id=answers["patients-action-1"].id, tags=("language",),
    )
    interpreters = _check(db, interpreters, today, 42, 1, note="Checklist drafted.",
                          confidence=4, visibility=Visibility.MANAGER)
    interpreters = renegotiate(
        db, replace(interpreters, detail="Ask at the first appointment, every time, and note the answer."),
        "Booking is done by the admin team, so the first appointment is where I can ask.")
    _backdate_last_event(db, interpreters.id, _days_ago(today, 30))
    interpreters = _check(db, interpreters, today, 20, 2, note="Used it with 12 new patients; two took up the offer.",
                          barriers="Agency staff do not know about it.", next_step="Brief the agency staff.",
                          confidence=4, visibility=Visibility.MANAGER)
    data = _commit(
        db, today, 50, title="Look at our did-not-attend data by deprivation", lens=Lens.SERVICES,
        mode=Mode.AWARENESS, first_step="Ask the data team for six months of figures by postcode.",
        success="A one-page chart shared at the service meeting.", support="Access to the booking data.",
        target_date=today + timedelta(days=30), cadence="weekly", visibility=Visibility.ALLIANCE,
        reflection_id=reflection_id, answer_id=answers["services-awareness-1"].id, tags=("data", "did-not-attend"),
    )
    _check(db, data, today, 5, 1, note="Asked the data team; figures promised for next week.",
           confidence=3, visibility=Visibility.ALLIANCE)
    _commit(
        db, today, 10, title="Notice my own assumptions about missed appointments", lens=Lens.SELF,
        mode=Mode.AWARENESS, detail="Before writing 'did not attend', ask myself what might have got in the way.",
        cadence="monthly", visibility=Visibility.PRIVATE, reflection_id=reflection_id,
        answer_id=answers["self-awareness-1"].id,
    )
    falls = _commit(
        db, today, 40, title="Falls talk at the Tuesday lunch club", lens=Lens.COMMUNITIES, mode=Mode.ACTION,
        first_step="Phone the lunch club organiser.", cadence="monthly", visibility=Visibility.MANAGER,
        target_date=today + timedelta(days=90), reflection_id=reflection_id,
        answer_id=answers["communities-action-1"].id,
    )
    pause(db, falls, today + timedelta(days=21), "Covering night shifts this month.", today=today)
    _backdate_last_event(db, falls.id, _days_ago(today, 7))
    mentor = _commit(
        db, today, 90, title="Mentor a physiotherapy apprentice", lens=Lens.FUTURE, mode=Mode.ACTION,
        cadence="monthly", visibility=Visibility.MANAGER,
    )
    _check(db, mentor, today, 30, 4, note="Apprentice passed their first placement.", confidence=5,
           visibility=Visibility.MANAGER)
    board = _commit(
        db, today, 80, title="Raise transport costs at the partnership board", lens=Lens.SYSTEMS,
        mode=Mode.ADVOCACY, cadence="quarterly", visibility=Visibility.ALLIANCE,
    )
    drop(db, board, "The board now has a transport lead; I passed my notes on.")
    _backdate_last_event(db, board.id, _days_ago(today, 15))


def _seed_one_to_ones(db: sqlite3.Connection, today: date) -> None:
    """A past agreed one-to-one, and the next one being prepared with the open points carried forward."""
    from myrole.model import ItemKind
    from myrole.store.commitments import list_commitments
    from myrole.store.one_to_ones import (
        add_item,
        close_item,
        create_one_to_one,
        link_commitment,
        mark_agreed,
        set_dates,
    )

    past = create_one_to_one(db, today - timedelta(days=28))
    for kind, text, visibility in (
        (ItemKind.TALKING_POINT, "How to bring the interpreter work into my appraisal objectives.", Visibility.MANAGER),
        (ItemKind.TALKING_POINT, "How the falls talk fits with the team's priorities this winter.", Visibility.MANAGER),
        (ItemKind.SUPPORT_REQUEST, "Half a day's cover so I can visit the Tuesday lunch club.", Visibility.MANAGER),
        (ItemKind.TALKING_POINT, "Mention that night shifts are wearing me down.", Visibility.PRIVATE),
        (ItemKind.NOTE, "Alex is happy for the checklist to go to the whole team once agency staff are briefed.",
         Visibility.MANAGER),
        (ItemKind.AGREED_ACTION, "Ask the data team for did-not-attend figures by postcode.", Visibility.MANAGER),
        (ItemKind.AGREED_ACTION, "Alex to check the budget for printed interpreter cards.", Visibility.MANAGER),
    ):
        past = add_item(db, past, kind, text, visibility)
    past = close_item(db, past, past.items[0].id)
    data = next(c for c in list_commitments(db) if c.title.startswith("Look at our did-not-attend"))
    past = link_commitment(db, past, past.items[5].id, data.id)
    past = set_dates(db, past, past.held_on, today + timedelta(days=3))
    mark_agreed(db, past, at=_days_ago(today, 28))
    _backdate_one_to_one(db, past.id, _days_ago(today, 28))
    upcoming = create_one_to_one(db, today + timedelta(days=3))
    add_item(db, upcoming, ItemKind.TALKING_POINT, "Whether I can join the Alliance's next open-space workshop.",
             Visibility.MANAGER)


GIBBS_ANSWERS = {
    "gibbs-description": ("A man came to clinic upset: his appointment letter had gone to an old address, so he "
                          "had missed his first physiotherapy session and been discharged."),
    "gibbs-feelings": "I felt rushed and a bit defensive at first, then sorry that our system had let him down.",
    "gibbs-evaluation": ("Good: I listened and booked him in that week. Not so good: the 'did not attend' rule "
                         "had already discharged him, and nobody had checked why he missed it."),
    "gibbs-analysis": ("Letters go to the address on the GP record, which is often out of date for people who "
                       "move often or rent. Our rule treats a missed first session as a choice."),
    "gibbs-conclusion": "A missed first appointment is often a letter problem, not a person who does not care.",
    "gibbs-action-plan": ("Check the address and phone number at every contact, and phone before discharging "
                          "anyone who misses a first appointment. I raised it at the team huddle."),
}
DEMO_CODE = ("It puts people first by making sure they can reach the care they were referred for, and keeps "
             "our records accurate.")
DEMO_SUMMARY = ("I am a community physiotherapist in a team of twelve, seeing adults at home and in clinic after "
                "a fall or a stay in hospital. Many of the people I see live in the most deprived parts of the "
                "district, and some need an interpreter.")


def _seed_revalidation(db: sqlite3.Connection, today: date) -> None:
    """A Gibbs reflection with CPD hours and the NMC account made from it; a revalidation date; an HCPC summary."""
    from myrole.revalidation.model import ActivityKind, CpdDetails, StatementItem, Theme
    from myrole.revalidation.prefill import prefill
    from myrole.store.cpd import (
        save_account,
        save_details,
        save_statement_item,
        set_hcpc_summary,
        set_revalidation_date,
    )
    from myrole.store.reflections import get_answers, get_reflection

    pack = load_catalogue().get("gibbs")
    if pack is None:
        raise RuntimeError("The built-in 'gibbs' pack is missing, so the demo cannot be made.")
    reflection = start_reflection(db, pack, Context.SELF, "A missed first appointment")
    for position, prompt in enumerate(pack.prompts):
        save_answer(db, reflection.id, prompt, GIBBS_ANSWERS[prompt.id], Visibility.PRIVATE, position)
    finish_reflection(db, reflection.id)
    db.execute("UPDATE reflections SET started_at = ? WHERE id = ?", [_days_ago(today, 25), reflection.id])
    _backdate_reflection(db, reflection.id, _days_ago(today, 25))
    save_details(db, CpdDetails(reflection.id, today - timedelta(days=25), minutes=90, participatory=True,
                                kind=ActivityKind.WORK_BASED))
    stored = get_reflection(db, reflection.id)
    assert stored is not None
    account = prefill(stored, get_answers(db, reflection.id))
    save_account(db, replace(account, code=DEMO_CODE, themes=frozenset({Theme.PEOPLE, Theme.EFFECTIVE})))
    set_revalidation_date(db, today + timedelta(days=400))
    set_hcpc_summary(db, DEMO_SUMMARY)
    save_statement_item(db, StatementItem("", reflection_id=reflection.id, what=GIBBS_ANSWERS["gibbs-description"],
                                          learnt=GIBBS_ANSWERS["gibbs-conclusion"],
                                          improved=GIBBS_ANSWERS["gibbs-action-plan"],
                                          benefited="People who move often now get their first appointment.",
                                          evidence="My reflection of this date; the team huddle notes."))
