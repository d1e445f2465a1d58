"""Tests for the fixes after the NMC and HCPC review (/tmp/review/revalidation.md): lines to write on in the web
page's form, the NMC CPD log, private and dropped commitments left out of the HCPC profile, printing (headings kept
with what follows, long parts free to break, flags on labels), Arabic and Urdu paragraphs, headings that say what
happened, blanks for the registrant's own details, whose asks the totals are, a CPD entry kept together in the PDF,
the running header, and CPD spelt out."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from myrole.export.words import long_date
from myrole.model import Commitment, Context, Lens, Mode, Profile, Status, Visibility
from myrole.prompts import load_catalogue
from myrole.revalidation import hcpc, nmc
from myrole.revalidation.document import Part, RevalidationDocument, Section
from myrole.revalidation.model import ActivityKind, CpdDetails, NmcAccount, StatementItem
from myrole.revalidation import prefill
from myrole.revalidation.render import html, markdown, pdf
from myrole.store.commitments import create_commitment
from myrole.store.cpd import save_account, save_details, save_statement_item, set_hcpc_summary, set_revalidation_date
from myrole.store.profile import save_profile
from myrole.store.reflections import finish_reflection, save_answer, start_reflection

TODAY = date.today()  # a reflection is finished today: the documents are made as of today
NATURE = ("A man came to clinic upset because his appointment letter had gone to an old address, so he missed "
          "his first session.")
URDU = "میں نے سیکھا کہ مترجم کے بغیر مریض کو سمجھنا مشکل ہے۔"
ARABIC = "تعلمت أن المترجم ضروري لكل مريض."


@pytest.fixture
def db(empty_db):
    save_profile(empty_db, Profile("Sam Patel", role="Staff nurse", onboarded=True))
    return empty_db


def finished(db, topic: str = "", pack: str = "gibbs") -> str:
    """A finished reflection (no topic unless given); its id."""
    chosen = load_catalogue().get(pack)
    reflection = start_reflection(db, chosen, Context.SELF, topic)
    save_answer(db, reflection.id, chosen.prompts[0], "What happened.", Visibility.PRIVATE, 0)
    finish_reflection(db, reflection.id)
    return reflection.id


def section(document: RevalidationDocument, heading: str) -> Section:
    return next(s for s in document.sections if s.heading == heading)


def pdf_pages(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


# -- 1. the web page's discussion form has lines to write on -------------------------------------------------

def test_the_web_pages_discussion_form_draws_lines_in_ink_not_in_transparent_text(db):
    page = html(nmc.build(db, TODAY))
    assert "color:transparent" not in page  # the old lines: a border in currentColor, which was transparent
    form = page[page.index("<h2>Reflective discussion form</h2>"):]
    assert form.count('<span class="write-line"></span>') == 2 + 5 + 5 + 2  # you, them, the summary, signatures
    assert ".fill-in .write-line{display:block;height:2.4em;border-bottom:1px solid var(--ink)}" in page
    assert "--ink: #1b1b1b" in page  # the colour the lines take
    summary = re.search(r"<dt>A short summary of the discussion</dt><dd class=\"fill-in\">(.*?)</dd>", form)
    assert summary is not None and summary.group(1).count("write-line") == 5  # five lines, in one cell


# -- 2. the NMC document's CPD log -----------------------------------------------------------------------------

def test_the_nmc_document_logs_every_cpd_activity_of_the_cycle_with_the_totals(db):
    set_revalidation_date(db, date(2027, 3, 31))
    with_account = finished(db)
    save_account(db, NmcAccount(with_account, nature=NATURE))
    save_details(db, CpdDetails(with_account, date(2026, 5, 10), 450, True, ActivityKind.FORMAL))
    course = finished(db, topic="Interpreter training | day two")  # no account: its CPD is logged all the same
    save_details(db, CpdDetails(course, date(2025, 1, 2), 90, False, ActivityKind.SELF_DIRECTED))
    before = finished(db, topic="Before the cycle")
    save_details(db, CpdDetails(before, date(2024, 3, 31), 600, True))
    document = nmc.build(db, date(2026, 11, 30))
    log = section(document, "CPD log")
    assert log.table is not None
    assert log.table.header == ("Topic", "Date", "Kind of activity", "Hours", "Participatory hours")
    assert log.table.rows == (
        ("Interpreter training | day two", "2 January 2025", "Self-directed learning", "1.5", "0"),
        (prefill.first_words(NATURE), "10 May 2026", "Formal or educational", "7.5", "7.5"),
    )
    assert log.table.totals == ("Total", "", "", "9 of 35", "7.5 of 20")
    md = markdown(document)
    assert "| Interpreter training \\| day two | 2 January 2025 | Self-directed learning | 1.5 | 0 |" in md
    assert "| **Total** |  |  | **9 of 35** | **7.5 of 20** |" in md
    assert "Before the cycle |" not in md
    page = html(document)
    assert '<table class="log">' in page and '<td dir="auto">Interpreter training | day two</td>' in page
    assert '<th scope="row">Total</th>' in page and '<td class="number">9 of 35</td>' in page
    text = " ".join(pdf_pages(pdf(document)))
    assert "CPD log" in text and "Interpreter training | day two" in text and "9 of 35" in text


def test_the_cpd_log_says_how_to_add_cpd_when_there_is_none(db):
    log = section(nmc.build(db, TODAY), "CPD log")
    assert log.table is None and any("in myrole, give a finished reflection its CPD details" in note
                                     for note in log.notes)  # in words that hold in any mode, and on paper


# -- 3. private and dropped commitments stay out of the HCPC profile -----------------------------------------

def commitment(db, title: str, visibility: Visibility, status: Status = Status.ACTIVE) -> str:
    return create_commitment(db, Commitment(id="", title=title, lens=Lens.PATIENTS, mode=Mode.ACTION,
                                            visibility=visibility, status=status)).id


def test_the_hcpc_profile_leaves_out_private_and_dropped_commitments_and_says_how_to_put_one_in(db):
    commitment(db, "PRIVATE-ONE book interpreters early", Visibility.PRIVATE)
    commitment(db, "PRIVATE-TWO", Visibility.PRIVATE)
    commitment(db, "DROPPED-ONE", Visibility.MANAGER, Status.DROPPED)
    commitment(db, "PRIVATE-DROPPED", Visibility.PRIVATE, Status.DROPPED)
    commitment(db, "SHARED-ONE", Visibility.MANAGER)
    commitment(db, "DONE-ONE", Visibility.ALLIANCE, Status.DONE)
    text = markdown(hcpc.build(db, TODAY))
    assert "SHARED-ONE" in text and "DONE-ONE" in text
    assert not {"PRIVATE-ONE", "PRIVATE-TWO", "DROPPED-ONE", "PRIVATE-DROPPED"} & set(re.findall(r"[A-Z]+-[A-Z]+", text))
    assert ("2 private commitments are left out of the activity list, as the profile is sent outside myrole; one you "
            "pick for your statement is in the statement. To include one in the activity list, change who can see "
            "it in myrole, by editing the commitment in the full-screen app.") in text
    assert hcpc.private_sentence(1).startswith("1 private commitment is left out")
    assert hcpc.private_sentence(0) == ""


def test_a_private_commitment_the_person_picked_for_the_statement_is_kept_in_it(db):
    """They chose it: the activity list leaves it out, but the statement holds it, with what they wrote
    (tests/unit/test_hcpc_private_activities.py tests every format, and a dropped one)."""
    picked = commitment(db, "PICKED-PRIVATE", Visibility.PRIVATE)
    save_statement_item(db, StatementItem("", commitment_id=picked, what="Why I did it."))
    document = hcpc.build(db, TODAY)
    assert any(s.heading == "Activity 1: PICKED-PRIVATE" for s in document.sections)
    assert "Why I did it." in markdown(document)
    assert section(document, "Personal statement").parts[1].note.startswith("Draws on 1 activity ")
    assert not any("PICKED-PRIVATE" in part.text for part in section(document, "CPD activities").parts)


# -- 5. printing: headings kept with what follows, long parts may break, flags on labels -------------------------

def test_printing_keeps_headings_with_what_follows_lets_long_parts_break_and_flags_labels_not_text(db):
    set_hcpc_summary(db, "word " * 507)
    page = html(hcpc.build(db, TODAY))
    assert "section{break-inside:avoid-page}" not in page  # a long section pushed whole onto the next page
    assert "dl.parts dt{break-after:avoid;page-break-after:avoid}" in page  # a label stays with its text
    assert "h2, h3, h4 { break-after: avoid;" in page  # headings, from the exports' own print style
    assert "p.text,dl.parts dd{break-inside:auto;page-break-inside:auto}" in page  # a long part may break
    assert "section.form{break-inside:avoid" in page  # only a form to fill in is kept whole
    summary = re.search(r"<div class=\"part\"><dt>Your role and the people you work with(.*?)</dt><dd>(.*?)</dd>",
                        page)
    assert summary is not None
    assert summary.group(1) == ' <span class="flag">(needs your attention)</span>'
    assert "flag" not in summary.group(2) and "bold" not in summary.group(2)
    assert 'class="flagged"' not in page and ".flagged{font-weight:bold}" not in page


# -- 6. Arabic and Urdu paragraphs take their own direction; fonts named, not embedded ------------------------

def test_each_paragraph_takes_its_own_direction_and_the_fonts_are_named_not_embedded(db):
    rid = finished(db)
    save_account(db, NmcAccount(rid, nature="In English first.", learnt=f"{URDU}\n\n{ARABIC}"))
    page = html(nmc.build(db, TODAY))
    assert f'<p class="text" dir="auto">{URDU}</p><p class="text" dir="auto">{ARABIC}</p>' in page
    assert '<p class="text" dir="auto">In English first.</p>' in page
    assert ".text{unicode-bidi:plaintext;text-align:start}" in page  # lines within a paragraph too
    assert '"Noto Naskh Arabic", "Noto Nastaliq Urdu", sans-serif' in page
    assert "@font-face" not in page and "url(" not in page


# -- 8. headings say what happened ---------------------------------------------------------------------------

def test_first_words_are_cut_at_a_word_with_an_ellipsis():
    assert prefill.first_words(NATURE) == "A man came to clinic upset because his appointment letter…"
    assert len(prefill.first_words(NATURE)) <= 61
    assert prefill.first_words("Short.") == "Short."
    assert prefill.first_words("x" * 80) == "x" * 60 + "…"  # one long word is cut within it
    assert prefill.first_words("Line one\nline two") == "Line one / line two"


def test_an_account_is_headed_by_its_own_first_words_and_date_in_the_document_the_form_and_the_hcpc_list(db):
    rid = finished(db)  # Gibbs, no topic: the heading was "Gibbs' reflective cycle"
    save_account(db, NmcAccount(rid, nature=NATURE))
    save_details(db, CpdDetails(rid, TODAY - timedelta(days=2), 60))
    named = finished(db, topic="A missed first appointment")
    save_account(db, NmcAccount(named, nature="Something else entirely."))
    document = nmc.build(db, TODAY)
    when = long_date(TODAY - timedelta(days=2))
    headings = [s.heading for s in document.sections]
    assert f"Reflective account 1, {when}: A man came to clinic upset because his appointment letter…" in headings
    assert f"Reflective account 2, {long_date(TODAY)}: A missed first appointment" in headings  # its topic
    assert not any("Gibbs" in heading for heading in headings)
    form = section(document, "Reflective discussion form")
    assert [(p.label, p.text, p.note) for p in form.parts if p.label.startswith("Account")] == [
        ("Account 1", prefill.first_words(NATURE), when), ("Account 2", "A missed first appointment", long_date(TODAY))]
    listed = [part.text for part in section(hcpc.build(db, TODAY), "CPD activities").parts]
    assert prefill.first_words(NATURE) in listed and "A missed first appointment" in listed


# -- 9. blanks for the registrant's own details ----------------------------------------------------------------

def test_the_forms_leave_blanks_for_your_own_registration_details(db):
    form = section(nmc.build(db, TODAY), "Reflective discussion form")
    assert [(p.label, p.fill_in) for p in form.parts[:2]] == [("Your name", True), ("Your NMC PIN", True)]
    assert "your details and theirs blank and never stores them" in form.notes[0]
    document = hcpc.build(db, TODAY)
    yours = section(document, "Your registration")
    assert [(p.label, p.fill_in) for p in yours.parts] == [("Your profession", True),
                                                           ("Your HCPC registration number", True)]
    assert document.sections[0] is yours  # first, as on the HCPC's own profile
    assert "**Your HCPC registration number**: \\____" in markdown(document)
    text = " ".join(pdf_pages(pdf(document)))
    assert "Your profession" in text and "Your HCPC registration number" in text


# -- 11. the PDF keeps one CPD entry's lines together -------------------------------------------------------

def test_a_cpd_entry_is_never_split_by_a_page_break(db):
    entries = tuple(Part(f"{n} May 2026", f"ENTRY-{n} title of the activity", note="A reflection: Work-based "
                         "learning, 3 hours, with others") for n in range(1, 9))
    split = []
    for filler_lines in range(30, 56):  # moves the entries down past the foot of the first page, a line at a time
        document = RevalidationDocument("HCPC CPD profile", ("Sam",), (), (
            Section("Notes", (Part("Filler", "A line.\n" * filler_lines),)), Section("CPD activities", entries)),
            made_on="1 June 2026")
        pages = pdf_pages(pdf(document))
        split += [(filler_lines, n) for n in range(1, 9) for page in pages
                  if (f"{n} May 2026" in page) != (f"ENTRY-{n} title" in page)]
    assert split == []


def test_a_long_part_still_breaks_across_pages_after_its_label_and_first_lines(db):
    long = Section("Summary of practice", (Part("Your role", "A sentence of the summary. " * 400),))
    document = RevalidationDocument("HCPC CPD profile", ("Sam",), (), (long,), made_on="1 June 2026")
    pages = pdf_pages(pdf(document))
    assert len(pages) >= 2 and "Your role" in pages[0] and "A sentence of the summary" in pages[0]


# -- 14. the printed page's running header -----------------------------------------------------------------

def test_the_printed_web_page_names_the_person_and_the_document_on_every_page(db):
    page = html(nmc.build(db, TODAY))
    head = re.search(r"@top-left \{ content: \"([^\"]*)\"", page)
    assert head is not None
    assert re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), head.group(1)) == (
        "Sam Patel — NMC revalidation: written reflective accounts")
    assert 'content: "Page " counter(page) " of " counter(pages)' in page
    anonymous = replace(hcpc.build(db, TODAY), who=(), name="")
    assert "@top-left { content: \"HCPC CPD profile\"" in html(anonymous)
    save_profile(db, Profile("", role="Staff nurse", onboarded=True))  # no name: the role is not taken for one
    assert "@top-left { content: \"HCPC CPD profile\"" in html(hcpc.build(db, TODAY))


# -- 10 and 15: whose asks, CPD spelt out, the HCPC's standards explained -----------------------------------------

def test_cpd_is_spelt_out_once_in_each_document_and_the_hcpc_standards_are_explained(db):
    for document in (nmc.build(db, TODAY), hcpc.build(db, TODAY)):
        for text in (markdown(document), html(document)):
            assert text.count("continuing professional development (CPD)") == 1  # in the line under the title
    text = markdown(hcpc.build(db, TODAY))
    assert ("The HCPC's CPD standards 3 and 4 ask that your CPD has improved the quality of your work and benefited "
            "the people who use your service") in text
    assert "(HCPC standards 3 and 4)" not in text


def test_the_cpd_sentences_say_the_hours_are_the_nmcs_and_the_hcpc_asks_for_none():
    from myrole.plain.cpd_details import WHY as PLAIN_WHY
    from myrole.revalidation.model import WHOSE_ASKS
    from myrole.ui.dialogs.cpd import WHY

    for sentence in (WHY, PLAIN_WHY, WHOSE_ASKS):
        assert "35 hours" in sentence and "NMC" in sentence
        assert "the hcpc asks for no set hours" in sentence.lower()
        assert "continuing professional development (cpd)" in sentence.lower()


def test_plain_mode_says_whose_asks_the_totals_are_and_which_private_commitments_the_profile_leaves_out(paths, db):
    from test_plain_flows import TODAY as PLAIN_TODAY
    from test_plain_flows import plain
    from test_plain_revalidation import to_revalidation

    from myrole.revalidation.model import WHOSE_ASKS

    create_commitment(db, Commitment(id="", title="Kept to myself", lens=Lens.SELF, mode=Mode.ACTION,
                                     created_at=f"{(PLAIN_TODAY - timedelta(days=30)).isoformat()}T10:00:00Z"))
    status, text = plain(paths, to_revalidation())
    assert status == 0
    assert WHOSE_ASKS in text and text.index(WHOSE_ASKS) < text.index("this cycle runs")
    assert "In your HCPC CPD profile's activities: 1 private commitment is left out" in text
