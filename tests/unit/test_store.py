"""Tests the store: schema from empty, private files, refusing bad stores untouched, and faithful saving."""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from myrole.model import Commitment, Context, Lens, Mode, Prompt, Status, Visibility
from myrole.prompts import load_catalogue
from myrole.store import StaleEditError, StoreError, open_store, write
from myrole.store.commitments import create_commitment, get_commitment, status_history, update_commitment, used_tags
from myrole.store.migrations import MIGRATION_SET, migrations
from myrole.store.versions import MIGRATION_NAMES
from myrole.store.reflections import (
    finish_reflection,
    get_answers,
    get_reflection,
    list_reflections,
    save_answer,
    set_position,
    start_reflection,
    unfinished_reflection,
)

# The tables, columns and indexes each migration adds. m001_initial is never edited; a new
# migration adds its entry here on purpose, so every schema change is a reviewed change.
SCHEMA_BY_MIGRATION = {
    "m001_initial": (
        {
            "profile": ["id", "name", "role", "organisation", "manager_name", "default_cadence",
                        "onboarded", "updated_at"],
            "reflections": ["id", "pack_id", "pack_version", "pack_title", "context", "topic",
                            "started_at", "finished_at", "position"],
            "answers": ["id", "reflection_id", "prompt_id", "position", "lens", "mode",
                        "prompt_text", "text", "visibility", "created_at", "updated_at"],
            "commitments": ["id", "title", "detail", "lens", "mode", "reflection_id", "answer_id",
                            "first_step", "success", "support", "target_date", "cadence", "status",
                            "status_reason", "paused_until", "snoozed_until", "visibility", "tags",
                            "created_at", "updated_at", "version"],
            "commitment_events": ["id", "commitment_id", "at", "kind", "from_status", "to_status",
                                  "reason"],
            "checkins": ["id", "commitment_id", "at", "on_date", "progress", "note", "barriers",
                         "next_step", "confidence", "visibility"],
            "_sqlite_migrations": ["id", "migration_set", "name", "applied_at"],
        },
        {"answers_by_reflection", "checkins_by_commitment", "events_by_commitment",
         "commitments_by_status", "idx__sqlite_migrations_migration_set_name"},
    ),
    "m002_one_to_ones": (
        {
            "one_to_ones": ["id", "held_on", "manager_name", "status", "agreed_at", "next_on",
                            "created_at", "updated_at", "version"],
            "one_to_one_items": ["id", "one_to_one_id", "kind", "text", "visibility", "closed",
                                 "carried_from", "commitment_id", "correction", "created_at",
                                 "position"],
        },
        {"one_to_ones_by_date", "items_by_one_to_one"},
    ),
    "m003_drafts": (
        {"drafts": ["form", "record", "title", "fields", "context", "saved_at"]},
        set(),
    ),
    "m004_events": (  # adds tables, and columns at the end of reflections and commitments
        {
            "events": ["id", "name", "held_on", "collective", "added_at"],
            "event_topics": ["event_id", "id", "title", "position"],
            "submitter": ["id", "key", "made_at"],
            "reflections": ["id", "pack_id", "pack_version", "pack_title", "context", "topic", "started_at",
                            "finished_at", "position", "event_id", "topic_id"],
            "commitments": ["id", "title", "detail", "lens", "mode", "reflection_id", "answer_id",
                            "first_step", "success", "support", "target_date", "cadence", "status",
                            "status_reason", "paused_until", "snoozed_until", "visibility", "tags",
                            "created_at", "updated_at", "version", "event_id", "topic_id", "share_key"],
        },
        set(),
    ),
    "m005_reflection_lens": (
        {"reflection_lenses": ["reflection_id", "lens", "mode"]},
        set(),
    ),
    "m006_search": (  # FTS5's table and the shadow tables it keeps (docs/search.md)
        {
            "search_index": ["text"],
            "search_index_data": ["id", "block"],
            "search_index_idx": ["segid", "term", "pgno"],
            "search_index_docsize": ["id", "sz"],
            "search_index_config": ["k", "v"],
        },
        set(),
    ),
    "m007_cpd": (
        {
            "cpd_details": ["reflection_id", "on_date", "minutes", "participatory", "kind", "updated_at"],
            "nmc_accounts": ["reflection_id", "nature", "learnt", "changed", "code", "prioritise_people",
                             "practise_effectively", "preserve_safety", "promote_professionalism", "created_at",
                             "updated_at"],
            "revalidation": ["id", "revalidation_date", "hcpc_summary", "updated_at"],
            "hcpc_statement_items": ["id", "reflection_id", "commitment_id", "position", "what", "learnt",
                                     "improved", "benefited", "evidence", "updated_at"],
        },
        set(),
    ),
    "m008_search_reasons": ({}, set()),  # only triggers: a commitment's reasons in the search index
}
CURRENT_MIGRATIONS = list(SCHEMA_BY_MIGRATION)
CURRENT_COLUMNS = {table: cols for tables, _ in SCHEMA_BY_MIGRATION.values() for table, cols in tables.items()}
CURRENT_INDEXES = set().union(*(indexes for _, indexes in SCHEMA_BY_MIGRATION.values()))

HOSTILE_TEXTS = [
    "👩🏽‍⚕️ and 👨‍👩‍👧‍👦 (emoji joined with ZWJ)",
    "e\u0301 n\u0303 a\u0308\u0304 (combining marks)",
    "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd (right to left) \u202eevil\u202c",
    "[b]x[/b] [bold red]y[/] <b>z</b> **w**",
    "'); DROP TABLE answers;--",
    "line one\nline two\r\n\ttabbed\x00nul\x1b[31mred\x07",
    "",
]


def columns(db: sqlite3.Connection | Database, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def indexes(db: sqlite3.Connection | Database) -> set[str]:
    return {row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")}


def user_tables(db: sqlite3.Connection | Database) -> set[str]:
    return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_")}


def snapshot(path: Path) -> tuple[bytes, int, int]:
    info = path.stat()
    return path.read_bytes(), info.st_mtime_ns, info.st_ino


@pytest.fixture
def core():
    pack = load_catalogue().get("core")
    assert pack is not None
    return pack


@pytest.fixture
def reflection(db, core):
    return start_reflection(db, core, Context.SELF)


# -- schema -----------------------------------------------------------------------------


def test_first_migration_from_empty_gives_exact_tables_and_columns(tmp_path):
    db = Database(tmp_path / "empty.db")
    later = [m.name for m in migrations.pending(db)][1:]
    migrations.apply(db, stop_before=later or None)
    m001_tables, m001_indexes = SCHEMA_BY_MIGRATION["m001_initial"]
    assert user_tables(db) == set(m001_tables)
    for table, expected in m001_tables.items():
        assert columns(db, table) == expected, table
    assert indexes(db) == m001_indexes
    db.close()


def test_every_migration_this_version_knows_is_listed_here():
    assert [m.name for m in migrations.pending(Database(memory=True))] == CURRENT_MIGRATIONS


def test_the_quick_list_of_migration_names_matches_the_registered_set():
    # opening an up-to-date store trusts MIGRATION_NAMES instead of loading sqlite-utils
    assert list(MIGRATION_NAMES) == [m.name for m in migrations.pending(Database(memory=True))]


def test_open_store_from_empty_gives_the_current_schema(paths):
    db = open_store(paths)
    assert user_tables(db) == set(CURRENT_COLUMNS)
    for table, expected in CURRENT_COLUMNS.items():
        assert columns(db, table) == expected, table
    assert indexes(db) == CURRENT_INDEXES
    db.close()


def test_migrations_are_recorded_in_the_myrole_set(db):
    assert MIGRATION_SET == "myrole"
    rows = db.execute("SELECT migration_set, name FROM _sqlite_migrations ORDER BY rowid").fetchall()
    assert rows == [("myrole", name) for name in CURRENT_MIGRATIONS]
    assert migrations.pending(Database(db)) == []


def test_reopening_applies_nothing_twice(paths):
    open_store(paths).close()
    db = open_store(paths)
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(CURRENT_MIGRATIONS)
    assert not paths.backups.exists()  # nothing was pending, so no backup was needed
    db.close()


def test_connection_pragmas(db):
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] > 0


# -- private files ----------------------------------------------------------------------


def test_folder_is_0700_and_files_0600_even_with_a_loose_umask(paths):
    old = os.umask(0o022)
    try:
        db = open_store(paths)
        save_answer(db, start_reflection(db, load_catalogue().get("core"), Context.SELF).id,
                    load_catalogue().get("core").prompts[0], "x", Visibility.PRIVATE)
    finally:
        os.umask(old)
    assert stat.S_IMODE(paths.data.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.store.stat().st_mode) == 0o600
    for suffix in ("-wal", "-shm"):
        side = Path(f"{paths.store}{suffix}")
        if side.exists():
            assert stat.S_IMODE(side.stat().st_mode) == 0o600, suffix
    db.close()


def test_an_existing_loose_folder_is_made_private(paths):
    paths.data.mkdir(parents=True, mode=0o755)
    os.chmod(paths.data, 0o755)
    open_store(paths).close()
    assert stat.S_IMODE(paths.data.stat().st_mode) == 0o700


def test_open_without_create_does_not_make_a_store(paths):
    with pytest.raises(StoreError, match="no myrole records"):
        open_store(paths, create=False)
    assert not paths.store.exists()


# -- bad stores are refused and left exactly as they were --------------------------------


def _refused(paths) -> StoreError:
    before = snapshot(paths.store)
    with pytest.raises(StoreError) as caught:
        open_store(paths)
    assert snapshot(paths.store) == before, "the store file was changed"
    for suffix in ("-wal", "-shm", "-journal"):
        assert not Path(f"{paths.store}{suffix}").exists(), f"a {suffix} file was left behind"
    message = str(caught.value)
    assert str(paths.store) in message
    assert "Traceback" not in message and "\n" not in message
    return caught.value


def test_a_file_that_is_not_sqlite_is_refused_untouched(paths):
    paths.data.mkdir(parents=True)
    paths.store.write_bytes(b"name,role\nSam,physio\n" * 200)
    error = _refused(paths)
    assert "not an SQLite database" in str(error)


def test_an_empty_file_is_refused_untouched(paths):
    paths.data.mkdir(parents=True)
    paths.store.write_bytes(b"")
    error = _refused(paths)
    assert "not a myrole store" in str(error)
    assert paths.store.stat().st_size == 0


def test_a_damaged_sqlite_file_is_refused_untouched(paths):
    paths.data.mkdir(parents=True)
    paths.store.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080)
    _refused(paths)


def _newer_store(paths, journal_mode: str) -> None:
    open_store(paths).close()
    conn = sqlite3.connect(paths.store)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('myrole', 'm999_from_the_future', '2030-01-01 00:00:00+00:00')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_a_store_from_a_newer_version_is_refused_untouched(paths, journal_mode):
    _newer_store(paths, journal_mode)
    error = _refused(paths)
    assert "newer version of myrole" in str(error)
    assert not paths.backups.exists()


def test_another_tools_migrations_are_not_mistaken_for_newer(paths):
    open_store(paths).close()
    conn = sqlite3.connect(paths.store)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('someone-else', 'their_migration', '2030-01-01')")
    conn.commit()
    conn.close()
    open_store(paths).close()


# -- reflections and answers --------------------------------------------------------------


def test_answer_keeps_a_copy_of_the_prompt_text(db, core, reflection):
    prompt = core.prompts[0]
    saved = save_answer(db, reflection.id, prompt, "My answer", Visibility.MANAGER, 0)
    assert saved.prompt_text == prompt.text
    assert (saved.lens, saved.mode, saved.prompt_id) == (prompt.lens, prompt.mode, prompt.id)
    # The pack is later edited: the stored answer still shows the words that were asked.
    edited = replace(prompt, text="A reworded question")
    save_answer(db, reflection.id, edited, "My answer, revised", Visibility.MANAGER, 0)
    [answer] = get_answers(db, reflection.id)
    assert answer.prompt_text == prompt.text
    assert answer.text == "My answer, revised"


def test_save_answer_upserts_one_row_per_reflection_and_prompt(db, core, reflection):
    prompt = core.prompts[3]
    first = save_answer(db, reflection.id, prompt, "first", Visibility.PRIVATE, 3)
    second = save_answer(db, reflection.id, prompt, "second", Visibility.ALLIANCE, 3)
    assert second.id == first.id
    assert second.created_at == first.created_at
    rows = db.execute("SELECT id, text, visibility FROM answers").fetchall()
    assert rows == [(first.id, "second", "alliance")]


def test_answers_to_different_prompts_come_back_in_order(db, core, reflection):
    for position in (2, 0, 1):
        save_answer(db, reflection.id, core.prompts[position], f"answer {position}", Visibility.PRIVATE, position)
    assert [a.text for a in get_answers(db, reflection.id)] == ["answer 0", "answer 1", "answer 2"]


def test_a_megabyte_answer_round_trips_exactly(db, core, reflection):
    text = ("Ŵelsh ŷ and 中文 and plain words.\n" * 40000)[: 1024 * 1024]
    save_answer(db, reflection.id, core.prompts[0], text, Visibility.PRIVATE)
    [answer] = get_answers(db, reflection.id)
    assert answer.text == text
    assert len(answer.text) == 1024 * 1024


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_any_unicode_and_markup_round_trips_exactly(db, core, reflection, text):
    save_answer(db, reflection.id, core.prompts[0], text, Visibility.PRIVATE)
    [answer] = get_answers(db, reflection.id)
    assert answer.text == text
    assert user_tables(db) == set(CURRENT_COLUMNS)  # nothing was dropped


@pytest.mark.parametrize("text", HOSTILE_TEXTS[:5])
def test_hostile_text_in_a_commitment_and_topic_round_trips(db, core, text):
    reflection = start_reflection(db, core, Context.EVENT, text)
    assert get_reflection(db, reflection.id).topic == text.strip()
    saved = create_commitment(db, Commitment(id="", title=text or "t", detail=text, support=text,
                                             lens=Lens.SYSTEMS, mode=Mode.ADVOCACY, tags=(text,)))
    again = get_commitment(db, saved.id)
    assert (again.title, again.detail, again.support, again.tags) == (text or "t", text, text, (text,))


def test_a_lone_surrogate_is_refused_and_nothing_is_saved(db, core, reflection):
    with pytest.raises(ValueError, match="cannot be saved"):
        save_answer(db, reflection.id, core.prompts[0], "broken \ud83d emoji", Visibility.PRIVATE)
    assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == 0
    with pytest.raises(ValueError):
        create_commitment(db, Commitment(id="", title="ok", detail="\udc00", lens=Lens.SELF, mode=Mode.ACTION))
    assert db.execute("SELECT count(*) FROM commitments").fetchone()[0] == 0
    with pytest.raises(ValueError):
        start_reflection(db, core, Context.EVENT, "topic \ud800")
    assert db.execute("SELECT count(*) FROM reflections").fetchone()[0] == 1


def test_a_lone_surrogate_does_not_replace_a_saved_answer(db, core, reflection):
    save_answer(db, reflection.id, core.prompts[0], "kept", Visibility.PRIVATE)
    with pytest.raises(ValueError):
        save_answer(db, reflection.id, core.prompts[0], "lost \udfff", Visibility.PRIVATE)
    assert [a.text for a in get_answers(db, reflection.id)] == ["kept"]


def test_unfinished_and_finish_reflection(db, core):
    assert unfinished_reflection(db) is None
    older = start_reflection(db, core, Context.SELF)
    newer = start_reflection(db, core, Context.EVENT, "  Open space: housing  ")
    assert newer.topic == "Open space: housing"
    assert unfinished_reflection(db).id == newer.id
    set_position(db, newer.id, 7)
    assert unfinished_reflection(db).position == 7
    finish_reflection(db, newer.id)
    finished_at = get_reflection(db, newer.id).finished_at
    assert finished_at is not None
    assert unfinished_reflection(db).id == older.id
    finish_reflection(db, newer.id)  # finishing twice keeps the first time
    assert get_reflection(db, newer.id).finished_at == finished_at
    finish_reflection(db, older.id)
    assert unfinished_reflection(db) is None
    listed = [(r.id, count) for r, count in list_reflections(db)]
    assert sorted(listed) == sorted([(older.id, 0), (newer.id, 0)])


def test_list_reflections_counts_only_written_answers(db, core, reflection):
    save_answer(db, reflection.id, core.prompts[0], "written", Visibility.PRIVATE, 0)
    save_answer(db, reflection.id, core.prompts[1], "", Visibility.PRIVATE, 1)
    [(listed, count)] = list_reflections(db)
    assert listed.id == reflection.id and count == 1


# -- write transactions ------------------------------------------------------------------


def _titles(conn: sqlite3.Connection) -> list[str]:
    return [title for (title,) in conn.execute("SELECT title FROM commitments ORDER BY title")]


def _commit_then_fail(conn: sqlite3.Connection, *titles: str) -> None:
    """One write that saves a commitment for each title (each in a write of its own inside it), then fails."""
    with write(conn):
        for title in titles:
            with write(conn):
                create_commitment(conn, Commitment(id="", title=title, lens=Lens.SELF, mode=Mode.ACTION))
        raise RuntimeError("the step fails after its inner writes succeeded")


def test_a_failed_write_inside_another_is_undone_alone(db):
    with write(db):
        create_commitment(db, Commitment(id="", title="Kept", lens=Lens.SELF, mode=Mode.ACTION))
        with pytest.raises(RuntimeError):
            _commit_then_fail(db, "Undone")
        assert db.in_transaction  # the outer transaction goes on
    assert _titles(db) == ["Kept"] and not db.in_transaction


def test_a_failed_write_undoes_every_step_inside_it(db):
    with pytest.raises(RuntimeError):
        _commit_then_fail(db, "First", "Second")
    assert _titles(db) == [] and not db.in_transaction


def test_a_statement_outside_a_write_is_saved_at_once_and_holds_no_lock(paths, db):
    """The store's connection never opens a transaction of its own that nothing would end."""
    saved = create_commitment(db, Commitment(id="", title="Before", lens=Lens.SELF, mode=Mode.ACTION))
    db.execute("UPDATE commitments SET title = 'After' WHERE id = ?", [saved.id])
    assert not db.in_transaction
    other = open_store(paths)  # another window
    try:
        assert _titles(other) == ["After"]
        with write(other):  # would wait, then fail, if the first connection still held the write lock
            other.execute("UPDATE commitments SET title = 'Other' WHERE id = ?", [saved.id])
    finally:
        other.close()
    assert _titles(db) == ["Other"]


# -- commitments -------------------------------------------------------------------------


def test_a_stale_edit_of_a_commitment_is_refused(db):
    original = create_commitment(db, Commitment(id="", title="Learn greetings", lens=Lens.SELF, mode=Mode.ACTION))
    window_one = get_commitment(db, original.id)
    window_two = get_commitment(db, original.id)
    saved = update_commitment(db, replace(window_one, title="Learn Urdu greetings"))
    assert saved.version == original.version + 1
    with pytest.raises(StaleEditError, match="changed somewhere else"):
        update_commitment(db, replace(window_two, title="Overwritten?", status=Status.DROPPED))
    current = get_commitment(db, original.id)
    assert (current.title, current.status, current.version) == ("Learn Urdu greetings", Status.ACTIVE, 2)
    assert [event["kind"] for event in status_history(db, original.id)] == ["created", "edited"]


def test_a_commitment_needs_a_title(db):
    with pytest.raises(ValueError, match="title"):
        create_commitment(db, Commitment(id="", title="   ", lens=Lens.SELF, mode=Mode.ACTION))
    assert db.execute("SELECT count(*) FROM commitments").fetchone()[0] == 0


def test_a_commitment_from_an_answer_keeps_its_links(db, core, reflection):
    prompt: Prompt = core.prompts[4]
    answer = save_answer(db, reflection.id, prompt, "Ask about interpreters", Visibility.MANAGER, 4)
    saved = create_commitment(db, Commitment(id="", title="Ask", lens=answer.lens, mode=answer.mode,
                                             reflection_id=reflection.id, answer_id=answer.id))
    again = get_commitment(db, saved.id)
    assert (again.reflection_id, again.answer_id, again.lens, again.mode) == (
        reflection.id, answer.id, prompt.lens, prompt.mode)


def test_used_tags_are_every_commitments_tags_most_used_first(db):
    assert used_tags(db) == []
    for title, tags in [("a", ("falls",)), ("b", ("interpreters", "falls")), ("c", ("falls", "carers")),
                        ("d", ("interpreters",))]:
        create_commitment(db, Commitment(id="", title=title, lens=Lens.SELF, mode=Mode.ACTION, tags=tags))
    assert used_tags(db) == ["falls", "interpreters", "carers"]
