"""Pilot tests for revalidation in the app: the screen, picking and editing HCPC statement activities, the NMC
account, CPD details and HCPC summary forms; drafts kept through a kill, sizes over a limit explained under the
field, and hostile text shown inert."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from myrole import limits
from myrole.model import Commitment, Context, Lens, Mode, Profile, Visibility
from myrole.prompts import load_catalogue
from myrole.store import open_store
from myrole.store.commitments import create_commitment
from myrole.revalidation.prefill import prefill
from myrole.store.cpd import get_account, list_statement_items, save_account, set_hcpc_summary
from myrole.store.profile import save_profile
from myrole.store.reflections import finish_reflection, get_answers, get_reflection, save_answer, start_reflection
from myrole.ui.dialogs.account import AccountDialog, open_account
from myrole.ui.dialogs.cpd import CpdDialog, open_details
from myrole.ui.dialogs.drafts import DraftsDialog
from myrole.ui.dialogs.statement import PickActivityDialog, StatementItemDialog
from myrole.ui.forms import read_field
from myrole.ui.screens.history import ReflectionRecord
from myrole.ui.screens.revalidation import RevalidationScreen, SummaryDialog

from .pilot import pilot_test, reopened, running, stored_drafts, type_text, until

HOSTILE = "[bold red]Loud[/] \x1b[31mred [link=x]click[/link]"
WORDS = "Learnt to ask first zebra"


@pytest.fixture
def store(paths):
    """Sam's store: one finished reflection and one commitment with a title that looks like markup."""
    db = open_store(paths)
    save_profile(db, Profile("Sam", onboarded=True))
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.SELF)
    save_answer(db, reflection.id, pack.prompts[0], "What I noticed on the ward.", Visibility.PRIVATE, 0)
    finish_reflection(db, reflection.id)
    create_commitment(db, Commitment(id="", title=HOSTILE, lens=Lens.PATIENTS, mode=Mode.ACTION))
    db.close()
    return paths, reflection.id


async def open_screen(pilot) -> RevalidationScreen:
    await pilot.press("v")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RevalidationScreen)
    return screen


async def pick_first_activity(pilot) -> StatementItemDialog:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PickActivityDialog)
    await pilot.press("enter")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, StatementItemDialog)
    return dialog


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@pilot_test
async def test_picking_an_activity_and_writing_its_parts_saves_it_with_word_counts(store):
    paths, _ = store
    async with running(paths) as pilot:
        screen = await open_screen(pilot)
        assert "HCPC statement: 0 activities (the HCPC asks for 4 to 6), 0 of 1,500 words." in text_of(screen, "#statement-words")
        dialog = await pick_first_activity(pilot)
        dialog.query_one("#what").focus()
        await type_text(pilot, "Two words")
        dialog.query_one("#evidence").focus()
        await type_text(pilot, "notes not counted")
        await pilot.pause()
        assert "This activity: 2 words. The statement: 2 of 1,500 words." in text_of(dialog, "#words")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert "HCPC statement: 1 activity (the HCPC asks for 4 to 6), 2 of 1,500 words." in text_of(screen, "#statement-words")
        listed = str(screen.query_one("#statement", OptionList).get_option_at_index(0).prompt)
        assert "(2 words)" in listed
    with reopened(paths) as db:
        [item] = list_statement_items(db)
        assert (item.what, item.evidence) == ("Two words", "notes not counted")
        assert not stored_drafts(paths)  # a real save deletes the draft


@pilot_test
async def test_taking_an_activity_out_asks_first(store):
    paths, _ = store
    async with running(paths) as pilot:
        screen = await open_screen(pilot)
        dialog = await pick_first_activity(pilot)
        await type_text(pilot, "kept")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen.query_one("#statement", OptionList).focus()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("escape")  # no answer: nothing is taken out
        await pilot.pause()
        assert len(list_statement_items(pilot.app.db)) == 1
        await pilot.press("x")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert list_statement_items(pilot.app.db) == []
        assert dialog is not pilot.app.screen


async def open_summary(pilot, reflection_id):
    await open_screen(pilot)
    await pilot.press("s")
    await pilot.pause()
    return "hcpc_summary"


async def open_statement(pilot, reflection_id):
    await open_screen(pilot)
    await pick_first_activity(pilot)
    return "what"


async def open_nmc(pilot, reflection_id):
    open_account(pilot.app, reflection_id)
    await pilot.pause()
    return "learnt"


async def open_cpd(pilot, reflection_id):
    open_details(pilot.app, reflection_id)
    await pilot.pause()
    return "hours"


FORMS = [(open_summary, SummaryDialog, "hcpc-summary", WORDS), (open_statement, StatementItemDialog,
          "hcpc-statement-item", WORDS), (open_nmc, AccountDialog, "nmc-account", WORDS),
         (open_cpd, CpdDialog, "cpd-details", "25")]


@pytest.mark.parametrize(("opener", "form_class", "form", "typed"), FORMS, ids=[f[2] for f in FORMS])
@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_a_kill_and_reopen_keeps_the_forms_draft(store, opener, form_class, form, typed):
    paths, reflection_id = store
    async with running(paths) as pilot:
        field = await opener(pilot, reflection_id)
        assert isinstance(pilot.app.screen, form_class)
        pilot.app.screen.query_one(f"#{field}").focus()
        await pilot.press("end")
        await type_text(pilot, typed)  # key by key, one wait at the end (pilot.press waits after each key)
        await until(pilot, lambda: any(str(fields.get(field)).endswith(typed) for _, _, fields in stored_drafts(paths)))
        [(name, _, fields)] = stored_drafts(paths)
        assert name == form and fields[field].endswith(typed)
        pilot.app.exit()  # as after a kill: nothing flushed on the way out

    async with running(paths) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, DraftsDialog)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(pilot.app.screen, form_class)
        assert read_field(pilot.app.screen.query_one(f"#{field}")).endswith(typed)


@pytest.mark.parametrize(("opener", "form_class"), [(f[0], f[1]) for f in FORMS[:3]], ids=[f[2] for f in FORMS[:3]])
@pilot_test
async def test_a_text_over_its_limit_is_explained_under_its_field_and_nothing_is_saved(store, opener, form_class):
    paths, reflection_id = store
    async with running(paths) as pilot:
        field = await opener(pilot, reflection_id)
        screen = pilot.app.screen
        screen.query_one(f"#{field}").text = "x" * (limits.TEXT_CHARS + 1)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen  # still open
        error = screen.query_one("#error", Static)
        assert "100,000" in str(error.render())
        siblings = list(error.parent.children)
        assert siblings[siblings.index(error) - 1] is screen.query_one(f"#{field}")  # right under the field


@pilot_test
async def test_a_cpd_hours_value_over_the_limit_is_explained_under_the_field(store):
    paths, reflection_id = store
    async with running(paths) as pilot:
        open_details(pilot.app, reflection_id)
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#on_date").value = "2026-11-02"  # a day before the app's today, so only the hours are wrong
        screen.query_one("#hours").value = "5000"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert "1,000" in text_of(screen, "#error")


@pilot_test
async def test_hostile_text_in_an_activity_title_is_shown_as_typed(store):
    paths, _ = store
    async with running(paths) as pilot:
        screen = await open_screen(pilot)
        await pilot.press("a")
        await pilot.pause()
        picker = pilot.app.screen
        shown = [str(picker.query_one(OptionList).get_option_at_index(i).prompt)
                 for i in range(picker.query_one(OptionList).option_count)]
        assert any("[bold red]Loud[/]" in line and "[link=x]" in line for line in shown)
        index = next(i for i, line in enumerate(shown) if "Loud" in line)
        picker.query_one(OptionList).highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        dialog = pilot.app.screen
        assert "[bold red]Loud[/]" in text_of(dialog, "#about")  # 'About: ...' shown as typed
        await pilot.press(*"x", "ctrl+s")
        await pilot.pause()
        listed = str(screen.query_one("#statement", OptionList).get_option_at_index(0).prompt)
        assert "[bold red]Loud[/]" in listed and "\x1b" not in listed


@pytest.fixture
def two_accounts(paths):
    """Sam's store: two finished reflections, each with its NMC account; the reflections' ids."""
    db = open_store(paths)
    save_profile(db, Profile("Sam", onboarded=True))
    pack = load_catalogue().get("core")
    finished = []
    for words in ("A first account", "A second account"):
        reflection = start_reflection(db, pack, Context.SELF)
        save_answer(db, reflection.id, pack.prompts[0], words, Visibility.PRIVATE, 0)
        finish_reflection(db, reflection.id)
        save_account(db, prefill(get_reflection(db, reflection.id), get_answers(db, reflection.id)))
        finished.append(reflection.id)
    db.close()
    return paths, finished


@pilot_test
async def test_the_accounts_list_highlights_the_first_and_keeps_the_one_closed(two_accounts):
    paths, finished = two_accounts
    async with running(paths) as pilot:
        screen = await open_screen(pilot)
        accounts = screen.query_one("#accounts", OptionList)
        assert accounts.highlighted == 0 and pilot.app.focused is accounts
        await pilot.press("enter")  # opens the first account at once, with no arrow key pressed first
        await pilot.pause()
        assert isinstance(pilot.app.screen, AccountDialog)
        await pilot.press("escape", "down")
        await pilot.pause()
        second = accounts.highlighted_option.id
        assert second in finished and accounts.highlighted == 1
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen.account.reflection_id == second
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert accounts.highlighted_option.id == second  # the account just closed, not none and not the first
        await pilot.press("up")
        assert accounts.highlighted == 0  # up from the second goes to the first, not round to the last


@pilot_test
async def test_an_unfinished_reflection_is_refused_an_nmc_account_saying_how_to_finish_it(store):
    paths, finished = store
    with reopened(paths) as db:
        pack = load_catalogue().get("core")
        unfinished = start_reflection(db, pack, Context.SELF).id
        save_answer(db, unfinished, pack.prompts[0], "Half way through.", Visibility.PRIVATE, 0)
    async with running(paths) as pilot:
        await pilot.press("escape")  # not now to the offer to carry on with it
        await pilot.app.push_screen(ReflectionRecord(unfinished))  # as History, then enter on it, opens it
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReflectionRecord)  # no account form
        said = [str(note.message) for note in pilot.app._notifications]
        assert any("not finished yet" in note and "press r to carry on with it" in note for note in said)
        await pilot.press("escape")
        await pilot.app.push_screen(ReflectionRecord(finished))
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AccountDialog)  # a finished one still opens its account
    with reopened(paths) as db:
        assert get_account(db, unfinished) is None


@pilot_test
async def test_the_hcpc_summary_line_says_when_it_is_over_the_limit(store):
    paths, _ = store
    with reopened(paths) as db:
        set_hcpc_summary(db, "word " * 508)
    async with running(paths) as pilot:
        screen = await open_screen(pilot)
        assert "HCPC summary of practice: 508 of 500 words, 8 over the HCPC's limit (s to write it)." in text_of(screen,
                                                                                                      "#summary")
