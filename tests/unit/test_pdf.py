"""Tests for the PDF exports: what each audience's PDF holds, fonts for Arabic script, hostile text, and the file written."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import ContentStream

from myrole.cli import cli
from myrole.export import render, render_pdf, summary
from myrole.model import Commitment, Context, Lens, Mode, Profile, Visibility
from myrole.privacy import Audience
from myrole.prompts import load_catalogue
from myrole.store.commitments import create_commitment
from myrole.store.profile import save_profile
from myrole.store.reflections import save_answer, start_reflection
from test_headless import demo_home, loaded_after  # noqa: F401 - demo_home is a fixture used below
from test_privacy import canary, hidden, planted  # noqa: F401 - planted is a fixture used below
from tricky_text import TRICKY

URDU_NAME = "فاطمہ خان"  # Fatima Khan, in Urdu (ہ is a letter Urdu uses and Arabic does not)
ARABIC_ANSWER = "ذهبت إلى العيادة مع المترجم"


def text_of(data: bytes) -> str:
    """Every page's text, with spaces and line breaks taken out (a PDF may break a word across lines)."""
    reader = PdfReader(io.BytesIO(data))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def fonts_of(data: bytes) -> set[str]:
    """The names of the fonts each page uses (subset prefixes removed)."""
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("audience", [Audience.MANAGER, Audience.ALLIANCE], ids=str)
def test_no_private_text_in_a_shared_pdf(planted, audience):
    document = summary(planted, audience)
    text = text_of(render_pdf(document))
    assert squeezed(render(document, "md").splitlines()[0].removeprefix("# ")) in text  # the title is there
    assert "PrivCanary" not in text
    assert "9434765919" not in text
    assert squeezed("Shared title alliance") in text  # text is really extracted, so the checks above mean something


def test_the_alliance_pdf_holds_no_names_notes_or_answers(planted):
    text = text_of(render_pdf(summary(planted, Audience.ALLIANCE)))
    assert "NoAllianceCanary" not in text  # not even the person's name at the top of a page
    assert squeezed("Open space on oral health") in text


def test_the_manager_pdf_holds_what_was_shared_like_the_markdown(planted):
    document = summary(planted, Audience.MANAGER)
    text = text_of(render_pdf(document))
    for shared in ("manageranswer", "allianceanswer", "managedsuccess", "managercheckinnote", "item", "name"):
        assert hidden(shared) in text, shared
        assert hidden(shared) in render(document, "md")


def test_the_me_pdf_holds_private_text(planted):
    text = text_of(render_pdf(summary(planted, Audience.ME)))
    for label in ("answer", "secrettitle", "secretcheckinnote", "item"):
        assert canary(label) in text, label


def test_pdf_metadata_says_title_and_language(planted):
    data = render_pdf(summary(planted, Audience.MANAGER))
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata.title == "Commitment summary for my line manager"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.outline  # headings are listed as bookmarks
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_an_urdu_name_embeds_an_arabic_script_font(db):
    save_profile(db, Profile(URDU_NAME, "Physiotherapist", "", "", True))
    data = render_pdf(summary(db, Audience.ME))
    assert "NotoNastaliqUrdu" in fonts_of(data)


def test_an_arabic_answer_embeds_naskh_and_plain_text_embeds_only_sans(db):
    save_profile(db, Profile("Sam Patel", "Nurse", "", "", True))
    plain = render_pdf(summary(db, Audience.ME))
    assert fonts_of(plain) == {"NotoSans", "NotoSansBold"}  # no Arabic fonts loaded when none is needed
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.SELF)
    save_answer(db, reflection.id, pack.prompts[0], ARABIC_ANSWER, Visibility.PRIVATE, 0)
    assert "NotoNaskhArabic" in fonts_of(render_pdf(summary(db, Audience.ME)))


def test_a_name_in_urdu_leads_the_details_line_from_the_left_margin(db):
    save_profile(db, Profile(URDU_NAME, "Staff nurse (Łódź rotation)", "Leeds Teaching Hospitals", "", True))
    pieces: list[tuple[str, float]] = []
    PdfReader(io.BytesIO(render_pdf(summary(db, Audience.ME)))).pages[0].extract_text(
        visitor_text=lambda text, cm, tm, font, size: pieces.append((text, round(tm[4], 2))) if text.strip() else None)
    text, x = pieces[1]  # the first piece of the line under the title
    assert x == 53.86 and "Staff" not in text  # from the left margin (18 mm and the cell's 1 mm), the name first


def _shows_without_a_font(data: bytes) -> int:
    """How many text-showing operators come where no font is set (q and Q save and restore it)."""
    reader = PdfReader(io.BytesIO(data))
    missing = 0
    for page in reader.pages:
        font, saved = None, []
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"q":
                saved.append(font)
            elif operator == b"Q":
                font = saved.pop()
            elif operator == b"Tf":
                font = operands[0]
            elif operator in (b"Tj", b"TJ", b"'", b'"'):
                missing += font is None
    return missing


def test_urdu_after_a_line_mixing_urdu_and_english_is_drawn_in_its_font():
    from myrole.export.pdf_sheet import Sheet

    sheet = Sheet("Fonts")
    sheet.passage(f"{URDU_NAME}, Leeds")  # fpdf2 sets its fonts inside q ... Q for a line mixing fonts
    sheet.line_of("Between")
    sheet.passage(URDU_NAME)
    assert _shows_without_a_font(sheet.finished()) == 0


def test_polish_and_combining_marks_come_out_as_written(db):
    polish = "Zażółć gęślą jaźń, Łódź"
    combining = "Amélie with e\u0301 and n\u0303"
    save_profile(db, Profile(polish, combining, "", "", True))
    text = text_of(render_pdf(summary(db, Audience.ME)))
    assert squeezed(polish) in text
    assert "Amélie" in text


STORABLE = TRICKY.replace("\ud800", "")  # the store refuses a lone surrogate; the sheet is given one below


def test_hostile_text_does_not_break_the_pdf(db):
    TRICKY = STORABLE  # noqa: N806 - the same text, as the store keeps it
    save_profile(db, Profile(TRICKY, TRICKY, TRICKY, TRICKY, True))
    create_commitment(db, Commitment(id="", lens=Lens.SELF, mode=Mode.ACTION, title=TRICKY, detail=TRICKY * 3,
                                     first_step=TRICKY, tags=(TRICKY,), visibility=Visibility.MANAGER))
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.SELF, TRICKY)
    save_answer(db, reflection.id, pack.prompts[0], TRICKY + "\n" + URDU_NAME + "\n" + TRICKY, Visibility.MANAGER, 0)
    for audience in Audience:
        data = render_pdf(summary(db, audience))
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) >= 1
        text = "".join(page.extract_text() for page in reader.pages)
        assert "\u202e" not in text and "\x1b" not in text  # bidi overrides and escapes are shown, never obeyed
        if audience is not Audience.ALLIANCE:
            assert "abc dob" in text


def test_hostile_text_with_a_lone_surrogate_is_drawn_inert():
    from myrole.export.pdf_sheet import Sheet

    sheet = Sheet(TRICKY, running_head=TRICKY)
    sheet.heading(TRICKY, 2)
    sheet.field(TRICKY, TRICKY)
    sheet.passage(TRICKY)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(sheet.finished())).pages)
    assert "\\ud800" in text and "\\u202e" in text  # shown as escapes, as the other exports show them


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(["a", " ", "\n", "\r", "\t", "\x00", "\x1b", "\x85", "\u202e",
                                              "\u2066", "\u200f", "\ud800", "\u00a0", "\u00ad", "\u2028", "é", "ذ"]),
                    max_size=12))
def test_the_persons_text_is_made_inert_as_inert_makes_it(text):
    from myrole.export.pdf_sheet import user_text
    from myrole.text import inert

    # user_text skips inert() for text with nothing to change: it must give what inert() gives
    assert user_text(text) == inert(text.replace("\r\n", "\n"), keep_newlines=True).replace("\t", "    ")


def _cli(home: Path, *args: str):
    return CliRunner().invoke(cli, ["--home", str(home), *args])


def test_export_pdf_writes_a_private_file_whole(demo_home, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "summary.pdf"
    for audience in ("me", "manager", "alliance"):
        result = _cli(demo_home, "export", "--format", "pdf", "--audience", audience, "-o", str(target), "--force")
        assert result.exit_code == 0, result.output
        assert target.read_bytes().startswith(b"%PDF-")
        if os.name == "posix":  # Windows has no such modes; the file is in the person's own folder there
            assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in folder.iterdir()] == ["summary.pdf"]  # no temporary file left behind
    before = target.read_bytes()
    refused = _cli(demo_home, "export", "--format", "pdf", "-o", str(target))
    assert refused.exit_code == 2 and "already exists" in refused.output
    assert target.read_bytes() == before


def test_revalidation_and_collate_write_pdfs(demo_home, tmp_path):
    for which, title in (("nmc", "NMC revalidation"), ("hcpc", "HCPC")):
        target = tmp_path / f"{which}.pdf"
        result = _cli(demo_home, "revalidation", which, "--format", "pdf", "-o", str(target))
        assert result.exit_code == 0, result.output
        assert squeezed(title) in text_of(target.read_bytes())
        if os.name == "posix":
            assert target.stat().st_mode & 0o777 == 0o600
    sample = Path(__file__).resolve().parents[1] / "data" / "alliance-version-1.json"
    files = tmp_path / "files"
    files.mkdir()
    for person in ("one", "two"):  # each version 1 file counts as one person; two meet --threshold 2
        text = sample.read_text(encoding="utf-8")  # (two files with the same commitments would be one person's)
        (files / f"{person}.json").write_text(text.replace('"title": "', f'"title": "{person}: ', 1), encoding="utf-8")
    target = tmp_path / "collation.pdf"
    result = CliRunner().invoke(cli, ["collate", str(files), "--format", "pdf", "-o", str(target), "--threshold", "2"])
    assert result.exit_code == 0, result.output
    assert squeezed("What people committed to") in text_of(target.read_bytes())


def test_due_and_the_app_do_not_load_fpdf(demo_home):
    code = """
        import myrole.cli, myrole.ui.app, myrole.ui.screens.export, myrole.export, myrole.collate
        import myrole.revalidation.render
        from myrole.entry import main
        try:
            main(["due"])
        except SystemExit as stop:
            assert stop.code == 0, stop.code
    """
    loaded = loaded_after(code, str(demo_home))
    assert "myrole" in loaded
    for heavy in ("fpdf", "fontTools", "uharfbuzz", "PIL"):
        assert heavy not in loaded, heavy


def test_pdf_is_not_poured_onto_a_terminal(demo_home, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    from myrole.cli.errors import UserError
    from myrole.cli.share import check_pdf_target

    with pytest.raises(UserError):
        check_pdf_target("pdf", None)
    check_pdf_target("pdf", Path("x.pdf"))
    check_pdf_target("md", None)
