"""Tests the reflection journey in the app, driven by key presses as a person would, checked against the store."""

from __future__ import annotations

import asyncio

from textual import events
from textual.content import Content
from textual.widgets import Input, OptionList, Static, TextArea

from myrole.model import Context, Lens, Mode, Profile, Visibility
from myrole.prompts import load_catalogue
from myrole.store import open_store
from myrole.store.commitments import list_commitments
from myrole.store.profile import get_profile, save_profile
from myrole.store.reflections import (
    finish_reflection,
    get_answers,
    get_reflection,
    list_reflections,
    save_answer,
    start_reflection,
    unfinished_reflection,
)
from myrole.ui.app import MyRoleApp
from myrole.ui.dialogs.commitment import CommitmentEditor
from myrole.ui.dialogs.confirm import ConfirmDialog
from myrole.ui.dialogs.profile import ProfileDialog
from myrole.ui.dialogs.start import StartReflectionDialog
from myrole.ui.screens.history import HistoryScreen, ReflectionRecord
from myrole.ui.screens.home import HomeScreen
from myrole.ui.screens.reflection import ReflectionScreen

from .pilot import open_new_reflection, pilot_test, type_text

SIZE = (80, 24)
CORE = load_catalogue().get("core")
HOSTILE = "[bold]x[/] [link=https://e.vil]y[/link] \x1b[31m red \x1b]8;;https://e.vil\x07z 👩🏽‍⚕️ مرحبا"
# What the screen shows for HOSTILE: markup left as typed, terminal control made visible.
HOSTILE_SHOWN = "[bold]x[/] [link=https://e.vil]y[/link] \\x1b[31m red \\x1b]8;;https://e.vil\\x07z 👩🏽‍⚕️ مرحبا"


async def paste(pilot, text: str) -> None:
    """Paste text, as a terminal does (emoji sequences and control characters arrive this way)."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


def reopen(paths):
    """A fresh connection: the app closes its own when it exits."""
    return open_store(paths)


def onboard(db) -> None:
    save_profile(db, Profile(name="Sam", onboarded=True))


async def start_event_reflection(pilot, topic: str) -> None:
    """From home: r, keep the first pack, choose 'At an event or workshop', type the topic, start."""
    await pilot.press("r")
    assert isinstance(pilot.app.screen, StartReflectionDialog)
    await pilot.press("tab")  # pack -> context
    await pilot.press("enter", "down", "down", "enter")  # open the list, choose the third context
    await pilot.press("tab")
    assert pilot.app.focused.id == "topic"
    await type_text(pilot, topic)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReflectionScreen)


async def start_own_reflection(pilot) -> None:
    """From home: r, then tab to Start with the defaults (first pack, on my own)."""
    await pilot.press("r")
    await pilot.press("tab", "tab", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReflectionScreen)


# -- first run --------------------------------------------------------------------------


@pilot_test
async def test_first_run_details_can_be_skipped(db, paths):
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProfileDialog)
        for _ in range(40):  # the dialog focuses its first field just after it opens (on a busy machine, a moment later)
            if app.focused is not None and app.focused.id == "name":
                break
            await pilot.pause(0.05)
        assert app.focused.id == "name"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    db = reopen(paths)
    assert get_profile(db) == Profile(onboarded=True)
    db.close()


@pilot_test
async def test_first_run_details_filled_in(db, paths):
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Sam [b]Patel[/b]")
        await pilot.press("enter")
        await type_text(pilot, "Physiotherapist")
        await pilot.press("enter")
        await type_text(pilot, "Bradford Teaching Hospitals")
        await pilot.press("enter")
        await type_text(pilot, "Alex Morgan")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        welcome = app.screen.query_one("#welcome", Static).visual
        assert isinstance(welcome, Content)
        assert "Welcome, Sam [b]Patel[/b]." in welcome.plain
    db = reopen(paths)
    assert get_profile(db) == Profile("Sam [b]Patel[/b]", "Physiotherapist", "Bradford Teaching Hospitals",
                                      "Alex Morgan", onboarded=True)
    db.close()


@pilot_test
async def test_details_are_not_asked_again(db, paths):
    onboard(db)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


# -- the whole journey -------------------------------------------------------------------


@pilot_test
async def test_a_whole_reflection_as_a_person_would(db, paths):
    app = MyRoleApp(paths=paths, db=db)
    first, second, third = CORE.prompts[:3]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # skip the details for now
        await start_event_reflection(pilot, "Open space: housing")
        stepper = app.screen
        assert stepper.query_one("#where", Static).visual.plain.startswith("Lens 1 of 6: Self")

        # Prompt 1: typed and pasted hostile text, shared with the manager (F3 once).
        await type_text(pilot, "I noticed ")
        await paste(pilot, HOSTILE)
        await pilot.press("f3")
        assert str(stepper.query_one("#save-status", Static).visual) == (
            "Saved · manager: you and your line manager")
        await pilot.press("ctrl+n")
        assert stepper.index == 1
        assert stepper.query_one("#answer", TextArea).text == ""

        # Prompt 2: shared with the alliance (F3 twice), then made into a commitment.
        await type_text(pilot, "Ask every new patient about interpreters")
        await pilot.press("f3", "f3")
        await pilot.press("ctrl+t")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, CommitmentEditor)
        # The title starts empty (the person writes a short one); the answer is shown for reference.
        assert editor.query_one("#title", Input).value == ""
        assert editor.query_one("#detail", TextArea).text == ""
        assert "Ask every new patient about interpreters" in str(editor.query_one("#linked-answer", Static).visual)
        await type_text(pilot, "Offer an interpreter at booking")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is stepper

        # Back to prompt 1: what was written is there, exactly.
        await pilot.press("ctrl+b")
        assert stepper.index == 0
        assert stepper.query_one("#answer", TextArea).text == "I noticed " + HOSTILE
        assert stepper.query_one("#visibility").value == "manager"
        # Forward, skip prompt 3 (F4), then review and finish.
        await pilot.press("ctrl+n", "ctrl+n")
        assert stepper.index == 2
        await pilot.press("f4")
        assert stepper.index == 3
        await pilot.press("ctrl+f")
        await pilot.pause()
        review = stepper.query_one("#review")
        assert review.display and not stepper.query_one("#stepper").display
        advice = str(stepper.query_one("#review-advice", Static).visual)
        assert "You answered 2 of 36 questions and have made 1 commitment" in advice
        await pilot.press("tab", "tab")
        assert app.focused.id == "review-finish"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    db = reopen(paths)
    [(reflection, answered)] = list_reflections(db)
    assert answered == 2
    assert (reflection.pack_id, reflection.pack_version, reflection.context, reflection.topic) == (
        "core", CORE.version, Context.EVENT, "Open space: housing")
    assert reflection.finished_at is not None
    saved = [(a.prompt_id, a.lens, a.mode, a.prompt_text, a.text, a.visibility)
             for a in get_answers(db, reflection.id)]
    assert saved == [
        (first.id, first.lens, first.mode, first.text, "I noticed " + HOSTILE, Visibility.MANAGER),
        (second.id, second.lens, second.mode, second.text, "Ask every new patient about interpreters",
         Visibility.ALLIANCE),
    ]
    assert third.id not in {a.prompt_id for a in get_answers(db, reflection.id)}
    [commitment] = list_commitments(db)
    answer_two = get_answers(db, reflection.id)[1]
    assert commitment.title == "Offer an interpreter at booking"
    assert commitment.detail == ""  # the answer is linked, not copied
    assert (commitment.lens, commitment.mode) == (second.lens, second.mode) == (Lens.SELF, Mode.AWARENESS)
    assert commitment.reflection_id == reflection.id
    assert commitment.answer_id == answer_two.id
    assert commitment.visibility is Visibility.ALLIANCE
    assert unfinished_reflection(db) is None
    db.close()


@pilot_test
async def test_commitment_needs_a_written_answer(db, paths):
    onboard(db)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_new_reflection(pilot)  # the start dialog's way: test_quitting_mid_answer_keeps_what_was_typed
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
    db = reopen(paths)
    assert list_commitments(db) == []
    db.close()


@pilot_test
async def test_hint_on_demand(db, paths):
    onboard(db)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_new_reflection(pilot)  # the start dialog's way: test_quitting_mid_answer_keeps_what_was_typed
        hint = app.screen.query_one("#hint", Static)
        assert not hint.display
        await pilot.press("f2")
        assert hint.display
        assert hint.visual.plain.startswith(f"Hint: {CORE.prompts[0].hint}")


# -- nothing is lost -------------------------------------------------------------------------


@pilot_test
async def test_quitting_mid_answer_keeps_what_was_typed(db, paths):
    onboard(db)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await start_own_reflection(pilot)
        await type_text(pilot, "saved part")
        await pilot.press("ctrl+n", "ctrl+b")  # moving saves at once
        await pilot.press("end")
        await type_text(pilot, " and a last thought")
        await pilot.press("ctrl+q")
    db = reopen(paths)
    reflection = unfinished_reflection(db)
    assert [a.text for a in get_answers(db, reflection.id)] == ["saved part and a last thought"]
    db.close()


@pilot_test
async def test_reopening_offers_to_resume_at_the_saved_place(db, paths):
    onboard(db)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_new_reflection(pilot)  # the start dialog's way: test_quitting_mid_answer_keeps_what_was_typed
        await type_text(pilot, "one")
        await pilot.press("ctrl+n", "ctrl+n")
        await type_text(pilot, "three")
        await pilot.press("ctrl+q")

    db = reopen(paths)
    reflection = unfinished_reflection(db)
    assert reflection.position == 2
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        question = str(dialog.query_one(".question", Static).visual)
        assert "unfinished reflection" in question and "Carry on where you left off?" in question
        assert app.focused.id == "yes"
        await pilot.press("enter")
        await pilot.pause()
        stepper = app.screen
        assert isinstance(stepper, ReflectionScreen)
        assert stepper.reflection_id == reflection.id
        assert stepper.index == 2
        assert stepper.query_one("#answer", TextArea).text == "three"
        assert "question 3 of 36" in stepper.query_one("#where", Static).visual.plain


@pilot_test
async def test_not_now_leaves_the_reflection_for_later(db, paths):
    onboard(db)
    reflection = start_reflection(db, CORE, Context.SELF)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("tab", "enter")  # "Not now"
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.query_one("#resume-note").display
        assert "unfinished reflection" in home.query_one("#resume-note", Static).visual.plain
    db = reopen(paths)
    assert get_reflection(db, reflection.id).finished_at is None
    db.close()


# -- history ---------------------------------------------------------------------------------


@pilot_test
async def test_history_lists_the_reflection_and_shows_answers_verbatim(db, paths):
    onboard(db)
    reflection = start_reflection(db, CORE, Context.EVENT, "Open [i]space[/i]")
    long_answer = "Line one\nLine two: " + "word " * 50
    save_answer(db, reflection.id, CORE.prompts[0], HOSTILE, Visibility.PRIVATE, 0)
    save_answer(db, reflection.id, CORE.prompts[6], long_answer.strip(), Visibility.ALLIANCE, 6)
    save_answer(db, reflection.id, CORE.prompts[7], "", Visibility.PRIVATE, 7)
    finish_reflection(db, reflection.id)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        label = options.get_option_at_index(0).prompt
        assert "My role: the full reflection" in label.plain
        assert "Open [i]space[/i] · 2 answered · finished" in label.plain
        await pilot.press("enter")
        await pilot.pause()
        record = app.screen
        assert isinstance(record, ReflectionRecord)
        shown = [static.visual for static in record.query(".answer").results(Static)]
        assert len(shown) == 2
        assert all(isinstance(content, Content) for content in shown)
        first, second = shown
        assert first.plain.splitlines() == [
            CORE.prompts[0].text, HOSTILE_SHOWN,
            "Notice and share (raise awareness) · who can see it: private: only you (v to change · c to correct)"]
        assert second.plain.splitlines()[1:3] == long_answer.strip().splitlines()
        assert second.plain.splitlines()[3] == (
            "Notice and share (raise awareness) · who can see it: alliance: your line manager too; commitments go to your group without your name (v to change · c to correct)")
        for content in shown:  # the markup was not applied: no link, no bold on the person's words
            assert not any("e.vil" in str(span.style) for span in content.spans)
        lenses = [str(static.visual) for static in record.query(".lens-title").results(Static)]
        assert lenses == [Lens.SELF.label, Lens.PATIENTS.label]
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@pilot_test
async def test_review_turns_a_chosen_answer_into_a_commitment(db, paths):
    onboard(db)
    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_new_reflection(pilot)  # the start dialog's way: test_quitting_mid_answer_keeps_what_was_typed
        await type_text(pilot, "Check people understood")
        await pilot.press("ctrl+f")
        await pilot.pause()
        stepper = app.screen
        assert app.focused.id == "review-answers"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentEditor)
        await type_text(pilot, "Check people understood")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is stepper
        advice = str(stepper.query_one("#review-advice", Static).visual)
        assert "have made 1 commitment from this reflection" in advice
    db = reopen(paths)
    reflection = unfinished_reflection(db)
    [answer] = get_answers(db, reflection.id)
    [commitment] = list_commitments(db)
    assert (commitment.title, commitment.reflection_id, commitment.answer_id) == (
        "Check people understood", reflection.id, answer.id)
    assert (commitment.lens, commitment.mode) == (CORE.prompts[0].lens, CORE.prompts[0].mode)
    db.close()


def test_visibility_of_a_past_answer_can_be_changed_from_history(paths):
    """An answer's visibility is shown in words in history and can be changed there (v)."""
    from myrole.model import Context, Visibility
    from myrole.prompts import load_catalogue
    from myrole.store import open_store
    from myrole.store.profile import save_profile
    from myrole.model import Profile
    from myrole.store.reflections import finish_reflection, get_answers, save_answer, start_reflection
    from myrole.ui.app import MyRoleApp

    db = open_store(paths)
    save_profile(db, Profile(onboarded=True))
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.SELF)
    save_answer(db, reflection.id, pack.prompts[0], "A private thought", Visibility.PRIVATE)
    finish_reflection(db, reflection.id)

    async def journey() -> None:
        app = MyRoleApp(paths=paths, db=db)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for key in ("h", "enter", "tab", "v", "down", "enter"):
                await pilot.press(key)
                await pilot.pause()
            shown = app.screen.query_one("AnswerView").render()
            assert "who can see it: manager" in str(shown)

    asyncio.run(journey())
    reopened = open_store(paths)  # the app closes its store when it exits
    assert [a.visibility for a in get_answers(reopened, reflection.id)] == [Visibility.MANAGER]
    reopened.close()
