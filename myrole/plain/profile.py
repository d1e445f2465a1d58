"""Provides your details in plain mode: name, role, organisation and line manager, all optional (as the app's first-run form)."""

from __future__ import annotations

from dataclasses import replace

from myrole.plain.forms import PlainForm
from myrole.plain.session import Session
from myrole.store.profile import get_profile, save_profile
from myrole.text import inert

# The app's form asks the same, in the same order (myrole/ui/dialogs/profile.py).
FIELDS = (
    ("name", "Your name", "Your name"),
    ("role", "Your role, for example staff nurse, porter or team leader", "Your role"),
    ("organisation", "Your organisation", "Your organisation"),
    ("manager_name", "Your line manager's name", "Your line manager's name"),
)


def first_run(session: Session) -> None:
    """On the very first start: welcome, then the details (each may be left empty)."""
    if get_profile(session.db).onboarded:
        return
    session.console.say("Welcome to myrole, where you reflect on your part in reducing health inequalities.")
    edit_details(session, first=True)


def edit_details(session: Session, *, first: bool = False) -> None:
    """Ask each detail in turn (Enter alone leaves it as it is) and save them together."""
    console = session.console
    profile = get_profile(session.db)
    console.say("A few details make your summaries and one-to-ones read well; all are optional and stay on this computer.")
    form = PlainForm(session, "profile", "", "Your details")
    typed: dict[str, str] = {}
    with form.kept_if_stopped():
        for field, label, what in FIELDS:
            now = getattr(profile, field)
            keep = f" Now: {inert(now)}; Enter alone keeps it." if now else " Enter alone leaves it empty."
            value = form.text(field, f"{label}?{keep}", ("profile", field), what)
            typed[field] = value or now
    updated = replace(profile, onboarded=True, **typed)
    if not form.save(lambda: save_profile(session.db, updated), "Your details were not saved")[0]:
        return
    console.say("Your details are saved; choose Your details from the menu to change them." if first
                else "Your details are saved.")
