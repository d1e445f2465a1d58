"""Hostile text in every screen: shown verbatim and inert, no markup, no action, nothing raw to the terminal.

What reaches the terminal is read straight from Textual's compositor (the exact string the
driver would write), so a control sequence that slipped through any widget would show here.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest
from textual.widgets import Static, TextArea

from myrole.limits import TEXT_CHARS
from myrole.model import CheckIn, Commitment, Context, ItemKind, Lens, Mode, Profile, Visibility
from myrole.prompts import load_catalogue
from myrole.store.checkins import add_checkin
from myrole.store.commitments import create_commitment
from myrole.store.one_to_ones import add_item, create_one_to_one
from myrole.store.profile import save_profile
from myrole.store.reflections import save_answer, start_reflection
from ui.pilot import click_quickly  # tests/ is on the path: ui and reliability are its packages

from .hostile import HOSTILE, leaked
from .test_hostile_text import write_pack

TEXTS = list(HOSTILE.values())
CLICK = HOSTILE["click_action"]
CLICK_TAG = "[@click=app.quit]"
BOLD = "[bold]looks bold?[/bold]"  # the first answer and the first commitment


def terminal_output(app) -> str:
    """Exactly what the app would write to the terminal for a full repaint of the current screen."""
    update = app.screen._compositor.render_update(full=True)
    return update.render_segments(app.console)


def build_hostile_store(db, paths) -> dict:
    """A store where every field a person can write holds hostile text."""
    write_pack(paths, CLICK + " " + HOSTILE["csi"])
    pack = load_catalogue(paths.user_prompts).get("hostile")
    save_profile(db, Profile(name=HOSTILE["csi"], role=CLICK, organisation=HOSTILE["bidi_overrides"],
                             manager_name=HOSTILE["link_markup"], onboarded=True))
    reflection = start_reflection(db, pack, Context.EVENT, CLICK)
    for number, (prompt, text) in enumerate(zip(pack.prompts, TEXTS)):
        save_answer(db, reflection.id, prompt, text, Visibility.MANAGER, number)
    old = (date.today() - timedelta(days=40)).isoformat() + "T09:00:00Z"
    commitments = []
    for text in TEXTS:
        c = create_commitment(db, Commitment(id="", title=text, detail=text, lens=Lens.SERVICES, mode=Mode.ACTION,
                                             first_step=text, success=text, support=text, reflection_id=reflection.id,
                                             cadence="weekly", created_at=old))
        commitments.append(c)
    add_checkin(db, commitments[0], CheckIn(id="", commitment_id=commitments[0].id, at="", on_date=date.today(),
                                            progress=2, note=CLICK, barriers=HOSTILE["osc52_clipboard"],
                                            next_step=HOSTILE["c1_controls"]))
    record = create_one_to_one(db, date.today() + timedelta(days=2), HOSTILE["osc8_hyperlink"])
    for text in TEXTS[:6]:
        record = add_item(db, record, ItemKind.TALKING_POINT, text)
    return {"reflection": reflection, "commitment": commitments[0]}


def assert_inert(app, where: str, *, shows: str | None = "[@click=app.quit]") -> None:
    output = terminal_output(app)
    assert leaked(output) == [], f"{where}: raw control characters reached the terminal"
    if shows:
        assert shows in output, f"{where}: markup was interpreted, not shown as typed"
    assert not app._exit and app.return_code is None, f"{where}: an action ran"


async def click_the_click_markup(pilot, app) -> int:
    """Click on every widget showing '[@click=app.quit]': were it live markup, the app would end."""
    clicked = 0
    showing = [w for w in app.screen.query(Static) if CLICK_TAG in str(w.visual) and w.region.area]
    for widget in showing[:2]:
        offsets = [(x, 0) for x in (0, 3, 8, 12, 17, 20, 30)]
        await click_quickly(pilot, offsets, widget)
        clicked += len(offsets)
    return clicked


def run(scenario, *args) -> None:
    asyncio.run(scenario(*args))


def test_every_screen_shows_hostile_text_inert(db, paths):
    made = build_hostile_store(db, paths)
    run(_visit_every_screen, paths, db, made)


async def _visit_every_screen(paths, db, made) -> None:
    from myrole.ui.app import MyRoleApp
    from myrole.ui.dialogs.checkin import CheckInDialog
    from myrole.ui.dialogs.commitment import CommitmentEditor
    from myrole.ui.dialogs.profile import ProfileDialog
    from myrole.ui.screens.commitment import CommitmentScreen
    from myrole.ui.screens.help import HelpScreen
    from myrole.ui.screens.history import HistoryScreen, ReflectionRecord
    from myrole.ui.screens.one_to_one import OneToOneScreen
    from myrole.ui.screens.reflection import ReflectionScreen

    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if app.screen.is_modal:
            await pilot.press("escape")  # "carry on?" - not now
            await pilot.pause()
        assert_inert(app, "home")
        CLICKED = {"history record": False}
        visits = [
            ("reflection stepper", lambda: ReflectionScreen(made["reflection"].id), BOLD),
            ("history", HistoryScreen, CLICK_TAG),
            ("history record", lambda: ReflectionRecord(made["reflection"].id), CLICK_TAG),
            ("commitment detail", lambda: CommitmentScreen(made["commitment"].id), BOLD),
            ("commitment editor", lambda: CommitmentEditor(made["commitment"]), BOLD),
            ("check-in", lambda: CheckInDialog(made["commitment"]), None),
            ("one-to-one", OneToOneScreen, BOLD),
            ("your details", lambda: ProfileDialog(Profile(name=CLICK, role=HOSTILE["csi"])), CLICK_TAG),
            ("help", HelpScreen, None),
        ]
        for where, make, shows in visits:
            await app.push_screen(make())
            await pilot.pause()
            assert_inert(app, where, shows=shows)
            if where in CLICKED and await click_the_click_markup(pilot, app):
                CLICKED[where] = True
                assert_inert(app, f"{where} after clicks", shows=None)
            app.pop_screen()
            await pilot.pause()
        assert all(CLICKED.values()), f"the click markup was not on screen to click: {CLICKED}"
        stepper = ReflectionScreen(made["reflection"].id)
        await app.push_screen(stepper)
        await pilot.pause()
        await pilot.press("f2")  # the hint, from the hostile pack
        await pilot.pause()
        assert_inert(app, "stepper hint")
        await pilot.press("ctrl+f")  # the review
        await pilot.pause()
        assert_inert(app, "review", shows=None)
        app.notify(CLICK + HOSTILE["csi"], markup=False)
        await pilot.pause()
        assert_inert(app, "a notification")


# The largest answers allowed (myrole.limits.TEXT_CHARS), in the shapes that are slowest to lay out;
# each ends in a "z", typed after pasting the rest.
LARGEST = {name: text[:TEXT_CHARS - 1] + "z" for name, text in {
    "one_line": "a" * TEXT_CHARS,
    "one_letter_lines": "a\n" * TEXT_CHARS,
    "pasted_lines": "\n".join(f"pasted line {n}" for n in range(TEXT_CHARS)),
}.items()}


@pytest.mark.parametrize("name", list(LARGEST))
def test_the_largest_pastes_are_kept_and_the_app_stays_responsive(db, paths, name):
    save_profile(db, Profile(name="Sam", onboarded=True))
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.SELF)
    run(_paste_largest, paths, db, reflection.id, LARGEST[name])


async def _paste_largest(paths, db, reflection_id: str, text: str) -> None:
    from textual import events

    from myrole.store import open_store
    from myrole.store.reflections import get_answers
    from myrole.ui.app import MyRoleApp
    from myrole.ui.screens.history import AnswerView, ReflectionRecord
    from myrole.ui.screens.reflection import ReflectionScreen

    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # resume
        await pilot.pause()
        stepper = app.screen
        assert isinstance(stepper, ReflectionScreen)
        area = stepper.query_one("#answer", TextArea)
        app.post_message(events.Paste(text[:-1]))
        await pilot.pause()
        await pilot.press("z")  # typed after the paste: it lands at the end, and is drawn in the box
        await pilot.pause()
        assert area.text == text
        _, cursor_y = area.cursor_screen_offset
        assert area.content_region.y <= cursor_y < area.content_region.bottom
        await pilot.press("ctrl+n")  # saves at once, then moves on: the app is still answering keys
        await pilot.pause()
        assert stepper.index == 1
        await pilot.press("ctrl+b")  # and back: the whole answer is loaded into the box again
        await pilot.pause()
        assert area.text == text
        assert leaked(terminal_output(app)) == []
        await app.push_screen(ReflectionRecord(reflection_id))
        await pilot.pause()
        shown = app.screen.query_one(AnswerView).render().plain
        assert text[:100] in shown and "more characters are kept in full" in shown  # its start, and a note
        assert leaked(terminal_output(app)) == []
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is stepper
    reopened = open_store(paths)
    try:
        from myrole.store.drafts import list_drafts

        assert [answer.text for answer in get_answers(reopened, reflection_id)] == [text]  # kept exactly
        assert list_drafts(reopened) == []  # saved, so no draft is left over
    finally:
        reopened.close()


def test_a_lone_surrogate_keeps_the_draft_and_says_why(db, paths):
    save_profile(db, Profile(name="Sam", onboarded=True))
    reflection = start_reflection(db, load_catalogue().get("core"), Context.SELF)
    run(_type_surrogate, paths, db, reflection.id)


async def _type_surrogate(paths, db, reflection_id) -> None:
    from myrole.ui.app import MyRoleApp

    app = MyRoleApp(paths=paths, db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        stepper = app.screen
        area = stepper.query_one("#answer", TextArea)
        area.insert("a broken emoji \ud83d here")
        await pilot.press("ctrl+n")
        await pilot.pause()
        status = stepper.query_one("#save-status", Static).visual.plain
        assert status.startswith("Not saved: This text holds a character that cannot be saved")
        assert area.text == "a broken emoji \ud83d here" and stepper.index == 0
        assert leaked(terminal_output(app)) == []
