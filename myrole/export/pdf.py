"""Provides the PDF export: the same Document, fields and words as the Markdown and HTML summaries, on A4."""

from __future__ import annotations

from datetime import date

from myrole.export import outline, words
from myrole.export.document import CommitmentEntry, Document, ReflectionEntry
from myrole.export.outline import Field, Kind
from myrole.export.pdf_sheet import Sheet, user_line, user_text
from myrole.model import OneToOne
from myrole.privacy import AnonymisedCommitment, Audience


def shown(field: Field) -> str:
    """A field's value as plain text for the PDF, the person's words inert."""
    if field.kind is Kind.TEXT:
        return user_text(field.text)
    if field.kind is Kind.TAGS:
        return ", ".join(user_line(t) for t in field.value)
    return user_line(field.text) if field.kind is Kind.LINE else field.text


def _fields(sheet: Sheet, fields: list[Field]) -> None:
    for field in fields:
        sheet.field(field.label, shown(field))


def _header(sheet: Sheet, document: Document) -> None:
    sheet.heading(words.title(document), 1, ours=document.audience is not Audience.ALLIANCE)
    names, manager = outline.who(document)
    if names:
        sheet.joined_line(names, style="B")
        if manager:
            sheet.line_of(f"Line manager: {user_line(manager)}")
        sheet.space()
    _fields(sheet, outline.header_facts(document))
    sheet.rule()


def _commitment(sheet: Sheet, entry: CommitmentEntry, audience: Audience, since: date | None) -> None:
    sheet.heading(entry.commitment.title, 3)
    sheet.field("Progress", outline.progress(entry, since))
    _fields(sheet, outline.commitment_facts(entry, audience) + outline.commitment_details(entry))
    if entry.latest:
        sheet.heading(words.checkin_title(entry.latest), 4, ours=True)
        _fields(sheet, outline.checkin_fields(entry.latest, audience))
    sheet.space(3)


def _commitments(sheet: Sheet, document: Document) -> None:
    groups = document.by_lens()
    if not groups:
        sheet.heading("Commitments", 2, ours=True)
        sheet.line_of("No commitments to show.")
    for lens, entries in groups:
        sheet.heading(lens.label, 2, ours=True)
        for entry in entries:
            _commitment(sheet, entry, document.audience, document.since)


def _reflection(sheet: Sheet, entry: ReflectionEntry, audience: Audience) -> None:
    r = entry.reflection
    sheet.heading(f"{user_line(r.pack_title)}, {words.long_date_of(r.started_at)}", 3, ours=True)
    sheet.line_of(r.context.label + (f": {user_line(r.topic)}" if r.topic.strip() else ""), muted=True)
    touched = outline.reflection_lenses(r)
    if touched:
        sheet.line_of(touched, muted=True)
    for placed in entry.answers:
        a = placed.answer
        if not a.text.strip():
            continue
        shared = a.visibility if audience is Audience.ME else None
        # said is empty for a step of a reflection model shared with nobody named: nothing to say then
        sheet.answer(a.prompt_text, outline.answer_about(a.lens, a.mode, shared), a.text)
    sheet.space(3)


def _one_to_one(sheet: Sheet, record: OneToOne, audience: Audience) -> None:
    sheet.heading(words.one_to_one_heading(record), 3)
    _fields(sheet, outline.one_to_one_fields(record, audience))
    sheet.space(3)


def _anonymised(sheet: Sheet, item: AnonymisedCommitment, since: date | None) -> None:
    sheet.heading(item.title, 3)
    _fields(sheet, outline.anonymised_fields(item, since))
    sheet.space(3)


def _body(sheet: Sheet, document: Document) -> None:
    if document.audience is Audience.ALLIANCE:
        groups = document.anonymised_by_lens()
        if not groups:
            sheet.line_of(words.no_shared_commitments(document))
        for lens, items in groups:
            sheet.heading(lens.label, 2, ours=True)
            for item in items:
                _anonymised(sheet, item, document.since)
        return
    _commitments(sheet, document)
    if document.reflections:
        sheet.heading("Reflections", 2, ours=True)
        for entry in document.reflections:
            _reflection(sheet, entry, document.audience)
    if document.one_to_ones:
        sheet.heading("One-to-ones", 2, ours=True)
        for record in document.one_to_ones:
            _one_to_one(sheet, record, document.audience)


def running_head(document: Document) -> str:
    """The person's name for the top of each page; none in an alliance export (it is anonymous)."""
    if document.audience is Audience.ALLIANCE or not document.profile:
        return ""
    return user_line(document.profile.name) if document.profile.name.strip() else ""


def render(document: Document) -> bytes:
    """The whole PDF."""
    sheet = Sheet(user_line(words.title(document)), running_head=running_head(document))
    fill(sheet, document)
    return sheet.finished()


def fill(sheet: Sheet, document: Document) -> None:
    """Draw the whole document on the sheet (bench/pdf_export.py times this part on its own)."""
    _header(sheet, document)
    _body(sheet, document)
    sheet.space(4)
    sheet.rule()
    sheet.line_of(f"Made with myrole. {words.FRAMEWORK_CREDIT} {words.FRAMEWORK_URL}", muted=True, size=8.5)
