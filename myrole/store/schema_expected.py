"""Provides the schema (sqlite_master rows) each migration level makes; GENERATED, do not edit.

Regenerate after adding or changing a migration, from the repository's root:

    python -m myrole.store.schema_check

tests/reliability/test_restore_schema.py fails while this file differs from what the
migrations make. LEVELS[i] is (the name of migration i + 1, the rows after the first i + 1
migrations), each row (type, name, tbl_name, sql) normalised by schema_check.normalise.
"""

LEVELS = (
    ('m001_initial', (
        ('index', 'answers_by_reflection', 'answers', 'CREATE INDEX answers_by_reflection ON answers(reflection_id)'),
        ('index', 'checkins_by_commitment', 'checkins', 'CREATE INDEX checkins_by_commitment ON checkins(commitment_id,on_date)'),
        ('index', 'commitments_by_status', 'commitments', 'CREATE INDEX commitments_by_status ON commitments(status)'),
        ('index', 'events_by_commitment', 'commitment_events', 'CREATE INDEX events_by_commitment ON commitment_events(commitment_id)'),
        ('index', 'idx__sqlite_migrations_migration_set_name', '_sqlite_migrations', 'CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name" ON "_sqlite_migrations"("migration_set","name")'),
        ('index', 'sqlite_autoindex_answers_1', 'answers', None),
        ('index', 'sqlite_autoindex_answers_2', 'answers', None),
        ('index', 'sqlite_autoindex_checkins_1', 'checkins', None),
        ('index', 'sqlite_autoindex_commitments_1', 'commitments', None),
        ('index', 'sqlite_autoindex_reflections_1', 'reflections', None),
        ('table', '_sqlite_migrations', '_sqlite_migrations', 'CREATE TABLE "_sqlite_migrations"("id" INTEGER PRIMARY KEY,"migration_set" TEXT,"name" TEXT,"applied_at" TEXT)'),
        ('table', 'answers', 'answers', "CREATE TABLE answers(id TEXT PRIMARY KEY,reflection_id TEXT NOT NULL REFERENCES reflections(id)ON DELETE CASCADE,prompt_id TEXT NOT NULL,position INTEGER NOT NULL DEFAULT 0,lens TEXT NOT NULL,mode TEXT NOT NULL,prompt_text TEXT NOT NULL,text TEXT NOT NULL DEFAULT '',visibility TEXT NOT NULL DEFAULT 'private' CHECK(visibility IN('private','manager','alliance')),created_at TEXT NOT NULL,updated_at TEXT NOT NULL,UNIQUE(reflection_id,prompt_id))"),
        ('table', 'checkins', 'checkins', "CREATE TABLE checkins(id TEXT PRIMARY KEY,commitment_id TEXT NOT NULL REFERENCES commitments(id)ON DELETE CASCADE,at TEXT NOT NULL,on_date TEXT NOT NULL,progress INTEGER NOT NULL CHECK(progress BETWEEN 0 AND 4),note TEXT NOT NULL DEFAULT '',barriers TEXT NOT NULL DEFAULT '',next_step TEXT NOT NULL DEFAULT '',confidence INTEGER NOT NULL CHECK(confidence BETWEEN 1 AND 5),visibility TEXT NOT NULL DEFAULT 'private' CHECK(visibility IN('private','manager','alliance')))"),
        ('table', 'commitment_events', 'commitment_events', "CREATE TABLE commitment_events(id INTEGER PRIMARY KEY,commitment_id TEXT NOT NULL REFERENCES commitments(id)ON DELETE CASCADE,at TEXT NOT NULL,kind TEXT NOT NULL,from_status TEXT,to_status TEXT,reason TEXT NOT NULL DEFAULT '')"),
        ('table', 'commitments', 'commitments', "CREATE TABLE commitments(id TEXT PRIMARY KEY,title TEXT NOT NULL,detail TEXT NOT NULL DEFAULT '',lens TEXT NOT NULL,mode TEXT NOT NULL,reflection_id TEXT REFERENCES reflections(id)ON DELETE SET NULL,answer_id TEXT REFERENCES answers(id)ON DELETE SET NULL,first_step TEXT NOT NULL DEFAULT '',success TEXT NOT NULL DEFAULT '',support TEXT NOT NULL DEFAULT '',target_date TEXT,cadence TEXT NOT NULL DEFAULT 'fortnightly',status TEXT NOT NULL DEFAULT 'active' CHECK(status IN('active','paused','done','dropped')),status_reason TEXT NOT NULL DEFAULT '',paused_until TEXT,snoozed_until TEXT,visibility TEXT NOT NULL DEFAULT 'private' CHECK(visibility IN('private','manager','alliance')),tags TEXT NOT NULL DEFAULT '[]',created_at TEXT NOT NULL,updated_at TEXT NOT NULL,version INTEGER NOT NULL DEFAULT 1)"),
        ('table', 'profile', 'profile', "CREATE TABLE profile(id INTEGER PRIMARY KEY CHECK(id = 1),name TEXT NOT NULL DEFAULT '',role TEXT NOT NULL DEFAULT '',organisation TEXT NOT NULL DEFAULT '',manager_name TEXT NOT NULL DEFAULT '',default_cadence TEXT NOT NULL DEFAULT 'fortnightly',onboarded INTEGER NOT NULL DEFAULT 0,updated_at TEXT NOT NULL)"),
        ('table', 'reflections', 'reflections', "CREATE TABLE reflections(id TEXT PRIMARY KEY,pack_id TEXT NOT NULL,pack_version TEXT NOT NULL,pack_title TEXT NOT NULL,context TEXT NOT NULL CHECK(context IN('self','one-to-one','event')),topic TEXT NOT NULL DEFAULT '',started_at TEXT NOT NULL,finished_at TEXT,position INTEGER NOT NULL DEFAULT 0)"),
    )),
    ('m002_one_to_ones', (
        ('index', 'answers_by_reflection', 'answers', 'CREATE INDEX answers_by_reflection ON answers(reflection_id)'),
        ('index', 'checkins_by_commitment', 'checkins', 'CREATE INDEX checkins_by_commitment ON checkins(commitment_id,on_date)'),
        ('index', 'commitments_by_status', 'commitments', 'CREATE INDEX commitments_by_status ON commitments(status)'),
        ('index', 'events_by_commitment', 'commitment_events', 'CREATE INDEX events_by_commitment ON commitment_events(commitment_id)'),
        ('index', 'idx__sqlite_migrations_migration_set_name', '_sqlite_migrations', 'CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name" ON "_sqlite_migrations"("migration_set","name")'),
        ('index', 'items_by_one_to_one', 'one_to_one_items', 'CREATE INDEX items_by_one_to_one ON one_to_one_items(one_to_one_id,position)'),
        ('index', 'one_to_ones_by_date', 'one_to_ones', 'CREATE INDEX one_to_ones_by_date ON one_to_ones(status,held_on)'),
        ('index', 'sqlite_autoindex_answers_1', 'answers', None),
        ('index', 'sqlite_autoindex_answers_2', 'answers', None),
        ('index', 'sqlite_autoindex_checkins_1', 'checkins', None),
        ('index', 'sqlite_autoindex_commitments_1', 'commitments', None),
        ('index', 'sqlite_autoindex_one_to_one_items_1', 'one_to_one_items', None),
        ('index', 'sqlite_autoindex_one_to_ones_1', 'one_to_ones', None),
        ('index', 'sqlite_autoindex_reflections_1', 'reflections', None),
        ('table', '_sqlite_migrations', '_sqlite_migrations', 'CREATE TABLE "_sqlite_migrations"("id" INTEGER PRIMARY KEY,"migration_set" TEXT,"name" TEXT,"applied_at" TEXT)'),
        ('table', 'answers', 'answers', "CREATE TABLE answers(id TEXT PRIMARY KEY,reflection_id TEXT NOT NULL REFERENCES reflections(id)ON DELETE CASCADE,prompt_id TEXT NOT NULL,position INTEGER NOT NULL DEFAULT 0,lens TEXT NOT NULL,mode TEXT NOT NULL,prompt_text TEXT NOT NULL,text TEXT NOT NULL DEFAULT '',visibility TEXT NOT NULL DEFAULT 'private' CHECK(visibility IN('private','manager','alliance')),created_at TEXT NOT NULL,updated_at TEXT NOT NULL,UNIQUE(reflection_id,prompt_id))"),
        ('table', 'checkins', 'checkins', "CREATE TABLE checkins(id TEXT PRIMARY KEY,commitment_id TEXT NOT NULL REFERENCES commitments(id)ON DELETE CASCADE,at TEXT NOT NULL,on_date TEXT NOT NULL,progress INTEGER NOT NULL CHECK(progress BETWEEN 0 AND 4),note TEXT NOT NULL DEFAULT '',barriers TEXT NOT NULL DEFAULT '',next_step TEXT NOT NULL DEFAULT '',confidence INTEGER NOT NULL CHECK(confidence BETWEEN 1 AND 5),visibility TEXT NOT NULL DEFAULT 'private' CHECK(visibility IN('private','manager','alliance')))"),
        ('table', 'commitment_events', 'commitment_events', "CREATE TABLE commitment_events(id INTEGER PRIMARY KEY,commitment_id TEXT NOT NULL REFERENCES commitments(id)ON DELETE CASCADE,at TEXT NOT NULL,kind TEXT NOT NULL,from_status TEXT,to_status TEXT,reason TEXT NOT NULL DEFAULT '')"),
        ('table', 'commitments', 'commitments', "CREATE TABLE commitments(id TEXT PRIMARY KEY,title TEXT NOT NULL,detail TEXT NOT NULL DEFAULT '',lens TEXT NOT NULL,mode TEXT NOT NULL,reflection_id TEXT REFERENCES reflections(id)ON DELETE SET NULL,answer_id TEXT REFERENCES answers(id)ON DELETE SET NULL,first_step TEXT NOT NULL DEFAULT '',success TEXT NOT NULL DEFAULT '',support TEXT NOT NULL DEFAULT '',target_date TEXT,cadence TEXT NOT NULL DEFAULT 'fortnightly',status TEXT NOT NULL DEFAULT 'active' CHECK(status IN('active','paused','done','dropped')),status_reason TEXT NOT NULL DEFAULT '',paused_until TEXT,snoozed_until TEXT,visibility TEXT NOT NULL DEFAULT 'private' CHECK(visibility IN('private','manager','alliance')),tags TEXT NOT NULL DEFAULT '[]',created_at TEXT NOT NULL,updated_at TEXT NOT NULL,version INTEGER NOT NULL DEFAULT 1)"),
        ('table', 'one_to_one_items', 'one_to_one_items', "CREATE TABLE one_to_one_items(id TEXT PRIMARY KEY,one_to_one_id TEXT NOT NULL REFERENCES one_to_ones(id)ON DELETE CASCADE,kind TEXT NOT NULL CHECK(kind IN('talking-point','support-request','note','agreed-action')),text TEXT NOT NULL,visibility TEXT NOT NULL DEFAULT 'manager' CHECK(visibility IN('private','manager','alliance')),closed INTEGER NOT NULL DEFAULT 0 CHECK(closed IN(0,1)),carried_from TEXT REFERENCES one_to_one_items(id)ON DELETE SET NULL,commitment_id TEXT REFERENCES commitments(id)ON DELETE SET NULL,correction INTEGER NOT NULL DEFAULT 0 CHECK(correction IN(0,1)),created_at TEXT NOT NULL,position INTEGER NOT NULL DEFAULT 0)"),
        ('table', 'one_to_ones', 'one_to_ones', "CREATE TABLE one_to_ones(id TEXT PRIMARY KEY,held_on TEXT NOT NULL,manager_name TEXT NOT NULL DEFAULT '',status TEXT NOT NULL DEFAULT 'draft' CHECK(status IN('draft','agreed')),agreed_at TEXT,next_on TEXT,created_at TEXT NOT NULL,updated_at TEXT NOT NULL,version INTEGER NOT NULL DEFAULT 1)"),
        ('table', 'profile', 'profile', "CREATE TABLE profile(id INTEGER PRIMARY KEY CHECK(id = 1),name TEXT NOT NULL DEFAULT '',role TEXT NOT NULL DEFAULT '',organisation TEXT NOT NULL DEFAULT '',manager_name TEXT NOT NULL DEFAULT '',default_cadence TEXT NOT NULL DEFAULT 'fortnightly',onboarded INTEGER NOT NULL DEFAULT 0,updated_at TEXT NOT NULL)"),
        ('table', 'reflections', 'reflections', "CREATE TABLE reflections(id TEXT PRIMARY KEY,pack_id TEXT NOT NULL,pack_version TEXT NOT NULL,pack_title TEXT NOT NULL,context TEXT NOT NULL CHECK(context IN('self','one-to-one','event')),topic TEXT NOT NULL DEFAULT '',started_at TEXT NOT NULL,finished_at TEXT,position INTEGER NOT NULL DEFAULT 0)"),
    )),
    ('m003_drafts', (
        ('index', 'answers_by_reflection', 'answers', 'CREATE INDEX answers_by_reflection ON answers(reflection_id)'),
        ('index', 'checkins_by_commitment', 'checkins', 'CREATE INDEX checkins_by_commitment ON checkins(commitment_id,on_date)'),
        ('index', 'commitments_by_status', 'commitments', 'CREATE INDEX commitments_by_status ON commitments(status)'),
        ('index', 'events_by_commitment', 'commitment_events', 'CREATE INDEX events_by_commitment ON commitment_events(commitment_id)'),
        ('index', 'idx__sqlite_migrations_migration_set_name', '_sqlite_migrations', 'CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name" ON "_sqlite_migrations"("migration_set","name")'),
        ('index', 'items_by_one_to_one', 'one_to_one_items', 'CREATE INDEX items_by_one_to_one ON one_to_one_items(one_to_one_id,position)'),
        ('index', 'one_to_ones_by_date', 'one_to_ones', 'CREATE INDEX one_to_ones_by_date ON one_to_ones(status,held_on)'),
        ('index', 'sqlite_autoindex_answers_1', 'answers', None),
        ('index', 'sqlite_autoindex_answers_2', 'answers', None),
        ('index', 'sqlite_autoindex_checkins_1', 'checkins', None),
        ('index', 'sqlite_autoindex_commitments_1', 'commitments', None),
        ('index', 'sqlite_autoindex_drafts_1', 'drafts', None),
        ('index', 'sqlite_autoindex_one_to_one_items_1', 'one_to_one_items', None),
        ('index', 'sqlite_autoindex_one_to_ones_1', 'one_to_ones', None),
        ('index', 'sqlite_autoindex_reflections_1', 'reflections', None),
        ('table', '_sqlite_migrations', '_sqlite_migrations', 'CREATE TABLE "_sqlite_migrations"("id" INTEGER PRIMARY KEY,"migration_set" TEXT,"name" TEXT,"applied_at" TEXT)'),
        ('table', 'answers', 'answers', "CREATE TABLE answers(id TEXT PRIMARY KEY,reflection_id TEXT NOT NULL REFERENCES reflections(id)ON DELETE CASCADE,prompt_id TEXT NOT NULL,position INTEGER NOT NULL DEFAULT 0,lens TEXT NOT NULL,mode TEXT NOT NULL,prompt_text TEXT NOT NULL,text TEXT NOT NULL DEFAULT '',visibility TEXT NOT NULL DEFAULT 'private' CHECK(visibility IN('private','manager','alliance')),created_at TEXT NOT NULL,updated_at TEXT NOT NULL,UNIQUE(reflection_id,prompt_id))"),
        ('table', 'checkins', 'checkins', "CREATE TABLE checkins(id TEXT PRIMARY KEY,commitment_id TEXT NOT NULL REFERENCES commitments(id)ON DELETE CASCADE,at TEXT NOT NULL,on_date TEXT NOT NULL,progress INTEGER NOT NULL CHECK(progress BETWEEN 0 AND 4),note TEXT NOT NULL DEFAULT '',barriers TEXT NOT NULL DEFAULT '',next_step TEXT NOT NULL DEFAULT '',confidence INTEGER NOT NULL CHECK(confidence BETWEEN 1 AND 5),visibility TEXT NOT NULL DEFAULT 'private' CHECK(visibility IN('private','manager','alliance')))"),
        ('table', 'commitment_events', 'commitment_events', "CREATE TABLE commitment_events(id INTEGER PRIMARY KEY,commitment_id TEXT NOT NULL REFERENCES commitments(id)ON DELETE CASCADE,at TEXT NOT NULL,kind TEXT NOT NULL,from_status TEXT,to_status TEXT,reason TEXT NOT NULL DEFAULT '')"),
        ('table', 'commitments', 'commitments', "CREATE TABLE commitments(id TEXT PRIMARY KEY,title TEXT NOT NULL,detail TEXT NOT NULL DEFAULT '',lens TEXT NOT NULL,mode TEXT NOT NULL,reflection_id TEXT REFERENCES reflections(id)ON DELETE SET NULL,answer_id TEXT REFERENCES answers(id)ON DELETE SET NULL,first_step TEXT NOT NULL DEFAULT '',success TEXT NOT NULL DEFAULT '',support TEXT NOT NULL DEFAULT '',target_date TEXT,cadence TEXT NOT NULL DEFAULT 'fortnightly',status TEXT NOT NULL DEFAULT 'active' CHECK(status IN('active','paused','done','dropped')),status_reason TEXT NOT NULL DEFAULT '',paused_until TEXT,snoozed_until TEXT,visibility TEXT NOT NULL DEFAULT 'private' CHECK(visibility IN('private','manager','alliance')),tags TEXT NOT NULL DEFAULT '[]',created_at TEXT NOT NULL,updated_at TEXT NOT NULL,version INTEGER NOT NULL DEFAULT 1)"),
        ('table', 'drafts', 'drafts', "CREATE TABLE drafts(form TEXT NOT NULL,record TEXT NOT NULL DEFAULT '',title TEXT NOT NULL DEFAULT '',fields TEXT NOT NULL DEFAULT '{}',context TEXT NOT NULL DEFAULT '{}',saved_at TEXT NOT NULL,PRIMARY KEY(form,record))"),
        ('table', 'one_to_one_items', 'one_to_one_items', "CREATE TABLE one_to_one_items(id TEXT PRIMARY KEY,one_to_one_id TEXT NOT NULL REFERENCES one_to_ones(id)ON DELETE CASCADE,kind TEXT NOT NULL CHECK(kind IN('talking-point','support-request','note','agreed-action')),text TEXT NOT NULL,visibility TEXT NOT NULL DEFAULT 'manager' CHECK(visibility IN('private','manager','alliance')),closed INTEGER NOT NULL DEFAULT 0 CHECK(closed IN(0,1)),carried_from TEXT REFERENCES one_to_one_items(id)ON DELETE SET NULL,commitment_id TEXT REFERENCES commitments(id)ON DELETE SET NULL,correction INTEGER NOT NULL DEFAULT 0 CHECK(correction IN(0,1)),created_at TEXT NOT NULL,position INTEGER NOT NULL DEFAULT 0)"),
        ('table', 'one_to_ones', 'one_to_ones', "CREATE TABLE one_to_ones(id TEXT PRIMARY KEY,held_on TEXT NOT NULL,manager_name TEXT NOT NULL DEFAULT '',status TEXT NOT NULL DEFAULT 'draft' CHECK(status IN('draft','agreed')),agreed_at TEXT,next_on TEXT,created_at TEXT NOT NULL,updated_at TEXT NOT NULL,version INTEGER NOT NULL DEFAULT 1)"),
        ('table', 'profile', 'profile', "CREATE TABLE profile(id INTEGER PRIMARY KEY CHECK(id = 1),name TEXT NOT NULL DEFAULT '',role TEXT NOT NULL DEFAULT '',organisation TEXT NOT NULL DEFAULT '',manager_name TEXT NOT NULL DEFAULT '',default_cadence TEXT NOT NULL DEFAULT 'fortnightly',onboarded INTEGER NOT NULL DEFAULT 0,updated_at TEXT NOT NULL)"),
        ('table', 'reflections', 'reflections', "CREATE TABLE reflections(id TEXT PRIMARY KEY,pack_id TEXT NOT NULL,pack_version TEXT NOT NULL,pack_title TEXT NOT NULL,context TEXT NOT NULL CHECK(context IN('self','one-to-one','event')),topic TEXT NOT NULL DEFAULT '',started_at TEXT NOT NULL,finished_at TEXT,position INTEGER NOT NULL DEFAULT 0)"),
    )),
)
