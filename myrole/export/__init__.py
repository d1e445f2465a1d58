"""Provides exports: one document for an audience (document.py), rendered as Markdown, HTML, JSON or PDF."""

from __future__ import annotations

from myrole.export.document import Document, summary

FORMATS = ("md", "html", "json")  # the text formats; render() and render_pieces() make them
EVERY_FORMAT = (*FORMATS, "pdf")  # and PDF, made as bytes by render_pdf()


def render(document: Document, fmt: str) -> str:
    """The document in one format: 'md', 'html' or 'json'."""
    if fmt == "md":
        from myrole.export.markdown import render as render_md

        return render_md(document)
    if fmt == "html":
        from myrole.export.html import render as render_html

        return render_html(document)
    if fmt == "json":
        from myrole.export.json_format import render as render_json

        return render_json(document)
    raise _unknown(fmt)


def render_pdf(document: Document) -> bytes:
    """The document as a PDF (fpdf2 is imported here, only when one is made)."""
    from myrole.export.pdf import render as render_as_pdf

    return render_as_pdf(document)


def shows_every_checkin(fmt: str) -> bool:
    """Whether a format holds every check-in (JSON), or only each commitment's newest, as the summaries do."""
    return fmt == "json"


def render_pieces(document: Document, fmt: str) -> list[str]:
    """render(document, fmt) in pieces, for writing a long export out without joining it all first.

    One string for the whole export would take the widest character anywhere in it (a single emoji
    makes every character four bytes wide); pieces keep most of the text narrow and quick to encode.
    """
    if fmt == "md":
        from myrole.export.markdown import parts

        return joined_in_pieces(parts(document))
    if fmt == "html":
        from myrole.export.html import parts

        return joined_in_pieces(parts(document))
    if fmt == "json":
        from myrole.export.json_format import render_pieces as json_pieces

        return json_pieces(document)
    raise _unknown(fmt)


def joined_in_pieces(lines: list[str], size: int = 2048) -> list[str]:
    """'\\n'.join(lines), as pieces of up to `size` lines each."""
    pieces = ["\n".join(lines[start:start + size]) + "\n" for start in range(0, len(lines), size)]
    if pieces:
        pieces[-1] = pieces[-1][:-1]  # the last line has no break of its own
    return pieces


def _unknown(fmt: str) -> ValueError:
    return ValueError(f"There is no export format called {fmt!r}; choose md, html or json.")


__all__ = ["Document", "EVERY_FORMAT", "FORMATS", "render", "render_pdf", "render_pieces", "shows_every_checkin", "summary"]
