"""Tests that plain mode's flows, driven line by line through io.StringIO, say the right words and save what
was typed through the same store functions as the app (answers as entered, drafts when input ends)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from datetime import date, datetime, timedelta, timezone

import pytest

from myrole.events import read_event_file
from myrole.model import Commitment, Context, ItemKind, Lens, Mode, Status, Visibility
from myrole.plain import wanted
from myrole.plain.console import Console, EndOfInput
from myrole.plain.menu import CHOICES, main_menu
from myrole.plain.reflect import reflect
from myrole.plain.session import INTERRUPTED, run
from myrole.plain.words import spoken_date
from myrole.prompts import load_catalogue
from myrole.store.checkins import list_checkins
from myrole.store.commitments import create_commitment, list_commitments
from myrole.store.drafts import get_draft, list_drafts
from myrole.store.events import add_event
from myrole.store.one_to_ones import create_one_to_one, current_draft
from myrole.store.profile import get_profile
from myrole.store.reflections import get_answers, list_reflections, save_answer

TODAY = date.today()
CORE = load_catalogue().get("core")
# What a plain line must never hold: escape sequences (colour, cursor moves) or box-drawing characters.
NOT_PLAIN = re.compile("[\x1b\x07\u2500-\u257f\u2580-\u259f]")
MENU = {value: str(number) for number, (_, value) in enumerate(CHOICES, start=1)}  # "quit": "9" ...
SKIP_DETAILS = ["", "", "", "", ""]  # first run: name, role, organisation, line manager, revalidation date


@pytest.fixture
def db(empty_db):
    """Here, as everywhere, an open, migrated, empty store; for these tests a copy of one migrated once."""
    return empty_db


def plain(paths, lines: list[str], flow=main_menu) -> tuple[int, str]:
    """Run a plain-mode flow with these lines as its input; the exit status and everything it wrote."""
    out = io.StringIO()
    status = run(paths, flow, reader=io.StringIO("".join(f"{line}\n" for line in lines)), writer=out, today=TODAY)
    text = out.getvalue()
    assert not NOT_PLAIN.search(text)
    return status, text


def days_ago(days: int) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def commitment(db, title: str, visibility: Visibility = Visibility.PRIVATE, age: int = 30, **fields) -> Commitment:
    return create_commitment(db, Commitment(id="", title=title, lens=Lens.PATIENTS, mode=Mode.ACTION,
                                            visibility=visibility, created_at=days_ago(age), **fields))


# -- choosing plain mode --------------------------------------------------------------------------------

@pytest.mark.parametrize(("flag", "environ", "expected"), [
    (None, {}, False), (None, {"TERM": "dumb"}, True), (None, {"ACCESSIBLE": "1"}, True),
    (None, {"ACCESSIBLE": "0"}, False), (None, {"TERM": "xterm-256color"}, False),
    (False, {"TERM": "dumb", "ACCESSIBLE": "1"}, False), (True, {}, True),
])
def test_plain_mode_is_chosen_by_flag_then_environment(flag, environ, expected):
    assert wanted(flag, environ) is expected


@pytest.mark.parametrize(("flag", "expected"), [(None, True), (True, True), (False, False)])
def test_with_no_terminal_plain_mode_is_chosen_unless_the_app_is_asked_for(flag, expected):
    assert wanted(flag, {"TERM": "xterm-256color"}, terminal=False) is expected


# -- the console ---------------------------------------------------------------------------------------

def test_numbered_choice_asks_again_until_a_number_in_range():
    out = io.StringIO()
    console = Console(io.StringIO("seven\n0\n3\n"), out)
    assert console.choose("Pick one?", [("a", "A"), ("b", "B"), ("c", "C")]) == "C"
    lines = out.getvalue().splitlines()
    assert lines[:4] == ["Pick one?", "1. a", "2. b", "3. c"]
    assert lines.count("Please type a number from 1 to 3.") == 2


def test_long_answer_ends_at_a_lone_full_stop_and_end_of_input_carries_what_was_typed():
    console = Console(io.StringIO("one\n\nthree.\n .\nafter\n"), io.StringIO())
    assert console.ask_long("Answer?") == "one\n\nthree."
    console = Console(io.StringIO("first\nsecond"), io.StringIO())
    with pytest.raises(EndOfInput) as ended:
        console.ask_long("Answer?")
    assert ended.value.partial == "first\nsecond"


# -- first run and your details --------------------------------------------------------------------------

def test_first_run_asks_for_details_saves_them_and_quits_cleanly(paths, db):
    status, text = plain(paths, ["Sam Patel", "Staff nurse", "", "Alex Morgan", "", MENU["quit"]])
    assert status == 0
    assert "Welcome to myrole" in text
    assert "Your name? Enter alone leaves it empty." in text
    assert text.rstrip().endswith("Goodbye; everything is saved.")
    profile = get_profile(db)
    assert (profile.name, profile.role, profile.organisation, profile.manager_name) == (
        "Sam Patel", "Staff nurse", "", "Alex Morgan")
    assert profile.onboarded
    status, text = plain(paths, [MENU["quit"]])  # the second start does not ask again
    assert "Welcome" not in text


def test_hostile_details_are_stored_exactly_and_echoed_inert(paths, db):
    hostile = "\x1b[31mRed\x1b[0m [bold]Sam[/bold] \u202eevil\x07"
    plain(paths, [hostile, *SKIP_DETAILS[1:], MENU["quit"]])
    assert get_profile(db).name == hostile
    status, text = plain(paths, [MENU["details"], "", "", "", "", "", MENU["quit"]])  # the last: revalidation date
    assert status == 0
    assert "Now: \\x1b[31mRed\\x1b[0m [bold]Sam[/bold] \\u202eevil\\x07; Enter alone keeps it." in text
    assert get_profile(db).name == hostile  # Enter kept it, byte for byte


def test_end_of_input_in_the_details_keeps_them_as_the_apps_draft(paths, db):
    status, text = plain(paths, ["Sam", "Physio"])
    assert status == 0
    assert "kept as a draft" in text
    draft = get_draft(db, "profile")
    assert draft.fields == {"name": "Sam", "role": "Physio"}
    assert draft.context["typed"] == "name,role"
    plain(paths, ["", "", "Trust", "", "", MENU["quit"]])  # offered again: Enter keeps each earlier answer
    assert (get_profile(db).name, get_profile(db).organisation) == ("Sam", "Trust")
    assert get_draft(db, "profile") is None


# -- reflect ------------------------------------------------------------------------------------------------

def reflect_with(pack_id="core", context=Context.SELF, topic=None):
    return lambda session: reflect(session, pack_id, context, topic)


def test_reflect_says_where_each_question_is_and_saves_each_answer_as_entered(paths, db):
    first, second, third = CORE.prompts[:3]
    status, text = plain(paths, ["My first answer,", "on two lines.", ".", "hint", "who", "2",
                                 "Shared answer", ".", "skip", "back", "back", "back", "Changed", "."],
                         reflect_with())
    assert status == 0
    assert f"Lens 1 of 6, Self; Notice and share (raise awareness); question 1 of {len(CORE.prompts)}." in text
    assert first.text in text
    assert f"Hint: {second.hint}" in text
    assert "2. manager: you and your line manager" in text
    assert "Saved, manager: you and your line manager." in text
    assert "Your answer so far, manager: you and your line manager:\nShared answer\n" in text  # read out
    assert "Your answer so far, private: only you:\nMy first answer,\non two lines.\n" in text
    reflection, answered = list_reflections(db)[0]
    answers = {a.prompt_id: a for a in get_answers(db, reflection.id)}
    assert answers[first.id].text == "Changed"
    assert answers[second.id].text == "Shared answer"
    assert answers[second.id].visibility is Visibility.MANAGER
    assert third.id not in answers
    assert reflection.finished_at is None
    assert text.rstrip().endswith("The input ended; everything you typed is saved.")


def test_end_of_input_mid_answer_saves_what_was_typed(paths, db):
    status, _ = plain(paths, ["", "The start of an answer", "and a second line"], reflect_with("one-thing"))
    assert status == 0
    reflection, _ = list_reflections(db)[0]
    assert [a.text for a in get_answers(db, reflection.id)] == ["The start of an answer\nand a second line"]


def test_ctrl_c_saves_what_was_typed_and_leaves_with_status_130(paths, db):
    class CtrlC(io.StringIO):
        def readline(self, *args):
            line = super().readline(*args)
            if not line:
                raise KeyboardInterrupt
            return line

    out = io.StringIO()
    status = run(paths, reflect_with("one-thing"), reader=CtrlC("\nHalf an answer\n"), writer=out, today=TODAY)
    assert status == INTERRUPTED
    assert "Stopped; everything you typed is saved." in out.getvalue()
    reflection, _ = list_reflections(db)[0]
    assert [a.text for a in get_answers(db, reflection.id)] == ["Half an answer"]


@pytest.mark.parametrize(("choice", "kept"), [("yes", "Mine"), ("no", "The other window's text")])
def test_an_answer_saved_in_another_window_meanwhile_is_asked_about_not_overwritten(paths, db, choice, kept):
    """The other window saves the first answer while this one is retyping it: plain mode shows the other
    text and asks, as the app does; only "yes" replaces it."""
    first = CORE.prompts[0]

    class OtherWindowSaves(io.StringIO):
        def readline(self, *args):
            line = super().readline(*args)
            if line == "Mine\n":  # the other window saves just as this one starts typing again
                reflection, _ = list_reflections(db)[0]
                save_answer(db, reflection.id, first, "The other window's text", Visibility.PRIVATE)
            return line

    out = io.StringIO()
    lines = ["Ours", ".", "back", "Mine", ".", choice, "quit"]
    run(paths, reflect_with(), reader=OtherWindowSaves("".join(f"{line}\n" for line in lines)), writer=out,
        today=TODAY)
    text = out.getvalue()
    assert "changed in another window" in text
    assert "The other window's answer is:\nThe other window's text" in text
    reflection, _ = list_reflections(db)[0]
    assert [a.text for a in get_answers(db, reflection.id)] == [kept]


def test_hostile_answer_is_stored_exactly_and_read_back_inert(paths, db):
    hostile = "\x1b]0;owned\x07 [red]markup[/red] \x1b[2J"
    plain(paths, [hostile, ".", "back"], reflect_with())
    reflection, _ = list_reflections(db)[0]
    assert get_answers(db, reflection.id)[0].text == hostile
    _, text = plain(paths, ["yes", "quit"], lambda s: reflect(s))  # carry on: the answer is read out
    assert "\\x1b]0;owned\\x07 [red]markup[/red] \\x1b[2J" in text


def test_an_answer_that_looks_identifiable_gets_a_warning_in_words(paths, db):
    _, text = plain(paths, ["Mrs B, NHS number 943 476 5919, was upset.", "."], reflect_with())
    assert "This may identify a person: NHS number 943 476 5919." in text


def test_commit_makes_a_commitment_linked_to_the_answer_just_given(paths, db):
    status, text = plain(paths, [
        "I will ask about language.", ".", "commit",
        "Ask every new patient their language", "Detail line", ".", "", "", "First step", "", "", "",
        "5", "12", "", "", "quit"], reflect_with())
    assert status == 0
    assert "Commitment saved: Ask every new patient their language." in text
    assert f"Back to the reflection.\nLens 1 of 6, Self; Notice and share (raise awareness); question 2 of {len(CORE.prompts)}." in text
    assert "Your reflection is saved; you can carry on with it later from Reflect." in text
    reflection, _ = list_reflections(db)[0]
    answer = get_answers(db, reflection.id)[0]
    [made] = list_commitments(db)
    assert (made.title, made.detail, made.first_step, made.cadence) == (
        "Ask every new patient their language", "Detail line", "First step", "12d")
    assert (made.answer_id, made.reflection_id, made.lens, made.mode) == (
        answer.id, reflection.id, answer.lens, answer.mode)


@pytest.mark.parametrize("way", ["commit", "finish"])
def test_a_commitment_from_a_reflection_model_step_starts_at_self_take_action(paths, db, way):
    # Gibbs' steps have no lens or mode: the form starts where the app's editor does, and nothing crashes.
    to_form = ["commit"] if way == "commit" else ["finish", "1", "1"]
    status, text = plain(paths, ["What happened", ".", *to_form, "Ask for a debrief", ".", "", "", "", "", "", "",
                                 "6", "falls, interpreters,falls", "", "quit", "3"], reflect_with("gibbs"))
    assert status == 0
    assert "Type a number from 1 to 6; Enter alone keeps 1, Self." in text
    assert "Type a number from 1 to 3; Enter alone keeps 2, Do something about it (take action)." in text
    assert "Commitment saved: Ask for a debrief." in text
    [answer] = get_answers(db, list_reflections(db)[0][0].id)
    [made] = list_commitments(db)
    assert (answer.lens, answer.mode) == (None, None)
    assert (made.lens, made.mode, made.answer_id, made.cadence, made.tags) == (
        Lens.SELF, Mode.ACTION, answer.id, "every-monday", ("falls", "interpreters"))
    assert list_drafts(db) == []


def test_commitment_offers_the_apps_rota_days_and_checks_tags(paths, db):
    from myrole.limits import TAGS
    from myrole.shared_choices import cadence_choices

    too_many = ", ".join(f"t{n}" for n in range(TAGS + 1))
    last_friday = [code for _, code in cadence_choices()].index("last-friday") + 1
    status, text = plain(paths, [*SKIP_DETAILS, MENU["commit"], "Rota check-ins", ".", "", "", "", "", "", "",
                                 str(last_friday), too_many, "x" * 51 + ", ok", "ward 7, ok", "", MENU["quit"]])
    assert status == 0
    assert "6. Every Monday" in text and f"{last_friday}. The last Friday of each month" in text
    assert "5. Every so many days" in text
    assert f"A commitment can have at most {TAGS} tags; this one has {TAGS + 1}." in text
    assert "A tag is 51 characters long, but the most myrole keeps is 50; please shorten it." in text
    [made] = list_commitments(db)
    assert (made.cadence, made.tags) == ("last-friday", ("ward 7", "ok"))


def test_commitment_form_keeps_its_draft_when_saving_fails_in_any_way(paths, db, monkeypatch):
    import myrole.plain.commitment as plain_commitment

    def broken(*_):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(plain_commitment, "create_commitment", broken)
    with pytest.raises(RuntimeError):
        plain(paths, [*SKIP_DETAILS, MENU["commit"], "Kept title", "Kept detail", ".", "", "", "", "", "", "", "",
                      "", "", MENU["quit"]])
    draft = get_draft(db, "commitment")
    assert (draft.fields["title"], draft.fields["detail"]) == ("Kept title", "Kept detail")
    assert list_commitments(db) == []


@pytest.mark.parametrize(("module", "call", "lines"), [
    ("checkin", "add_checkin", [MENU["checkin"], "", "3", "Kept note", "", "", "", ""]),
    ("profile", "save_profile", [MENU["details"], "Kept name", "", "", "", ""]),
])
def test_other_forms_keep_their_draft_when_saving_fails_in_any_way(paths, db, monkeypatch, module, call, lines):
    import importlib

    def broken(*_):
        raise RuntimeError("the disk went away")

    commitment(db, "Due one", cadence="weekly")
    plain(paths, [*SKIP_DETAILS, MENU["quit"]])  # the first run's details, so the menu comes straight away
    monkeypatch.setattr(importlib.import_module(f"myrole.plain.{module}"), call, broken)
    with pytest.raises(RuntimeError):
        plain(paths, [*lines, MENU["quit"]])
    [draft] = list_drafts(db)
    assert "Kept note" in draft.fields.values() or "Kept name" in draft.fields.values()


def test_visibility_words_use_the_collectives_name(paths, db):
    from myrole.settings import change_settings

    change_settings(paths.config, collective_name="Reducing Inequalities Alliance")
    _, text = plain(paths, ["who", "quit"], reflect_with())
    assert ("If you choose alliance, your line manager sees this answer; Reducing Inequalities Alliance only "
            "ever gets commitments.") in text
    assert "inequalities group" not in text


def test_commit_before_any_answer_says_to_write_one_first(paths, db):
    _, text = plain(paths, ["commit", "quit"], reflect_with())
    assert "Write an answer first; a commitment grows from what you wrote." in text
    assert list_commitments(db) == []


def test_finish_reviews_and_finishes_the_reflection(paths, db):
    status, text = plain(paths, ["", "An answer", ".", "3"], reflect_with("one-thing"))  # its one answer leads to the end
    assert status == 0
    assert "You answered 1 of 6 questions and made 0 commitments from this reflection" in text
    assert "Reflection finished and kept with your records" in text and "your commitments" not in text
    reflection, _ = list_reflections(db)[0]
    assert reflection.finished_at is not None


def test_an_event_reflection_keeps_its_topic(paths, db):
    plain(paths, ["quit"], reflect_with("one-thing", Context.EVENT, "Oral health <b>day</b>"))
    reflection, _ = list_reflections(db)[0]
    assert (reflection.context, reflection.topic) == (Context.EVENT, "Oral health <b>day</b>")


BRADFORD = Path(__file__).resolve().parents[2] / "docs" / "examples" / "bradford-workshop.toml"


def test_at_a_kept_event_the_topics_are_offered_narrowed_by_a_word_and_the_choice_is_kept(paths, db):
    """As the app's start dialog: choose the kept event, narrow its 30 topics by a word (accents and capitals
    ignored), choose one by number; the reflection carries the event and the topic."""
    event = read_event_file(BRADFORD)
    add_event(db, event)
    interpreters = next(t for t in event.topics if t.id == "interpreters")
    status, text = plain(paths, ["1", "INTERPRÉTERS", "1", "quit"], reflect_with("one-thing", Context.EVENT))
    assert status == 0
    assert "Which event are you at?" in text and f"1. {event.name}, " in text
    assert f"This event has {len(event.topics)} topics." in text
    assert f"1. {interpreters.title}" in text and "2. None of these" in text
    assert f"Topic: {interpreters.title}." in text  # said before the questions, as the app shows it
    reflection, _ = list_reflections(db)[0]
    assert (reflection.event_id, reflection.topic_id, reflection.topic) == (event.id, "interpreters",
                                                                            interpreters.title)


def test_at_a_kept_event_none_of_these_asks_for_the_topic_in_own_words(paths, db):
    event = read_event_file(BRADFORD)
    add_event(db, event)
    _, text = plain(paths, ["1", "", str(len(event.topics) + 1), "Our own corner", "quit"],
                    reflect_with("one-thing", Context.EVENT))
    assert "The event's topic" in text
    reflection, _ = list_reflections(db)[0]
    assert (reflection.event_id, reflection.topic_id, reflection.topic) == (event.id, None, "Our own corner")


# -- commitments, check-ins and the due list ------------------------------------------------------------------

def test_make_a_commitment_from_the_menu_checks_each_field(paths, db):
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    status, text = plain(paths, [*SKIP_DETAILS, MENU["commit"], "", "Learn Urdu greetings", ".", "2", "9", "2", "",
                                 "", "", yesterday, "31/02/2099", "20990331", "31/03/2099", "1", "",
                                 "3", MENU["quit"]])
    assert status == 0
    assert "Give the commitment a title: what you will do, in a few words." in text
    assert "Target date, for example 2027-03-31 (year-month-day)? Enter alone leaves it empty." in text
    assert "The target date is in the past; choose today or a later date." in text
    assert "The target date is not a day in the calendar; check the day and the month." in text
    assert text.count("The target date is not a date myrole can read; write it as 31/03/2027 or "
                      "2027-03-31.") == 1  # 20990331: 31/03/2099, as people in the UK write it, is taken
    assert "Please type a number from 1 to 3." in text
    [made] = list_commitments(db)
    assert (made.title, made.lens, made.mode, made.cadence, made.visibility, made.target_date) == (
        "Learn Urdu greetings", Lens.PATIENTS, Mode.ACTION, "weekly", Visibility.ALLIANCE, date(2099, 3, 31))


def test_end_of_input_in_a_commitment_keeps_the_apps_draft(paths, db):
    plain(paths, [*SKIP_DETAILS, MENU["commit"], "Half a title", "Some detail"])
    draft = get_draft(db, "commitment")
    assert draft.fields["title"] == "Half a title"
    assert draft.fields["detail"] == "Some detail"
    assert list_commitments(db) == []


def test_a_lone_full_stop_in_a_one_line_field_means_nothing(paths, db):
    due = commitment(db, "Due one", cadence="weekly")
    status, text = plain(paths, [*SKIP_DETAILS, MENU["checkin"], "", "3", "Asked four patients", ".", " . ",
                                 "4", "", MENU["quit"]])
    assert status == 0
    assert "Check-in saved" in text
    [checkin] = list_checkins(db, due.id)
    assert (checkin.note, checkin.barriers, checkin.next_step) == ("Asked four patients", "", "")


def test_check_in_on_a_due_commitment(paths, db):
    due = commitment(db, "Due one", Visibility.MANAGER, cadence="weekly")
    commitment(db, "Later one", age=0)
    status, text = plain(paths, [*SKIP_DETAILS, MENU["due"], MENU["checkin"], "", "2", "Asked four patients",
                                 "Time", "Ask two more", "4", "", MENU["quit"]])
    assert status == 0
    assert "1 check-in is due." in text
    assert f"Due one: check-in 23 days overdue, since {spoken_date(TODAY - timedelta(days=23))}." in text
    assert "1 open commitment is not due yet." in text
    assert "Later one: next check-in on" in text
    assert "Check-in saved; the next check-in is due on" in text
    [checkin] = list_checkins(db, due.id)
    assert (checkin.progress, checkin.note, checkin.barriers, checkin.next_step, checkin.confidence,
            checkin.visibility) == (2, "Asked four patients", "Time", "Ask two more", 4, Visibility.MANAGER)


def test_due_list_says_dates_in_words_and_the_next_one_to_one(paths, db):
    create_one_to_one(db, TODAY + timedelta(days=3), "Alex")
    _, text = plain(paths, [*SKIP_DETAILS, MENU["due"], MENU["quit"]])
    assert "Nothing is due for a check-in." in text
    assert f"One-to-one with Alex on {spoken_date(TODAY + timedelta(days=3))}, in 3 days." in text
    assert spoken_date(date(2027, 3, 1)) == "1 March 2027"


def test_progress_done_marks_the_commitment_done(paths, db):
    done = commitment(db, "Nearly there")
    _, text = plain(paths, [*SKIP_DETAILS, MENU["checkin"], "1", "4", "", "", "", "", "", MENU["quit"]])
    assert "Check-in saved, and the commitment is marked done; well done." in text
    assert [c for c in list_commitments(db) if c.id == done.id][0].status is Status.DONE


def test_progress_is_numbered_0_to_4_as_the_app_numbers_it(paths, db):
    from myrole.shared_choices import PROGRESS_SCALE
    from myrole.ui.widgets.scale import ScaleChoice

    made = commitment(db, "Rota check-ins")
    _, text = plain(paths, [*SKIP_DETAILS, MENU["checkin"], "1", "5", "2", "", "", "", "", "",
                            MENU["checkin"], "1", "", "", "", "", "", "", MENU["quit"]])
    assert ("How far along are you?\n0. not started\n1. started\n2. making progress\n3. nearly there\n4. done\n"
            "Type a number from 0 to 4; Enter alone keeps 0, not started.\nPlease type a number from 0 to 4.\n") in text
    assert [k.progress for k in list_checkins(db, made.id)] == [2, 2]  # typed 2, then Enter kept it
    assert f"Last check-in on {spoken_date(TODAY)}: 2 making progress." in text
    assert "Type a number from 1 to 5; Enter alone keeps 3, fairly confident." in text  # confidence: 1 to 5
    app_scale = ScaleChoice(PROGRESS_SCALE, 2)  # the app's check-in form: the same numbers and words
    assert (app_scale.low, app_scale.high, str(app_scale.render()).strip()) == (0, 4, "2 making progress")


def test_no_open_commitments_to_check_in_on(paths, db):
    _, text = plain(paths, [*SKIP_DETAILS, MENU["checkin"], MENU["quit"]])
    assert "You have no open commitments to check in on; make one first." in text


# -- one-to-one -------------------------------------------------------------------------------------------------

def test_one_to_one_reads_out_only_what_is_shared_and_adds_points(paths, db):
    commitment(db, "Shared <i>plan</i>", Visibility.MANAGER, support="Time in rota\x1b[5m")
    commitment(db, "Private plan")
    status, text = plain(paths, ["Sam", "", "", "Alex", "", MENU["one-to-one"], "2", "Rota gaps", "second line", ".",
                                 "", "5", "Met, agreed", ".", "1", "1", "6", MENU["quit"]])
    assert status == 0
    assert "Your next one-to-one with Alex, on" in text
    assert "Commitment: Shared <i>plan</i>; no shared check-in yet." in text
    assert "Support you need for Shared <i>plan</i>: Time in rota\\x1b[5m" in text
    assert "Private plan" not in text
    assert "Saved the talking point, manager: you and your line manager." in text
    assert "Talking point, shared with manager: Rota gaps" in text
    record = current_draft(db)
    kinds = [(item.kind, item.text, item.visibility) for item in record.items]
    assert kinds == [(ItemKind.TALKING_POINT, "Rota gaps\nsecond line", Visibility.MANAGER),
                     (ItemKind.AGREED_ACTION, "Met, agreed", Visibility.PRIVATE)]


def test_before_a_one_to_one_is_begun_the_open_points_of_the_last_are_read_out_as_the_app_shows_them(paths, db):
    """Private points are the person's own, and open agreed actions carry forward too (the app lists them all)."""
    from myrole.store import one_to_ones as o2o

    last = o2o.create_one_to_one(db, TODAY - timedelta(days=28), "Alex")
    for kind, text, visibility in [(ItemKind.TALKING_POINT, "Night shifts are wearing me down", Visibility.PRIVATE),
                                   (ItemKind.AGREED_ACTION, "Alex to check the budget", Visibility.MANAGER)]:
        last = o2o.add_item(db, last, kind, text, visibility)
    o2o.mark_agreed(db, o2o.set_dates(db, last, TODAY - timedelta(days=28), TODAY + timedelta(days=3)))
    _, text = plain(paths, [*SKIP_DETAILS, MENU["one-to-one"], "6", MENU["quit"]])
    assert "Open points from your last one-to-one follow, carried forward when you begin this one" in text
    assert "Talking point, private, only you, open from your last one-to-one: Night shifts are wearing me down" in text
    assert "Agreed action, shared with manager, open from your last one-to-one: Alex to check the budget" in text


# -- export ----------------------------------------------------------------------------------------------------

def test_export_as_a_pdf_for_the_manager_holds_only_what_is_shared(paths, db, tmp_path):
    from pypdf import PdfReader

    commitment(db, "Shared with Alex", Visibility.MANAGER)
    commitment(db, "Only mine")
    target = tmp_path / "for-alex.pdf"
    status, text = plain(paths, [*SKIP_DETAILS, MENU["export"], "2", "4", "", str(target), MENU["quit"]])
    assert status == 0 and f"Wrote the summary to {target}, readable by you only." in text
    written = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Shared with Alex" in written and "Only mine" not in written


def test_export_for_the_manager_writes_only_what_is_shared(paths, db, tmp_path):
    commitment(db, "Shared with Alex", Visibility.MANAGER)
    commitment(db, "Only mine")
    target = tmp_path / "for-alex.md"
    status, text = plain(paths, [*SKIP_DETAILS, MENU["export"], "2", "1", "", str(target), MENU["quit"]])
    assert status == 0
    assert f"Wrote the summary to {target}, readable by you only." in text
    written = target.read_text(encoding="utf-8")
    assert "Shared with Alex" in written
    assert "Only mine" not in written
    assert target.stat().st_mode & 0o777 == 0o600
    status, text = plain(paths, [MENU["export"], "1", "3", "", str(target), "", str(target), "yes", MENU["quit"]])
    assert f"{target} already exists; replace it?" in text
    assert '"format": "myrole-export"' in target.read_text(encoding="utf-8")


def test_export_from_a_date_and_for_the_group_names_the_group_and_refuses_a_later_date(paths, db, tmp_path):
    from myrole.settings import change_settings

    change_settings(paths.config, collective_name="Reducing Inequalities Alliance")
    commitment(db, "Shared with the group", Visibility.ALLIANCE)
    target = tmp_path / "group.json"
    later = (TODAY + timedelta(days=1)).isoformat()
    status, text = plain(paths, [*SKIP_DETAILS, MENU["export"], "3", "3", later, "soon", TODAY.strftime("%Y%m%d"), TODAY.isoformat(),
                                 str(target), MENU["quit"]])
    assert status == 0
    assert "The since date is after today; choose today or an earlier date." in text
    assert text.count("Write the date as 01/04/2026 or 2026-04-01, or press Enter alone.") == 2
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written["since"] == TODAY.isoformat() and written["collective"] == "Reducing Inequalities Alliance"
    assert [c["title"] for c in written["commitments"]] == ["Shared with the group"]


def test_export_warns_about_patient_data_before_asking_for_the_file_in_advice_plain_mode_users_can_follow(
        paths, db, tmp_path):
    commitment(db, "Call Mrs Jones on 07700 900123", Visibility.MANAGER)
    status, text = plain(paths, [*SKIP_DETAILS, MENU["export"], "2", "1", "", ".", MENU["quit"]])  # "." at the file
    assert status == 0
    said = text[text.index("Only what happened from a date?"):text.index("Which file?")].splitlines()
    assert "Warning: this may identify a patient: name with a title Mrs Jones in a commitment." in said
    advice = said[-1]
    assert advice.startswith("The file is still written as it is.") and "myrole --no-plain" in advice
    assert len(advice.split()) <= 35  # not the app's 54 words of keys
    assert "History (h" not in text and "tab to the answer" not in text  # the app's keys mean nothing here
    assert "Nothing was written." in text and "Wrote the summary" not in text

    target = tmp_path / "for-alex.md"
    _, text = plain(paths, [MENU["export"], "2", "1", "", str(target), MENU["quit"]])
    assert text.index(advice) < text.index("Which file?") < text.index(f"Wrote the summary to {target}")
    assert "Call Mrs Jones on 07700 900123" in target.read_text(encoding="utf-8")  # still written as it is


def test_export_to_a_bare_name_says_the_whole_path_it_was_written_to(paths, db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, text = plain(paths, [*SKIP_DETAILS, MENU["export"], "1", "1", "", "summary.md", MENU["quit"]])
    assert f"Wrote the summary to {tmp_path / 'summary.md'}, readable by you only." in text
    assert (tmp_path / "summary.md").is_file()


def test_export_that_cannot_be_written_says_so_once_and_asks_for_the_file_again(paths, db, tmp_path, monkeypatch):
    import myrole.plain.files as plain_files
    from myrole.export.output import OutputError

    real_write = plain_files.write_private_file
    calls = []

    def fails_first(path, data, **options):
        calls.append(path)
        if len(calls) == 1:
            raise OutputError(f"{path} could not be written (Input/output error); nothing was written.")
        real_write(path, data, **options)

    monkeypatch.setattr(plain_files, "write_private_file", fails_first)
    target, missing = tmp_path / "summary.md", tmp_path / "no such folder" / "summary.md"
    status, text = plain(paths, [*SKIP_DETAILS, MENU["export"], "1", "1", "", str(target), str(missing), str(target),
                                 MENU["quit"]])
    assert status == 0
    assert text.lower().count("nothing was written") == 1  # said once, not twice
    assert f"{target} could not be written (Input/output error); nothing was written.\nWhich file?" in text
    assert "does not exist" in text and text.count("Which file?") == 3  # asked again each time
    assert f"Wrote the summary to {target}, readable by you only." in text and target.is_file()


# -- choosing one lens (the one-thing pack), tagging a reflection model ------------------------------------

ONE_THING = load_catalogue().get("one-thing")


def test_one_thing_asks_for_the_lens_first_and_its_answer_leads_to_the_end(paths, db):
    patients = next(p for p in ONE_THING.prompts if p.lens is Lens.PATIENTS)
    services = next(p for p in ONE_THING.prompts if p.lens is Lens.SERVICES)
    status, text = plain(paths, ["2", "I will offer an interpreter.", ".", "2", "", "back", "3", "skip", "3"],
                         reflect_with("one-thing"))
    assert status == 0
    assert text.count("Which one lens fits you best today?") == 3  # at the start, from the end, and with back
    assert "The lens you chose, Patients and people who use services; Do something about it (take action)." in text
    assert patients.text in text
    assert "2. Answer another lens's question" in text
    # Asked again from the end, the first unanswered lens is offered; back from its question asks again.
    assert "Type a number from 1 to 6; Enter alone keeps 1, Self." in text
    assert services.text in text
    assert "Lens 2 of 6" not in text and "question 2 of 6" not in text
    reflection, _ = list_reflections(db)[0]
    assert [(a.prompt_id, a.text) for a in get_answers(db, reflection.id)] == [
        (patients.id, "I will offer an interpreter.")]
    assert reflection.finished_at is not None


def test_one_thing_carried_on_after_an_answer_goes_straight_to_its_questions(paths, db):
    plain(paths, ["4", "Call the food bank.", ".", "2"], reflect_with("one-thing"))  # answer, then stop mid-choice
    _, text = plain(paths, ["yes", "3"], lambda session: reflect(session))  # carry on, then finish
    assert "You answered 1 of 6 questions" in text  # carried on where it was: the end, not the choice again
    assert "Which one lens fits you best today?" not in text
    assert list_reflections(db)[0][0].finished_at is not None


def test_a_reflection_model_can_be_tagged_with_the_lenses_it_touched(paths, db):
    from myrole.store.reflection_lenses import get_tags

    status, text = plain(paths, ["What happened", ".", "finish", "2", "2", "3", "", "2", "2", "", "4"],
                         reflect_with("gibbs"))
    assert status == 0
    assert "Which lens did it touch?" in text and "Which way of contributing?" in text
    reflection, _ = list_reflections(db)[0]
    assert get_tags(db, reflection.id) == [(Lens.PATIENTS, Mode.ACTION), (Lens.PATIENTS, Mode.ADVOCACY),
                                           (Lens.COMMUNITIES, Mode.ACTION), (Lens.COMMUNITIES, Mode.ADVOCACY)]
    assert "Tagged with Patients and people who use services, Take action;" in text
    assert reflection.finished_at is not None


def test_tagging_with_lenses_but_no_way_saves_nothing_and_says_why(paths, db):
    from myrole.store.reflection_lenses import get_tags

    _, text = plain(paths, ["What happened", ".", "finish", "2", "1", "", "", "4"], reflect_with("gibbs"))
    assert "Nothing was tagged: name at least one way of contributing as well as a lens." in text
    assert get_tags(db, list_reflections(db)[0][0].id) == []
