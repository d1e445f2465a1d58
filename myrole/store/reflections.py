"""Provides reflections and their autosaved answers: start, save, resume, finish, history and correction."""

from __future__ import annotations

import sqlite3
from enum import Enum
from typing import Final, Literal

from myrole.limits import FIELDS, check
from myrole.model import Answer, Context, Pack, Prompt, Reflection, Visibility
from myrole.store.commitments import correct_copied_detail
from myrole.store.connection import write
from myrole.store.corrections import Correction, delete_correction_drafts, finish_correction
from myrole.store.errors import StaleEditError
from myrole.store.rows import LENSES, MODES, VISIBILITIES, insert, listed, new_id, now_utc, storable

REFLECTION_COLUMNS = ("id", "pack_id", "pack_version", "pack_title", "context", "topic",
                      "started_at", "finished_at", "position", "event_id", "topic_id")
# An answer's place in its reflection (position) is a column, not part of the Answer.
ANSWER_COLUMNS = ("id", "reflection_id", "prompt_id", "position", "lens", "mode", "prompt_text",
                  "text", "visibility", "created_at", "updated_at")


def reflection_from_row(row: tuple) -> Reflection:
    """A row of REFLECTION_COLUMNS as a Reflection."""
    rid, pack_id, version, title, context, topic, started, finished, position, event_id, topic_id = row
    return Reflection(rid, pack_id, version, title, Context(context), topic, started, finished, position,
                      event_id, topic_id)


def reflection_row(r: Reflection) -> dict:
    """A Reflection as the values of REFLECTION_COLUMNS, by name."""
    return {"id": r.id, "pack_id": r.pack_id, "pack_version": r.pack_version, "pack_title": r.pack_title,
            "context": r.context.value, "topic": r.topic, "started_at": r.started_at,
            "finished_at": r.finished_at, "position": r.position, "event_id": r.event_id, "topic_id": r.topic_id}


def answer_from_row(row: tuple) -> Answer:
    """A row of ANSWER_COLUMNS as an Answer (positional, with member lookups: an export reads tens of thousands).

    A reflection model's step has no lens or mode: kept as '', read as None.
    """
    aid, rid, prompt_id, _, lens, mode, prompt_text, text, visibility, created, updated = row
    return Answer(aid, rid, prompt_id, LENSES[lens] if lens else None, MODES[mode] if mode else None,
                  prompt_text, text, VISIBILITIES[visibility], created, updated)


def answer_values(a: Answer, position: int) -> tuple:
    """An Answer at its place in the reflection as the values of ANSWER_COLUMNS, in order (as a row reads).

    str() of a member is its value (they are StrEnums), several times quicker than .value over a store.
    """
    return (a.id, a.reflection_id, a.prompt_id, position, str(a.lens) if a.lens else "",
            str(a.mode) if a.mode else "", a.prompt_text, a.text, str(a.visibility), a.created_at, a.updated_at)


def answer_row(a: Answer, position: int) -> dict:
    """An Answer at its place in the reflection as the values of ANSWER_COLUMNS, by name."""
    return dict(zip(ANSWER_COLUMNS, answer_values(a, position)))


def start_reflection(conn: sqlite3.Connection, pack: Pack, context: Context, topic: str = "", *,
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
    with write(conn):
        conn.execute(insert("reflections", REFLECTION_COLUMNS), reflection_row(reflection))
    return reflection


class _Unchecked(Enum):
    UNCHECKED = "unchecked"


UNCHECKED: Final = _Unchecked.UNCHECKED  # save_answer's based_on when the caller does not guard against other windows


def save_answer(
    conn: sqlite3.Connection,
    reflection_id: str,
    prompt: Prompt,
    text: str,
    visibility: Visibility,
    position: int = 0,
    *,
    based_on: Answer | None | Literal[_Unchecked.UNCHECKED] = UNCHECKED,
) -> Answer:
    """Insert or update the answer to one prompt; keeps a copy of the prompt's text.

    based_on is the answer as this window last read or saved it (None: there was none). If the
    stored answer differs from it, another window saved in between, and StaleEditError is raised
    rather than overwriting that text.
    """
    storable(text)
    now = now_utc()
    with write(conn):
        if based_on is not UNCHECKED:
            _check_unchanged(conn, reflection_id, prompt.id, based_on)
        fresh = Answer(id=new_id(), reflection_id=reflection_id, prompt_id=prompt.id, lens=prompt.lens,
                       mode=prompt.mode, prompt_text=prompt.text, text=text, visibility=visibility,
                       created_at=now, updated_at=now)
        conn.execute(
            f"""{insert("answers", ANSWER_COLUMNS)}
                ON CONFLICT (reflection_id, prompt_id) DO UPDATE SET
                  text = excluded.text, visibility = excluded.visibility, updated_at = excluded.updated_at""",
            answer_row(fresh, position),
        )
    row = conn.execute(
        f"SELECT {listed(ANSWER_COLUMNS)} FROM answers WHERE reflection_id = ? AND prompt_id = ?",
        [reflection_id, prompt.id],
    ).fetchone()
    return answer_from_row(row)


def _check_unchanged(conn: sqlite3.Connection, reflection_id: str, prompt_id: str, based_on: Answer | None) -> None:
    stored = conn.execute(
        "SELECT text, visibility, updated_at FROM answers WHERE reflection_id = ? AND prompt_id = ?",
        [reflection_id, prompt_id],
    ).fetchone()
    expected = (based_on.text, based_on.visibility.value, based_on.updated_at) if based_on else None
    if stored != expected:
        raise StaleEditError(
            "This answer was changed in another window after you opened it."
        )


def set_position(conn: sqlite3.Connection, reflection_id: str, position: int) -> None:
    """Remember which prompt the person was on, so a resume lands there."""
    with write(conn):
        conn.execute("UPDATE reflections SET position = ? WHERE id = ?", [position, reflection_id])


def finish_reflection(conn: sqlite3.Connection, reflection_id: str) -> None:
    with write(conn):
        conn.execute(
            "UPDATE reflections SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
            [now_utc(), reflection_id],
        )


def get_reflection(conn: sqlite3.Connection, reflection_id: str) -> Reflection | None:
    row = conn.execute(
        f"SELECT {listed(REFLECTION_COLUMNS)} FROM reflections WHERE id = ?", [reflection_id]
    ).fetchone()
    return reflection_from_row(row) if row else None


def unfinished_reflection(conn: sqlite3.Connection) -> Reflection | None:
    """The most recently started reflection that was never finished, if any."""
    row = conn.execute(
        f"SELECT {listed(REFLECTION_COLUMNS)} FROM reflections WHERE finished_at IS NULL "
        "ORDER BY started_at DESC, rowid DESC LIMIT 1"
    ).fetchone()
    return reflection_from_row(row) if row else None


def list_reflections(conn: sqlite3.Connection) -> list[tuple[Reflection, int]]:
    """Every reflection, newest first, with how many prompts were answered."""
    rows = conn.execute(
        f"""SELECT {listed(REFLECTION_COLUMNS, "r")},
                   (SELECT count(*) FROM answers a WHERE a.reflection_id = r.id AND a.text != '')
            FROM reflections r ORDER BY r.started_at DESC, r.rowid DESC"""
    ).fetchall()
    return [(reflection_from_row(row[:-1]), row[-1]) for row in rows]


def get_answers(conn: sqlite3.Connection, reflection_id: str) -> list[Answer]:
    rows = conn.execute(
        f"SELECT {listed(ANSWER_COLUMNS)} FROM answers WHERE reflection_id = ? ORDER BY position, rowid",
        [reflection_id],
    ).fetchall()
    return [answer_from_row(row) for row in rows]


def get_answer(conn: sqlite3.Connection, answer_id: str) -> Answer | None:
    row = conn.execute(f"SELECT {listed(ANSWER_COLUMNS)} FROM answers WHERE id = ?", [answer_id]).fetchone()
    return answer_from_row(row) if row else None


def correct_answer(conn: sqlite3.Connection, answer: Answer, text: str) -> Correction:
    """Replace an answer's text (empty removes it), leaving no copy of the old text in the store.

    answer is the copy the person corrected; if the stored answer changed since, StaleEditError.
    A commitment made from the answer whose detail is a whole copy of it (as "Make a
    commitment" made them before) is corrected with it. A draft of correcting this answer goes in
    the same transaction (it holds the old text).
    """
    storable(text)
    check(text, FIELDS[("answers", "text")], "The answer")
    with write(conn):
        _check_unchanged(conn, answer.reflection_id, answer.prompt_id, answer)
        conn.execute("UPDATE answers SET text = ?, updated_at = ? WHERE id = ?", [text, now_utc(), answer.id])
        made_from_it = [row[0] for row in conn.execute("SELECT id FROM commitments WHERE answer_id = ?", [answer.id])]
        copies = correct_copied_detail(conn, made_from_it, answer.text, text)
        delete_correction_drafts(conn, "answer", [answer.id])
    return finish_correction(conn, copies)


def set_answer_visibility(conn: sqlite3.Connection, answer_id: str, visibility: Visibility) -> None:
    with write(conn):
        conn.execute(
            "UPDATE answers SET visibility = ?, updated_at = ? WHERE id = ?",
            [visibility.value, now_utc(), answer_id],
        )


def count_reflections(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM reflections").fetchone()[0]
