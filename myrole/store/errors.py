"""Provides the store's errors: each carries one clear sentence for a person to read."""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot be used as it is; nothing was changed."""


class StaleEditError(StoreError):
    """Someone (another window, an import) saved this item after you opened it."""


class StoreWriteError(StoreError):
    """A save failed (full disk, read-only folder); nothing was half-written."""
