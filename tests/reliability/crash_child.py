"""Provides the process the crash tests kill: it saves records in a loop and reports each commit.

Run as `python crash_child.py HOME MODE`. MODE is `answers`, `checkins`, `import` or `drafts`. After
each committed write it prints the write's sequence number on its own line and flushes, so
the parent knows exactly which writes were committed before it sent SIGKILL. Every record
carries its sequence number in several fields, so a half-written record would show.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import date

from myrole.model import CheckIn, Commitment, Lens, Mode, Prompt, Visibility
from myrole.paths import resolve
from myrole.store import open_store

FILLER = "reflection " * 300  # a few kB, so a write spans more than one page


def answer_text(seq: int) -> str:
    return f"<{seq}>" + FILLER + f"</{seq}>"


def checkin_note(seq: int) -> str:
    return f"check-in {seq} " + FILLER


def report(seq: int) -> None:
    sys.stdout.write(f"{seq}\n")
    sys.stdout.flush()


def next_seq(db, table: str, column: str) -> int:
    row = db.execute(f"SELECT max(CAST({column} AS INTEGER)) FROM {table}").fetchone()
    return (row[0] or 0) + 1


def save_answers(db) -> None:
    from myrole.store.reflections import save_answer, start_reflection
    from myrole.prompts import load_catalogue

    pack = load_catalogue().packs[0]
    found = db.execute("SELECT id FROM reflections ORDER BY rowid LIMIT 1").fetchone()
    reflection_id = found[0] if found else start_reflection(db, pack, pack_context()).id
    has_answers = db.execute("SELECT count(*) FROM answers").fetchone()[0]
    seq = next_seq(db, "answers", "position") if has_answers else 0  # answers are added on even numbers
    while True:
        # Even numbers add a new answer; odd ones rewrite the previous answer whole (an upsert).
        prompt_seq = seq if seq % 2 == 0 else seq - 1
        prompt = Prompt(f"p{prompt_seq}", Lens.SELF, Mode.ACTION, f"prompt {prompt_seq}", "")
        save_answer(db, reflection_id, prompt, answer_text(seq), Visibility.PRIVATE, seq)
        report(seq)
        seq += 1


def pack_context():
    from myrole.model import Context

    return Context.SELF


def save_checkins(db) -> None:
    from myrole.store.checkins import add_checkin
    from myrole.store.commitments import create_commitment, get_commitment

    found = db.execute("SELECT id FROM commitments WHERE title = 'crash test' LIMIT 1").fetchone()
    commitment = (get_commitment(db, found[0]) if found else
                  create_commitment(db, Commitment(id="", title="crash test", lens=Lens.SELF, mode=Mode.ACTION)))
    seq = next_seq(db, "checkins", "barriers")
    while True:
        commitment = get_commitment(db, commitment.id)
        add_checkin(db, commitment, CheckIn(
            id="", commitment_id=commitment.id, at="", on_date=date.today(), progress=seq % 4,
            note=checkin_note(seq), barriers=str(seq), next_step=f"step {seq}"))
        report(seq)
        seq += 1


def draft_fields(seq: int) -> dict[str, str]:
    return {"title": f"<{seq}>", "detail": FILLER + str(seq), "first_step": f"step {seq}"}


def save_drafts(db) -> None:
    """A form's draft rewritten as it is typed (the same row each time), then a second form's."""
    from myrole.store.drafts import Draft, list_drafts, save_draft

    seq = 1 + max((int(d.fields["title"][1:-1]) for d in list_drafts(db)), default=0)
    while True:
        save_draft(db, Draft("commitment", str(seq % 2), "New commitment", draft_fields(seq)))
        report(seq)
        seq += 1


IMPORT_BATCH = 5


def save_imports(db) -> None:
    from myrole.store.commitments import create_commitment
    from myrole.store.connection import apply_migrations
    from myrole.store.merge import merge
    from myrole.store.snapshot import read_contents

    seq = next_seq(db, "commitments", "substr(title, 8, 6)")
    while True:
        source = sqlite3.connect(":memory:")
        apply_migrations(source, resolve().store)
        for item in range(IMPORT_BATCH):
            create_commitment(source, Commitment(
                id="", title=f"import {seq:06d} item {item}", detail=FILLER, lens=Lens.SYSTEMS, mode=Mode.ADVOCACY))
        merge(db, read_contents(source))
        report(seq)
        seq += 1


def main() -> None:
    home, mode = sys.argv[1], sys.argv[2]
    db = open_store(resolve(home))
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    {"answers": save_answers, "checkins": save_checkins, "import": save_imports, "drafts": save_drafts}[mode](db)


if __name__ == "__main__":
    main()
