"""Tests the revalidation documents: golden files from the demo, word limits, gap flags, prefill, the store and hostile text."""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from myrole.demo import seed
from myrole.export.words import long_date
from myrole.model import Commitment, Context, Lens, Mode, Visibility
from myrole.prompts import load_catalogue
from myrole.revalidation import hcpc, nmc
from myrole.revalidation.cycle import current_cycle, hours, months_after
from myrole.revalidation.model import ActivityKind, CpdDetails, NmcAccount, StatementItem, Theme, word_count
from myrole.revalidation.prefill import prefill
from myrole.revalidation.render import render
from myrole.store.commitments import create_commitment
from myrole.store.cpd import (
    get_account,
    get_details,
    get_revalidation_date,
    list_statement_items,
    save_account,
    save_details,
    save_statement_item,
    set_hcpc_summary,
    set_revalidation_date,
)
from myrole.store.reflections import finish_reflection, get_answers, get_reflection, save_answer, start_reflection
from test_hostile_export import HOSTILE

GOLDEN = Path(__file__).parents[1] / "golden"
UPDATE = os.environ.get("MYROLE_UPDATE_GOLDEN") == "1"
TODAY = date(2026, 11, 26)


@pytest.fixture
def db(empty_db):
    """Here, as everywhere, an open, migrated, empty store; for these tests a copy of one migrated once."""
    return empty_db


@pytest.fixture
def demo(db):
    seed(db, today=TODAY)
    return db


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("which", ["nmc", "hcpc"])
def test_demo_documents_match_golden_files(demo, which, fmt):
    output = render((nmc if which == "nmc" else hcpc).build(demo, TODAY), fmt)
    golden = GOLDEN / f"revalidation-{which}.{fmt}"
    if UPDATE:
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


def test_demo_shows_one_of_five_accounts_and_its_hours(demo):
    text = render(nmc.build(demo, TODAY), "md")
    assert "1 of 5 accounts in this cycle" in text
    assert "1.5 hours of 35" in text and "1.5 hours of 20" in text
    assert "Prioritise people, Practise effectively" in text


def _gibbs(db, answers: dict[str, str], topic: str = "") -> str:
    pack = load_catalogue().get("gibbs")
    reflection = start_reflection(db, pack, Context.SELF, topic)
    for position, prompt in enumerate(pack.prompts):
        if prompt.id in answers:
            save_answer(db, reflection.id, prompt, answers[prompt.id], Visibility.PRIVATE, position)
    finish_reflection(db, reflection.id)
    return reflection.id


def test_prefill_maps_gibbs_steps_to_the_forms_parts(db):
    rid = _gibbs(db, {"gibbs-description": "What happened.", "gibbs-feelings": "Cross.",
                      "gibbs-evaluation": "Mixed.", "gibbs-analysis": "Why.", "gibbs-conclusion": "Lesson.",
                      "gibbs-action-plan": "Next time."})
    account = prefill(get_reflection(db, rid), get_answers(db, rid))
    assert (account.nature, account.learnt, account.changed, account.code) == (
        "What happened.", "Why.\n\nLesson.", "Next time.", "")
    assert account.themes == frozenset()  # the person chooses them


def test_prefill_maps_core_lenses_by_mode_and_names_the_topic(db):
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.EVENT, "A workshop")
    by_mode = {mode: next(p for p in pack.prompts if p.mode is mode) for mode in Mode}
    save_answer(db, reflection.id, by_mode[Mode.AWARENESS], "Noticed.", Visibility.PRIVATE, 0)
    save_answer(db, reflection.id, by_mode[Mode.ACTION], "Did.", Visibility.PRIVATE, 1)
    save_answer(db, reflection.id, by_mode[Mode.ADVOCACY], "Spoke up.", Visibility.PRIVATE, 2)
    account = prefill(get_reflection(db, reflection.id), get_answers(db, reflection.id))
    assert account.learnt == "Noticed." and account.changed == "Did.\n\nSpoke up."
    assert "A workshop" in account.nature


def test_account_cpd_details_and_dates_are_kept_and_checked(db):
    rid = _gibbs(db, {"gibbs-description": "x"})
    save_account(db, NmcAccount(rid, nature="n", code="c", themes=frozenset({Theme.SAFETY})))
    assert get_account(db, rid).themes == frozenset({Theme.SAFETY})
    save_details(db, CpdDetails(rid, date(2026, 1, 2), 150, True, ActivityKind.FORMAL))
    assert get_details(db, rid) == CpdDetails(rid, date(2026, 1, 2), 150, True, ActivityKind.FORMAL)
    with pytest.raises(ValueError, match="between 0 and 1,000"):
        save_details(db, CpdDetails(rid, date(2026, 1, 2), 60_001))
    with pytest.raises(ValueError, match="real date"):
        save_details(db, CpdDetails(rid, date(1066, 1, 2), 60))
    with pytest.raises(ValueError, match="100,000"):
        save_account(db, NmcAccount(rid, learnt="x" * 100_001))
    set_revalidation_date(db, date(2027, 3, 31))
    assert get_revalidation_date(db) == date(2027, 3, 31)


def test_accounts_count_only_in_the_current_three_year_cycle(db):
    old = _gibbs(db, {"gibbs-description": "old"})
    new = _gibbs(db, {"gibbs-description": "new"})
    for rid in (old, new):
        save_account(db, NmcAccount(rid, nature="x"))
    set_revalidation_date(db, date(2027, 3, 31))
    save_details(db, CpdDetails(old, date(2024, 3, 31), 600, True))  # the day before the cycle
    save_details(db, CpdDetails(new, date(2024, 4, 1), 120, False))  # its first day
    where = nmc.progress(db, date(2026, 11, 26))
    assert [item.reflection.id for item in where.accounts] == [new]
    assert where.earlier_accounts == 1 and where.minutes == 120 and where.participatory_minutes == 0
    assert where.later_accounts == 0
    assert current_cycle(None, date(2026, 2, 28)).start == date(2023, 3, 1)


def test_an_account_dated_after_the_revalidation_date_is_said_to_be_after_the_cycle_not_before(db):
    rid = _gibbs(db, {"gibbs-description": "after"})
    save_account(db, NmcAccount(rid, nature="x"))
    set_revalidation_date(db, date(2026, 3, 31))  # the person revalidated then and has not yet moved it on
    save_details(db, CpdDetails(rid, date(2026, 5, 1), 90, True))
    where = nmc.progress(db, date(2026, 11, 26))
    assert (where.earlier_accounts, where.later_accounts, where.accounts) == (0, 1, [])
    headings = {section.heading: section.notes for section in nmc.build(db, date(2026, 11, 26)).sections}
    assert "Earlier accounts" not in headings
    assert "dated after your revalidation date" in headings["Accounts after this cycle"][0]


def section(document, heading):
    """The document's section with this heading."""
    return next(s for s in document.sections if s.heading == heading)


def test_word_limits_are_counted_and_flagged(db):
    set_hcpc_summary(db, "word " * 500)
    summary = section(hcpc.build(db, TODAY), "Summary of practice").parts[0]
    assert summary.note == "500 of 500 words" and not summary.flagged
    set_hcpc_summary(db, "word " * 501)
    summary = section(hcpc.build(db, TODAY), "Summary of practice").parts[0]
    assert summary.flagged and summary.note == "501 of 500 words, 1 over the HCPC's limit"
    rid = _gibbs(db, {"gibbs-description": "x"})
    save_statement_item(db, StatementItem("", reflection_id=rid, what="w " * 1000, learnt="l " * 501))
    length = next(s for s in hcpc.build(db, TODAY).sections if s.heading == "Personal statement").parts[0]
    assert length.flagged and length.note == "1,501 of 1,500 words, 1 over the HCPC's limit"
    assert word_count("  two\n\nwords ") == 2


def test_the_app_plain_mode_and_the_documents_say_a_word_count_in_the_same_words(db):
    from myrole.plain.hcpc_summary import said_after
    from myrole.revalidation.model import summary_words, words_note

    summary = "word " * 508
    set_hcpc_summary(db, summary)
    said = words_note(508, 500)
    assert said == summary_words(summary) == "508 of 500 words, 8 over the HCPC's limit"
    assert section(hcpc.build(db, TODAY), "Summary of practice").parts[0].note == said  # the documents, the app
    assert said_after(summary) == f"Saved: {said}; shorten it before you send it."  # plain mode, saving
    assert words_note(312, 500) == "312 of 500 words" and said_after("word " * 312) == "Saved: 312 of 500 words."
    assert hcpc.statement_line([]) == "HCPC statement: 0 activities (the HCPC asks for 4 to 6), 0 of 1,500 words."


def test_statement_takes_at_most_six_activities(db):
    for n in range(6):
        save_statement_item(db, StatementItem("", reflection_id=_gibbs(db, {"gibbs-description": str(n)})))
    with pytest.raises(ValueError, match="already draws on 6"):
        save_statement_item(db, StatementItem("", reflection_id=_gibbs(db, {"gibbs-description": "7"})))
    assert len(list_statement_items(db)) == 6


def test_gaps_of_three_months_or_more_are_flagged():
    days = [date(2026, 1, 31), date(2026, 4, 29), date(2026, 4, 30), date(2026, 8, 1)]
    found = hcpc.gaps(days, until=date(2026, 10, 31))
    # 31 Jan to 29 Apr is under three months (30 April would be three); 30 Apr to 1 Aug is over.
    assert [(g.after, g.before) for g in found] == [(date(2026, 4, 30), date(2026, 8, 1))]
    assert [(g.after, g.before) for g in hcpc.gaps(days, until=date(2026, 11, 1))][-1] == (
        date(2026, 8, 1), date(2026, 11, 1))
    assert months_after(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert hours(90) == "1.5 hours" and hours(60) == "1 hour" and hours(0) == "0 hours"


def test_a_gap_shows_in_the_profile(db):
    create_commitment(db, Commitment(id="", title="Early", lens=Lens.SELF, mode=Mode.ACTION,
                                     created_at="2026-01-05T10:00:00Z", visibility=Visibility.MANAGER))
    create_commitment(db, Commitment(id="", title="Later", lens=Lens.SELF, mode=Mode.ACTION,
                                     created_at="2026-06-05T10:00:00Z", visibility=Visibility.MANAGER))
    text = render(hcpc.build(db, date(2026, 7, 1)), "md")
    between = "No CPD activity recorded from 5 January 2026 to 5 June 2026"
    before_the_first = "No CPD activity recorded from 1 July 2024 to 5 January 2026"  # the profile covers two years
    assert text.count("**Gap**") == 2
    assert text.index(before_the_first) < text.index("Early") < text.index(between) < text.index("Later")


def test_gaps_from_the_start_of_the_two_years_and_none_when_the_first_activity_is_soon_after():
    since, until = date(2024, 11, 30), date(2026, 11, 30)
    assert [(g.after, g.before) for g in hcpc.gaps([date(2026, 9, 1)], until, since)] == [(since, date(2026, 9, 1))]
    assert hcpc.gaps([date(2025, 2, 27), date(2025, 5, 1), date(2025, 7, 30), date(2025, 10, 1), date(2025, 12, 31),
                      date(2026, 3, 1), date(2026, 5, 30), date(2026, 8, 1), date(2026, 10, 1)], until, since) == []
    assert [(g.after, g.before) for g in hcpc.gaps([], until, since)] == [(since, until)]


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda t: f"hostile{HOSTILE.index(t)}")
def test_hostile_text_is_inert_in_both_formats(db, hostile):
    rid = _gibbs(db, {"gibbs-description": hostile}, topic=hostile.replace("\n", " ")[:900])
    save_account(db, NmcAccount(rid, nature=hostile, learnt=hostile, changed=hostile, code=hostile))
    save_details(db, CpdDetails(rid, TODAY - timedelta(days=3), 60))
    set_hcpc_summary(db, hostile)
    save_statement_item(db, StatementItem("", reflection_id=rid, what=hostile, evidence=hostile))
    for document in (nmc.build(db, TODAY), hcpc.build(db, TODAY)):
        page = render(document, "html")
        parser = Tags()
        parser.feed(page)
        assert not {"script", "img", "a", "details", "b", "iframe"} & set(parser.tags)
        assert not [name for name in parser.attributes if name.startswith("on") or name in ("src", "href")]
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", page)
        tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(render(document, "md"))
        kinds = {child.type for t in tokens for child in (t.children or [])} | {t.type for t in tokens}
        assert not kinds & {"html_block", "html_inline", "image", "link_open", "code_block", "fence",
                            "blockquote_open", "s_open", "em_open", "code_inline", "ordered_list_open"}
        tables = [s.table for s in document.sections if s.table is not None]
        assert [t.type for t in tokens].count("table_open") == len(tables)  # only the CPD log, one row per entry
        assert [t.type for t in tokens].count("tr_open") == sum(len(t.rows) + 1 + bool(t.totals) for t in tables)
        assert [t.type for t in tokens].count("list_item_open") == len(document.facts) + 1  # the facts and 'Made'
        children = [child for t in tokens for child in (t.children or [])]
        strong = [children[i + 1].content for i, c in enumerate(children) if c.type == "strong_open"]
        assert set(strong) <= {part.label for section in document.sections for part in section.parts} | {
            cell for table in tables for cell in table.totals}
        headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
        assert len(headings) == 1 + len(document.sections)


def test_the_identifiable_data_check_reads_every_part(db):
    rid = _gibbs(db, {"gibbs-description": "x"})
    save_account(db, NmcAccount(rid, changed="Seen at BD7 1DP on the ward"))
    save_statement_item(db, StatementItem("", reflection_id=rid, evidence="Phone 07700 900123"))
    from myrole.privacy import find_identifiable

    today = date.today()  # the reflection was finished today
    kinds = {f.kind for document in (nmc.build(db, today), hcpc.build(db, today))
             for _, text in document.texts() for f in find_identifiable(text, today)}
    assert kinds == {"postcode", "phone number"}


def test_documents_read_a_plain_connection(paths, db):
    rid = _gibbs(db, {"gibbs-description": "x"})
    save_account(db, NmcAccount(rid, nature="kept"))
    conn = sqlite3.connect(paths.store)
    try:
        assert "kept" in render(nmc.build(conn, TODAY), "md")
    finally:
        conn.close()


def test_command_line_writes_both_documents_privately_and_warns(db, paths, tmp_path):
    from click.testing import CliRunner

    from myrole.cli import cli

    rid = _gibbs(db, {"gibbs-description": "x"})
    save_account(db, NmcAccount(rid, nature="Met them at BD7 1DP"))
    runner = CliRunner()
    listed = runner.invoke(cli, ["revalidation", "account"])
    assert listed.exit_code == 0 and f"{rid[:8]}" in listed.output and "account made" in listed.output
    target = tmp_path / "nmc.html"
    result = runner.invoke(cli, ["revalidation", "nmc", "--format", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "looks like a postcode" in result.stderr
    assert f"of 'Reflective account 1, {long_date(date.today())}: Met them at BD7 1DP'" in result.stderr  # which one
    assert "Revalidation screen (v on home)" in result.stderr and "History (h" not in result.stderr
    assert "Met them at BD7 1DP" in target.read_text(encoding="utf-8")
    if os.name == "posix":  # elsewhere the file gets the folder's permissions
        assert target.stat().st_mode & 0o777 == 0o600
    again = runner.invoke(cli, ["revalidation", "nmc", "-o", str(target)])
    assert again.exit_code == 2 and "myrole:" in again.stderr  # never replaced without --force
    hcpc_md = runner.invoke(cli, ["revalidation", "hcpc"])
    assert hcpc_md.exit_code == 0 and hcpc_md.stdout.startswith("# HCPC CPD profile")
    refused = runner.invoke(cli, ["revalidation", "account", "zzzz"])
    assert refused.exit_code == 2 and "No finished reflection has that id" in refused.stderr


def test_command_line_makes_a_prefilled_account(db):
    from click.testing import CliRunner

    from myrole.cli import cli

    rid = _gibbs(db, {"gibbs-description": "What happened.", "gibbs-action-plan": "Next time."})
    result = CliRunner().invoke(cli, ["revalidation", "account", rid[:10]])
    assert result.exit_code == 0, result.output
    account = get_account(db, rid)
    assert account.nature == "What happened." and account.changed == "Next time."
    twice = CliRunner().invoke(cli, ["revalidation", "account", rid[:10]])
    assert twice.exit_code == 2 and "already has an account" in twice.stderr
