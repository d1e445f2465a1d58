"""Provides the local SQLite store: opening it safely and the repository functions (the only SQL)."""

from myrole.store.connection import open_store, write
from myrole.store.errors import StaleEditError, StoreError, StoreWriteError

__all__ = ["open_store", "write", "StoreError", "StaleEditError", "StoreWriteError"]
