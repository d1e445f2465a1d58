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

from .pilot import TODAY, pilot_test, reopened, running, stored_drafts, type_text, until

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


# -- after the NMC and HCPC review (/tmp/review/revalidation.md) -------------------------------------------------

async def open_writer(pilot):
    from myrole.ui.dialogs.revalidation_write import WriteDocumentDialog

    await pilot.press("w")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, WriteDocumentDialog)
    return dialog


@pilot_test
async def test_w_writes_the_chosen_document_to_a_file_and_says_where_and_never_replaces_one_unasked(store, tmp_path):
    import os

    from textual.widgets import Input, Select

    from myrole.ui.dialogs.confirm import ConfirmDialog

    paths, _ = store
    target = tmp_path / "profile.md"
    async with running(paths) as pilot:
        screen = await open_screen(pilot)
        assert "W writes the NMC document or the HCPC CPD profile" in text_of(screen, "#write-hint")
        assert "myrole revalidation" not in screen_text(screen)  # no command to type any more
        dialog = await open_writer(pilot)
        assert dialog.query_one("#path", Input).value == "~/myrole-nmc-revalidation-2026-11-26.html"
        dialog.query_one("#document", Select).value = "hcpc"
        dialog.query_one("#format", Select).value = "md"
        await pilot.pause()
        assert dialog.query_one("#path", Input).value == "~/myrole-hcpc-revalidation-2026-11-26.md"  # follows
        dialog.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        said = f"Wrote the HCPC CPD profile (Markdown) to {target}, readable by you only."
        assert text_of(screen, "#written") == said
        assert target.read_text(encoding="utf-8").startswith("# HCPC CPD profile")
        if os.name == "posix":
            assert target.stat().st_mode & 0o777 == 0o600

        target.write_text("kept", encoding="utf-8")
        screen.query_one("#write-document").scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        await pilot.click("#write-document")  # the button does what w does
        await pilot.pause()
        dialog = pilot.app.screen
        dialog.query_one("#format", Select).value = "md"
        dialog.query_one("#path", Input).value = str(target)
        await pilot.click("#write")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)  # it exists: asked first
        assert pilot.app.focused.id == "no"  # "Keep it": a second Enter replaced settings.toml with a document
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is dialog and "Nothing was written" in text_of(dialog, "#error")
        assert target.read_text(encoding="utf-8") == "kept"
        dialog.query_one("#path", Input).value = str(tmp_path / "profile.pdf")  # .pdf, but Markdown chosen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "ends in .pdf, but you chose Markdown" in text_of(dialog, "#error")
        assert not (tmp_path / "profile.pdf").exists()


@pilot_test
async def test_the_write_dialog_warns_about_what_looks_identifiable_before_writing(store):
    paths, reflection_id = store
    with reopened(paths) as db:
        from datetime import date

        from myrole.revalidation.model import CpdDetails, NmcAccount
        from myrole.store.cpd import save_details

        save_account(db, NmcAccount(reflection_id, nature="Rang her on 07700 900123 after the clinic."))
        save_details(db, CpdDetails(reflection_id, date(2026, 11, 2), 60))  # in the cycle up to the app's today
    async with running(paths) as pilot:
        await open_screen(pilot)
        dialog = await open_writer(pilot)
        warning = text_of(dialog, "#write-warning")
        assert warning.startswith("Before you share it, this may identify someone: phone number '07700 900123'")
        assert warning.count("07700 900123") == 1  # once, though the heading, the form and the part all hold it
        assert "on the Revalidation screen" in warning
        await pilot.resize_terminal(60, 20)  # the warning comes first: below the buttons it was never on screen
        await pilot.pause()
        shown = dialog.query_one("#write-warning").region
        assert shown.height > 0 and shown.bottom <= 20


@pilot_test
async def test_the_screen_says_whose_asks_the_totals_are_and_which_private_commitments_the_profile_leaves_out(store):
    from myrole.revalidation.model import WHOSE_ASKS

    paths, _ = store
    with reopened(paths) as db:  # private, as a new one is; made in the two years up to the app's today
        create_commitment(db, Commitment(id="", title="Book interpreters early", lens=Lens.PATIENTS,
                                         mode=Mode.ACTION, created_at="2026-10-01T10:00:00Z"))
    async with running(paths) as pilot:
        screen = await open_screen(pilot)
        assert text_of(screen, "#progress").startswith(WHOSE_ASKS)
        assert "the HCPC asks for no set hours" in WHOSE_ASKS
        left_out = screen.query_one("#hcpc-left-out", Static)
        assert left_out.display
        assert text_of(screen, "#hcpc-left-out") == (
            "In your HCPC CPD profile's activities: 1 private commitment is left out, as the profile is sent outside "
            "myrole. To include one, open it (home, then enter on it), press e and change who can see it.")


@pilot_test
async def test_cpd_details_show_every_error_at_once_each_under_its_field(store):
    from myrole.store.cpd import get_details

    paths, reflection_id = store
    async with running(paths) as pilot:
        open_details(pilot.app, reflection_id)
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#on_date").value = "2027-01-01"  # after the app's today
        screen.query_one("#hours").value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert "after today" in text_of(screen, "#error")
        assert "more than 0" in text_of(screen, "#hours-error")  # not only after a second save
        assert pilot.app.focused is screen.query_one("#on_date")  # the first problem has the focus
        siblings = list(screen.query_one("#error").parent.children)
        assert siblings[siblings.index(screen.query_one("#error")) - 1] is screen.query_one("#on_date")
        assert siblings[siblings.index(screen.query_one("#hours-error")) - 1] is screen.query_one("#hours")
        screen.query_one("#on_date").value = "2026-11-02"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(screen, "#error") == "" or "more than 0" in text_of(screen, "#error")
        assert "after today" not in text_of(screen, "#error") + text_of(screen, "#hours-error")
        screen.query_one("#hours").value = "1.5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is not screen
    with reopened(paths) as db:
        assert get_details(db, reflection_id).minutes == 90


@pilot_test
async def test_the_statement_forms_word_counter_stays_in_view_while_typing_at_80_by_24(store):
    paths, _ = store
    async with running(paths) as pilot:
        await open_screen(pilot)
        dialog = await pick_first_activity(pilot)
        for part in ("what", "benefited", "evidence"):  # the first part, and parts further down the form
            dialog.query_one(f"#{part}").focus()
            await type_text(pilot, "Three more words")
            await pilot.pause()
            words = dialog.query_one("#words", Static)
            assert "This activity:" in text_of(dialog, "#words")
            region = words.region
            assert region.height > 0 and region.bottom <= 24
            assert dialog.get_widget_at(region.x, region.y)[0] is words  # drawn, not scrolled away or covered


def screen_text(screen) -> str:
    return " ".join(str(static.render()) for static in screen.query(Static))


@pilot_test
async def test_the_picker_marks_a_private_commitment_and_picking_it_puts_it_in_the_written_statement(store):
    """They chose it: the picker marks the private commitment, its form says the written profile will hold it, and
    the statement does (before, it was left out unless they shared it with their manager)."""
    from myrole.revalidation import hcpc
    from myrole.revalidation.render import markdown

    paths, _ = store  # its commitment is private, as a new one is
    async with running(paths) as pilot:
        screen = await open_screen(pilot)
        await pilot.press("a")
        await pilot.pause()
        picker = pilot.app.screen
        assert isinstance(picker, PickActivityDialog)
        assert text_of(picker, "#pick-note") == hcpc.PICK_NOTE  # as plain mode says it
        options = picker.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        index = next(i for i, line in enumerate(shown) if "Loud" in line)
        assert shown[index].endswith("(private: only you see it; once picked, your written profile holds it)")
        assert not any("(private" in line for line in shown if line.split("  ")[1].startswith("Reflection"))
        options.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, StatementItemDialog)
        assert text_of(dialog, "#picked-note") == hcpc.PICKED_PRIVATE
        await type_text(pilot, "Private zebra words")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert "HCPC statement: 1 activity (the HCPC asks for 4 to 6), 3 of 1,500 words." in text_of(
            screen, "#statement-words")  # counted as any other
        listed = str(screen.query_one("#statement", OptionList).get_option_at_index(0).prompt)
        assert listed.endswith("(3 words)")
        assert "left out of the statement" not in screen_text(screen)
    with reopened(paths) as db:
        [item] = list_statement_items(db)
        assert item.what == "Private zebra words"
        written = markdown(hcpc.build(db, TODAY))
        assert "Private zebra words" in written and "Loud" in written
