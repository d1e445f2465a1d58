"""Provides plain mode's start: first-run details, then a numbered menu of the flows until the person quits."""

from __future__ import annotations

from myrole.plain.session import Session

CHOICES = (
    ("Reflect", "reflect"),
    ("Make a commitment", "commit"),
    ("Check in on a commitment", "checkin"),
    ("What is due", "due"),
    ("Prepare for a one-to-one", "one-to-one"),
    ("Export a summary", "export"),
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


def run_choice(session: Session, chosen: str) -> None:
    """Run one flow from the menu."""
    if chosen == "reflect":
        from myrole.plain.reflect import reflect

        reflect(session)
    elif chosen == "commit":
        from myrole.plain.commitment import make_commitment

        make_commitment(session)
    elif chosen == "checkin":
        from myrole.plain.checkin import check_in

        check_in(session)
    elif chosen == "due":
        from myrole.plain.due_list import show_due

        show_due(session)
    elif chosen == "one-to-one":
        from myrole.plain.one_to_one import prepare

        prepare(session)
    elif chosen == "export":
        from myrole.plain.export import export

        export(session)
    elif chosen == "details":
        from myrole.plain.profile import edit_details

        edit_details(session)
    elif chosen == "settings":
        from myrole.plain.your_settings import change_your_settings

        change_your_settings(session)
