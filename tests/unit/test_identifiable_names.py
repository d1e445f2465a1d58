"""Tests that the identifiable-data check finds email addresses and names with a title, and says so wherever it warns."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from myrole.cli import cli
from myrole.model import Commitment, Context, Lens, Mode, Profile, Visibility
from myrole.privacy import EMAIL, NAME, find_identifiable, identifiable_in, with_article, worth_checking
from myrole.prompts import load_catalogue
from myrole.revalidation.model import NmcAccount, StatementItem
from myrole.store.commitments import create_commitment
from myrole.store.cpd import save_account, save_statement_item
from myrole.store.profile import save_profile
from myrole.store.reflections import finish_reflection, save_answer, start_reflection

TODAY = date(2026, 11, 26)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_identifiable(text, TODAY)]


@pytest.mark.parametrize("address", ["jane.smith@example.com", "ot.lead@nhs.net", "J.Smith2@NHS.NET",
                                     "o'neill+team@trust.nhs.uk", "zofia@łódź.pl"])
def test_finds_email_addresses(address):
    assert kinds(f"Email {address}, she said.") == [(EMAIL, address)]


@pytest.mark.parametrize("name", ["Mrs Jane Smith", "Mr Ahmed Khan", "Ms Smith-Jones", "Miss O'Neill", "Mx Taylor",
                                  "Dr. Patel", "Dr.Patel", "Prof Anna Nowak", "Mrs Zofia Łukasiewicz",
                                  "Mr J. Smith", "Mr J Smith", "Mrs\u00a0Smith", "Mrs Jane O’Neill"])
def test_finds_names_with_a_title(name):
    assert kinds(f"I saw {name} today about her transport.") == [(NAME, name)]


@pytest.mark.parametrize(("text", "name"), [
    ("Mr and Mrs Khan came in", "Mrs Khan"),  # "and" is not a name; the next title still is
    ("Prof. Dr Smith", "Dr Smith"),  # a title before another is not a name of its own
    ("Mr Smith. Then we went", "Mr Smith"),  # a full stop ends the name after a whole word
    ("Dr Smith NHS", "Dr Smith"),  # an acronym after a name is not part of it
    ("Mrs Jane smith", "Mrs Jane"),  # only capitalised words
])
def test_a_name_stops_where_it_should(text, name):
    assert kinds(text) == [(NAME, name)]


@pytest.mark.parametrize("text", [
    "Dr appointments run late", "the dr said so", "mrs", "Dr", "Mr", "Mrs.", "Prof", "Ms Word is installed",
    "I use Ms Teams", "Saw Mrs B today",  # a lone initial: how reflections are usually anonymised
    "hammr Smith", "DR Smith", "MRS Smith", "Mr\nSmith", "Dr 12", "Dr_Smith",
    "meet @ 3pm", "@handle", "email me at jane@", "x@localhost", "a@b.c",
])
def test_ordinary_text_is_neither(text):
    """Nothing in it, alone or beside a name that is found (so the check did run over it)."""
    assert kinds(text) == []
    assert kinds(f"{text}; ring Mr Ahmed Khan") == [(NAME, "Mr Ahmed Khan")]


def test_a_name_inside_an_email_address_is_the_address():
    assert kinds("write to Dr.Khan@nhs.net") == [(EMAIL, "Dr.Khan@nhs.net")]


def test_findings_carry_their_span_and_come_in_order_with_the_other_kinds():
    text = "Mrs Jane Smith, NHS 943 476 5919, jane.smith@example.com"
    found = find_identifiable(text, TODAY)
    assert [f.kind for f in found] == [NAME, "NHS number", EMAIL]
    assert all(text[f.start:f.end] == f.text for f in found)


@pytest.mark.parametrize("text", ["Mrs Jane Smith", "Mr Ahmed Khan", "jane.smith@example.com", "ot.lead@nhs.net",
                                  "Mrs Zofia Łukasiewicz", "Ms O'Neill", "Dr.Patel"])
def test_texts_with_only_a_name_or_an_address_are_worth_checking_and_found_among_many(text):
    """Without a digit or a DOB hint: the quick path (ASCII) and the full one (not) must still pass them."""
    texts = ["nothing here", text, "plain", f"{text} and \u00e9", "Dr appointments"]
    assert worth_checking(texts) == [1, 3, 4]  # "Dr " is worth checking; it holds nothing
    found = list(identifiable_in([(f"text {i}", t) for i, t in enumerate(texts)], TODAY))
    assert [where for where, _ in found] == ["text 1", "text 3"]
    assert {finding.text for _, finding in found} == {text}


def test_sentences_name_the_new_kinds_with_their_articles():
    assert with_article(EMAIL) == "an email address"
    assert with_article(NAME) == "a name with a title"


def test_the_apps_warning_names_them():
    from myrole.ui.widgets.identifiable import identifiable_matches

    assert identifiable_matches("Mrs Jane Smith, ot.lead@nhs.net") == [
        "name with a title 'Mrs Jane Smith'", "email address 'ot.lead@nhs.net'"]


def test_a_manager_export_warns_about_them_on_the_command_line(empty_db, paths):
    save_profile(empty_db, Profile("Jo", "OT", "Trust", "Alex", True))
    create_commitment(empty_db, Commitment(id="", title="Ring Mrs Jane Smith back", lens=Lens.PATIENTS,
                                           mode=Mode.ACTION, visibility=Visibility.MANAGER,
                                           detail="Her daughter wrote from jane.smith@example.com"))
    empty_db.close()
    result = CliRunner().invoke(cli, ["export", "--audience", "manager"])
    assert result.exit_code == 0
    assert "Ring Mrs Jane Smith back" in result.stdout  # warned about, never blocked
    assert "looks like a name with a title: Mrs Jane Smith" in result.stderr
    assert "looks like an email address: jane.smith@example.com" in result.stderr
    quiet = CliRunner().invoke(cli, ["export", "--audience", "me"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def _finished_reflection(db) -> str:
    pack = load_catalogue().get("gibbs")
    reflection = start_reflection(db, pack, Context.SELF, "")
    save_answer(db, reflection.id, pack.prompts[0], "x", Visibility.PRIVATE, 0)
    finish_reflection(db, reflection.id)
    return reflection.id


def test_the_revalidation_documents_check_finds_them(empty_db, paths, tmp_path):
    from myrole.revalidation.identifiable import identifiable_sentence
    from myrole.revalidation import nmc
    from myrole.revalidation.identifiable import findings

    rid = _finished_reflection(empty_db)
    save_account(empty_db, NmcAccount(rid, changed="I now ring Mr Ahmed Khan before discharge"))
    save_statement_item(empty_db, StatementItem("", reflection_id=rid, evidence="Feedback from ot.lead@nhs.net"))
    today = date.today()  # the reflection was finished today
    sentence = identifiable_sentence(empty_db, today)
    assert "an email address" in sentence and "a name with a title" in sentence
    assert any(line.startswith("name with a title 'Mr Ahmed Khan' in the part") for line in findings(
        nmc.build(empty_db, today), today))
    result = CliRunner().invoke(cli, ["revalidation", "nmc", "--format", "md", "-o", str(tmp_path / "nmc.md")])
    assert result.exit_code == 0, result.output
    assert "looks like a name with a title: Mr Ahmed Khan" in result.stderr
    hcpc = CliRunner().invoke(cli, ["revalidation", "hcpc", "--format", "md", "-o", str(tmp_path / "hcpc.md")])
    assert hcpc.exit_code == 0, hcpc.output
    assert "looks like an email address: ot.lead@nhs.net" in hcpc.stderr


def test_your_own_name_and_your_managers_are_not_warned_about(empty_db, paths, tmp_path):
    """They are names on purpose: a person called Dr Sam Patel would otherwise be warned at every export."""
    from myrole.store.one_to_ones import create_one_to_one

    save_profile(empty_db, Profile("Dr Sam Patel", "OT", "Trust", "Mrs Alex Morgan", True))
    create_commitment(empty_db, Commitment(id="", title="Ask about transport", lens=Lens.PATIENTS, mode=Mode.ACTION,
                                           visibility=Visibility.MANAGER))
    create_one_to_one(empty_db, date(2026, 12, 3), "Mrs Alex Morgan")
    _finished_reflection(empty_db)
    empty_db.close()
    for args in (["export", "--audience", "manager"], ["revalidation", "nmc", "-o", str(tmp_path / "n.md")],
                 ["revalidation", "hcpc", "-o", str(tmp_path / "h.md")]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "looks like" not in result.stderr, args
    assert "Dr Sam Patel" in (tmp_path / "n.md").read_text(encoding="utf-8")
