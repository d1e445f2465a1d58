"""Provides FreshScreen: a screen shown for the first time is not styled all over again by Textual."""

from __future__ import annotations

from textual import events


class FreshScreen:
    """Mixin for every screen and dialog of the app; put it first in the class's bases.

    Textual styles each widget as it is mounted, and then, when a pushed screen is shown
    (ScreenResume), styles the whole screen again, in case the CSS or the app changed while it was
    hidden. The first time a screen is shown it was mounted a moment before (its size classes set
    first: MyRoleApp.with_size_classes), with nothing changed in between, so that second pass only
    repeats the first; it is skipped then. A screen shown again later is restyled as Textual does,
    and a change of focus or theme restyles what it touches as always.
    """

    _shown_before = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual runs every class's handler, in the MRO's order: this one before Screen's own.
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False
