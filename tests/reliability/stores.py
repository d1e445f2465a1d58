"""Provides stores for the reliability tests: a used store, and each kind of damage done to one."""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from myrole.paths import resolve

PAGE = 4096


def used_store(home: Path, *, backup: bool = False) -> Path:
    """A store holding the demo's realistic data (optionally with a backup beside it), closed cleanly."""
    from myrole.demo import seed
    from myrole.store import open_store
    from myrole.store.backup import backup_beside

    db = open_store(resolve(home))
    seed(db)
    if backup:
        backup_beside(db, resolve(home).store, reason="test")
    db.close()
    return resolve(home).store


def killed_mid_use(home: Path, *, backup: bool = False) -> Path:
    """A store whose last user was killed: its -wal holds committed changes not yet copied back."""
    store = used_store(home, backup=backup)
    script = (
        "import os, signal, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA journal_mode=WAL')\n"
        "c.execute(\"UPDATE answers SET text = text || ' (edited)'\"); c.commit()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(store)], check=False)
    assert Path(f"{store}-wal").stat().st_size > 32
    return store


def not_sqlite(home: Path, rng: random.Random) -> None:
    used_store(home, backup=True)
    resolve(home).store.write_text("My notes from the workshop, not a database at all.\n" * 50)


def truncated(size: int):
    def damage(home: Path, rng: random.Random) -> None:
        store = used_store(home, backup=True)
        data = store.read_bytes()
        store.write_bytes(data[: size if size >= 0 else len(data) + size])
    damage.__name__ = f"truncated_at_{size}"
    return damage


def random_bytes_in_page(page: int):
    """Garbage over a page's b-tree header; a negative page counts back from the last page that holds
    data (a free page at the end holds nothing: SQLite writes over it when it next needs room)."""
    def damage(home: Path, rng: random.Random) -> None:
        store = used_store(home, backup=True)
        data = bytearray(store.read_bytes())
        start = (page if page >= 0 else last_used_page(store) + 1 + page) * PAGE
        data[start:start + 64] = rng.randbytes(64)  # the b-tree page header and cell pointers
        store.write_bytes(bytes(data))
    damage.__name__ = f"random_bytes_in_page_{page}"
    return damage


def last_used_page(store: Path) -> int:
    """The index (from 0) of the last page that belongs to a table or an index, not the free list."""
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT max(pageno) FROM dbstat").fetchone()[0] - 1
    finally:
        conn.close()


def missing_wal(home: Path, rng: random.Random) -> None:
    store = killed_mid_use(home, backup=True)
    Path(f"{store}-wal").unlink()


def foreign_wal(home: Path, rng: random.Random) -> None:
    """The -wal of another store put beside this one (with no -shm, as after copying two files)."""
    other = killed_mid_use(home.parent / f"{home.name}-other")
    store = used_store(home, backup=True)
    shutil.copyfile(f"{other}-wal", f"{store}-wal")


def foreign_wal_with_own_index(home: Path, rng: random.Random) -> None:
    """This store's -shm after a crash, with another store's -wal in place of its own."""
    other = killed_mid_use(home.parent / f"{home.name}-other")
    store = killed_mid_use(home, backup=True)
    shutil.copyfile(f"{other}-wal", f"{store}-wal")


def newer_version(home: Path, rng: random.Random) -> None:
    store = used_store(home)
    conn = sqlite3.connect(store)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('myrole', 'm999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()


def another_programs_database(home: Path, rng: random.Random) -> None:
    home.mkdir(parents=True)
    conn = sqlite3.connect(resolve(home).store)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.commit()
    conn.close()


DAMAGE = [
    not_sqlite, truncated(50), truncated(100), truncated(1000), truncated(PAGE), truncated(3 * PAGE),
    truncated(-PAGE), random_bytes_in_page(1), random_bytes_in_page(3), random_bytes_in_page(-1),
    missing_wal, foreign_wal, foreign_wal_with_own_index,
]
REFUSED_WITHOUT_RESTORE = [newer_version, another_programs_database]
