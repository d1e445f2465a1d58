"""Provides reading SQLite's journal headers (-wal, -shm) without SQLite, to spot a lost or foreign journal.

Standard library only and cheap, because `myrole due` uses it at every shell start. Formats:
https://www.sqlite.org/walformat.html and https://www.sqlite.org/fileformat2.html#walformat
"""

from __future__ import annotations

import os
import struct
import sys
from collections import namedtuple

WAL_MAGIC = (0x377F0682, 0x377F0683)
WAL_HEADER_SIZE = 32
WAL_FRAME_HEADER_SIZE = 24
VERSION = 3007000
INDEX_HEADER_SIZE = 48  # the wal-index header is kept twice, back to back
BACKFILL_OFFSET = 96
NOT_A_JOURNAL = b"not a journal"

# A namedtuple, not a dataclass, for `myrole due`'s start-up time.
IndexHeader = namedtuple("IndexHeader", ("max_frame", "backfilled", "salts"))
IndexHeader.__doc__ = "What a -shm says: frames committed, frames copied back, and its journal's salts."


def wal_salts(wal: str) -> bytes | None:
    """The salts (bytes 16-24) of a journal that holds frames; None for an absent or empty one."""
    try:
        with open(wal, "rb") as handle:
            header = handle.read(WAL_HEADER_SIZE)
            holds_frames = len(handle.read(WAL_FRAME_HEADER_SIZE)) == WAL_FRAME_HEADER_SIZE
    except FileNotFoundError:
        return None
    if len(header) < WAL_HEADER_SIZE or not holds_frames:
        return None
    magic, version = struct.unpack(">II", header[:8])
    if magic not in WAL_MAGIC or version != VERSION:
        return NOT_A_JOURNAL  # frames behind a header SQLite would not accept: never a match
    return header[16:24]


def index_header(shm: str) -> IndexHeader | None:
    """The -shm header, or None when absent, not initialised, or caught half-written."""
    try:
        # Unbuffered: exactly these bytes are read. On Windows SQLite holds OS locks on the -shm from byte 120
        # while a window saves; a buffered read (8 KB) would run into them (see trouble()).
        with open(shm, "rb", buffering=0) as handle:
            data = handle.read(BACKFILL_OFFSET + 4)
    except FileNotFoundError:
        return None
    if len(data) < BACKFILL_OFFSET + 4:
        return None
    first, second = data[:INDEX_HEADER_SIZE], data[INDEX_HEADER_SIZE:2 * INDEX_HEADER_SIZE]
    order = "<" if sys.byteorder == "little" else ">"  # the -shm is in the machine's own byte order
    version, _, _, initialised = struct.unpack(order + "IIIB", first[:13])
    if first != second or not initialised or version != VERSION:
        return None
    max_frame = struct.unpack(order + "I", first[16:20])[0]
    backfilled = struct.unpack(order + "I", data[BACKFILL_OFFSET:BACKFILL_OFFSET + 4])[0]
    return IndexHeader(max_frame, backfilled, first[32:40])  # salts are copied raw from the -wal


def trouble(store: str) -> str | None:
    """'lost', 'foreign' or 'unpaired' when the journal beside store is wrong; None when it looks right.

    'unpaired' is a -wal with frames but no -shm: SQLite never leaves that by itself, so the
    pair must be checked together (health.check_journal does, on a private copy).
    """
    try:
        salts = wal_salts(store + "-wal")  # read before the index: SQLite rewrites the index first on a restart
        index = index_header(store + "-shm")
    except PermissionError:
        # Windows: a window is saving and SQLite's locks cover what is read here; a journal in use is SQLite's
        # to judge (on Linux and macOS its locks are advisory, so this does not happen there).
        return None
    if not os.path.exists(store + "-wal"):
        return "lost" if index is not None and index.max_frame > index.backfilled else None
    if salts is None:
        return None
    if index is None:
        return "foreign" if salts == NOT_A_JOURNAL else "unpaired"
    if index.max_frame > 0 and index.salts != salts:
        return "foreign"
    return None
