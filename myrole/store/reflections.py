"""Provides reflections and their autosaved answers: start, save, resume, finish, history and correction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from myrole.limits import FIELDS, check
from myrole.model import Answer, Context, Lens, Mode, Pack, Prompt, Reflection, Visibility
from myrole.store.commitments import correct_copied_detail
from myrole.store.connection import write
from myrole.store.corrections import Correction, delete_correction_drafts, finish_correction
from myrole.store.errors import StaleEditError
from myrole.store.rows import new_id, now_utc, storable

if TYPE_CHECKING:
    import sqlite3

    from sqlite_utils import Database

REFLECTION_COLUMNS = (
    "id, pack_id, pack_version, pack_title, context, topic, started_at, finished_at, position, event_id, topic_id"
)
ANSWER_COLUMNS = (
    "id, reflection_id, prompt_id, lens, mode, prompt_text, text, visibility, created_at, updated_at"
)


def _reflection(row: tuple) -> Reflection:
    rid, pack_id, version, title, context, topic, started, finished, position, event_id, topic_id = row
    return Reflection(rid, pack_id, version, title, Context(context), topic, started, finished, position,
                      event_id, topic_id)


def _answer(row: tuple) -> Answer:
    aid, rid, prompt_id, lens, mode, prompt_text, text, visibility, created, updated = row
    return Answer(  # a reflection model's step has no lens or mode: kept as ''
        aid, rid, prompt_id, Lens(lens) if lens else None, Mode(mode) if mode else None, prompt_text, text,
        Visibility(visibility), created, updated
    )


def start_reflection(db: Database, pack: Pack, context: Context, topic: str = "", *,
                     event_id: str | None = None, topic_id: str | None = None) -> Reflection:
    """A new reflection; at an event, the kept event's id and its topic's id (if chosen) go with it."""
    storable(topic)
    reflection = Reflection(
        id=new_id(),
        pack_id=pack.id,
        pack_version=pack.version,
        pack_title=pack.title,
        context=context,
        topic=topic.strip(),
        started_at=now_utc(),
        event_id=event_id,
        topic_id=topic_id if event_id else None,
    )
    with write(db):
        db.execute(
            f"INSERT INTO reflections ({REFLECTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                reflection.id,
                reflection.pack_id,
                reflection.pack_version,
                reflection.pack_title,
                reflection.context.value,
                reflection.topic,
                reflection.started_at,
                None,
                0,
                reflection.event_id,
                reflection.topic_id,
            ],
        )
    return reflection


UNCHECKED = object()  # save_answer's based_on when the caller does not guard against other windows


def save_answer(
    db: Database,
    reflection_id: str,
    prompt: Prompt,
    text: str,
    visibility: Visibility,
    position: int = 0,
    *,
    based_on: Answer | None | object = UNCHECKED,
) -> Answer:
    """Insert or update the answer to one prompt; keeps a copy of the prompt's text.

    based_on is the answer as this window last read or saved it (None: there was none). If the
    stored answer differs from it, another window saved in between, and StaleEditError is raised
    rather than overwriting that text.
    """
    storable(text)
    now = now_utc()
    with write(db):
        if based_on is not UNCHECKED:
            _check_unchanged(db, reflection_id, prompt.id, based_on)
        db.execute(
            f"""INSERT INTO answers ({ANSWER_COLUMNS}, position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (reflection_id, prompt_id) DO UPDATE SET
                  text = excluded.text, visibility = excluded.visibility,
                  updated_at = excluded.updated_at""",
            [new_id(), reflection_id, prompt.id, prompt.lens or "", prompt.mode or "", prompt.text,
             text, visibility.value, now, now, position],
        )
    row = db.execute(
        f"SELECT {ANSWER_COLUMNS} FROM answers WHERE reflection_id = ? AND prompt_id = ?",
        [reflection_id, prompt.id],
    ).fetchone()
    return _answer(row)


def _check_unchanged(db: Database, reflection_id: str, prompt_id: str, based_on: Answer | None) -> None:
    stored = db.execute(
        "SELECT text, visibility, updated_at FROM answers WHERE reflection_id = ? AND prompt_id = ?",
        [reflection_id, prompt_id],
    ).fetchone()
    expected = (based_on.text, based_on.visibility.value, based_on.updated_at) if based_on else None
    if stored != expected:
        raise StaleEditError(
            "This answer was changed in another window after you opened it."
        )


def set_position(db: Database, reflection_id: str, position: int) -> None:
    """Remember which prompt the person was on, so a resume lands there."""
    with write(db):
        db.execute("UPDATE reflections SET position = ? WHERE id = ?", [position, reflection_id])


def finish_reflection(db: Database, reflection_id: str) -> None:
    with write(db):
        db.execute(
            "UPDATE reflections SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
            [now_utc(), reflection_id],
        )


def get_reflection(db: Database, reflection_id: str) -> Reflection | None:
    row = db.execute(
        f"SELECT {REFLECTION_COLUMNS} FROM reflections WHERE id = ?", [reflection_id]
    ).fetchone()
    return _reflection(row) if row else None


def unfinished_reflection(db: Database | sqlite3.Connection) -> Reflection | None:
    """The most recently started reflection that was never finished, if any."""
    row = db.execute(
        f"SELECT {REFLECTION_COLUMNS} FROM reflections WHERE finished_at IS NULL "
        "ORDER BY started_at DESC, rowid DESC LIMIT 1"
    ).fetchone()
    return _reflection(row) if row else None


def list_reflections(db: Database) -> list[tuple[Reflection, int]]:
    """Every reflection, newest first, with how many prompts were answered."""
    rows = db.execute(
        f"""SELECT {', '.join('r.' + c.strip() for c in REFLECTION_COLUMNS.split(','))},
                   (SELECT count(*) FROM answers a WHERE a.reflection_id = r.id AND a.text != '')
            FROM reflections r ORDER BY r.started_at DESC, r.rowid DESC"""
    ).fetchall()
    return [(_reflection(row[:-1]), row[-1]) for row in rows]


def get_answers(db: Database, reflection_id: str) -> list[Answer]:
    rows = db.execute(
        f"SELECT {ANSWER_COLUMNS} FROM answers WHERE reflection_id = ? ORDER BY position, rowid",
        [reflection_id],
    ).fetchall()
    return [_answer(row) for row in rows]


def get_answer(db: Database, answer_id: str) -> Answer | None:
    row = db.execute(f"SELECT {ANSWER_COLUMNS} FROM answers WHERE id = ?", [answer_id]).fetchone()
    return _answer(row) if row else None


def correct_answer(db: Database, answer: Answer, text: str) -> Correction:
    """Replace an answer's text (empty removes it), leaving no copy of the old text in the store.

    answer is the copy the person corrected; if the stored answer changed since, StaleEditError.
    A commitment made from the answer whose detail is a whole copy of it (as "Make a
    commitment" made them before) is corrected with it. A draft of correcting this answer goes in
    the same transaction (it holds the old text).
    """
    storable(text)
    check(text, FIELDS[("answers", "text")], "The answer")
    with write(db):
        _check_unchanged(db, answer.reflection_id, answer.prompt_id, answer)
        db.execute("UPDATE answers SET text = ?, updated_at = ? WHERE id = ?", [text, now_utc(), answer.id])
        made_from_it = [row[0] for row in db.execute("SELECT id FROM commitments WHERE answer_id = ?", [answer.id])]
        copies = correct_copied_detail(db, made_from_it, answer.text, text)
        delete_correction_drafts(db, "answer", [answer.id])
    return finish_correction(db, copies)


def set_answer_visibility(db: Database, answer_id: str, visibility: Visibility) -> None:
    with write(db):
        db.execute(
            "UPDATE answers SET visibility = ?, updated_at = ? WHERE id = ?",
            [visibility.value, now_utc(), answer_id],
        )


def count_reflections(db: Database | sqlite3.Connection) -> int:
    return db.execute("SELECT count(*) FROM reflections").fetchone()[0]
