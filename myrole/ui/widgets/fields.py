"""Provides TextInput: the one-line field every form uses, which never selects its text on focus."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class TextInput(Input):
    """Textual's Input, except that moving into it (Tab, a click, a draft coming back) leaves the
    cursor at the end of what is there instead of selecting all of it: otherwise the next key
    replaces the whole field, and a person's words are gone without a sign."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
