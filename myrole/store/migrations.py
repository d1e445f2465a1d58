"""Provides the schema, only through the sqlite-utils migration set named 'myrole'."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from myrole.store.versions import MIGRATION_SET

migrations = Migrations(MIGRATION_SET)


@migrations(name="m001_initial")
def m001_initial(db: Database) -> None:
    for statement in INITIAL_SCHEMA:
        db.execute(statement)


INITIAL_SCHEMA = (
    """CREATE TABLE profile (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT '',
        organisation TEXT NOT NULL DEFAULT '',
        manager_name TEXT NOT NULL DEFAULT '',
        default_cadence TEXT NOT NULL DEFAULT 'fortnightly',
        onboarded INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE reflections (
        id TEXT PRIMARY KEY,
        pack_id TEXT NOT NULL,
        pack_version TEXT NOT NULL,
        pack_title TEXT NOT NULL,
        context TEXT NOT NULL CHECK (context IN ('self', 'one-to-one', 'event')),
        topic TEXT NOT NULL DEFAULT '',
        started_at TEXT NOT NULL,
        finished_at TEXT,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE answers (
        id TEXT PRIMARY KEY,
        reflection_id TEXT NOT NULL REFERENCES reflections(id) ON DELETE CASCADE,
        prompt_id TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        lens TEXT NOT NULL,
        mode TEXT NOT NULL,
        prompt_text TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        visibility TEXT NOT NULL DEFAULT 'private'
            CHECK (visibility IN ('private', 'manager', 'alliance')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (reflection_id, prompt_id)
    )""",
    """CREATE TABLE commitments (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        lens TEXT NOT NULL,
        mode TEXT NOT NULL,
        reflection_id TEXT REFERENCES reflections(id) ON DELETE SET NULL,
        answer_id TEXT REFERENCES answers(id) ON DELETE SET NULL,
        first_step TEXT NOT NULL DEFAULT '',
        success TEXT NOT NULL DEFAULT '',
        support TEXT NOT NULL DEFAULT '',
        target_date TEXT,
        cadence TEXT NOT NULL DEFAULT 'fortnightly',
        status TEXT NOT NULL DEFAULT 'active'
            CHECK (status IN ('active', 'paused', 'done', 'dropped')),
        status_reason TEXT NOT NULL DEFAULT '',
        paused_until TEXT,
        snoozed_until TEXT,
        visibility TEXT NOT NULL DEFAULT 'private'
            CHECK (visibility IN ('private', 'manager', 'alliance')),
        tags TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
    )""",
    """CREATE TABLE commitment_events (
        id INTEGER PRIMARY KEY,
        commitment_id TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT,
        reason TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE checkins (
        id TEXT PRIMARY KEY,
        commitment_id TEXT NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        on_date TEXT NOT NULL,
        progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 4),
        note TEXT NOT NULL DEFAULT '',
        barriers TEXT NOT NULL DEFAULT '',
        next_step TEXT NOT NULL DEFAULT '',
        confidence INTEGER NOT NULL CHECK (confidence BETWEEN 1 AND 5),
        visibility TEXT NOT NULL DEFAULT 'private'
            CHECK (visibility IN ('private', 'manager', 'alliance'))
    )""",
    "CREATE INDEX answers_by_reflection ON answers (reflection_id)",
    "CREATE INDEX checkins_by_commitment ON checkins (commitment_id, on_date)",
    "CREATE INDEX events_by_commitment ON commitment_events (commitment_id)",
    "CREATE INDEX commitments_by_status ON commitments (status)",
)


@migrations(name="m002_one_to_ones")
def m002_one_to_ones(db: Database) -> None:
    for statement in ONE_TO_ONE_SCHEMA:
        db.execute(statement)


ONE_TO_ONE_SCHEMA = (
    """CREATE TABLE one_to_ones (
        id TEXT PRIMARY KEY,
        held_on TEXT NOT NULL,
        manager_name TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'agreed')),
        agreed_at TEXT,
        next_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
    )""",
    """CREATE TABLE one_to_one_items (
        id TEXT PRIMARY KEY,
        one_to_one_id TEXT NOT NULL REFERENCES one_to_ones(id) ON DELETE CASCADE,
        kind TEXT NOT NULL
            CHECK (kind IN ('talking-point', 'support-request', 'note', 'agreed-action')),
        text TEXT NOT NULL,
        visibility TEXT NOT NULL DEFAULT 'manager'
            CHECK (visibility IN ('private', 'manager', 'alliance')),
        closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
        carried_from TEXT REFERENCES one_to_one_items(id) ON DELETE SET NULL,
        commitment_id TEXT REFERENCES commitments(id) ON DELETE SET NULL,
        correction INTEGER NOT NULL DEFAULT 0 CHECK (correction IN (0, 1)),
        created_at TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX one_to_ones_by_date ON one_to_ones (status, held_on)",
    "CREATE INDEX items_by_one_to_one ON one_to_one_items (one_to_one_id, position)",
)


@migrations(name="m003_drafts")
def m003_drafts(db: Database) -> None:
    for statement in DRAFTS_SCHEMA:
        db.execute(statement)


# What a person has typed into a form and not yet saved: one row per form and the record it edits.
DRAFTS_SCHEMA = (
    """CREATE TABLE drafts (
        form TEXT NOT NULL,
        record TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        fields TEXT NOT NULL DEFAULT '{}',
        context TEXT NOT NULL DEFAULT '{}',
        saved_at TEXT NOT NULL,
        PRIMARY KEY (form, record)
    )""",
)


@migrations(name="m004_events")
def m004_events(db: Database) -> None:
    """Events and their topics; the event and topic a reflection or commitment was made at; the random
    keys that let an alliance export count one person and one commitment without naming either."""
    import secrets

    for statement in EVENTS_SCHEMA:
        db.execute(statement)
    for (commitment_id,) in db.execute("SELECT id FROM commitments").fetchall():
        db.execute("UPDATE commitments SET share_key = ? WHERE id = ?", [secrets.token_hex(16), commitment_id])
    db.execute("INSERT INTO submitter (id, key, made_at) VALUES (1, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
               [secrets.token_hex(16)])


EVENTS_SCHEMA = (
    """CREATE TABLE events (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        held_on TEXT NOT NULL,
        collective TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL
    )""",
    """CREATE TABLE event_topics (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        title TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (event_id, id)
    )""",
    # One row: the anonymous key an alliance export carries for this store (docs/export-format.md).
    """CREATE TABLE submitter (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        key TEXT NOT NULL,
        made_at TEXT NOT NULL
    )""",
    "ALTER TABLE reflections ADD COLUMN event_id TEXT",
    "ALTER TABLE reflections ADD COLUMN topic_id TEXT",
    "ALTER TABLE commitments ADD COLUMN event_id TEXT",
    "ALTER TABLE commitments ADD COLUMN topic_id TEXT",
    # A random key per commitment for the alliance export (never its id); set when it is saved.
    "ALTER TABLE commitments ADD COLUMN share_key TEXT NOT NULL DEFAULT ''",
)


@migrations(name="m005_reflection_lens")
def m005_reflection_lens(db: Database) -> None:
    for statement in REFLECTION_LENS_SCHEMA:
        db.execute(statement)


# The lenses and modes a person tagged a reflection with (at the end of a reflection model such as
# Gibbs, whose steps carry none): one row per lens and mode, which the coverage map counts.
REFLECTION_LENS_SCHEMA = (
    """CREATE TABLE reflection_lenses (
        reflection_id TEXT NOT NULL REFERENCES reflections(id) ON DELETE CASCADE,
        lens TEXT NOT NULL
            CHECK (lens IN ('self', 'patients', 'services', 'communities', 'systems', 'future')),
        mode TEXT NOT NULL CHECK (mode IN ('awareness', 'action', 'advocacy')),
        PRIMARY KEY (reflection_id, lens, mode)
    )""",
)


@migrations(name="m006_search")
def m006_search(db: Database) -> None:
    from myrole.store.search import SEARCH_SCHEMA

    for statement in SEARCH_SCHEMA:
        db.execute(statement)


@migrations(name="m007_cpd")
def m007_cpd(db: Database) -> None:
    for statement in CPD_SCHEMA:
        db.execute(statement)


# Revalidation (store/cpd.py): a reflection's CPD details, the NMC written reflective account made
# from it, and the person's revalidation date, HCPC summary of practice and chosen statement items.
CPD_SCHEMA = (
    """CREATE TABLE cpd_details (
        reflection_id TEXT PRIMARY KEY REFERENCES reflections(id) ON DELETE CASCADE,
        on_date TEXT NOT NULL,
        minutes INTEGER NOT NULL DEFAULT 0 CHECK (minutes BETWEEN 0 AND 60000),
        participatory INTEGER NOT NULL DEFAULT 0 CHECK (participatory IN (0, 1)),
        kind TEXT NOT NULL DEFAULT 'work-based'
            CHECK (kind IN ('work-based', 'professional', 'formal', 'self-directed', 'other')),
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE nmc_accounts (
        reflection_id TEXT PRIMARY KEY REFERENCES reflections(id) ON DELETE CASCADE,
        nature TEXT NOT NULL DEFAULT '',
        learnt TEXT NOT NULL DEFAULT '',
        changed TEXT NOT NULL DEFAULT '',
        code TEXT NOT NULL DEFAULT '',
        prioritise_people INTEGER NOT NULL DEFAULT 0 CHECK (prioritise_people IN (0, 1)),
        practise_effectively INTEGER NOT NULL DEFAULT 0 CHECK (practise_effectively IN (0, 1)),
        preserve_safety INTEGER NOT NULL DEFAULT 0 CHECK (preserve_safety IN (0, 1)),
        promote_professionalism INTEGER NOT NULL DEFAULT 0 CHECK (promote_professionalism IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE revalidation (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        revalidation_date TEXT,
        hcpc_summary TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE hcpc_statement_items (
        id TEXT PRIMARY KEY,
        reflection_id TEXT UNIQUE REFERENCES reflections(id) ON DELETE CASCADE,
        commitment_id TEXT UNIQUE REFERENCES commitments(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        what TEXT NOT NULL DEFAULT '',
        learnt TEXT NOT NULL DEFAULT '',
        improved TEXT NOT NULL DEFAULT '',
        benefited TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        CHECK ((reflection_id IS NULL) != (commitment_id IS NULL))
    )""",
)


@migrations(name="m008_search_reasons")
def m008_search_reasons(db: Database) -> None:
    """The reasons a person gave for pausing, resuming, reopening, finishing, dropping or changing the plan of a
    commitment (its history's own words) in the search index, as m006_search put everything else there."""
    from myrole.store.search import REASONS_SCHEMA

    for statement in REASONS_SCHEMA:
        db.execute(statement)
