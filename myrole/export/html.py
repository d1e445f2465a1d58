"""Provides the HTML export: one self-contained, accessible, printable page (no scripts, no external files)."""

from __future__ import annotations

from datetime import date
from functools import cache, lru_cache
from html import escape

from myrole.export import outline, words
from myrole.export.document import CommitmentEntry, Document, ReflectionEntry
from myrole.export.html_style import STYLE, running_head_style
from myrole.export.outline import Field, Kind
from myrole.model import CheckIn, Lens, Mode, OneToOne, Visibility
from myrole.privacy import AnonymisedCommitment, Audience
from myrole.text import NOT_SAFE_LINES, AnyOf, inert, one_line

# Nothing may load or run, even if something slipped through: styles in the page only.
BODY_OPEN = "<body>"  # where the page's content starts, after its head and styles
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


# What text() changes: what escape() escapes and what inert() makes visible (a lone \r among them).
# Most prose has none, and one search is much cheaper than six replacements and a substitution;
# AnyOf answers it several times quicker for ASCII text (why: docs/performance.md, the speed-up kept).
NEEDS_WORK = AnyOf(f"[&<>\"']|{NOT_SAFE_LINES.pattern}")


def text(value: str) -> str:
    """User text, escaped and inert; line breaks are kept by the 'text' class (white-space: pre-wrap)."""
    if NEEDS_WORK.found_in(value):
        return _escaped_text(value)
    return value


def _escaped_text(value: str) -> str:
    return escape(inert(value.replace("\r\n", "\n"), keep_newlines=True))


@lru_cache(maxsize=1024)
def line(value: str) -> str:
    """User text on one line (breaks shown as ' / '), escaped and inert.

    Cached for one export (parts() empties it): every answer carries a copy of its prompt's text.
    """
    return escape(one_line(value)) or "(untitled)"


class Page:
    """Collects the page's parts and hands out unique ids for headings."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.count = 0

    def add(self, *parts: str) -> None:
        self.parts.extend(parts)

    def next_id(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}-{self.count}"


def _fields(pairs: list[tuple[str, str]], css: str = "fields") -> str:
    """A definition list; values are already escaped HTML."""
    rows = "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in pairs if value)
    return f'<dl class="{css}">{rows}</dl>' if rows else ""


def _shown(field: Field) -> str:
    """A field's value as HTML, the person's words escaped as its kind says."""
    if field.kind is Kind.TEXT:
        return _user(field.text)
    if field.kind is Kind.TAGS:
        return ", ".join(line(t) for t in field.value)
    return line(field.text) if field.kind is Kind.LINE else escape(field.text)


def _listed(fields: list[Field], css: str = "fields") -> str:
    return _fields([(f.label, _shown(f)) for f in fields], css)


def _user(value: str) -> str:
    return f'<span class="text">{text(value)}</span>' if value.strip() else ""


def _header(page: Page, document: Document) -> None:
    page.add("<header>", f"<h1>{escape(inert(words.title(document)))}</h1>")
    names, manager = outline.who(document)
    if names:
        page.add(f'<p class="who">{", ".join(line(t) for t in names)}</p>')
        if manager:
            page.add(f"<p>Line manager: {line(manager)}</p>")
    page.add(_listed(outline.header_facts(document), "fields meta"), "</header>")


def _bar(progress: int | None) -> str:
    """A picture of progress beside the words (never the only way it is said)."""
    level = 0 if progress is None else progress
    return f'<span class="bar p{level}" aria-hidden="true"><span></span></span>'


def _checkin(page: Page, checkin: CheckIn, audience: Audience) -> None:
    page.add('<section class="checkin">', f"<h4>{escape(words.checkin_title(checkin))}</h4>",
             _listed(outline.checkin_fields(checkin, audience)), "</section>")


def _commitment(page: Page, entry: CommitmentEntry, audience: Audience, since: date | None) -> None:
    heading = page.next_id("commitment")
    page.add(f'<article class="commitment" aria-labelledby="{heading}">',
             f'<h3 id="{heading}">{line(entry.commitment.title)}</h3>')
    latest = entry.latest.progress if entry.latest else None
    page.add(f'<p class="progress">{_bar(latest)} Progress: {escape(outline.progress(entry, since))}</p>')
    page.add(_listed(outline.commitment_facts(entry, audience) + outline.commitment_details(entry)))
    if entry.latest:
        _checkin(page, entry.latest, audience)
    page.add("</article>")


def _section(page: Page, title: str, prefix: str) -> None:
    heading = page.next_id(prefix)
    page.add(f'<section aria-labelledby="{heading}">', f'<h2 id="{heading}">{escape(title)}</h2>')


def _commitments(page: Page, document: Document) -> None:
    groups = document.by_lens()
    if not groups:
        _section(page, "Commitments", "lens")
        page.add("<p>No commitments to show.</p></section>")
    for lens, entries in groups:
        _section(page, lens.label, "lens")
        for entry in entries:
            _commitment(page, entry, document.audience, document.since)
        page.add("</section>")


def _reflection(page: Page, entry: ReflectionEntry, audience: Audience) -> None:
    r = entry.reflection
    heading = page.next_id("reflection")
    about = escape(r.context.label) + (f": {line(r.topic)}" if r.topic.strip() else "")
    page.add(f'<article class="reflection" aria-labelledby="{heading}">',
             f'<h3 id="{heading}">{line(r.pack_title)}, {escape(words.long_date_of(r.started_at))}</h3>',
             f'<p class="about">{about}</p>')
    touched = outline.reflection_lenses(r)
    if touched:
        page.add(f'<p class="about">{escape(touched)}</p>')
    for a, shared in outline.shown_answers(entry, audience):
        # One part of five lines (the parts are joined with line breaks): fewer, longer parts are quicker.
        said = _answer_about(a.lens, a.mode, shared)
        page.add(f'<section class="answer">\n<h4>{line(a.prompt_text)}</h4>\n'
                 + (f'<p class="about">{said}</p>\n' if said else "")
                 + f'<p class="text">{text(a.text)}</p>\n</section>')
    page.add("</article>")


@cache
def _answer_about(lens: Lens | None, mode: Mode | None, shared: Visibility | None) -> str:
    """outline.answer_about, escaped (made once per combination, not per answer)."""
    return escape(outline.answer_about(lens, mode, shared))


def _one_to_one(page: Page, record: OneToOne, audience: Audience) -> None:
    heading = page.next_id("one-to-one")
    page.add(f'<article class="one-to-one" aria-labelledby="{heading}">',
             f'<h3 id="{heading}">{line(words.one_to_one_heading(record))}</h3>',
             _listed(outline.one_to_one_fields(record, audience)), "</article>")


def _anonymised(page: Page, item: AnonymisedCommitment, since: date | None) -> None:
    heading = page.next_id("commitment")
    page.add(f'<article class="commitment" aria-labelledby="{heading}">', f'<h3 id="{heading}">{line(item.title)}</h3>',
             _listed(outline.anonymised_fields(item, since)), "</article>")


def _body(page: Page, document: Document) -> None:
    if document.audience is Audience.ALLIANCE:
        groups = document.anonymised_by_lens()
        if not groups:
            page.add(f"<p>{escape(words.no_shared_commitments(document))}</p>")
        for lens, items in groups:
            _section(page, lens.label, "lens")
            for item in items:
                _anonymised(page, item, document.since)
            page.add("</section>")
        return
    _commitments(page, document)
    if document.reflections:
        _section(page, "Reflections", "part")
        for entry in document.reflections:
            _reflection(page, entry, document.audience)
        page.add("</section>")
    if document.one_to_ones:
        _section(page, "One-to-ones", "part")
        for record in document.one_to_ones:
            _one_to_one(page, record, document.audience)
        page.add("</section>")


def _running_name(document: Document) -> str:
    """The name printed at the top of each page: the person's, never in an alliance export."""
    if document.audience is Audience.ALLIANCE or not document.profile:
        return ""
    return one_line(document.profile.name)


def render(document: Document) -> str:
    """The whole page."""
    return "\n".join(parts(document))


def _parts(document: Document) -> list[str]:
    title = escape(inert(words.title(document)))
    page = Page()
    page.add("<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
             '<meta name="referrer" content="no-referrer">', f"<title>{title}</title>",
             f"<style>{STYLE}{running_head_style(_running_name(document))}</style>", "</head>", BODY_OPEN)
    _header(page, document)
    page.add('<main id="main">')
    _body(page, document)
    page.add("</main>", "<footer>",
             f"<p>Made with myrole. {escape(words.FRAMEWORK_CREDIT)} "
             f'<a href="{escape(words.FRAMEWORK_URL)}">Read the framework</a>.</p>', "</footer>",
             "</body>", "</html>", "")  # the empty part ends the page with a line break
    return page.parts


# The page's parts (a part may hold several lines), to be joined with line breaks.
parts = words.rendered_then_forgotten(_parts, line)
