"""Tests for pdf_output.py: pages, page content and bookmarks written the quick way are byte for byte fpdf2's own."""

from __future__ import annotations

from datetime import UTC, datetime

from fpdf.output import OutputProducer

from myrole.export.pdf_output import QuickOutput
from myrole.export.pdf_sheet import Sheet, quicker_compression
from test_pdf import URDU_NAME


def _long_sheet() -> Sheet:
    """Several pages, bookmarks three levels deep, an Urdu paragraph and a table (fpdf2's own drawing)."""
    sheet = Sheet("Same bytes", running_head="Sam Patel")
    sheet.creation_date = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    for number in range(12):
        sheet.heading(f"Lens {number}", 2, ours=True)
        sheet.heading(f"Commitment (with brackets) {number}", 3)
        sheet.field("Progress", "Going well, with a long value that runs onto a second line of the page " * 3)
        sheet.passage(f"An answer {number} " * 60 + ("\n" + URDU_NAME if number == 5 else ""))
    sheet.data_table("A table", ["Name", "Count"], [["Row", "3"], [URDU_NAME, "4"]])
    sheet._page_numbers()
    return sheet


def _written(producer: type[OutputProducer]) -> bytes:
    with quicker_compression():
        return bytes(_long_sheet().output(output_producer_class=producer))


def test_the_quick_writer_writes_what_fpdf2_writes():
    quick, fpdf2 = _written(QuickOutput), _written(OutputProducer)
    assert quick.count(b"/Type /Page\n") > 3 and quick.count(b"/Title ") > 20  # pages and bookmarks were written
    assert quick == fpdf2


def test_pages_compressed_in_two_threads_are_the_bytes_fpdf2_writes(monkeypatch):
    from myrole.export import pdf_output

    import threading

    monkeypatch.setattr(pdf_output, "SPLIT_FROM", 2)  # the long sheet's pages split between two threads
    monkeypatch.setattr(pdf_output.os, "cpu_count", lambda: 2)
    threads: set[int] = set()
    real_compress = pdf_output.zlib.compress

    def compress_noting_the_thread(data, level):
        threads.add(threading.get_ident())
        return real_compress(data, level)

    monkeypatch.setattr(pdf_output.zlib, "compress", compress_noting_the_thread)
    quick = _written(QuickOutput)
    assert len(threads) == 2  # this thread and the other compressed pages
    monkeypatch.undo()
    assert quick == _written(OutputProducer)


def test_compressed_in_parallel_keeps_the_order_on_one_core_and_on_two(monkeypatch):
    import zlib

    from myrole.export import pdf_output

    pages = [f"page {number} ".encode() * (number + 1) for number in range(200)]
    expected = [zlib.compress(page, 3) for page in pages]
    monkeypatch.setattr(pdf_output.os, "cpu_count", lambda: 2)
    assert pdf_output.compressed_in_parallel(pages, 3) == expected
    assert pdf_output.compressed_in_parallel([], 3) == [] and pdf_output.compressed_in_parallel(pages[:1], 3) == expected[:1]
    monkeypatch.setattr(pdf_output.os, "cpu_count", lambda: 1)
    assert pdf_output.compressed_in_parallel(pages, 3) == expected


def _unusual_pdf(producer: type[OutputProducer]) -> bytes:
    """What a summary never has: a link annotation, a page of its own size, a transition, a page duration."""
    from fpdf import FPDF
    from fpdf.transitions import WipeTransition

    pdf = FPDF()
    pdf.creation_date = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.start_section("First")
    pdf.cell(40, 10, "A link", link="https://example.org")
    pdf.add_page(format=(100, 150), duration=3, transition=WipeTransition(90))
    pdf.start_section("Second", level=1)
    pdf.cell(40, 10, "Small page")
    return bytes(pdf.output(output_producer_class=producer))


def test_what_the_quick_writer_does_not_know_is_left_to_fpdf2():
    quick = _unusual_pdf(QuickOutput)
    assert b"/Annots" in quick and b"/Trans" in quick and b"/MediaBox [0 0 283.46 425.2" in quick
    assert quick == _unusual_pdf(OutputProducer)
