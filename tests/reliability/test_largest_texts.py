"""The screens that edit or export a commitment, on the largest texts allowed: they open, show what they should and keep every character.

Speed is measured in bench/largest_texts.py; these tests check behaviour only.
"""

from __future__ import annotations

from datetime import date

from textual import events
from textual.widgets import Input, Static, TextArea

from myrole.limits import LINE_CHARS, TEXT_CHARS, TITLE_CHARS
from myrole.model import CheckIn, Commitment, Lens, Mode, Profile, Visibility
from myrole.store import open_store
from myrole.store.checkins import add_checkin, list_checkins
from myrole.store.commitments import create_commitment, get_commitment
from myrole.store.profile import save_profile
from ui.pilot import pilot_test, running  # tests/ is on the path: ui and reliability are its packages

# The slowest shape to lay out: 50,000 one-letter lines, ending in "z" (so a cut would show).
DETAIL = ("a\n" * TEXT_CHARS)[:TEXT_CHARS - 1] + "z"
LINE = ("one line at its limit " * LINE_CHARS)[:LINE_CHARS]
TITLE = ("a title at its limit " * TITLE_CHARS)[:TITLE_CHARS]


def largest_commitment(paths, *, checkins: int = 0) -> str:
    """A store whose one commitment has every field at its limit (and check-ins with the longest notes); its id."""
    db = open_store(paths)
    save_profile(db, Profile(name=LINE, role=LINE, organisation=LINE, manager_name=LINE, onboarded=True))
    commitment = create_commitment(db, Commitment(
        id="", title=TITLE, detail=DETAIL, lens=Lens.SERVICES, mode=Mode.ACTION, first_step=LINE, success=LINE,
        support=LINE, visibility=Visibility.MANAGER, cadence="weekly", created_at="2026-10-01T09:00:00Z"))
    for _ in range(checkins):
        add_checkin(db, get_commitment(db, commitment.id),
                    CheckIn(id="", commitment_id=commitment.id, at="", on_date=date(2026, 10, 2), progress=1,
                            note=DETAIL, barriers=LINE, next_step=LINE, visibility=Visibility.MANAGER))
    db.close()
    return commitment.id


async def type_at_end(pilot, field: Input, key: str) -> None:
    """Focus the field, put the cursor after its last character (focus selects it all) and press key."""
    field.focus()
    await pilot.pause()
    field.cursor_position = len(field.value)
    await pilot.press(key)


@pilot_test
async def test_the_editor_holds_the_whole_detail_and_saves_it_unchanged(paths):
    from myrole.ui.dialogs.commitment import CommitmentEditor

    commitment_id = largest_commitment(paths)
    async with running(paths) as pilot:
        app = pilot.app
        await app.push_screen(CommitmentEditor(get_commitment(app.db, commitment_id)))
        await pilot.pause()
        editor = app.screen
        detail = editor.query_one("#detail", TextArea)
        assert detail.text == DETAIL
        assert detail.wrapped_document.height == DETAIL.count("\n") + 1  # every line laid out, one row each
        shown = "\n".join(detail.get_line(row).plain for row in range(3))
        assert shown == "a\na\na"  # the box draws the detail's start
        await pilot.press("ctrl+s")  # nothing changed: saved as it is
        await pilot.pause()
        assert app.screen is not editor
    db = open_store(paths)
    try:
        saved = get_commitment(db, commitment_id)
        assert (saved.detail, saved.title, saved.first_step) == (DETAIL, TITLE, LINE)
    finally:
        db.close()


@pilot_test
async def test_a_key_reaches_every_one_line_field_of_the_editor_at_its_limit(paths):
    from myrole.ui.dialogs.commitment import CommitmentEditor

    commitment_id = largest_commitment(paths)
    async with running(paths) as pilot:
        app = pilot.app
        await app.push_screen(CommitmentEditor(get_commitment(app.db, commitment_id)))
        await pilot.pause()
        typed = {}
        for name in ("title", "first_step", "success", "support"):
            field = app.screen.query_one(f"#{name}", Input)
            field.value = field.value[:-1]  # one short of its limit, so the key makes it exactly full
            await type_at_end(pilot, field, "z")
            typed[name] = field.value
        await pilot.press("ctrl+s")
        await pilot.pause()
    db = open_store(paths)
    try:
        saved = get_commitment(db, commitment_id)
        assert typed == {"title": TITLE[:-1] + "z", **{name: LINE[:-1] + "z" for name in typed if name != "title"}}
        assert (saved.title, saved.first_step, saved.success, saved.support) == tuple(typed.values())
        assert saved.detail == DETAIL
    finally:
        db.close()


@pilot_test
async def test_the_longest_note_pasted_into_a_check_in_is_kept_and_saved(paths):
    from myrole.ui.dialogs.checkin import CheckInDialog

    commitment_id = largest_commitment(paths)
    note = ("I noticed the handover felt rushed again. " * TEXT_CHARS)[:TEXT_CHARS - 1]  # one line: an Input's
    async with running(paths) as pilot:
        app = pilot.app
        await app.push_screen(CheckInDialog(get_commitment(app.db, commitment_id)))
        await pilot.pause()
        field = app.screen.query_one("#note", Input)
        field.focus()
        await pilot.pause()
        app.post_message(events.Paste(note))
        await pilot.pause()
        await pilot.press("z")  # after the paste: it lands at the end
        assert field.value == note + "z"
        for name in ("barriers", "next_step"):  # and in the one-line fields at their limit
            other = app.screen.query_one(f"#{name}", Input)
            other.value = LINE[:-1]
            await type_at_end(pilot, other, "z")
            assert other.value == LINE[:-1] + "z"
        await pilot.press("ctrl+s")
        await pilot.pause()
    db = open_store(paths)
    try:
        [saved] = list_checkins(db, commitment_id)
        assert (saved.note, saved.barriers, saved.next_step) == (note + "z", LINE[:-1] + "z", LINE[:-1] + "z")
    finally:
        db.close()


@pilot_test
async def test_a_paste_over_a_one_line_fields_limit_is_kept_and_refused_with_a_sentence(paths):
    from myrole.ui.dialogs.checkin import CheckInDialog

    commitment_id = largest_commitment(paths)
    pasted = "x" * TEXT_CHARS  # a hundred times what "What got in the way" may hold
    async with running(paths) as pilot:
        app = pilot.app
        await app.push_screen(CheckInDialog(get_commitment(app.db, commitment_id)))
        await pilot.pause()
        dialog = app.screen
        field = dialog.query_one("#barriers", Input)
        field.focus()
        await pilot.pause()
        app.post_message(events.Paste(pasted))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and field.value == pasted  # kept, to shorten
        error = dialog.query_one("#error", Static).visual.plain
        assert error == (f"What got in the way is {TEXT_CHARS:,} characters long, but the most myrole keeps is "
                         f"{LINE_CHARS:,}; please shorten it.")
        await pilot.press("backspace")  # the app still answers keys in the field
        assert field.value == pasted[:-1]
    db = open_store(paths)
    try:
        assert list_checkins(db, commitment_id) == []
    finally:
        db.close()


@pilot_test
async def test_the_export_preview_shows_the_start_and_says_how_much_more_the_file_holds(paths, tmp_path):
    from textual.widgets import Select

    from myrole.ui.screens.export import PREVIEW_LINES, ExportScreen

    largest_commitment(paths, checkins=5)
    target = tmp_path / "summary.md"
    async with running(paths) as pilot:
        app = pilot.app
        await app.push_screen(ExportScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        written = screen.rendered
        assert written.count("\n") > 2 * DETAIL.count("\n")  # the whole summary: the detail and the newest note
        markdown = screen.query_one("#preview-md-text", Static).content.markup
        assert written.startswith(markdown) and markdown.count("\n") == PREVIEW_LINES
        assert screen.query_one("#preview").border_subtitle == (
            f"the first {PREVIEW_LINES:,} of {len(written.splitlines()):,} lines; all of it is written")
        screen.query_one("#format", Select).value = "json"  # one record a line, a note's over 100,000 characters
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = screen.query_one("#preview-text", TextArea).text
        assert screen.rendered.startswith(shown) and 0 < len(shown) < len(screen.rendered)
        assert screen.query_one("#preview").border_subtitle == (
            f"the first {shown.count(chr(10)):,} of {len(screen.rendered.splitlines()):,} lines; all of it is written")
        screen.query_one("#format", Select).value = "md"
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = screen.query_one("#path", Input)
        path.value = str(target)
        await type_at_end(pilot, path, "enter")
        await pilot.pause()
    assert target.read_text(encoding="utf-8") == written  # the file is complete
