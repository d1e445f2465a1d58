"""Set-up for the Pilot tests: the app's animations end at once, so a test never waits out a smooth scroll."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def no_animations(monkeypatch):
    """Every app a test starts moves straight to where an animation would end (TEXTUAL_ANIMATIONS=none).

    Pilot.press waits for every animation to finish before the next key, so a smooth scroll to the end of
    a report or a palette fading in costs the test its whole length (up to a second) on every press. The
    tests check where things end up and what is shown, which is the same without the motion; Textual reads
    this setting once at import, so it is set on the constant each new app reads.
    """
    from textual import constants

    monkeypatch.setattr(constants, "TEXTUAL_ANIMATIONS", "none")
