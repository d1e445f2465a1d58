"""Tests that a one-line field never drops or replaces words unasked: focus keeps the text, a pasted block keeps
every line."""

from __future__ import annotations

import pytest
from textual import events

from myrole.ui.dialogs.commitment import CommitmentEditor
from myrole.ui.widgets.fields import TextInput, joined_lines
from .pilot import one_weekly_commitment, pilot_test, running


@pytest.fixture
def store(paths):
    one_weekly_commitment(paths, days_old=3)
    return paths


async def _new_commitment(pilot) -> CommitmentEditor:
    await pilot.press("n")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, CommitmentEditor)
    return editor


@pilot_test
async def test_tabbing_into_a_filled_field_and_typing_adds_to_it(store):
    async with running(store) as pilot:
        editor = await _new_commitment(pilot)
        title = editor.query_one("#title", TextInput)
        title.value = "Ask about interpreters"
        await pilot.press("tab", "shift+tab")  # away and back, as a person moving through the form
        await pilot.pause()
        assert pilot.app.focused is title
        await pilot.press(*" weekly")
        await pilot.pause()
        assert title.value == "Ask about interpreters weekly"


@pilot_test
async def test_pasting_several_lines_keeps_them_all_on_one_line_and_says_so(store):
    async with running(store) as pilot:
        editor = await _new_commitment(pilot)
        title = editor.query_one("#title", TextInput)
        title.focus()
        await pilot.pause()
        title.post_message(events.Paste("Book interpreters\r\nfor every\n\nnew patient\n"))
        await pilot.pause()
        assert title.value == "Book interpreters for every new patient"
        assert any("joined with spaces" in str(n.message) for n in pilot.app._notifications)
        title.post_message(events.Paste(" first"))  # one line goes in as it is, with no note
        await pilot.pause()
        assert title.value == "Book interpreters for every new patient first"


@pytest.mark.parametrize(("pasted", "joined"), [("a\nb", "a b"), ("a \n  b", "a b"), ("a\u2028b\x0cc", "a b c"),
                                                ("\nonly\n", "only"), ("one line", "one line")])
def test_joined_lines_puts_a_space_where_each_break_was(pasted, joined):
    assert joined_lines(pasted) == joined
