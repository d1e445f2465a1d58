"""Provides making or editing an NMC written reflective account in plain mode, from a finished reflection."""

from __future__ import annotations

from dataclasses import replace

from myrole.model import Reflection
from myrole.plain import choices
from myrole.plain.finished import choose_finished
from myrole.plain.forms import PlainForm
from myrole.plain.session import Session
from myrole.revalidation.cycle import progress
from myrole.revalidation.model import ACCOUNT_PARTS, NmcAccount, Theme
from myrole.revalidation.nmc import accounts_line
from myrole.revalidation.prefill import prefill, reflection_title
from myrole.store.cpd import PART_NAMES, get_account, save_account
from myrole.store.reflections import get_answers
from myrole.text import one_line

ANONYMOUS = "Write it so no one could be recognised: no names, dates of birth, wards or rare conditions."
FROM_ANSWERS = "It starts from your reflection's answers; change anything."
THEMES_QUESTION = "Which themes of the Code does it relate to? Type a number to choose a theme, or to unchoose it."
THEMES_BEFORE = "code"  # the themes are asked just before this part, as the app's form shows them


def make_account(session: Session) -> None:
    """Choose a finished reflection, then read out and replace each part of its account, and choose the themes."""
    reflection = choose_finished(session, "Which reflection is the account about?",
                                 lambda found: _account_note(session, found))
    if reflection is None:
        return
    account = get_account(session.db, reflection.id)
    console = session.console
    console.say(f"NMC written reflective account, from: {one_line(reflection_title(reflection), 200)}.")
    console.say(ANONYMOUS if account else f"{ANONYMOUS} {FROM_ANSWERS}")
    start = account or prefill(reflection, get_answers(session.db, reflection.id))
    form = PlainForm(session, "nmc-account", reflection.id, "NMC reflective account")
    with form.kept_if_stopped():
        typed = _ask(session, form, start)
    ok, _ = form.save(lambda: save_account(session.db, typed), "The account was not saved")
    if ok:
        found = len(progress(session.db, session.today).accounts)
        console.say(f"Saved: {accounts_line(found)} in this cycle.")


def _account_note(session: Session, reflection: Reflection) -> str:
    return "has an account" if get_account(session.db, reflection.id) else "no account yet"


def _ask(session: Session, form: PlainForm, start: NmcAccount) -> NmcAccount:
    """Each part in the form's order, the themes before the last; the account as typed."""
    texts: dict[str, str] = {}
    themes = start.themes
    for number, (name, question) in enumerate(ACCOUNT_PARTS, start=1):
        if name == THEMES_BEFORE:
            themes = _themes(session, form, start.themes)
        texts[name] = form.rewrite(name, f"Part {number} of {len(ACCOUNT_PARTS)}: {question}", start.part(name),
                                   ("nmc_accounts", name), PART_NAMES[name])
    return replace(start, **texts, themes=themes)


def _themes(session: Session, form: PlainForm, now: frozenset[Theme]) -> frozenset[Theme]:
    """The themes, starting from an earlier draft's if there is one; kept in the draft as the app's form keeps them."""
    earlier = {theme for theme in Theme if form.earlier_choice(theme.value) == "yes"}
    drafted = any(form.earlier_choice(theme.value) in ("yes", "no") for theme in Theme)
    chosen = choices.toggled(session.console, THEMES_QUESTION, [(theme.label, theme) for theme in Theme],
                             frozenset(earlier) if drafted else now)
    for theme in Theme:
        form.set(theme.value, "yes" if theme in chosen else "no")
    return chosen
