"""Provides plain mode's start: first-run details, then a numbered menu of the flows until the person quits."""

from __future__ import annotations

from importlib import import_module

from myrole.plain.session import Session

CHOICES = (
    ("Reflect", "reflect"),
    ("Make a commitment", "commit"),
    ("Check in on a commitment", "checkin"),
    ("What is due", "due"),
    ("Prepare for a one-to-one", "one-to-one"),
    ("Export a summary", "export"),
    ("Revalidation (NMC and HCPC)", "revalidation"),
    ("Your details", "details"),
    ("Settings: who sees new things at first, your group's name, the first day of your week", "settings"),
    ("Quit", "quit"),
)


def main_menu(session: Session) -> None:
    from myrole.overview import build_overview
    from myrole.plain.profile import first_run

    console = session.console
    console.say("myrole in plain mode: you answer each question by typing a line.")
    first_run(session)
    while True:
        due = len(build_overview(session.conn, session.today).due)
        if due:
            console.say(f"{due} check-in{'s are' if due != 1 else ' is'} due.")
        chosen = console.choose("What would you like to do?", CHOICES)
        if chosen == "quit":
            console.say("Goodbye; everything is saved.")
            return
        run_choice(session, chosen)


# Each flow's module and function, imported only when chosen (plain mode starts with none of them).
FLOWS = {
    "reflect": ("myrole.plain.reflect", "reflect"),
    "commit": ("myrole.plain.commitment", "make_commitment"),
    "checkin": ("myrole.plain.checkin", "check_in"),
    "due": ("myrole.plain.due_list", "show_due"),
    "one-to-one": ("myrole.plain.one_to_one", "prepare"),
    "export": ("myrole.plain.export", "export"),
    "revalidation": ("myrole.plain.revalidation", "revalidation"),
    "details": ("myrole.plain.profile", "edit_details"),
    "settings": ("myrole.plain.your_settings", "change_your_settings"),
}


def run_choice(session: Session, chosen: str) -> None:
    """Run one flow from the menu."""
    module, function = FLOWS[chosen]
    getattr(import_module(module), function)(session)
