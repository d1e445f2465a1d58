"""Tests the rule for private and dropped commitments in the HCPC CPD profile: its activity list leaves them out
(and says how many private ones, about that list), but one the person picks for the statement is in the statement,
with what they wrote, in every format and from the command line (they chose it: sharing a private commitment with a
manager just to write about it would be wrong, and a dropped one is still learning); that both pickers, the app's
and plain mode's, mark such commitments in words true to that rule; that the NMC document holds no commitment at
all; and that our words in both documents name no keys of the app."""

from __future__ import annotations

import io
import re
from html import unescape
from dataclasses import replace
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from myrole.model import Commitment, Context, Lens, Mode, Profile, Status, Visibility
from myrole.prompts import load_catalogue
from myrole.revalidation import hcpc, nmc
from myrole.revalidation.document import RevalidationDocument
from myrole.revalidation.identifiable import identifiable_sentence
from myrole.revalidation.model import NmcAccount, StatementItem
from myrole.revalidation.render import render_bytes
from myrole.store.commitments import create_commitment, get_commitment, update_commitment
from myrole.store.cpd import save_account, save_statement_item, set_revalidation_date
from myrole.store.profile import save_profile
from myrole.store.reflections import finish_reflection, save_answer, start_reflection

TODAY = date.today()  # what is made here is made today: the documents are made as of today
PRIVATE_TITLE = "PRIVATE-TITLE night shifts are wearing me down"
PRIVATE_TEXT = "PRIVATE-TEXT what I wrote about it"
DROPPED_TITLE = "DROPPED-TITLE falls talk at the lunch club"
DROPPED_TEXT = "DROPPED-TEXT why it stopped"
LIST_SENTENCE = ("1 private commitment is left out of the activity list, as the profile is sent outside myrole; one "
                 "you pick for your statement is in the statement. To include one in the activity list, change who "
                 "can see it in myrole, by editing the commitment in the full-screen app.")


@pytest.fixture
def db(empty_db):
    save_profile(empty_db, Profile("Sam Patel", role="Staff nurse", onboarded=True))
    return empty_db


def commitment(db, title: str, visibility: Visibility, status: Status = Status.ACTIVE) -> str:
    return create_commitment(db, Commitment(id="", title=title, lens=Lens.SELF, mode=Mode.ACTION,
                                            visibility=visibility, status=status)).id


def pick(db, commitment_id: str, text: str) -> None:
    save_statement_item(db, StatementItem("", commitment_id=commitment_id, what=text, learnt=text))


def finished_reflection(db) -> str:
    pack = load_catalogue().get("gibbs")
    reflection = start_reflection(db, pack, Context.SELF, "Shared learning at the huddle")
    save_answer(db, reflection.id, pack.prompts[0], "We talked it through.", Visibility.PRIVATE, 0)
    finish_reflection(db, reflection.id)
    return reflection.id


def every_format(document: RevalidationDocument) -> dict[str, str]:
    """The document as each format a person can write holds its words (the web page's as a browser shows them)."""
    pdf = PdfReader(io.BytesIO(render_bytes(document, "pdf")))
    return {"md": render_bytes(document, "md").decode(), "html": unescape(render_bytes(document, "html").decode()),
            "pdf": " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)}


def section(document: RevalidationDocument, heading: str):
    return next(s for s in document.sections if s.heading == heading)


def activity_list(document: RevalidationDocument) -> str:
    """What the profile's CPD activities hold: its dated entries' labels, titles and notes."""
    return " ".join(f"{p.label} {p.text} {p.note}" for p in section(document, "CPD activities").parts)


# -- a picked private or dropped commitment is in the statement; the activity list leaves them out ------------------

def test_a_picked_private_and_a_picked_dropped_commitment_are_in_the_statement_in_every_format(db):
    """Before: the statement left them out ('to include it, change who can see it'), which made a person share a
    private commitment with their manager just to write about it in their own statement."""
    pick(db, commitment(db, PRIVATE_TITLE, Visibility.PRIVATE), PRIVATE_TEXT)
    pick(db, commitment(db, DROPPED_TITLE, Visibility.MANAGER, Status.DROPPED), DROPPED_TEXT)
    document = hcpc.build(db, TODAY)
    for fmt, text in every_format(document).items():
        for words in (PRIVATE_TITLE, PRIVATE_TEXT, DROPPED_TITLE, DROPPED_TEXT):
            assert words in text, (fmt, words)
        assert "left out of the statement" not in text, fmt
    assert [s.heading for s in document.sections if s.level == 3] == [
        f"Activity 1: {PRIVATE_TITLE}", f"Activity 2: {DROPPED_TITLE}"]
    statement = section(document, "Personal statement")
    assert statement.notes == (hcpc.STANDARDS,)  # nothing said to be left out of it
    words = 2 * (len(PRIVATE_TEXT.split()) + len(DROPPED_TEXT.split()))  # each item's what and learnt
    assert statement.parts[0].note == f"{words} of 1,500 words"  # every picked item counted
    assert statement.parts[1].note.startswith("Draws on 2 activities ")
    listed = activity_list(document)  # the activity list leaves both out all the same
    assert "PRIVATE-TITLE" not in listed and "DROPPED-TITLE" not in listed
    assert LIST_SENTENCE in section(document, "CPD activities").notes


def test_an_unpicked_private_commitment_is_not_in_the_profile_and_the_sentence_is_about_the_activity_list(db):
    commitment(db, PRIVATE_TITLE, Visibility.PRIVATE)
    commitment(db, "SHARED-ONE book interpreters early", Visibility.MANAGER)
    commitment(db, DROPPED_TITLE, Visibility.ALLIANCE, Status.DROPPED)
    document = hcpc.build(db, TODAY)
    for fmt, text in every_format(document).items():
        assert "SHARED-ONE" in text, fmt
        assert "PRIVATE-TITLE" not in text and "DROPPED-TITLE" not in text, fmt
        assert LIST_SENTENCE in text, fmt
    assert "SHARED-ONE" in activity_list(document)
    assert section(document, "Personal statement").parts[1].note.startswith("Draws on 0 activities")
    assert hcpc.list_sentence(2).startswith("2 private commitments are left out of the activity list")
    assert hcpc.list_sentence(0) == hcpc.private_sentence(0) == ""


def test_a_commitment_made_private_or_dropped_after_it_was_picked_stays_in_the_statement(db):
    shared = commitment(db, "SHARED-ONE book interpreters early", Visibility.MANAGER)
    later_private = commitment(db, PRIVATE_TITLE, Visibility.ALLIANCE)
    later_dropped = commitment(db, DROPPED_TITLE, Visibility.MANAGER)
    for commitment_id, text in ((shared, "Kept words here"), (later_private, PRIVATE_TEXT),
                                (later_dropped, DROPPED_TEXT)):
        pick(db, commitment_id, text)
    for commitment_id, change in ((later_private, {"visibility": Visibility.PRIVATE}),
                                  (later_dropped, {"status": Status.DROPPED})):
        stored = get_commitment(db, commitment_id)
        assert stored is not None
        update_commitment(db, replace(stored, **change))
    document = hcpc.build(db, TODAY)
    text = every_format(document)["md"]
    for words in ("Kept words here", PRIVATE_TITLE, PRIVATE_TEXT, DROPPED_TITLE, DROPPED_TEXT):
        assert words in text, words
    assert len([s for s in document.sections if s.level == 3]) == 3
    assert section(document, "Personal statement").parts[1].note.startswith("Draws on 3 activities ")
    assert "PRIVATE-TITLE" not in activity_list(document) and "DROPPED-TITLE" not in activity_list(document)


def test_the_identifiable_check_reads_a_picked_private_commitments_item_as_it_is_in_the_profile(db):
    pick(db, commitment(db, PRIVATE_TITLE, Visibility.PRIVATE), "Rang her on 07700 900123.")  # what and learnt
    assert identifiable_sentence(db, TODAY).startswith("Check before you share: 2 parts look like they hold a phone")


def test_the_command_line_writes_the_same_profile(db, paths, tmp_path):
    pick(db, commitment(db, PRIVATE_TITLE, Visibility.PRIVATE), PRIVATE_TEXT)
    pick(db, commitment(db, DROPPED_TITLE, Visibility.MANAGER, Status.DROPPED), DROPPED_TEXT)
    commitment(db, "UNPICKED-PRIVATE", Visibility.PRIVATE)
    from myrole.cli import cli

    printed = CliRunner().invoke(cli, ["revalidation", "hcpc"])  # to standard output
    outputs = {"stdout": printed.stdout}
    assert printed.exit_code == 0, printed.output
    for fmt in ("md", "html", "pdf"):
        target = tmp_path / f"hcpc.{fmt}"
        result = CliRunner().invoke(cli, ["revalidation", "hcpc", "--format", fmt, "-o", str(target)])
        assert result.exit_code == 0, result.output
        outputs[fmt] = (unescape(target.read_text(encoding="utf-8")) if fmt != "pdf" else " ".join(
            " ".join(page.extract_text().split()) for page in PdfReader(target).pages))
    for where, text in outputs.items():
        for words in (PRIVATE_TITLE, PRIVATE_TEXT, DROPPED_TITLE, DROPPED_TEXT):
            assert words in text, (where, words)
        assert "UNPICKED-PRIVATE" not in text, where
        assert "2 private commitments are left out of the activity list, as the profile is sent" in text, where


# -- the NMC document holds no commitment -------------------------------------------------------------------------

def test_no_commitment_private_or_dropped_reaches_the_nmc_document(db):
    """The NMC document is made from reflections only (their accounts and CPD details): a commitment made from
    the same reflection, private or dropped, is not in it, in any format."""
    reflection_id = finished_reflection(db)
    save_account(db, NmcAccount(reflection_id, nature="We talked it through."))
    for visibility, status in ((Visibility.PRIVATE, Status.ACTIVE), (Visibility.MANAGER, Status.DROPPED)):
        create_commitment(db, Commitment(id="", title=PRIVATE_TITLE, lens=Lens.SELF, mode=Mode.ACTION,
                                         visibility=visibility, status=status, reflection_id=reflection_id))
    for fmt, text in every_format(nmc.build(db, TODAY)).items():
        assert "PRIVATE-TITLE" not in text, fmt
        assert "Shared learning at the huddle" in text, fmt


# -- our words in the documents name no keys -----------------------------------------------------------------------

# A key of the app as the old notes named one: "press e", "(History, a reflection, k)", "p on home", "then e".
KEY_NAMES = re.compile(r"\bpress\b|\bon home\b|\(History\b|, [a-z]\)|\bthen [a-z]\b|\benter on\b|: [a-z] on\b")


def our_words(document: RevalidationDocument) -> list[str]:
    """Every note and label of ours in the document (never the person's text)."""
    words = [document.about, *(p.label for p in document.facts), *(p.note for p in document.facts)]
    for part_of in document.sections:
        words += [*part_of.notes, *(p.label for p in part_of.parts), *(p.note for p in part_of.parts)]
    return words


def test_the_documents_notes_name_no_keys_of_the_app_in_any_state(db):
    """Before: the CPD log's note said '(History, a reflection, k)', its empty note 'press k', the revalidation date
    'p on home', no accounts 'press n', and the profile's private sentence 'press e'."""
    empty = [*our_words(nmc.build(db, TODAY)), *our_words(hcpc.build(db, TODAY))]  # nothing at all yet
    commitment(db, "Kept private", Visibility.PRIVATE)
    pick(db, commitment(db, "Private and picked", Visibility.PRIVATE), PRIVATE_TEXT)
    pick(db, commitment(db, "Dropped and picked", Visibility.MANAGER, Status.DROPPED), DROPPED_TEXT)
    some = [*our_words(nmc.build(db, TODAY)), *our_words(hcpc.build(db, TODAY))]  # no date, account or CPD yet
    reflection_id = finished_reflection(db)
    save_account(db, NmcAccount(reflection_id, nature="We talked it through."))
    from myrole.revalidation.model import CpdDetails
    from myrole.store.cpd import save_details

    save_details(db, CpdDetails(reflection_id, TODAY, 60))
    set_revalidation_date(db, TODAY - timedelta(days=1))  # the account is dated after this cycle
    full = [*our_words(nmc.build(db, TODAY)), *our_words(hcpc.build(db, TODAY))]
    assert any("Accounts after this cycle" in s.heading for s in nmc.build(db, TODAY).sections)
    found = [words for words in (*empty, *some, *full) if KEY_NAMES.search(words)]
    assert found == []
    joined = " ".join((*empty, *some, *full))
    assert "in myrole, give a finished reflection its CPD details" in joined
    assert "not given yet (add it to your details in myrole)" in joined
    assert "In myrole, make an account from a finished reflection." in joined
    assert "give your next revalidation date in your details in myrole" in joined
    assert "2 private commitments are left out of the activity list" in joined


def test_the_app_and_plain_mode_keep_their_own_ways_of_saying_how_to_include_one_in_the_activity_list():
    """The app's screen may name its keys; plain mode names the app and no keys; the document neither. The app and
    plain mode say it after 'In your HCPC CPD profile's activities: ', so it is about the list there too."""
    assert hcpc.private_sentence(1) == ("1 private commitment is left out, as the profile is sent outside myrole. To "
                                        "include one, open it (home, then enter on it), press e and change who can "
                                        "see it.")
    plain = hcpc.private_sentence(2, hcpc.INCLUDE_FROM_PLAIN)
    assert "change who can see it in the app (myrole --no-plain)" in plain and not KEY_NAMES.search(plain)
    assert hcpc.list_sentence(1) == LIST_SENTENCE and not KEY_NAMES.search(LIST_SENTENCE)


# -- both pickers mark them in words true to the rule --------------------------------------------------------------

PRIVATE_MARK = " (private: only you see it; once picked, your written profile holds it)"


def test_the_marks_and_notes_say_a_picked_one_is_in_the_written_profile():
    assert hcpc.PICK_NOTE == ("Your HCPC CPD profile's activity list leaves out private and dropped commitments, "
                              "but one you pick here is in your statement.")
    assert "will hold its title and what you write here" in hcpc.PICKED_PRIVATE
    assert "sent outside myrole" in hcpc.PICKED_PRIVATE
    for said in (hcpc.PICK_NOTE, hcpc.PICKED_PRIVATE, PRIVATE_MARK):
        assert "left out of your written" not in said and not KEY_NAMES.search(said)
    private = hcpc.Activity("commitment:1", TODAY, "t", left_out="private")
    assert hcpc.mark(private) == PRIVATE_MARK and hcpc.picked_note(private) == hcpc.PICKED_PRIVATE
    dropped = hcpc.Activity("commitment:2", TODAY, "t", left_out="dropped")
    assert hcpc.mark(dropped) == " (dropped)" and hcpc.picked_note(dropped) == ""
    assert hcpc.mark(hcpc.Activity("reflection:3", TODAY, "t")) == "" and hcpc.picked_note(None) == ""


def test_a_commitment_both_private_and_dropped_is_marked_private(db):
    """Its title goes outside myrole once picked: that matters more than that it was dropped."""
    commitment(db, "PRIVATE-DROPPED", Visibility.PRIVATE, Status.DROPPED)
    [activity] = hcpc.activities(db)
    assert activity.left_out == "private"
    assert hcpc.private_left_out(db, TODAY - timedelta(days=1), TODAY) == 0  # the list says dropped ones apart


def test_the_apps_picker_marks_private_and_dropped_commitments_and_says_what_that_means(db):
    from myrole.ui.dialogs.statement import item_dialog, pick_choices, pick_dialog, unpicked

    app = SimpleNamespace(db=db)  # what the picker reads of the app: its store
    app.app = app
    finished_reflection(db)
    private = commitment(db, PRIVATE_TITLE, Visibility.PRIVATE)
    commitment(db, DROPPED_TITLE, Visibility.MANAGER, Status.DROPPED)
    commitment(db, "Shared with my manager", Visibility.MANAGER)
    shown = [label for _, label in pick_choices(unpicked(app))]  # type: ignore[arg-type]
    assert next(line for line in shown if "PRIVATE-TITLE" in line).endswith(f"PRIVATE-TITLE night shifts are "
                                                                          f"wearing me down{PRIVATE_MARK}")
    assert next(line for line in shown if "DROPPED-TITLE" in line).endswith(f"{DROPPED_TITLE} (dropped)")
    assert next(line for line in shown if "Shared with" in line).endswith("Commitment: Shared with my manager")
    assert next(line for line in shown if "Reflection:" in line).endswith("Shared learning at the huddle")
    assert pick_dialog(app).note == hcpc.PICK_NOTE  # type: ignore[arg-type]
    dialog = item_dialog(app, f"commitment:{private}")  # type: ignore[arg-type]
    assert dialog is not None and dialog.note == hcpc.PICKED_PRIVATE


def test_plain_modes_picker_marks_them_and_a_picked_private_one_is_in_the_written_profile(paths, db):
    from test_plain_flows import plain
    from test_plain_revalidation import REVALIDATION, to_revalidation

    finished_reflection(db)
    commitment(db, PRIVATE_TITLE, Visibility.PRIVATE)
    commitment(db, "Gave up on this", Visibility.MANAGER, Status.DROPPED)
    commitment(db, "Shared with my manager", Visibility.MANAGER)
    statement = REVALIDATION["statement"]
    status, text = plain(paths, to_revalidation(statement, "1", "5", "2"))  # add, look at the list, back, back
    assert status == 0
    listed = dict(re.findall(r"^(\d)\. (.*)$", text[text.index("Which activity?"):], re.M)[:5])
    private = next(n for n, line in listed.items() if "PRIVATE-TITLE" in line)
    assert listed[private].endswith(f", a commitment: {PRIVATE_TITLE}{PRIVATE_MARK}")
    assert next(line for line in listed.values() if "Gave up on this" in line).endswith(
        "a commitment: Gave up on this (dropped)")
    assert next(line for line in listed.values() if "Shared with my manager" in line).endswith(
        "a commitment: Shared with my manager")
    assert not any("(" in line for line in listed.values() if "a reflection" in line)
    assert hcpc.PICK_NOTE in text and text.index(hcpc.PICK_NOTE) < text.index("Which activity?")

    _, text = plain(paths, to_revalidation(statement, "1", private, "Private words", ".", ".", ".", ".", ".", "4",
                                           REVALIDATION["stand"]))
    said = text[text.index(f"An activity in your HCPC statement, about: {PRIVATE_TITLE}"):]
    assert said.index(hcpc.PICKED_PRIVATE) < said.index("Part 1 of 5")
    assert f"a commitment: {PRIVATE_TITLE}; 2 words." in said  # read out as any other, without a mark
    assert "left out of the statement" not in text  # a picked activity is in the statement, whoever sees it
    assert "HCPC statement: 1 activity (the HCPC asks for 4 to 6), 2 of 1,500 words." in said
    written = render_bytes(hcpc.build(db, TODAY), "md").decode()
    assert PRIVATE_TITLE in written and "Private words" in written
