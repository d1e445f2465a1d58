"""Tests that every form keeps a draft as it is typed, that a killed app offers it back on reopening, and
that continue, throw away, cancel, quitting and the size limits keep every word."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input, OptionList, Select, TextArea

from myrole.store import open_store
from myrole.ui.dialogs.drafts import DraftsDialog, DraftTextDialog
from myrole.ui.forms import read_field

from .pilot import one_weekly_commitment, pilot_test, reopened, running, stored_drafts, type_text, until

WORDS = "Ask the ward team about interpreters zebra"


@dataclass(frozen=True)
class Form:
    """How to reach one form from home, which field to type in, and the draft it makes."""

    name: str
    keys: tuple[str, ...]  # from home
    field: str
    form: str  # the drafts table's form column
    choose: tuple[tuple[str, str], ...] = ()  # (select id, value) to set before typing
    text: str = WORDS


FORMS = [
    Form("new commitment", ("n",), "title", "commitment"),
    Form("edit commitment", ("enter", "e"), "first_step", "commitment"),
    Form("renegotiate", ("enter", "n"), "reason", "renegotiate"),
    Form("check-in", ("c",), "note", "checkin"),
    Form("pause", ("enter", "p"), "reason", "pause"),
    Form("cadence", ("enter", "r"), "cadence_days", "cadence", (("cadence", "custom"),), "10"),
    Form("mark done", ("enter", "d"), "reason", "status-reason"),
    Form("drop", ("enter", "x"), "reason", "status-reason"),
    Form("details", ("p",), "role", "profile"),
    Form("start topic", ("r",), "topic", "start", (("context", "event"),)),
    Form("one-to-one talking point", ("o", "t"), "text", "one-to-one item"),
    Form("one-to-one note", ("o", "n"), "text", "one-to-one item"),
    Form("one-to-one dates", ("o", "d"), "next_on", "one-to-one dates", (), "2099-01-15"),
]


async def open_and_type(pilot, form: Form) -> None:
    for key in form.keys:
        await pilot.press(key)
    screen = pilot.app.screen
    for select_id, value in form.choose:
        screen.query_one(f"#{select_id}", Select).value = value
        await pilot.pause()  # the form answers the choice (shows the field it needs) before the focus moves
    screen.query_one(f"#{form.field}").focus()
    await type_text(pilot, form.text)


async def wait_for_autosave(pilot, paths, kept: Callable[[str, str, dict], bool]) -> None:
    """Wait until the autosave (after a pause in typing) has kept a draft of which kept(form, record, fields) holds.

    The tests use the quick_autosave fixture, so this is a moment, not the 0.4 s a person gets.
    """
    await until(pilot, lambda: any(kept(*draft) for draft in stored_drafts(paths)))


def typed(form: Form) -> Callable[[str, str, dict], bool]:
    """A draft of form holding all of its text (an edit appends to the old text)."""
    return lambda name, _, fields: name == form.form and str(fields.get(form.field)).endswith(form.text)


async def leave_a_draft(paths, form: Form) -> None:
    """Type in form, wait for the draft to be kept, then stop the app as a kill would (nothing flushed)."""
    async with running(paths) as pilot:
        await open_and_type(pilot, form)
        await wait_for_autosave(pilot, paths, typed(form))
        pilot.app.exit()


def field_text(screen, field: str) -> str:
    return read_field(screen.query_one(f"#{field}"))


@pytest.fixture
def store(paths, prepared_stores):
    prepared_stores(paths, "one weekly commitment made 10 days ago", lambda at: one_weekly_commitment(at, days_old=10))
    return paths


def a_draft_left(form: Form):
    """A fixture: the store fixture's store with a draft of form left in it as a kill leaves it.

    The draft is typed once per test process by leave_a_draft (the app, the form, the keys, the autosave,
    no quit), then the store is copied: for tests about what is done with a draft that was left, not
    about leaving it, which test_a_draft_is_in_the_store_while_typing_and_is_offered_back_after_a_kill
    does for every form.
    """

    @pytest.fixture
    def left(paths, prepared_stores, quick_autosave):
        def make(at) -> None:
            one_weekly_commitment(at, days_old=10)
            asyncio.run(leave_a_draft(at, form))

        prepared_stores(paths, f"one weekly commitment and a draft of {form.name} left", make)
        return paths

    return left


commitment_draft_left = a_draft_left(FORMS[0])
check_in_draft_left = a_draft_left(FORMS[3])


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_a_draft_is_in_the_store_while_typing_and_is_offered_back_after_a_kill(store, form):
    paths = store
    async with running(paths) as pilot:
        await open_and_type(pilot, form)
        form_screen = type(pilot.app.screen)
        await wait_for_autosave(pilot, paths, typed(form))
        # Checked from another connection while the app is still running: this is what a kill leaves.
        [(name, _, fields)] = stored_drafts(paths)
        assert name == form.form and fields[form.field].endswith(form.text)  # an edit appends to the old text
        pilot.app.exit()  # no quit action: nothing is flushed on the way out, as after SIGKILL

    async with running(paths) as pilot:
        offer = pilot.app.screen
        assert isinstance(offer, DraftsDialog)
        shown = str(offer.query_one(OptionList).get_option_at_index(0).prompt)
        assert form.text.split()[0] in shown
        await pilot.press("enter")
        assert type(pilot.app.screen) is form_screen
        assert field_text(pilot.app.screen, form.field).endswith(form.text)
        await pilot.press("!")  # the next key carries on where the person was typing
        await pilot.pause()
        assert field_text(pilot.app.screen, form.field).endswith(form.text + "!")


@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_continuing_then_saving_deletes_the_draft(commitment_draft_left):
    store = commitment_draft_left
    async with running(store) as pilot:
        await pilot.press("enter")  # continue the one draft offered
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert stored_drafts(store) == []
    with reopened(store) as db:
        assert db.execute("SELECT count(*) FROM commitments WHERE title = ?", [WORDS]).fetchone()[0] == 1


@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_throwing_a_draft_away_deletes_it_for_good(check_in_draft_left):
    store = check_in_draft_left
    async with running(store) as pilot:
        assert isinstance(pilot.app.screen, DraftsDialog)
        await pilot.press("d")
        await pilot.pause()
        assert pilot.app.focused is not None and pilot.app.focused.id == "no"  # "Keep it": for good, so not by a stray Enter
        await pilot.press("left", "enter")  # "Throw away", the confirmation's first answer
        await pilot.pause()
        assert stored_drafts(store) == []
        assert not isinstance(pilot.app.screen, DraftsDialog)
    with open(store.store, "rb") as file:
        assert b"zebra" not in file.read()  # secure_delete zeroes it (the journal is checkpointed on close)


@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_not_now_keeps_drafts_and_home_says_so(commitment_draft_left):
    store = commitment_draft_left
    async with running(store) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert "1 unsaved draft" in str(pilot.app.screen.query_one("#drafts-note").visual)
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DraftsDialog)
    assert len(stored_drafts(store)) == 1


@pilot_test
async def test_escape_asks_and_keep_as_draft_keeps_it(store):
    async with running(store) as pilot:
        await open_and_type(pilot, FORMS[3])  # check-in
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # escape on the question: back to the form, nothing lost
        await pilot.pause()
        assert field_text(pilot.app.screen, "note") == WORDS
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # "Keep as a draft"
        await pilot.pause()
        assert [(f, d["note"]) for f, _, d in stored_drafts(store)] == [("checkin", WORDS)]
        await pilot.press("c")  # the same form on the same commitment picks its draft up again
        await pilot.pause()
        assert field_text(pilot.app.screen, "note") == WORDS


@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_escape_then_throw_away_deletes_the_draft(store):
    async with running(store) as pilot:
        await open_and_type(pilot, FORMS[0])
        await wait_for_autosave(pilot, store, typed(FORMS[0]))
        assert stored_drafts(store)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("tab", "enter")  # "Throw away"
        await pilot.pause()
        assert stored_drafts(store) == []


@pilot_test
async def test_a_form_left_unchanged_closes_without_asking(store):
    async with running(store) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "HomeScreen"
        assert stored_drafts(store) == []


@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_the_first_run_details_come_back_after_a_kill(paths):
    open_store(paths).close()
    async with running(paths) as pilot:
        await pilot.pause()
        await type_text(pilot, "Sam Jones")
        await wait_for_autosave(pilot, paths, lambda _, __, fields: fields["name"] == "Sam Jones")
        assert [(f, d["name"]) for f, _, d in stored_drafts(paths)] == [("profile", "Sam Jones")]
        pilot.app.exit()
    async with running(paths) as pilot:
        await pilot.pause()
        assert field_text(pilot.app.screen, "name") == "Sam Jones"


@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_a_draft_whose_commitment_was_deleted_shows_its_text_to_copy_or_throw_away(check_in_draft_left):
    store = check_in_draft_left
    with reopened(store) as db:
        db.execute("DELETE FROM commitments")
        db.commit()
    async with running(store) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        shown = pilot.app.screen
        assert isinstance(shown, DraftTextDialog)
        assert shown.query_one(TextArea).text == WORDS
        await pilot.click("#throw")
        await pilot.pause()
        await pilot.press("left", "enter")  # "Throw away" (the confirmation opens on "Keep it")
        await pilot.pause()
        assert stored_drafts(store) == []


@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_a_draft_for_a_closed_commitment_is_kept_until_chosen(check_in_draft_left):
    store = check_in_draft_left
    with reopened(store) as db:
        db.execute("UPDATE commitments SET status = 'done'")
        db.commit()
    async with running(store) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DraftTextDialog)
        await pilot.press("escape")  # keep for now
        await pilot.pause()
    assert len(stored_drafts(store)) == 1


async def burst_then_quit(pilot, text: str) -> None:
    """Send every key at once, then ctrl+q, as a fast typist's terminal does: nothing waits in between."""
    app = pilot.app
    for key, character in [*((_character_to_key(c), c) for c in text), ("ctrl+q", None)]:
        event = events.Key(key, character)
        event.set_sender(app)
        app._driver.send_message(event)
    for _ in range(200):  # until the app has quit (ten seconds at most)
        if not app.is_running:
            break
        await asyncio.sleep(0.05)


@pytest.mark.parametrize("form", [FORMS[0], FORMS[3], FORMS[10]], ids=lambda f: f.name)
@pilot_test
async def test_keys_typed_just_before_ctrl_q_are_all_kept(store, form):
    text = "the last words typed before quitting " * 3
    async with running(store) as pilot:
        await open_and_type(pilot, Form(form.name, form.keys, form.field, form.form, form.choose, "x"))
        await burst_then_quit(pilot, text)
        await pilot.pause()
    [(_, _, fields)] = stored_drafts(store)
    assert fields[form.field] == "x" + text


@pilot_test
async def test_an_answer_typed_just_before_ctrl_q_is_all_kept(store):
    text = "an answer that ends in a long word: antidisestablishmentarianism"
    async with running(store) as pilot:
        await pilot.press("r")
        await pilot.pause()
        pilot.app.screen.query_one("#start").focus()
        await pilot.press("enter")
        await pilot.pause()
        await burst_then_quit(pilot, text)
        await pilot.pause()
    with reopened(store) as db:
        assert [row[0] for row in db.execute("SELECT text FROM answers")] == [text]


@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_an_answer_over_its_limit_is_not_saved_but_kept_as_a_draft(store):
    from myrole.limits import TEXT_CHARS
    from myrole.ui.screens.reflection import ReflectionScreen

    async with running(store) as pilot:
        await pilot.press("r")
        await pilot.pause()
        pilot.app.screen.query_one("#start").focus()
        await pilot.press("enter")
        await pilot.pause()
        area = pilot.app.screen.query_one("#answer", TextArea)
        area.insert("y" * (TEXT_CHARS + 1))
        await pilot.press("z")
        await wait_for_autosave(pilot, store, lambda _, __, fields: fields["answer"].endswith("yz"))
        assert "please shorten it" in str(pilot.app.screen.query_one("#save-status").visual)
        [(form, _, fields)] = stored_drafts(store)
        assert form == "answer" and fields["answer"].endswith("yz")
        with reopened(store) as db:
            assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == 0
        pilot.app.exit()
    async with running(store) as pilot:
        await pilot.press("enter")  # continue the draft
        await pilot.pause()
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReflectionScreen)
        assert pilot.app.screen.query_one("#answer", TextArea).text.endswith("yz")


LIMITED = [  # (form, field, one character too many)
    (FORMS[0], "title", 201), (FORMS[3], "note", 100_001), (FORMS[4], "reason", 1_001),
    (FORMS[8], "role", 1_001), (FORMS[9], "topic", 1_001), (FORMS[10], "text", 100_001),
    (FORMS[6], "reason", 1_001), (FORMS[2], "reason", 1_001),
]


@pytest.mark.parametrize(("form", "field", "size"), LIMITED, ids=[f"{f.name}-{n}" for f, n, _ in LIMITED])
@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_a_field_over_its_limit_is_refused_under_the_field_and_its_draft_kept(store, form, field, size):
    async with running(store) as pilot:
        await open_and_type(pilot, Form(form.name, form.keys, field, form.form, form.choose, "ab"))
        widget = pilot.app.screen.query_one(f"#{field}")
        if isinstance(widget, Input):
            widget.value = "a" * size
        else:
            widget.load_text("a" * size)
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = pilot.app.screen
        assert "please shorten it" in str(screen.query_one("#error").visual)
        assert screen.focused is widget
        await wait_for_autosave(pilot, store, lambda _, __, fields: len(fields[field]) == size)
        pilot.app.exit()
    [(name, _, fields)] = stored_drafts(store)
    assert name == form.form and len(fields[field]) == size
    with reopened(store) as db:  # nothing of it saved
        assert db.execute("SELECT count(*) FROM commitments WHERE length(title) > 200 "
                          "OR length(status_reason) > 1000").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM one_to_one_items").fetchone()[0] == 0


@pytest.mark.parametrize("kind", ["answer", "checkin", "item"])
@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_a_correction_draft_is_offered_back_after_a_kill_into_its_own_correction_form(paths, prepared_stores, kind):
    from myrole.store.corrections import DRAFT_FORMS
    from myrole.ui.dialogs.correct import CorrectionDialog

    from .test_corrections import CANARIES, CANARY, CORRECTIONS, canary_everywhere, open_correction

    store = prepared_stores(paths, CANARIES, canary_everywhere)
    screen, field = CORRECTIONS[kind]
    async with running(paths) as pilot:
        await open_correction(pilot, kind, store)
        await type_text(pilot, "zebra ")
        await wait_for_autosave(pilot, paths, lambda _, __, fields: fields[field].startswith("zebra "))
        [(form, record, fields)] = stored_drafts(paths)
        assert form == DRAFT_FORMS[kind] and fields[field].startswith("zebra ")
        pilot.app.exit()  # as after SIGKILL: nothing flushed on the way out

    async with running(paths) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, DraftsDialog)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, CorrectionDialog) and dialog.draft_form == DRAFT_FORMS[kind]
        assert dialog.draft_record() == record
        text = field_text(dialog, field)
        assert text.startswith("zebra ") and CANARY in text  # the draft, over the old text it was typed into
        assert type(pilot.app.screen_stack[-2]) is screen  # where that correction is made from


def test_every_correction_form_is_registered_to_reopen():
    import importlib

    from myrole.store.corrections import DRAFT_FORMS
    from myrole.ui.drafts import FORMS

    for form in DRAFT_FORMS.values():
        assert callable(importlib.import_module(FORMS[form]).reopen_draft), form


@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_a_correction_draft_whose_check_in_was_removed_shows_its_text(paths, prepared_stores):
    from .test_corrections import CANARIES, canary_everywhere, open_correction

    store = prepared_stores(paths, CANARIES, canary_everywhere)
    async with running(paths) as pilot:
        await open_correction(pilot, "checkin", store)
        await type_text(pilot, "zebra ")
        await wait_for_autosave(pilot, paths, lambda _, __, fields: fields["note"].startswith("zebra "))
        pilot.app.exit()
    with reopened(paths) as db:
        db.execute("DELETE FROM checkins")
        db.commit()
    async with running(paths) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        shown = pilot.app.screen
        assert isinstance(shown, DraftTextDialog)
        assert shown.query_one(TextArea).text.startswith("zebra ")


@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_an_agreed_action_being_made_a_commitment_comes_back_through_its_one_to_one(store):
    from myrole.ui.dialogs.commitment import CommitmentEditor
    from myrole.ui.screens.one_to_one import OneToOneScreen

    async with running(store) as pilot:
        await pilot.press("o", "a")
        await pilot.pause()
        await type_text(pilot, "Brief the agency staff")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("c")  # the new action is highlighted: make it a commitment
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommitmentEditor)
        pilot.app.screen.query_one("#first_step").focus()
        await type_text(pilot, "zebra")
        await wait_for_autosave(pilot, store, lambda _, __, fields: fields.get("first_step") == "zebra")
        [(form, record, _)] = stored_drafts(store)
        assert form == "commitment" and record.startswith("item:")
        pilot.app.exit()
    async with running(store) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommitmentEditor)
        assert isinstance(pilot.app.screen_stack[-2], OneToOneScreen)
        assert field_text(pilot.app.screen, "first_step") == "zebra"
