"""Provides reading JSON that names no key twice (json.loads alone would silently keep the last one)."""

from __future__ import annotations

from typing import Any


class RepeatedKey(Exception):
    """A JSON object that names one key twice."""


def keys_once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json.loads' object_pairs_hook: the object, or RepeatedKey if a key comes twice."""
    record = dict(pairs)
    if len(record) != len(pairs):
        raise RepeatedKey
    return record
