"""Provides the helpers the Pilot tests share: running a scenario as a plain test, and typing text."""

from __future__ import annotations

import asyncio
import functools


def pilot_test(scenario):
    """Run an async Pilot scenario as a plain test (no async plugin needed)."""

    @functools.wraps(scenario)
    def test(*args, **kwargs):
        asyncio.run(scenario(*args, **kwargs))

    return test


async def type_text(pilot, text: str) -> None:
    """Type text key by key (letters, digits, spaces and punctuation)."""
    await pilot.press(*text)
