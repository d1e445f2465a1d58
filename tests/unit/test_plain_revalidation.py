"""Tests revalidation in plain mode, driven line by line through io.StringIO: the revalidation date in your
details, where you stand, an NMC account, CPD details, the HCPC summary and statement; what is said, and what
the store holds afterwards (through the same functions the app calls)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from myrole.model import Commitment, Context, Lens, Mode, Profile, Visibility
from myrole.plain.menu import CHOICES
from myrole.plain.profile import REVALIDATION_LABEL
from myrole.plain.revalidation import ACTIONS
from myrole.plain.words import spoken_date
from myrole.prompts import load_catalogue
from myrole.revalidation.cycle import years_before
from myrole.revalidation.model import ActivityKind, CpdDetails, Theme
from myrole.store.commitments import create_commitment
from myrole.store.cpd import (
    get_account,
    get_details,
    get_hcpc_summary,
    get_revalidation_date,
    list_statement_items,
    save_details,
    set_revalidation_date,
)
from myrole.store.drafts import get_draft
from myrole.store.profile import get_profile, save_profile
from myrole.store.reflections import finish_reflection, save_answer, start_reflection
from test_plain_flows import TODAY, plain  # run a plain flow on piped lines; what it said is checked for controls

MENU = {value: str(number) for number, (_, value) in enumerate(CHOICES, start=1)}
REVALIDATION = {value: str(number) for number, (_, value) in enumerate(ACTIONS, start=1)}
GIBBS = load_catalogue().get("gibbs")
HOSTILE = "\x1b[31mRed\x1b[0m [bold]ward[/bold]"
KEEP = "."  # a full stop alone keeps a part as it is


@pytest.fixture
def db(empty_db):
    """An open, migrated, store whose first run is over, so the menu comes straight away."""
    save_profile(empty_db, Profile("Sam", onboarded=True))
    return empty_db


def to_revalidation(*lines: str) -> list[str]:
    """The menu's Revalidation, these lines, then back to the menu and quit."""
    return [MENU["revalidation"], *lines, REVALIDATION["back"], MENU["quit"]]


def finished_gibbs(db, description: str = "A patient's daughter interpreted for her.",
                   plan: str = "Book an interpreter first.") -> str:
    """A finished Gibbs reflection with a description and an action plan; its id."""
    reflection = start_reflection(db, GIBBS, Context.SELF)
    prompts = {prompt.id: prompt for prompt in GIBBS.prompts}
    save_answer(db, reflection.id, prompts["gibbs-description"], description, Visibility.PRIVATE)
    save_answer(db, reflection.id, prompts["gibbs-action-plan"], plan, Visibility.PRIVATE)
    finish_reflection(db, reflection.id)
    return reflection.id


# -- your details: the revalidation date ----------------------------------------------------------------

def test_your_details_ask_for_the_revalidation_date_refuse_a_bad_one_and_keep_it_with_enter(paths, db):
    status, text = plain(paths, [MENU["details"], "", "", "", "", "2027-02-30", "next spring", "2027-03-31",
                                 MENU["quit"]])
    assert status == 0
    refusal = "Write the revalidation date as 31/03/2027 or 2027-03-31, or leave it empty."
    assert text.count(refusal) == 2
    assert "Your details are saved." in text
    assert get_revalidation_date(db) == date(2027, 3, 31)

    _, text = plain(paths, [MENU["details"], "", "", "", "", "", MENU["quit"]])  # Enter alone keeps it
    assert "Now: 31 March 2027; Enter alone keeps it, and none takes it away." in text
    assert get_revalidation_date(db) == date(2027, 3, 31)
    plain(paths, [MENU["details"], "", "", "", "", "none", MENU["quit"]])
    assert get_revalidation_date(db) is None


def test_the_first_run_asks_for_the_revalidation_date_as_your_details_do(paths, empty_db):
    status, text = plain(paths, ["", "", "", "", "20270331", "2027-03-31", MENU["quit"]])
    assert status == 0
    assert "Welcome to myrole" in text
    assert (f"{REVALIDATION_LABEL} Enter alone leaves it empty.") in text
    assert "Write the revalidation date as 31/03/2027 or 2027-03-31, or leave it empty." in text
    assert get_revalidation_date(empty_db) == date(2027, 3, 31) and get_profile(empty_db).onboarded


def test_the_first_run_leaves_the_revalidation_date_empty_with_enter(paths, empty_db):
    status, text = plain(paths, ["", "", "", "", "", MENU["quit"]])
    assert status == 0 and "Your details are saved" in text
    assert get_revalidation_date(empty_db) is None and get_profile(empty_db).onboarded


# -- where you stand ------------------------------------------------------------------------------------

def test_revalidation_says_where_you_stand_in_the_cycle(paths, db):
    due = TODAY + timedelta(days=100)
    set_revalidation_date(db, due)
    reflection_id = finished_gibbs(db)
    save_details(db, CpdDetails(reflection_id, TODAY - timedelta(days=3), 90, True, ActivityKind.FORMAL))
    status, text = plain(paths, to_revalidation())
    assert status == 0
    start = years_before(due, 3) + timedelta(days=1)
    assert f"Your revalidation date is {spoken_date(due)}; this cycle runs from {spoken_date(start)} to " \
           f"{spoken_date(due)}." in text
    assert "Written reflective accounts: 0 of 5 accounts in this cycle." in text
    assert "CPD recorded in myrole: 1.5 hours of 35." in text
    assert "Of which participatory (learning with others): 1.5 hours of 20." in text
    assert "HCPC summary of practice: 0 of 500 words." in text
    assert "HCPC statement: 0 activities (the HCPC asks for 4 to 6), 0 of 1,500 words." in text
    assert "1. Make or edit an NMC reflective account from a finished reflection" in text


def test_with_no_revalidation_date_the_cycle_ends_today_and_says_where_to_give_it(paths, db):
    _, text = plain(paths, to_revalidation())
    assert (f"No revalidation date yet (give it in Your details, from the menu), so this cycle runs from "
            f"{spoken_date(years_before(TODAY, 3) + timedelta(days=1))} to {spoken_date(TODAY)}, today.") in text


# -- an NMC account ---------------------------------------------------------------------------------------

def test_an_nmc_account_starts_from_the_reflection_and_each_part_can_be_kept_or_replaced(paths, db):
    older = finished_gibbs(db, "Older one")
    newer = finished_gibbs(db, HOSTILE, "Book an interpreter first.")
    status, text = plain(paths, to_revalidation(
        REVALIDATION["account"], "1",  # newest first: the hostile one
        "What happened, in my words", "on two lines", ".",  # part 1 replaced
        KEEP,  # part 2 (what you learnt) is empty: stays empty
        KEEP,  # part 3 keeps the action plan
        "1", "3", "3", "2", "",  # themes: people, safety (chosen then unchosen), effectively
        "It shows I prioritise people.", "."))
    assert status == 0
    assert "1. Finished on " in text and "no account yet." in text
    assert "NMC written reflective account, from: Gibbs' reflective cycle." in text
    assert "It starts from your reflection's answers; change anything." in text
    assert "Part 1 of 4: What was the nature of the CPD activity, feedback or practice-related experience?" in text
    assert "Now it says:\n\\x1b[31mRed\\x1b[0m [bold]ward[/bold]\n" in text  # read out inert
    assert "It is empty now; a full stop alone leaves it empty." in text
    assert "1. Prioritise people: not chosen" in text and "1. Prioritise people: chosen" in text
    assert "Saved: 1 of 5 accounts in this cycle." in text
    account = get_account(db, newer)
    assert (account.nature, account.learnt, account.changed, account.code) == (
        "What happened, in my words\non two lines", "", "Book an interpreter first.", "It shows I prioritise people.")
    assert account.themes == {Theme.PEOPLE, Theme.EFFECTIVE}
    assert get_account(db, older) is None

    _, text = plain(paths, to_revalidation(REVALIDATION["account"], "1", KEEP, "I learnt to ask.", ".", KEEP,
                                           "1", "", KEEP))
    assert "has an account." in text
    assert "Each part starts" not in text and "It starts from your reflection's answers" not in text
    account = get_account(db, newer)
    assert (account.nature, account.learnt, account.themes) == (
        "What happened, in my words\non two lines", "I learnt to ask.", {Theme.EFFECTIVE})


def test_an_account_left_part_way_is_kept_as_the_apps_draft_and_offered_again(paths, db):
    reflection_id = finished_gibbs(db)
    plain(paths, [MENU["revalidation"], REVALIDATION["account"], "1", "Half of the first part"])
    draft = get_draft(db, "nmc-account", reflection_id)
    assert draft is not None and draft.fields["nature"] == "Half of the first part"
    assert get_account(db, reflection_id) is None
    _, text = plain(paths, to_revalidation(REVALIDATION["account"], "1", "", KEEP, KEEP, "", KEEP))
    assert "Before, you typed: Half of the first part" in text
    assert get_account(db, reflection_id).nature == "Half of the first part"
    assert get_draft(db, "nmc-account", reflection_id) is None


def test_with_no_finished_reflection_an_account_says_how_to_finish_one(paths, db):
    _, text = plain(paths, to_revalidation(REVALIDATION["account"]))
    assert "You have no finished reflections yet; finish one from Reflect first" in text


# -- CPD details ------------------------------------------------------------------------------------------

def test_cpd_details_refuse_a_bad_date_a_later_day_and_zero_hours_then_save(paths, db):
    reflection_id = finished_gibbs(db)
    day = TODAY - timedelta(days=10)
    status, text = plain(paths, to_revalidation(
        REVALIDATION["cpd"], "1",
        "1 April", day.strftime("%Y%m%d"), (TODAY + timedelta(days=1)).isoformat(), day.isoformat(),
        "", "0", "two", "1,5",  # Enter alone with no hours given is 0 hours: refused
        "yes", "3"))
    assert status == 0
    assert "no CPD details yet." in text
    assert text.count("Write the date as 31/03/2027 or 2027-03-31.") == 2  # 1 April, and 20261120
    assert ("The date is after today: CPD counts what you have already done, so give the "
            "day the activity happened.") in text
    assert text.count("Give the hours the activity took: more than 0 and at most 1,000, for example 1.5.") == 2
    assert "Write the hours as a number, for example 1.5." in text
    assert f"CPD details saved: 1.5 hours on {spoken_date(day)}, learning with others, Formal or educational." in text
    assert "In this cycle: 1.5 hours of 35, and 1.5 hours of 20 learning with others." in text
    assert get_details(db, reflection_id) == CpdDetails(reflection_id, day, 90, True, ActivityKind.FORMAL)

    _, text = plain(paths, to_revalidation(REVALIDATION["cpd"], "1", "", "", "no", ""))  # Enter keeps each
    assert f"CPD details: 1.5 hours on {spoken_date(day)}, learning with others, Formal or educational." in text
    assert "Now: 1.5 hours; Enter alone keeps it." in text
    assert get_details(db, reflection_id) == CpdDetails(reflection_id, day, 90, False, ActivityKind.FORMAL)


def test_cpd_details_left_part_way_keep_the_apps_draft_and_nothing_is_saved(paths, db):
    reflection_id = finished_gibbs(db)
    plain(paths, [MENU["revalidation"], REVALIDATION["cpd"], "1", "", "2.5"])
    assert get_details(db, reflection_id) is None
    assert get_draft(db, "cpd-details", reflection_id).fields["hours"] == "2.5"


# -- the HCPC summary of practice ---------------------------------------------------------------------------

def test_the_summary_is_saved_and_its_words_said_and_over_the_limit_said_plainly(paths, db):
    status, text = plain(paths, to_revalidation(REVALIDATION["summary"], "I am a staff nurse", "on a ward.", "."))
    assert status == 0
    assert "Saved: 8 of 500 words." in text
    assert get_hcpc_summary(db) == "I am a staff nurse\non a ward."

    long = " ".join(["word"] * 520)
    _, text = plain(paths, to_revalidation(REVALIDATION["summary"], long, ".", REVALIDATION["stand"]))
    assert "Now it says:\nI am a staff nurse\non a ward.\n" in text
    assert "Saved: 520 of 500 words, 20 over the HCPC's limit; shorten it before you send it." in text
    assert "HCPC summary of practice: 520 of 500 words, 20 over the HCPC's limit." in text  # where you stand
    assert get_hcpc_summary(db) == long

    plain(paths, to_revalidation(REVALIDATION["summary"], KEEP))
    assert get_hcpc_summary(db) == long


# -- the HCPC statement -------------------------------------------------------------------------------------

def test_statement_activities_are_picked_written_changed_and_taken_out(paths, db):
    reflection_id = finished_gibbs(db)
    create_commitment(db, Commitment(id="", title=HOSTILE, lens=Lens.PATIENTS, mode=Mode.ACTION))
    statement = REVALIDATION["statement"]
    status, text = plain(paths, to_revalidation(
        statement, "1", "1",  # add: the newest first, and on the same day reflections before commitments
        "Two words", ".", KEEP, KEEP, KEEP, "notes not counted", ".", "4"))  # 4: back, with one picked
    assert status == 0
    assert f"2. {spoken_date(TODAY)}, a commitment: \\x1b[31mRed\\x1b[0m [bold]ward[/bold]" in text
    assert "An activity in your HCPC statement, about: Gibbs' reflective cycle." in text
    assert "Part 5 of 5: Evidence." in text
    assert "Saved. This activity has 2 words; the statement has 2 of 1,500 words." in text
    assert "Activity 1: " in text and "a reflection: Gibbs' reflective cycle; 2 words." in text
    [item] = list_statement_items(db)
    assert (item.reflection_id, item.what, item.learnt, item.evidence) == (
        reflection_id, "Two words", "", "notes not counted")

    _, text = plain(paths, to_revalidation(statement, "2", "1", KEEP, "Three more words", ".", KEEP, KEEP, KEEP, "4"))
    assert "Now it says:\nTwo words\n" in text
    [item] = list_statement_items(db)
    assert (item.what, item.learnt) == ("Two words", "Three more words")
    assert "the statement has 5 of 1,500 words." in text

    plain(paths, to_revalidation(statement, "3", "1", "", "4"))  # Enter alone at the question keeps it
    assert len(list_statement_items(db)) == 1
    _, text = plain(paths, to_revalidation(statement, "3", "1", "yes", "2"))
    assert "Taken out." in text
    assert list_statement_items(db) == []


def test_where_you_stand_warns_when_a_part_looks_like_it_identifies_someone(paths, db):
    _, text = plain(paths, to_revalidation())
    assert "No part looks like it identifies anyone." in text
    _, text = plain(paths, to_revalidation(REVALIDATION["summary"], "I see Mrs B, NHS number 943 476 5919.", ".",
                                           REVALIDATION["stand"]))
    assert "Check before you share: 1 part looks like it holds an NHS number." in text


def test_with_six_activities_picked_none_can_be_added_and_it_says_why(paths, db):
    from myrole.revalidation.model import StatementItem
    from myrole.store.cpd import save_statement_item

    for number in range(6):
        made = create_commitment(db, Commitment(id="", title=f"Commitment {number}", lens=Lens.SELF, mode=Mode.ACTION))
        save_statement_item(db, StatementItem("", commitment_id=made.id, what="One two"))
    _, text = plain(paths, to_revalidation(REVALIDATION["statement"], ""))
    assert "HCPC statement: 6 activities (the HCPC asks for 4 to 6), 12 of 1,500 words." in text
    assert "The statement draws on 6 activities, the most the HCPC asks for; take one out to add another." in text
    assert "Add an activity" not in text
    assert "1. Change what you wrote about an activity" in text


# -- writing the documents to a file ---------------------------------------------------------------------

def test_the_nmc_document_is_written_after_what_looks_identifiable_is_said(paths, db, tmp_path):
    from myrole.revalidation.model import NmcAccount
    from myrole.store.cpd import save_account

    reflection_id = finished_gibbs(db)
    save_account(db, NmcAccount(reflection_id, nature="A man came to clinic upset.",
                                changed="I now ring Mr Ahmed Khan before discharge"))
    target = tmp_path / "nmc.md"
    status, text = plain(paths, to_revalidation(REVALIDATION["write"], "1", "3", str(target)))
    assert status == 0
    said = text[text.index("Which format?"):]
    assert said.index("Before you share it, this may identify someone:") < said.index("Which file?")
    assert ("Reflective account 1, " f"{spoken_date(TODAY)}, how you changed your practice: a name with a title "
            "'Mr Ahmed Khan'.") in said
    assert "The file is still written as it is. To correct it, change a part in Revalidation" in said
    assert f"Wrote the NMC revalidation document (Markdown) to {target}, readable by you only." in said
    written = target.read_text(encoding="utf-8")
    assert "I now ring Mr Ahmed Khan before discharge" in written and "A man came to clinic upset." in written
    assert target.stat().st_mode & 0o777 == 0o600


def test_an_existing_file_is_kept_unless_the_person_says_replace_and_a_full_stop_goes_back(paths, db, tmp_path):
    from myrole.store.cpd import set_hcpc_summary

    set_hcpc_summary(db, f"I run the falls clinic. {HOSTILE}")
    target = tmp_path / "profile.html"
    target.write_text("keep me", encoding="utf-8")
    status, text = plain(paths, to_revalidation(REVALIDATION["write"], "2", "1", str(target), "", "."))
    assert status == 0
    assert f"{target} already exists; replace it?" in text and "Nothing was written." in text
    assert "Wrote the" not in text and target.read_text(encoding="utf-8") == "keep me"
    assert "may identify someone" not in text

    _, text = plain(paths, to_revalidation(REVALIDATION["write"], "2", "1", str(target), "yes"))
    assert f"Wrote the HCPC CPD profile (web page) to {target}, readable by you only." in text
    page = target.read_text(encoding="utf-8")
    assert "I run the falls clinic." in page and "\x1b" not in page and "<bold>" not in page


def test_a_place_that_cannot_take_the_file_is_refused_and_asked_again_and_its_name_said_inert(paths, db, tmp_path):
    hostile_folder = tmp_path / "\x1b[2Jgone"
    status, text = plain(paths, to_revalidation(REVALIDATION["write"], "1", "2", str(hostile_folder / "nmc.pdf"),
                                                str(paths.store), str(tmp_path / "nmc.pdf")))
    assert status == 0  # plain() has checked that nothing it said holds a control character
    assert "\\x1b[2Jgone does not exist" in text and "is your myrole store; choose another file name." in text
    assert text.count("Which file?") == 3
    assert (tmp_path / "nmc.pdf").read_bytes().startswith(b"%PDF-")
    assert not hostile_folder.exists()


def test_a_private_commitment_left_out_of_the_profile_is_said_with_a_way_plain_mode_users_can_take(paths, db):
    create_commitment(db, Commitment(id="", title="Only mine", lens=Lens.SELF, mode=Mode.ACTION,
                                     created_at=f"{TODAY.isoformat()}T09:00:00Z"))
    _, text = plain(paths, to_revalidation())
    assert "1 private commitment is left out, as the profile is sent outside myrole." in text
    assert "change who can see it in the app (myrole --no-plain)" in text and "press e" not in text


def test_writing_a_document_can_go_back_at_either_question_without_writing(paths, db):
    back_to_revalidation = "What would you like to do for revalidation?"
    status, text = plain(paths, to_revalidation(REVALIDATION["write"], "3"))  # the last choice: back
    assert status == 0
    assert "3. Back to revalidation, writing nothing" in text
    assert "Which format?" not in text and "Which file?" not in text
    assert text.count(back_to_revalidation) == 2  # asked again: back where the person came from

    _, text = plain(paths, to_revalidation(REVALIDATION["write"], ""))  # Enter alone goes back, as in every Back list
    assert "Enter alone keeps 3, Back to revalidation, writing nothing." in text
    assert "Which format?" not in text and text.count(back_to_revalidation) == 2

    _, text = plain(paths, to_revalidation(REVALIDATION["write"], "1", "4"))  # back at the format question
    assert "4. Back to revalidation, writing nothing" in text
    assert "Which file?" not in text and text.count(back_to_revalidation) == 2


def test_a_bare_file_name_is_written_in_the_current_folder_and_its_whole_path_said(paths, db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, text = plain(paths, to_revalidation(REVALIDATION["write"], "1", "3", "nmc-copy.md"))
    assert f"Wrote the NMC revalidation document (Markdown) to {tmp_path / 'nmc-copy.md'}, readable by you only." in text
    assert (tmp_path / "nmc-copy.md").is_file()


def test_a_file_that_cannot_be_written_is_said_once_then_the_file_is_asked_for_again(paths, db, tmp_path, monkeypatch):
    import myrole.plain.files as plain_files
    from myrole.export.output import OutputError

    real_write = plain_files.write_private_file
    failures = iter([True])

    def full_disk_once(path, data, **options):
        if next(failures, False):
            raise OutputError(f"{path} could not be written (No space left on device); nothing was written.")
        real_write(path, data, **options)

    monkeypatch.setattr(plain_files, "write_private_file", full_disk_once)
    target = tmp_path / "nmc.md"
    status, text = plain(paths, to_revalidation(REVALIDATION["write"], "1", "3", str(target), str(target)))
    assert status == 0
    assert f"{target} could not be written (No space left on device); nothing was written.\nWhich file?" in text
    assert text.lower().count("nothing was written") == 1  # said once, not twice
    assert text.count("Which file?") == 2
    assert f"Wrote the NMC revalidation document (Markdown) to {target}" in text and target.is_file()

    failures = iter([True])
    target.unlink()
    _, text = plain(paths, to_revalidation(REVALIDATION["write"], "1", "3", str(target), "."))  # a full stop: back
    assert text.count("Which file?") == 2 and text.endswith("Goodbye; everything is saved.\n")
    assert "Wrote the" not in text and not target.exists()


def test_once_written_the_parts_that_need_attention_are_said_the_first_few_by_name(paths, db, tmp_path):
    from myrole.revalidation.model import NmcAccount
    from myrole.store.cpd import save_account, set_hcpc_summary

    reflection_id = finished_gibbs(db)
    save_account(db, NmcAccount(reflection_id, nature="A man came to clinic upset.", changed="I ask first now."))
    _, text = plain(paths, to_revalidation(REVALIDATION["write"], "1", "3", str(tmp_path / "nmc.md")))
    account = f"Reflective account 1, {spoken_date(TODAY)}"
    assert ("readable by you only.\n4 parts need your attention before you send it:\n"
            "Revalidation date: not given yet.\n"
            f"{account}, what you learnt: not written yet.\n"
            f"{account}, themes of the Code: none chosen yet.\n"
            "The other one is marked 'needs your attention' in the file.\n") in text
    assert "p on home" not in text  # the app's keys are no help here

    set_hcpc_summary(db, " ".join(["word"] * 520))
    _, text = plain(paths, to_revalidation(REVALIDATION["write"], "2", "3", str(tmp_path / "hcpc.md")))
    assert "3 parts need your attention before you send it:\n" in text
    assert "Summary of practice: 520 of 500 words, 20 over the HCPC's limit.\n" in text
    assert "CPD activities, gap: no CPD activity recorded from " in text
    assert "Personal statement, activities: draws on 0 activities (the HCPC asks for 4 to 6).\n" in text

    set_revalidation_date(db, TODAY + timedelta(days=100))
    save_account(db, NmcAccount(reflection_id, nature="A man came.", learnt="To ask.", changed="I ask first now.",
                                code="Prioritise people.", themes=frozenset({Theme.PEOPLE})))
    _, text = plain(paths, to_revalidation(REVALIDATION["write"], "1", "3", str(tmp_path / "nmc.md"), "yes"))
    assert "No part is marked as needing your attention." in text


def test_what_looks_identifiable_is_said_place_by_place_every_kind_named_and_the_advice_short(paths, db, tmp_path):
    from myrole.revalidation.model import StatementItem
    from myrole.store.cpd import save_statement_item, set_hcpc_summary

    target = tmp_path / "profile.md"
    set_hcpc_summary(db, "Mrs Jones asked me.")
    _, text = plain(paths, to_revalidation(REVALIDATION["write"], "2", "3", str(target)))
    said = text[text.index("Before you share it"):text.index("Which file?")].splitlines()
    assert said[1:] == ["Summary of practice: a name with a title 'Mrs Jones'.",
                        "The file is still written as it is. To correct it, change a part in Revalidation, then "
                        "write it again."]  # 19 words, not 51

    phones = ", ".join(f"07700 90000{n}" for n in range(1, 6))
    set_hcpc_summary(db, f"Ring {phones}; Mrs Jones, NHS number 943 476 5919.")
    titled = create_commitment(db, Commitment(id="", title="Call Mr Ahmed Khan back", lens=Lens.PATIENTS,
                                              mode=Mode.ACTION, visibility=Visibility.MANAGER))
    save_statement_item(db, StatementItem("", commitment_id=titled.id, what="Email sam@example.org",
                                          learnt="Ring 07700 900009", improved="Ring 07700 900008",
                                          benefited="Ring 07700 900007", evidence="At SW1A 1AA"))
    _, text = plain(paths, to_revalidation(REVALIDATION["write"], "2", "3", str(target), "yes"))
    said = text[text.index("Before you share it"):text.index("Which file?")]
    lines = said.splitlines()
    assert lines[1] == ("Summary of practice: phone numbers '07700 900001', '07700 900002', '07700 900003' and "
                        "2 more; a name with a title 'Mrs Jones'; an NHS number '943 476 5919'.")
    assert lines[2] == f"CPD activities, {spoken_date(TODAY)}: a name with a title 'Mr Ahmed Khan'."
    assert "Activity 1, what the activity was: an email address 'sam@example.org'." in lines
    assert said.count("Summary of practice") == 1 and said.count("Mr Ahmed Khan") == 1  # not again in a heading
    assert "like these" not in said
    assert "And in 2 other places: a phone number and a postcode." in lines  # every kind named, none hidden
    assert lines[-1] == ("The file is still written as it is. To correct it, change a part in Revalidation and a "
                         "commitment's title in the app (myrole --no-plain), then write it again. A heading or title "
                         "that is a reflection's topic cannot be changed.")
    assert "Ring 07700 900001" in target.read_text(encoding="utf-8")  # written as it is


def test_a_reflections_topic_in_the_nmc_headings_is_said_once_and_honestly_as_one_that_cannot_be_changed(
        paths, db, tmp_path):
    from myrole.revalidation.model import NmcAccount
    from myrole.store.cpd import save_account

    reflection = start_reflection(db, GIBBS, Context.EVENT, "Mr Ahmed Khan's fall")
    finish_reflection(db, reflection.id)
    save_account(db, NmcAccount(reflection.id, nature="A fall on the ward.", learnt="To ask first."))
    save_details(db, CpdDetails(reflection.id, TODAY, 60, False, ActivityKind.FORMAL))  # in the CPD log too
    _, text = plain(paths, to_revalidation(REVALIDATION["write"], "1", "3", str(tmp_path / "nmc.md")))
    said = text[text.index("Before you share it"):text.index("Which file?")].splitlines()
    assert said[1:] == ["CPD log: a name with a title 'Mr Ahmed Khan's'.",  # not again in the headings or the form
                        "The file is still written as it is. A heading or title that is a reflection's topic cannot "
                        "be changed."]


def test_names_python_cannot_use_as_paths_are_refused_and_asked_again(paths, db, tmp_path):
    status, text = plain(paths, to_revalidation(REVALIDATION["write"], "1", "3", "~no-such-user-of-myrole/nmc.md",
                                                str(tmp_path / "nul\x00.md"), str(tmp_path / "nmc.md")))
    assert status == 0
    assert "does not exist" in text and "cannot be a file's name; choose another file name." in text
    assert text.count("Which file?") == 3 and (tmp_path / "nmc.md").exists()
