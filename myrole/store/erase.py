"""Provides removing for good: one commitment, reflection or one-to-one from the store, or every file myrole keeps.

Deleting a record for good (not dropping it) removes its rows and everything that hangs off them
(check-ins, answers, items, their drafts) in one transaction. The store runs with secure_delete,
so the freed space is zeroed; the search index is merged (store.search.forget_removed_text) so no
old segment keeps the words; and the journal is emptied into the file (corrections.finish_correction).

Erasing everything overwrites each file with zeros, flushes it to the disk, then unlinks it.
That is what a program can do: on SSDs (which write elsewhere and remap) and copy-on-write file
systems (APFS, Btrfs, ZFS) and with snapshots or cloud sync, older copies of the blocks can
remain until the device reuses them. docs/reliability.md says so too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from myrole.durable import flush_to_drive
from myrole.paths import Paths
from myrole.settings import settings_file
from myrole.store.backup import remove_if_empty
from myrole.store.connection import write
from myrole.store.corrections import Correction, finish_correction
from myrole.store.errors import StaleEditError
from myrole.store.search import forget_removed_text
from myrole.store.window import MARKER_NAME, WINDOW_OPEN, replacing

# ---- one record, for good ----------------------------------------------------------------------

# What hangs off each kind of record: (the table, its link to the record) whose ids drafts may name.
CHILDREN = {
    "commitments": ("checkins", "commitment_id"),
    "reflections": ("answers", "reflection_id"),
    "one_to_ones": ("one_to_one_items", "one_to_one_id"),
}


def delete_commitment(conn: sqlite3.Connection, commitment_id: str) -> Correction:
    """A commitment, its check-ins and history, for good. An agreed action it came from stays (unlinked)."""
    return _delete(conn, "commitments", commitment_id, "This commitment")


def delete_reflection(conn: sqlite3.Connection, reflection_id: str) -> Correction:
    """A reflection and its answers, for good. Commitments made from it stay, no longer linked to it."""
    return _delete(conn, "reflections", reflection_id, "This reflection")


def delete_one_to_one(conn: sqlite3.Connection, one_to_one_id: str) -> Correction:
    """A one-to-one and its items, for good. Points already carried into a later one-to-one are that one's."""
    return _delete(conn, "one_to_ones", one_to_one_id, "This one-to-one")


def _delete(conn: sqlite3.Connection, table: str, record_id: str, what: str) -> Correction:
    child_table, link = CHILDREN[table]
    with write(conn):
        children = [row[0] for row in conn.execute(f"SELECT id FROM {child_table} WHERE {link} = ?", [record_id])]
        if conn.execute(f"DELETE FROM {table} WHERE id = ?", [record_id]).rowcount != 1:
            raise StaleEditError(f"{what} is no longer there (it may have been deleted in another window).")
        delete_drafts_naming(conn, [record_id, *children])
        forget_removed_text(conn)
    return finish_correction(conn)


def delete_drafts_naming(conn: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Every unsaved draft about these records: the draft's record is one of them (or starts with one, as a
    reflection's answer drafts do), or its context names one. Ids are hex, so a substring match is exact."""
    for record_id in ids:
        conn.execute("DELETE FROM drafts WHERE record = ? OR record LIKE ? OR instr(context, ?) > 0",
                     [record_id, f"{record_id}:%", record_id])


# ---- everything, from the disk -------------------------------------------------------------------

STORE_SIDE_FILES = ("-wal", "-shm", "-journal")
# What myrole leaves in its data folder besides the store: temporary stores and check folders.
# ... and collate/earlier.LIST_NAME, the fingerprints of the collation reports made here.
LEFTOVER_PATTERNS = (".myrole-new-*", ".myrole-restore-*", ".myrole-check-*", "*.partial", "collations.json")
# The backups myrole names (cli/share._default_backup, backup_beside, before-restore copies, and a person's
# own `myrole backup FILE` in the same style), with what an interrupted backup leaves (store/backup.backup_to).
# Anything else in the backups folder is not myrole's to remove: it may be a folder on another disk or a
# synced folder that the person pointed backups/ at.
BACKUP_PATTERNS = ("myrole-*.db", "myrole-*.db.partial*")
CHUNK = 1 << 20


@dataclass(frozen=True)
class ErasePlan:
    """What `myrole erase` would remove, found before anything is touched."""

    store_files: list[Path]
    backups: list[Path]  # the backups myrole named (BACKUP_PATTERNS), before-restore copies among them
    settings: Path | None
    packs: list[Path]  # the person's own prompt packs (each asked, or all with --yes)
    leftovers: list[Path]
    not_ours: list[Path] = field(default_factory=list)  # what else the backups folder holds: never removed
    leftover_folders: list[Path] = field(default_factory=list)  # myrole's check folders, removed once emptied

    def files(self, packs: Iterable[Path]) -> list[Path]:
        settings = [self.settings] if self.settings else []
        return [*self.store_files, *self.backups, *settings, *packs, *self.leftovers]


def plan(paths: Paths) -> ErasePlan:
    store = paths.store
    settings = settings_file(paths.config)
    left = _leftovers(paths.data)
    folders = [found for found in left if not _not_a_folder(found)]
    backups = _backups_in(paths.backups)
    return ErasePlan(
        store_files=[p for p in [store, *(Path(f"{store}{s}") for s in STORE_SIDE_FILES)] if p.is_file()],
        backups=backups,
        settings=settings if settings.is_file() else None,
        packs=sorted(p for p in paths.user_prompts.glob("*") if p.is_file()) if paths.user_prompts.is_dir() else [],
        leftovers=[p for found in left for p in ([found] if found not in folders else _files_under(found))],
        not_ours=_not_ours_in(paths.backups, backups),
        leftover_folders=folders,
    )


def _leftovers(data: Path) -> list[Path]:
    """What myrole leaves in its data folder besides the store (LEFTOVER_PATTERNS), files and folders."""
    return [found for pattern in LEFTOVER_PATTERNS for found in data.glob(pattern)] if data.is_dir() else []


def _not_a_folder(path: Path) -> bool:
    """A file, or a link (to a folder too: only the link is removed, nothing it points to is looked at)."""
    return path.is_symlink() or not path.is_dir()


def _backups_in(folder: Path) -> list[Path]:
    """The backups myrole named in this folder (not in folders inside it); a link among them is only unlinked."""
    if not folder.is_dir():
        return []
    return sorted({p for pattern in BACKUP_PATTERNS for p in folder.glob(pattern) if p.is_file() or p.is_symlink()})


def _not_ours_in(folder: Path, ours: list[Path]) -> list[Path]:
    """What else the backups folder holds (files and folders, not looked inside): erase leaves it."""
    if not folder.is_dir():
        return []
    mine = set(ours)
    return sorted(p for p in folder.iterdir() if p not in mine)


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink()) if folder.is_dir() else []


class EraseRefused(Exception):
    """Erase cannot go ahead (an app window has the store open); nothing was removed."""


def check_no_window(paths: Paths) -> None:
    """EraseRefused while a myrole window has the store open: asked before any question, and again by erase()."""
    if paths.data.is_dir():
        with _held_alone(paths):
            pass


def _held_alone(paths: Paths):  # noqa: ANN202 - a context manager
    from contextlib import contextmanager

    from myrole.store.errors import StoreError

    @contextmanager
    def held():  # noqa: ANN202
        try:
            with replacing(paths):
                yield
        except StoreError as error:
            why = str(error)
            if why == WINDOW_OPEN:
                why = ("A myrole window has your store open; quit myrole there, then run the erase again "
                       "(nothing was removed).")
            raise EraseRefused(why) from None

    return held()


def erase(paths: Paths, chosen: ErasePlan, packs: Iterable[Path]) -> list[Path]:
    """Overwrite and remove every file of the plan (and the chosen packs), then the folders left empty.

    Refused (EraseRefused, nothing removed) while a myrole window has the store open. Returns what
    could not be removed (a file another program holds, a folder not ours to change).
    """
    packs = list(packs)
    failed: list[Path] = []
    if paths.data.is_dir():
        with _held_alone(paths):
            failed += [path for path in chosen.files(packs) if not shred(path)]
        remove_quietly(paths.data / MARKER_NAME)
    else:
        failed += [path for path in chosen.files(packs) if not shred(path)]
    # Only the folders myrole makes, each once empty: its check folders (and what they hold), backups/
    # (not a link to a folder elsewhere), prompts/, then the data and config folders themselves. Any other
    # folder, empty or not, is the person's and stays.
    for folder in chosen.leftover_folders:
        remove_empty_folders(folder)
    for folder in (paths.backups, paths.user_prompts, paths.data, paths.config):
        if not folder.is_symlink():
            remove_if_empty(folder)
    return failed


def shred(path: Path) -> bool:
    """Overwrite a file with zeros (flushed to the disk), then unlink it; a link is only unlinked. Whether it went."""
    try:
        if path.is_file() and not path.is_symlink():
            size = path.stat().st_size
            with path.open("r+b", buffering=0) as handle:
                zeros = bytes(min(size, CHUNK))
                written = 0
                while written < size:
                    written += handle.write(zeros[: size - written])
                flush_to_drive(handle.fileno())
        path.unlink()
    except FileNotFoundError:
        return True
    except OSError:
        return remove_quietly(path)
    return True


def remove_quietly(path: Path) -> bool:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        return False
    return True


def remove_empty_folders(folder: Path) -> None:
    """One of myrole's folders and any empty folders inside it, deepest first; a folder still holding a file stays."""
    if not folder.is_dir():
        return
    for inner in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        remove_if_empty(inner)
    remove_if_empty(folder)
