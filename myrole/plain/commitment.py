"""Provides making a commitment in plain mode, on its own or from a reflection answer (linked, not copied)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from myrole.shared_choices import EVERY_N_DAYS, draft_from_answer, read_tags
from myrole.model import Answer, Commitment, Lens, Mode, Visibility
from myrole.plain import choices
from myrole.plain.forms import PlainForm
from myrole.plain.session import Session
from myrole.settings import new_item_visibility
from myrole.store.commitments import create_commitment
from myrole.schedule import parse_cadence
from myrole.text import inert, one_line
from myrole.validation import check_target_date, parse_form_date

TITLE_NEEDED = "Give the commitment a title: what you will do, in a few words."


def make_commitment(session: Session, answer: Answer | None = None) -> Commitment | None:
    """Ask for each part of a commitment and save it; the saved commitment (None if it could not be saved)."""
    console = session.console
    start = Commitment(id="", title="", lens=Lens.SELF, mode=Mode.ACTION,
                       visibility=new_item_visibility(session.settings))
    if answer is not None:  # the answer's lens, mode and who can see it, as in the app; never its words
        start = draft_from_answer(answer)
        console.say(f"A new commitment from your answer: {one_line(answer.text, 200)}")
    else:
        console.say("A new commitment: something concrete you will do.")
    form = PlainForm(session, "commitment", f"answer:{answer.id}" if answer else "", "New commitment",
                     {"reflection_id": start.reflection_id or "", "answer_id": start.answer_id or ""})
    with form.kept_if_stopped():
        commitment = _ask(session, form, start)
    ok, saved = form.save(lambda: create_commitment(session.db, commitment), "The commitment was not saved")
    if not ok or saved is None:
        return None
    console.say(f"Commitment saved: {inert(saved.title)}.")
    return saved


def _ask(session: Session, form: PlainForm, start: Commitment) -> Commitment:
    console = session.console
    title = form.text("title", "Title: what you will do, in a few words?", ("commitments", "title"),
                      "The title", required=TITLE_NEEDED)
    detail = form.text("detail", "Detail, if you want to add any?", ("commitments", "detail"), "The detail",
                       long=True)
    lens = choices.lens(console, _earlier(form, "lens", Lens, start.lens))
    form.set("lens", lens.value)
    mode = choices.mode(console, _earlier(form, "mode", Mode, start.mode))
    form.set("mode", mode.value)
    first_step = form.text("first_step", "First step: the very next thing you will do? Enter alone leaves it empty.",
                           ("commitments", "first_step"), "The first step")
    success = form.text("success", "What does success look like? Enter alone leaves it empty.",
                        ("commitments", "success"), "What success looks like")
    support = form.text("support", "What support do you need, from your manager, team or others? "
                        "Enter alone leaves it empty.", ("commitments", "support"), "The support you need")
    target_text = form.text("target_date", "Target date, for example 2027-03-31 (year-month-day)? Enter alone leaves it empty.",
                            ("commitments", "first_step"), "The target date", check=partial(_target, session))
    cadence = choices.cadence(console, _earlier_cadence(form, start.cadence), session.settings.week_starts)
    every_n_days = parse_cadence(cadence).code == f"{parse_cadence(cadence).days}d"
    form.set("cadence", EVERY_N_DAYS if every_n_days else cadence)  # as the app's editor keeps it
    form.set("cadence_days", cadence[:-1] if every_n_days else "")
    tags = form.text("tags", "Tags, separated by commas, for example interpreters, falls? "
                     "Enter alone leaves none.", None, "The tags", check=read_tags)
    visibility = choices.who_can_see(console, _earlier(form, "visibility", Visibility, start.visibility),
                                     "commitment", collective=session.settings.collective_name)
    form.set("visibility", visibility.value)
    return replace(start, title=title, detail=detail, lens=lens, mode=mode, first_step=first_step,
                   success=success, support=support, target_date=_target(session, target_text),
                   cadence=cadence, tags=read_tags(tags), visibility=visibility)


def _target(session: Session, text: str):  # noqa: ANN202 - a date or None
    target = parse_form_date(text, "target date")
    check_target_date(target, session.today)
    return target


def _earlier_cadence(form: PlainForm, default: str) -> str:
    """The cadence an earlier draft chose (the app keeps every N days as 'custom' and the number), else default."""
    chosen, days = form.earlier_choice("cadence"), form.earlier_choice("cadence_days")
    code = f"{days}d" if chosen == EVERY_N_DAYS else chosen
    try:
        return parse_cadence(code).code if isinstance(code, str) and code else default
    except ValueError:
        return default


def _earlier(form: PlainForm, field: str, kind, default):  # noqa: ANN001, ANN202 - an enum and its member
    """A choice kept in an earlier draft, if it is still one of kind's values, else default."""
    value = form.earlier_choice(field)
    try:
        return kind(value) if isinstance(value, str) else default
    except ValueError:
        return default
