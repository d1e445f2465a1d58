"""Tests typing tags in the commitment editor: suggestions from tags already used, kept on save, in drafts and
through renegotiation, and a tag over the limit refused under its field."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Input

from myrole.limits import TAG_CHARS, TAGS
from myrole.model import Commitment, Lens, Mode
from myrole.store import open_store
from myrole.store.commitments import create_commitment, get_commitment
from myrole.ui.dialogs.commitment import CommitmentEditor, read_tags

from .pilot import one_weekly_commitment, reopened, running, stored_drafts, type_text, until


def _with_a_tagged_commitment(paths) -> str:
    cid = one_weekly_commitment(paths, days_old=3)
    db = open_store(paths)
    create_commitment(db, Commitment(id="", title="Learn Urdu greetings", lens=Lens.SELF, mode=Mode.ACTION,
                                     tags=("interpreters", "Urdu")))
    db.close()
    return cid


async def _open_editor(pilot) -> CommitmentEditor:
    await pilot.press("enter")  # the first commitment on home
    await pilot.pause()
    await pilot.press("e")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, CommitmentEditor)
    editor.query_one("#tags", Input).focus()
    await pilot.pause()
    return editor


def test_typing_a_tag_suggests_one_already_used_and_saving_keeps_them(paths):
    cid = _with_a_tagged_commitment(paths)

    async def run() -> None:
        async with running(paths) as pilot:
            editor = await _open_editor(pilot)
            field = editor.query_one("#tags", Input)
            await type_text(pilot, "int")
            await until(pilot, lambda: field._suggestion == "interpreters")  # the suggester works in its own time
            assert field._suggestion == "interpreters"
            await pilot.press("right")  # takes the suggestion
            await type_text(pilot, ", falls,  , urdu")
            await until(pilot, lambda: field._suggestion == "interpreters, falls,  , Urdu")
            assert field._suggestion == "interpreters, falls,  , Urdu"  # ignoring case; saved only if taken
            await pilot.press("ctrl+s")
            await pilot.pause()

    asyncio.run(run())
    with reopened(paths) as db:
        assert get_commitment(db, cid).tags == ("interpreters", "falls", "urdu")


@pytest.mark.usefixtures("quick_autosave")
def test_tags_are_part_of_the_draft(paths):
    _with_a_tagged_commitment(paths)

    async def run() -> None:
        async with running(paths) as pilot:
            await _open_editor(pilot)
            await type_text(pilot, "rota")
            def kept_tags() -> list[str]:
                return [fields["tags"] for form, _, fields in stored_drafts(paths) if form == "commitment"]

            await until(pilot, lambda: kept_tags() == ["rota"])  # the autosave, a moment after the last key
            assert kept_tags() == ["rota"]

    asyncio.run(run())


def test_a_tag_too_long_is_refused_under_the_field_and_nothing_is_saved(paths):
    cid = _with_a_tagged_commitment(paths)

    async def run() -> None:
        async with running(paths) as pilot:
            editor = await _open_editor(pilot)
            editor.query_one("#tags", Input).value = "ok, " + "x" * (TAG_CHARS + 1)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is editor and pilot.app.screen.focused.id == "tags"
            assert "A tag is" in str(editor.query_one("#error").content)

    asyncio.run(run())
    with reopened(paths) as db:
        assert get_commitment(db, cid).tags == ()


def test_renegotiating_keeps_the_tags_it_was_not_asked_to_change(paths):
    cid = one_weekly_commitment(paths, days_old=3, tags=("Stored  exactly",))

    async def run() -> None:
        async with running(paths) as pilot:
            pilot.app.push_screen(CommitmentEditor(get_commitment(pilot.app.db, cid), renegotiate=True))
            await pilot.pause()
            pilot.app.screen.query_one("#reason", Input).value = "Shifts changed"
            await pilot.press("ctrl+s")
            await pilot.pause()

    asyncio.run(run())
    with reopened(paths) as db:
        assert get_commitment(db, cid).tags == ("Stored  exactly",)


@pytest.mark.parametrize(("typed", "tags"), [("", ()), (" a , b,a,, c ", ("a", "b", "c")), ("one", ("one",))])
def test_tags_are_read_from_the_field(typed, tags):
    assert read_tags(typed) == tags


def test_too_many_tags_is_one_sentence():
    with pytest.raises(ValueError, match=f"at most {TAGS} tags"):
        read_tags(", ".join(f"t{n}" for n in range(TAGS + 1)))
