"""Provides your details in plain mode: name, role, organisation, line manager and revalidation date, all optional."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from myrole.plain.forms import PlainForm
from myrole.plain.session import Session
from myrole.plain.words import spoken_date
from myrole.revalidation.model import revalidation_day
from myrole.store.cpd import check_date, get_revalidation_date, set_revalidation_date
from myrole.store.profile import get_profile, save_profile
from myrole.text import inert

# The app's form asks the same, in the same order (myrole/ui/dialogs/profile.py).
FIELDS = (
    ("name", "Your name", "Your name"),
    ("role", "Your role, for example staff nurse, porter or team leader", "Your role"),
    ("organisation", "Your organisation", "Your organisation"),
    ("manager_name", "Your line manager's name", "Your line manager's name"),
)
REVALIDATION_LABEL = "Your next revalidation or renewal date, if you have one, for example 2027-03-31 (year-month-day)?"
NONE_WORD = "none"  # typed instead of a date: take the date away


def first_run(session: Session) -> None:
    """On the very first start: welcome, then the details (each may be left empty)."""
    if get_profile(session.db).onboarded:
        return
    session.console.say("Welcome to myrole, where you reflect on your part in reducing health inequalities.")
    edit_details(session, first=True)


def edit_details(session: Session, *, first: bool = False) -> None:
    """Ask each detail in turn, the revalidation date last, as the app's Your details does (Enter alone leaves
    each as it is), and save them together."""
    console = session.console
    profile = get_profile(session.db)
    stored = get_revalidation_date(session.db)
    console.say("A few details make your summaries and one-to-ones read well; all are optional and stay on this computer.")
    form = PlainForm(session, "profile", "", "Your details")
    typed: dict[str, str] = {}
    with form.kept_if_stopped():
        for field, label, what in FIELDS:
            now = getattr(profile, field)
            keep = f" Now: {inert(now)}; Enter alone keeps it." if now else " Enter alone leaves it empty."
            value = form.text(field, f"{label}?{keep}", ("profile", field), what)
            typed[field] = value or now
        revalidation = _revalidation_date(form, stored)
    updated = replace(profile, onboarded=True, **typed)

    def save() -> None:
        save_profile(session.db, updated)
        if revalidation != stored:
            set_revalidation_date(session.db, revalidation)

    if not form.save(save, "Your details were not saved")[0]:
        return
    console.say("Your details are saved; choose Your details from the menu to change them." if first
                else "Your details are saved.")


def _revalidation_date(form: PlainForm, stored: date | None) -> date | None:
    """Ask for the revalidation date: Enter alone keeps the one stored, and none takes it away."""
    keep = (f" Now: {spoken_date(stored)}; Enter alone keeps it, and {NONE_WORD} takes it away." if stored
            else " Enter alone leaves it empty.")
    typed = form.text("revalidation_date", f"{REVALIDATION_LABEL}{keep}", None, "The revalidation date",
                      check=read_revalidation_date).strip()
    if not typed:
        return stored
    return read_revalidation_date(typed)


def read_revalidation_date(typed: str) -> date | None:
    """The date typed (None for none); ValueError with one sentence when it is not a real date."""
    if typed.strip().lower() == NONE_WORD:
        return None
    day = revalidation_day(typed)
    return check_date(day, "The revalidation date") if day else None
