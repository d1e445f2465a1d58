"""Provides drafts: what a person has typed into a form and not yet saved, kept so that no keystroke is lost.

A draft belongs to one form (`form`, e.g. "checkin") and the record that form edits (`record`,
e.g. a commitment's id, or "" for something new), so each form has at most one draft per
record. Its fields are kept as typed, as JSON, and each save is one transaction. A draft is
deleted when its form is really saved or when the person throws it away (the store zeroes
deleted text: secure_delete is on). A correction form's draft holds the text being removed
(`myrole.store.corrections.DRAFT_FORMS`): the correction deletes it in its own transaction, and
throwing one away also empties the journal, so no copy of the old text is left. Drafts are
private: no export, calendar or log reads this table.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from myrole.store.connection import write
from myrole.store.corrections import DRAFT_FORMS, clear_journal
from myrole.store.rows import now_utc

FieldValue = str | int | None
COLUMNS = "form, record, title, fields, context, saved_at"


@dataclass(frozen=True)
class Draft:
    """One form's unsaved fields. title says in words what the form was, e.g. 'New commitment'."""

    form: str
    record: str = ""
    title: str = ""
    fields: dict[str, FieldValue] = field(default_factory=dict)
    context: dict[str, str] = field(default_factory=dict)
    saved_at: str = ""

    def first_words(self, words: int = 8) -> str:
        """The first few words the person typed: from the fields context["typed"] names (comma-separated,
        the text fields changed in the form), else from the first field holding text."""
        typed = [name for name in self.context.get("typed", "").split(",") if name in self.fields]
        for value in [self.fields[name] for name in typed] or list(self.fields.values()):
            if isinstance(value, str) and value.strip():
                found = value.split()
                return " ".join(found[:words]) + (" …" if len(found) > words else "")
        return ""


def save_draft(conn: sqlite3.Connection, draft: Draft) -> Draft:
    """Keep draft (replacing this form's earlier draft for the same record), in one transaction."""
    saved = Draft(draft.form, draft.record, draft.title, dict(draft.fields), dict(draft.context), now_utc())
    with write(conn):
        conn.execute(
            f"INSERT OR REPLACE INTO drafts ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
            [saved.form, saved.record, saved.title, json.dumps(saved.fields, ensure_ascii=False),
             json.dumps(saved.context, ensure_ascii=False), saved.saved_at],
        )
    return saved


def get_draft(conn: sqlite3.Connection, form: str, record: str = "") -> Draft | None:
    row = conn.execute(f"SELECT {COLUMNS} FROM drafts WHERE form = ? AND record = ?", [form, record]).fetchone()
    return _from_row(row) if row else None


def list_drafts(conn: sqlite3.Connection) -> list[Draft]:
    """Every readable draft, newest first (a row that is not a draft this version can read is left alone)."""
    rows = conn.execute(f"SELECT {COLUMNS} FROM drafts ORDER BY saved_at DESC, form, record").fetchall()
    return [draft for draft in map(_from_row, rows) if draft is not None]


def delete_draft(conn: sqlite3.Connection, form: str, record: str = "") -> None:
    """Throw a draft away for good (its text is zeroed in the file; a correction's, in the journal too)."""
    with write(conn):
        deleted = conn.execute("DELETE FROM drafts WHERE form = ? AND record = ?", [form, record]).rowcount
    if deleted and form in DRAFT_FORMS.values():
        clear_journal(conn)  # if another window is reading, the journal empties when the last one closes


def _from_row(row: tuple) -> Draft | None:
    form, record, title, fields, context, saved_at = row
    try:
        fields, context = json.loads(fields), json.loads(context)
    except (TypeError, ValueError):
        return None
    if not isinstance(fields, dict) or not isinstance(context, dict):
        return None
    fields = {str(k): v for k, v in fields.items() if v is None or isinstance(v, (str, int))}
    context = {str(k): str(v) for k, v in context.items()}
    return Draft(str(form), str(record), str(title), fields, context, str(saved_at))
