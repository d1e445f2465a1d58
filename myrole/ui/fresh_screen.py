"""Provides FreshScreen and FocusOnMount: a screen shown for the first time is not styled all over again by Textual."""

from __future__ import annotations

from typing import ClassVar

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


class FocusOnMount:
    """Mixin for a form whose on_mount focuses its first field; put it before Textual's Screen in the bases.

    Textual would first focus the first thing on the screen that can take the focus (the scrolling
    form around the fields), and on_mount then moves the focus to the field: each move styles the
    form and everything in it again (about 10 ms a move on a dialog of a dozen fields). With
    Textual's first focus left out, on_mount's is the only one.
    """

    AUTO_FOCUS: ClassVar[str | None] = ""  # as Textual's Screen declares it
