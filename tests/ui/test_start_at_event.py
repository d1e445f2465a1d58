"""Tests starting a reflection at an event as a person would: choose the event, filter its topics by typing
(any case, any accents), choose one or 'None of these', reflect with the topic shown, make a commitment that
carries it, and quit and come back with nothing lost."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Static, TextArea

from myrole.events import Event, Topic
from myrole.model import Context, Profile
from myrole.store.commitments import list_commitments
from myrole.store.events import add_event
from myrole.store.profile import save_profile
from myrole.store.reflections import unfinished_reflection
from myrole.ui.app import MyRoleApp
from myrole.ui.dialogs.commitment import CommitmentEditor
from myrole.ui.dialogs.confirm import ConfirmDialog
from myrole.ui.dialogs.drafts import DraftsDialog
from myrole.ui.dialogs.start import StartReflectionDialog, TopicList, matching
from myrole.ui.screens.commitment import CommitmentScreen
from myrole.ui.screens.home import HomeScreen
from myrole.ui.screens.reflection import ReflectionScreen

from .pilot import TODAY, pilot_test, reopened, stored_drafts, type_text


@pytest.fixture
def db(empty_db):
    """The migrated, empty store in this test's home, copied from one migrated once per test process
    (conftest's empty_db): no test here is about a new store's own key or its migrations."""
    return empty_db

SIZE = (80, 24)
WORKSHOP = Event("iaw-2026", "Inequalities Action Workshop", date(2026, 11, 20), "Reducing Inequalities Alliance", (
    Topic("t01", "Interpreters and language"),
    Topic("t02", "Café conversations with carers"),
    Topic("t03", "Roma and Traveller health"),
    Topic("t04", "Digital exclusion"),
))


def at_the_workshop(db) -> None:
    save_profile(db, Profile("Sam", onboarded=True))
    add_event(db, WORKSHOP)


def listed(app) -> list[str]:
    topics = app.screen.query_one("#topics", TopicList)
    return [str(topics.get_option_at_index(n).prompt) for n in range(topics.option_count)]


async def to_the_topic_filter(pilot) -> StartReflectionDialog:
    """From home: r, keep the first pack, choose 'At an event or workshop', keep the event, on to the filter."""
    await pilot.press("r")
    dialog = pilot.app.screen
    assert isinstance(dialog, StartReflectionDialog)
    await pilot.press("tab")  # pack -> context
    await pilot.press("enter", "down", "down", "enter")  # the third context: at an event
    await pilot.press("tab")
    assert pilot.app.focused.id == "event"
    await pilot.press("tab")
    assert pilot.app.focused.id == "topic-filter"
    return dialog


def test_the_filter_ignores_case_and_accents():
    titles = lambda typed: [t.title for t in matching(WORKSHOP.topics, typed)]  # noqa: E731
    assert titles("cafe") == ["Café conversations with carers"]
    assert titles("CAFÉ") == ["Café conversations with carers"]
    assert titles("ROMA") == ["Roma and Traveller health"]
    assert titles("  digital ") == ["Digital exclusion"]
    assert titles("t01") == ["Interpreters and language"]  # the organiser's id finds it too
    assert titles("") == [t.title for t in WORKSHOP.topics]
    assert titles("housing") == []


@pilot_test
async def test_a_topic_chosen_by_typing_is_shown_while_reflecting_and_on_the_commitment(db, paths):
    at_the_workshop(db)
    app = MyRoleApp(paths=paths, db=db, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await to_the_topic_filter(pilot)
        assert listed(app) == ["None of these", *(t.title for t in WORKSHOP.topics)]
        await type_text(pilot, "cafe")
        assert listed(app) == ["None of these", "Café conversations with carers"]
        assert app.screen.query_one("#topics", TopicList).value == "t02"  # the one match is chosen
        await pilot.press("enter")  # from the filter to the list
        assert app.focused.id == "topics"
        await pilot.press("enter")  # choose it: the reflection starts
        await pilot.pause()
        stepper = app.screen
        assert isinstance(stepper, ReflectionScreen)
        assert "Topic: Café conversations with carers" in stepper.query_one("#where", Static).visual.plain

        await type_text(pilot, "Ask carers what time suits them")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentEditor)
        await type_text(pilot, "Hold the café at teatime")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is stepper
        # The topic stays in view on the next question too.
        await pilot.press("ctrl+n")
        assert "Topic: Café conversations with carers" in stepper.query_one("#where", Static).visual.plain

        [commitment] = list_commitments(app.db)
        assert (commitment.event_id, commitment.topic_id) == ("iaw-2026", "t02")
        await app.push_screen(CommitmentScreen(commitment.id))
        await pilot.pause()
        shown = "\n".join(str(s.visual) for s in app.screen.query(Static))
        assert "Event: Inequalities Action Workshop: Café conversations with carers" in shown

    with reopened(paths) as db:
        reflection = unfinished_reflection(db)
        assert (reflection.context, reflection.event_id, reflection.topic_id, reflection.topic) == (
            Context.EVENT, "iaw-2026", "t02", "Café conversations with carers")


@pilot_test
async def test_none_of_these_goes_on_to_the_topic_in_your_own_words(db, paths):
    at_the_workshop(db)
    app = MyRoleApp(paths=paths, db=db, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await to_the_topic_filter(pilot)
        await type_text(pilot, "housing")
        assert listed(app) == ["None of these"]  # nothing matches: only the way out is left
        await pilot.press("enter", "enter")  # to the list, then 'None of these'
        assert app.focused.id == "topic"
        await type_text(pilot, "Damp homes and asthma")
        await pilot.press("enter")
        await pilot.pause()
        stepper = app.screen
        assert isinstance(stepper, ReflectionScreen)
        assert "Topic: Damp homes and asthma" in stepper.query_one("#where", Static).visual.plain

    with reopened(paths) as db:
        reflection = unfinished_reflection(db)
        assert (reflection.event_id, reflection.topic_id, reflection.topic) == (
            "iaw-2026", None, "Damp homes and asthma")


@pilot_test
async def test_a_topic_chosen_with_the_arrows_after_filtering_is_the_one_started(db, paths):
    at_the_workshop(db)
    app = MyRoleApp(paths=paths, db=db, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await to_the_topic_filter(pilot)
        await type_text(pilot, "AN")
        assert listed(app) == ["None of these", "Interpreters and language", "Roma and Traveller health"]
        assert app.screen.query_one("#topics", TopicList).value == "none"  # two match: the person chooses
        await pilot.press("enter")
        await pilot.press("down", "down")
        assert app.screen.query_one("#topics", TopicList).value == "t03"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
    with reopened(paths) as db:
        assert unfinished_reflection(db).topic_id == "t03"


@pilot_test
async def test_quitting_in_the_dialog_keeps_the_event_the_filter_and_the_topic_chosen(db, paths):
    at_the_workshop(db)
    app = MyRoleApp(paths=paths, db=db, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await to_the_topic_filter(pilot)
        await type_text(pilot, "roma")
        assert app.screen.query_one("#topics", TopicList).value == "t03"
        await pilot.press("ctrl+q")
    [(form, _, fields)] = stored_drafts(paths)
    assert form == "start"
    assert (fields["context"], fields["event"], fields["topic-filter"], fields["topics"]) == (
        "event", "iaw-2026", "roma", "t03")

    with reopened(paths) as db:
        app = MyRoleApp(paths=paths, db=db, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, DraftsDialog)  # the draft is offered
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, StartReflectionDialog)
            assert dialog.query_one("#topic-filter", Input).value == "roma"
            assert dialog.query_one("#topics", TopicList).value == "t03"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ReflectionScreen)
    with reopened(paths) as db:
        assert unfinished_reflection(db).topic_id == "t03"


@pilot_test
async def test_quitting_mid_reflection_and_resuming_keeps_the_topic(db, paths):
    at_the_workshop(db)
    app = MyRoleApp(paths=paths, db=db, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await to_the_topic_filter(pilot)
        await type_text(pilot, "digital")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await type_text(pilot, "Half a thought")
        await pilot.press("ctrl+q")
    with reopened(paths) as db:
        app = MyRoleApp(paths=paths, db=db, today=TODAY)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)  # carry on where you left off?
            await pilot.press("enter")
            await pilot.pause()
            stepper = app.screen
            assert isinstance(stepper, ReflectionScreen)
            assert stepper.query_one("#answer", TextArea).text == "Half a thought"
            assert "Topic: Digital exclusion" in stepper.query_one("#where", Static).visual.plain
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
