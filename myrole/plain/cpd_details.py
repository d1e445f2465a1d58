"""Provides a finished reflection's CPD details in plain mode: the day, the hours, with others or not, and the kind."""

from __future__ import annotations

from datetime import date
from functools import partial

from myrole.model import Reflection
from myrole.plain.finished import choose_finished
from myrole.plain.forms import PlainForm
from myrole.plain.session import Session
from myrole.plain.words import spoken_date
from myrole.revalidation.cycle import activity_date, hours, progress
from myrole.revalidation.model import (
    CPD_HOURS_NEEDED,
    PARTICIPATORY_HOURS_NEEDED,
    ActivityKind,
    CpdDetails,
    activity_day,
    activity_minutes,
)
from myrole.store.cpd import get_details, save_details

KINDS = list(ActivityKind)
WHY = ("Continuing professional development (CPD) counts towards the NMC's revalidation: 35 hours in three years, "
       "20 of them learning with others. The HCPC asks for no set hours.")


def edit_details(session: Session) -> None:
    """Choose a finished reflection, then ask for each of its CPD details and save them together."""
    reflection = choose_finished(session, "Which reflection are the CPD details for?",
                                 lambda found: _details_note(session, found))
    if reflection is None:
        return
    now = get_details(session.db, reflection.id) or CpdDetails(reflection.id, activity_date(reflection, None))
    session.console.say(WHY)
    form = PlainForm(session, "cpd-details", reflection.id, "CPD details")
    with form.kept_if_stopped():
        details = _ask(session, form, now)
    ok, _ = form.save(lambda: save_details(session.db, details), "The CPD details were not saved")
    if ok:
        session.console.say(f"CPD details saved: {describe(details)}.")
        session.console.say(totals(session))


def _details_note(session: Session, reflection: Reflection) -> str:
    found = get_details(session.db, reflection.id)
    return f"CPD details: {describe(found)}" if found else "no CPD details yet"


def describe(details: CpdDetails) -> str:
    """'1.5 hours on 1 April 2026, learning with others, Work-based learning'."""
    with_others = "learning with others" if details.participatory else "on your own"
    return f"{hours(details.minutes)} on {spoken_date(details.on_date)}, {with_others}, {details.kind.label}"


def totals(session: Session) -> str:
    where = progress(session.db, session.today)
    return (f"In this cycle: {hours(where.minutes)} of {CPD_HOURS_NEEDED}, and "
            f"{hours(where.participatory_minutes)} of {PARTICIPATORY_HOURS_NEEDED} learning with others.")


def _ask(session: Session, form: PlainForm, now: CpdDetails) -> CpdDetails:
    console = session.console
    day_text = form.text("on_date", f"The day of the activity, for example 2026-04-01 (year-month-day)? "
                         f"Now: {spoken_date(now.on_date)}; Enter alone keeps it.", None, "The date",
                         check=partial(_day_or_kept, today=session.today)).strip()
    on_date = activity_day(day_text, session.today) if day_text else now.on_date
    keep_hours = f" Now: {hours(now.minutes)}; Enter alone keeps it." if now.minutes else ""
    hours_text = form.text("hours", f"How many hours did it take, for example 1.5?{keep_hours}", None, "The hours",
                           check=partial(_hours_or_kept, kept=now.minutes)).strip()
    minutes = activity_minutes(hours_text) if hours_text else now.minutes
    participatory = console.confirm("Did you learn with others (participatory)?", default=now.participatory)
    form.set("participatory", "yes" if participatory else "no")
    kind = console.choose("What kind of activity was it?", [(k.label, k) for k in KINDS], default=KINDS.index(now.kind))
    form.set("kind", kind.value)
    return CpdDetails(now.reflection_id, on_date, minutes, participatory, kind)


def _day_or_kept(typed: str, today: date) -> None:
    """Enter alone keeps the day as it is; anything typed must be a day the activity could have happened."""
    if typed.strip():
        activity_day(typed, today)


def _hours_or_kept(typed: str, kept: int) -> None:
    """Enter alone keeps hours already given; with none given, it is refused as 0 hours."""
    if typed.strip() or not kept:
        activity_minutes(typed)
