"""Provides your settings in plain mode: who sees new items at first, the group's name and the first day of the week.

The same settings as the app's form (myrole/ui/dialogs/settings.py), but the colours, which plain mode
does not use. Each change is saved at once with change_settings, which changes that key only and keeps
the rest of settings.toml as the person wrote it.
"""

from __future__ import annotations

from myrole.events import NO_COLLECTIVE
from myrole.model import Visibility
from myrole.plain.forms import PlainForm
from myrole.plain.session import Session
from myrole.settings import WEEKDAYS, SettingsError, change_settings, load_settings, setting_problem
from myrole.text import inert

INTRO = ("These choices are kept on this computer in your settings file and used every time myrole starts. "
         "Changing them never changes what you have already written.")
DONE = "done"


def change_your_settings(session: Session) -> None:
    """A numbered list of the settings, each saying its value now; one is changed at a time, until Done."""
    console = session.console
    console.say(INTRO)
    for problem in load_settings(session.paths.config).problems:
        console.say(inert(problem))
    while True:
        settings = session.reload_settings()
        name = settings.collective_name
        options = [
            (f"Who sees something new you write, at first; now {settings.default_visibility.explanation}.",
             "default_visibility"),
            (f"The name of the group you share commitments with; now {_quoted(name) if name else 'none set'}.",
             "collective_name"),
            (f"The first day of your week; now {settings.week_starts.capitalize()}.", "week_starts"),
            ("Done: back to the menu.", DONE),
        ]
        chosen = console.choose("Which setting would you like to change?", options, default=len(options) - 1)
        if chosen == DONE:
            return
        if chosen == "default_visibility":
            _change(session, default_visibility=_visibility(session, settings.default_visibility))
        elif chosen == "week_starts":
            _change(session, week_starts=_first_day(session, settings.week_starts))
        else:
            _change_name(session, name)


def _visibility(session: Session, now: Visibility) -> Visibility:
    options = [(v.explanation, v) for v in Visibility]
    return session.console.choose("Who sees something new you write, until you say otherwise?", options,
                                  default=list(Visibility).index(now))


def _first_day(session: Session, now: str) -> str:
    options = [(day.capitalize(), day) for day in WEEKDAYS]
    return session.console.choose("Which day does your week start on?", options, default=WEEKDAYS.index(now))


def _change(session: Session, **change: object) -> None:
    try:
        change_settings(session.paths.config, **change)
    except SettingsError as error:
        session.console.say(f"The setting was not saved: {inert(str(error))}")
        return
    session.console.say("Saved.")


def _change_name(session: Session, now: str) -> None:
    """Type a new name, have none, or keep it; a name typed is kept as the app's settings draft until it is saved."""
    console = session.console
    console.say(f"Screens and exports name the group you share commitments with; with none set they say "
                f"{NO_COLLECTIVE}.")
    if now:
        options = [("Type a new name.", "new"), ("Have no name.", "none"), (f"Keep {_quoted(now)}.", "keep")]
        wanted = console.choose(f"The name now is {_quoted(now)}.", options, default=2)
        if wanted == "keep":
            return
        if wanted == "none":
            _change(session, collective_name="")
            return
    form = PlainForm(session, "settings", "", "Settings")
    with form.kept_if_stopped():
        typed = form.text("collective_name", "The group's name? Enter alone leaves it as it is.", None,
                          "The group's name", check=_check_name).strip()
    if not typed:
        return
    saved, _ = form.save(lambda: change_settings(session.paths.config, collective_name=typed), "The name was not saved")
    if saved:
        console.say("Saved.")


def _check_name(typed: str) -> None:
    """The check the settings file's reader makes, so a name saved here is never refused at the next start."""
    why = setting_problem("collective_name", typed.strip())
    if why:
        raise ValueError(why)


def _quoted(name: str) -> str:
    return f"“{inert(name)}”"
