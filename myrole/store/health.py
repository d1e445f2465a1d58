"""Provides read-only checks of a store and its journal, made before myrole opens it for writing.

Nothing here writes to the store or its side files, or creates any beside it: a damaged
store must be left exactly as it was, so a person (or a recovery tool) can still rescue it.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

from myrole.journal import trouble, wal_salts
from myrole.store.errors import UNREADABLE_TEXT, StoreError, is_unreadable_text
from myrole.store.schema_check import matches
from myrole.store.versions import applied_names

SQLITE_HEADER = b"SQLite format 3\x00"

# Why a store whose schema is not exactly the one myrole makes is refused (after "The store PATH").
FOREIGN_SCHEMA = ("is not as myrole makes it (it has a table, index, trigger or view myrole did not make, "
                  "or lacks one of its own)")


def side(path: Path, suffix: str) -> Path:
    return Path(f"{path}{suffix}")


def latest_backup_hint(path: Path) -> str:
    """A sentence offering the newest backup in the store's backups/ folder, or ''."""
    from myrole.store.backup import latest_backup

    found = latest_backup(path.parent / "backups", sound=True)
    if found is None:
        return ""
    when = datetime.fromtimestamp(found.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return (f" A backup from {when} is at {found}: `myrole restore {found}` puts it back "
            "(and keeps this store aside first).")


def damaged(path: Path, why: str) -> StoreError:
    return StoreError(
        f"The store {path} {why}; it has been left exactly as it was.{latest_backup_hint(path)}"
    )


def unreadable(path: Path, error: BaseException | None) -> StoreError | None:
    """The store's sentence for an error met while reading it that is the store's own fault (text in it that is
    not UTF-8, which passes SQLite's checks on opening and stops Python when read); None for any other error.

    Checking every text on opening would cost every start-up a read of the whole store, so the app, plain
    mode and each command turn this error into the sentence where it is met.
    """
    return damaged(path, UNREADABLE_TEXT) if is_unreadable_text(error) else None


def file_header(path: Path) -> bytes:
    """A file's first bytes, as many as SQLite's header has (OSError when it cannot be read)."""
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER))


def check_header(path: Path) -> None:
    """Refuse a file that is not an SQLite database."""
    try:
        header = file_header(path)
    except OSError as error:
        raise StoreError(f"The store {path} cannot be read ({error.strerror}).") from None
    if not header:  # myrole builds a new store aside and moves it in whole, so never leaves one empty
        raise damaged(path, "is not a myrole store (it is empty)")
    if header != SQLITE_HEADER:
        raise damaged(path, "is not a myrole store (it is not an SQLite database)")


def check_journal(path: Path) -> None:
    """Refuse a store whose journal (-wal) is missing with changes in it, or belongs elsewhere."""
    wal, shm = side(path, "-wal"), side(path, "-shm")
    found = trouble(str(path))
    if found == "lost":
        raise damaged(path, (
            f"has lost its journal file ({wal.name}), which held its most recent changes; "
            f"put that file back if you have it, or delete {shm.name} to open the store "
            "without those changes"))
    if found == "unpaired":
        try:
            found = "foreign" if integrity(copy_of_pair(path, wal)) != "ok" else None
        except OSError as error:
            raise StoreError(f"The store {path} could not be checked ({error.strerror}); "
                             "it has been left exactly as it was.") from None
    if found == "foreign":
        raise mismatched(path, wal)


def mismatched(path: Path, wal: Path) -> StoreError:
    return damaged(path, (
        f"has a journal file ({wal.name}) that does not belong to it or is damaged; "
        "move that file aside to open the store as it was before the journal"))


def copy_of_pair(path: Path, wal: Path) -> Path:
    """Copy the store and its journal to a temporary folder inside the (private) data folder."""
    folder = Path(tempfile.mkdtemp(prefix=".myrole-check-", dir=path.parent))  # mode 0700
    try:
        shutil.copyfile(path, folder / "check.db")
        shutil.copyfile(wal, folder / "check.db-wal")
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder / "check.db"


def integrity(copy: Path) -> str:
    """integrity_check of a private copy made by copy_of_pair, which is then removed."""
    try:
        conn = sqlite3.connect(str(copy))
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return "damaged"
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)


def reader(path: Path) -> sqlite3.Connection:
    """A connection that cannot write; with no journal holding changes it reads the file as it is and
    creates none.

    An empty -wal (whatever the -shm says) holds no committed changes: a failed open on a full disk
    can leave one with a truncated -shm, which SQLite would refuse to read read-only, calling a sound
    store damaged. Read as immutable, the file is read as it is, which is all there is.
    """
    wal = side(path, "-wal")
    try:
        quiet = not wal.exists() or wal.stat().st_size == 0
    except OSError:
        quiet = False
    uri_path = str(path.absolute()).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    mode = "immutable=1" if quiet else "mode=ro"
    return sqlite3.connect(f"file:{uri_path}?{mode}", uri=True, timeout=5)


def check_contents(path: Path, known: set[str]) -> None:
    """SQLite's own check, then refuse other programs' databases, stores from a newer myrole, and
    stores whose schema is not exactly the one this version's migrations make (schema_check).

    quick_check reads every page (about 70 ms for ten heavy years); the full integrity_check
    also matches every index to its table (about five times slower), which is what catches a
    journal from another store, so it runs only when a journal holds changes to replay.
    """
    pending = wal_salts(str(side(path, "-wal"))) is not None
    try:
        conn = reader(path)
        try:
            verdict = conn.execute(f"PRAGMA {'integrity_check' if pending else 'quick_check'}").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            names = applied_names(conn)
            exact = matches(conn, names)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise damaged(path, "is damaged (SQLite cannot read it)") from None
    if verdict != "ok":
        raise damaged(path, "is damaged (it failed SQLite's integrity check)")
    if tables and not names:
        raise StoreError(f"The file {path} is an SQLite database but not a myrole store; "
                         "it has been left exactly as it was.")
    if names - known:
        raise StoreError(f"The store {path} was written by a newer version of myrole; "
                         "please upgrade myrole to open it (the store has not been changed).")
    if not exact:
        raise damaged(path, FOREIGN_SCHEMA)


def inspect(path: Path, known: set[str]) -> None:
    """Every read-only check, in order; raises StoreError with one clear sentence."""
    check_header(path)
    check_journal(path)
    check_contents(path, known)
