"""Provides TextInput: the one-line field every form uses, which never drops or replaces words unasked."""

from __future__ import annotations

import re
from typing import Any

from textual import events
from textual.widgets import Input

from myrole.limits import LINE_BREAKS

# Any line break str.splitlines() knows (the same set limits.py refuses in a one-line field), with the
# spaces around it.
LINE_BREAK = re.compile(r"\s*(?:\r\n|[" + re.escape("".join(sorted(LINE_BREAKS))) + r"])\s*")


def joined_lines(pasted: str) -> str:
    """Pasted lines joined into one, a space where each break was (blank lines and all)."""
    return LINE_BREAK.sub(" ", pasted.strip("\r\n"))


class TextInput(Input):
    """Textual's Input, with two changes so that no word is lost without a sign:

    - moving into it (Tab, a click, a draft coming back) leaves the cursor at the end of what is
      there instead of selecting all of it, which the next key would replace;
    - pasting several lines keeps all of them, joined by spaces, and says so (Textual's Input keeps
      the first line and drops the rest).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    def _on_paste(self, event: events.Paste) -> None:
        joined = joined_lines(event.text)
        if joined == event.text.strip("\r\n") or not joined:
            return  # one line: Input's own handler (Textual calls it after this one) takes it as it is
        event.prevent_default()  # Input's handler would add the first line again
        event.stop()
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(joined)
        else:
            self.replace(joined, *selection)
        self.app.notify("This field holds one line, so the pasted lines were joined with spaces.",
                        title="Pasted on one line", markup=False)
