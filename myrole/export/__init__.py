"""Provides exports: one document for an audience (document.py), rendered as Markdown, HTML or JSON."""

from __future__ import annotations

from myrole.export.document import Document, summary

FORMATS = ("md", "html", "json")


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
    raise ValueError(f"There is no export format called {fmt!r}; choose md, html or json.")


__all__ = ["Document", "FORMATS", "render", "summary"]
