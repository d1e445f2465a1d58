"""The keymap's harder cases: a typed key refused where it would be taken from every text box, key names Textual
never reports refused with what to write instead, sentences that name the key the keymap gives, and a moved key
keeping its place in the footer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static
from textual.widgets._footer import FooterKey

from myrole.model import Context
from myrole.paths import resolve
from myrole.prompts import load_catalogue
from myrole.settings import settings_file
from myrole.store import open_store
from myrole.store.drafts import Draft, save_draft
from myrole.store.reflections import start_reflection
from myrole.ui.app import MyRoleApp
from myrole.ui.dialogs.commitment import CommitmentEditor
from myrole.ui.dialogs.confirm import ConfirmDialog
from myrole.ui.dialogs.start import StartReflectionDialog
from myrole.ui.keys import is_typed, key_words, keymap_problems, keys_are_valid, usable_keymap
from myrole.ui.screens.commitment import CommitmentScreen
from myrole.ui.screens.help import HelpScreen
from myrole.ui.screens.home import HomeScreen
from myrole.ui.screens.reflection import ReflectionScreen
from myrole.ui.widgets.footer import KeysFooter

from .pilot import one_weekly_commitment, open_new_reflection, pilot_test, running, type_text
from .test_look_and_keys import notices


TEAM_PACK = Path(__file__).parents[1] / "packs" / "team.toml"  # a question set of one question


def keymap(paths, text: str) -> None:
    paths.config.mkdir(parents=True, exist_ok=True)
    settings_file(paths.config).write_text(f"[keymap]\n{text}\n", encoding="utf-8")


def store_with_keymap(tmp_path, text: str):
    """Sam's store with one weekly commitment, and settings.toml holding this keymap; its paths."""
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    keymap(paths, text)
    return paths


def shown_keys(screen) -> list[str]:
    """The keys the screen's footer draws, in order (not those left out for want of room)."""
    footer = screen.query_one(KeysFooter)
    return [key.key for key in footer.query(FooterKey) if key.display and not key.has_class("-command-palette")]


# 1. A key typed in a text box, given to a binding that works while you type (priority), is refused.

@pytest.mark.parametrize(("binding_id", "keys", "named"), [
    ("app.quit", "q", "q"), ("app.quit", "Q", "Q"), ("app.help", "space", "space"), ("app.help", "?", "?"),
    ("app.help", "question_mark", "?"), ("app.quit", "shift+space", "shift+space"), ("app.quit", "é", "é"),
    ("app.quit", "ctrl+g,q", "q"),
])
def test_a_typed_key_for_a_binding_that_works_while_you_type_is_refused_in_one_sentence(binding_id, keys, named):
    problems = keymap_problems(MyRoleApp, {binding_id: keys})
    assert problems == [f"The keymap gives {binding_id} '{keys}', but {binding_id} works even while you type, so "
                        f"every {named} typed in a text box would go to it instead; it keeps its own key (choose a "
                        f"key you do not type with, like f5 or ctrl+g)."]
    assert usable_keymap({binding_id: keys}, MyRoleApp) == {}


@pytest.mark.parametrize("keys", ["ctrl+g", "f5", "alt+q", "ctrl+shift+q", "f5,ctrl+g"])
def test_a_key_you_do_not_type_with_is_fine_for_those_bindings(keys):
    assert keymap_problems(MyRoleApp, {"app.quit": keys}) == []
    assert usable_keymap({"app.quit": keys}, MyRoleApp) == {"app.quit": keys}


@pytest.mark.parametrize(("binding_id", "keys"), [("app.quit", "backspace"), ("app.help", "enter"),
                                                  ("app.quit", "ctrl+x"), ("app.quit", "ctrl+c"), ("app.help", "left"),
                                                  ("app.help", "tab"), ("app.quit", "shift+tab"),
                                                  ("app.help", "escape")])
def test_a_key_text_boxes_edit_with_is_refused_for_a_binding_that_works_while_you_type(binding_id, keys):
    """Backspace on app.quit quit the app at the first correction typed in an answer."""
    problems = keymap_problems(MyRoleApp, {binding_id: keys})
    assert problems == [f"The keymap gives {binding_id} '{keys}', but {binding_id} works even while you type, and "
                        f"text boxes and forms use {keys} (to move, select, edit or close), which it would take from "
                        f"them; it keeps its own key (choose one like f5 or ctrl+g)."]


@pytest.mark.parametrize(("binding_id", "keys", "box"), [
    ("reflection.next", "f6", "the answer box"), ("reflection.commit", "f7", "the answer box"),
    ("reflection.back", "ctrl+z", "the answer box"), ("search.back", "ctrl+a", "the search box"),
    ("export.write", "ctrl+e", "the file box"), ("collation.back", "home", "the folder box"),
    ("reflection.next", "alt+n", "the answer box"), ("reflection.hint", "j", "the answer box"),
    ("home.history", "enter", "the list of commitments"), ("home.checkin", "up", "the list of commitments"),
])
def test_a_key_what_has_the_focus_takes_is_refused_for_that_screens_bindings(binding_id, keys, box):
    """F6 on reflection.next: the answer box selects the line with F6, so Next never came while typing; alt+n typed
    an n; enter on home opened a commitment, not History."""
    problems = keymap_problems(MyRoleApp, {binding_id: keys})
    assert problems == [f"The keymap gives {binding_id} '{keys}', but {box} on that screen takes "
                        f"{keys.upper() if keys in ('f6', 'f7') else keys} itself while it has the focus, so it would "
                        f"not reach {binding_id}; it keeps its own key."]
    assert keymap_problems(MyRoleApp, {"commitment.edit": keys}) == []  # nothing there takes it first


@pytest.mark.parametrize(("keys", "write"), [("F5", "f5"), ("Ctrl+G", "ctrl+g"), ("CTRL+Q, F6", "ctrl+q, f6")])
def test_a_key_written_in_capitals_is_refused_saying_how_to_write_it(keys, write):
    assert keymap_problems(MyRoleApp, {"app.quit": keys}) == [
        f"The keymap gives app.quit '{keys}', which is not a key name as written (key names are in small letters), "
        f"so it keeps its own key: write {write}."]


def test_the_command_palettes_key_is_refused_for_every_binding():
    assert keymap_problems(MyRoleApp, {"home.reflect": "ctrl+p"}) == [
        "The keymap gives home.reflect 'ctrl+p', but ctrl+p opens the command palette everywhere; it keeps its own "
        "key."]


def test_a_key_textual_itself_uses_is_named_as_textuals_not_by_an_id_no_one_can_set():
    assert keymap_problems(MyRoleApp, {"home.reflect": "ctrl+c"}) == [
        "The keymap gives ctrl+c to home.reflect, but Textual itself uses it on home screen; choose another key."]
    assert keymap_problems(MyRoleApp, {"home.reflect": "c", "home.history": "c"})[-1] == (
        "The keymap gives c to home.history, but home.checkin and home.reflect already use it on home screen; "
        "change one of them in settings.toml.")


def test_a_typed_key_is_fine_for_a_binding_a_text_box_comes_before():
    # Textual hands a key to the text box in focus first; only a priority binding comes before it
    assert keymap_problems(MyRoleApp, {"home.reflect": "q", "commitment.edit": "h"}) == []


@pytest.mark.parametrize("name", ["q", "Q", "?", "question_mark", "space", "shift+space", "é", "1", "plus"])
def test_typed_keys(name):
    assert is_typed(name)


@pytest.mark.parametrize("name", ["ctrl+q", "alt+q", "f1", "escape", "enter", "tab", "shift+tab", "delete", "up"])
def test_keys_that_type_nothing(name):
    assert not is_typed(name)


@pilot_test
async def test_typing_quality_with_quit_set_to_q_types_it_and_the_app_goes_on(tmp_path):
    paths = store_with_keymap(tmp_path, '"app.quit" = "q"\n"app.help" = "space"')
    async with running(paths) as pilot:
        await pilot.press("n")  # a new commitment: the title field has the focus
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommitmentEditor)
        await type_text(pilot, "I aim to improve quality")
        await pilot.pause()
        assert pilot.app.is_running and isinstance(pilot.app.screen, CommitmentEditor)
        assert isinstance(pilot.app.focused, Input) and pilot.app.focused.value == "I aim to improve quality"
        said = notices(pilot.app)
        assert any("gives app.quit 'q', but app.quit works even while you type" in n for n in said)
        assert any("gives app.help 'space', but app.help works even while you type" in n for n in said)


@pilot_test
async def test_a_typed_key_moved_onto_the_reflection_screen_is_refused_and_types_into_the_answer(tmp_path):
    """The answer box has the focus on the reflection screen and takes every key that types: j (or alt+j) given to
    the hint would never show it, so the hint keeps F2, and j types."""
    paths = store_with_keymap(tmp_path, '"reflection.hint" = "j"')
    async with running(paths) as pilot:
        await open_new_reflection(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ReflectionScreen)
        assert "j" not in shown_keys(screen) and "f2" in shown_keys(screen)
        assert any("the answer box on that screen takes j itself" in n for n in notices(pilot.app))
        await type_text(pilot, "just")
        await pilot.pause()
        assert pilot.app.focused.text == "just"


# 2. Key names that are well formed but never pressed: refused, saying what to write instead.

@pytest.mark.parametrize(("keys", "says"), [
    ("shift+g", "but a shifted letter reaches myrole as the capital letter, so it keeps its own key: write G for "
                "shift+g."),
    ("shift+G", "write G for shift+G."),
    ("ctrl+i", "but most terminals send ctrl+i as tab, so it keeps its own key: choose another key."),
    ("ctrl+m", "but most terminals send ctrl+m as enter, so it keeps its own key: choose another key."),
    ("ctrl+h", "but most terminals send ctrl+h as backspace, so it keeps its own key: choose another key."),
    ("ctrl+[", "but most terminals send ctrl+[ as escape, so it keeps its own key: choose another key."),
    ("ctrl+left_square_bracket", "send ctrl+left_square_bracket as escape"),
    ("ctrl+space", "send ctrl+space as ctrl+@, so it keeps its own key: write ctrl+@ for ctrl+space."),
    ("ctrl+G", "a capital letter after ctrl reaches myrole as shift and the small letter, so it keeps its own key: "
               "write ctrl+shift+g for ctrl+G."),
    ("ctrl+]", "myrole knows that key as ctrl+right_square_bracket, so it keeps its own key: write "
               "ctrl+right_square_bracket for ctrl+]."),
    ("shift+1", "a shifted key reaches myrole as the character it types"),
    ("r,shift+g", "write G for shift+g."),
])
def test_a_key_textual_never_reports_is_refused_saying_what_to_write(keys, says):
    problems = keymap_problems(MyRoleApp, {"home.reflect": keys})
    assert len(problems) == 1 and problems[0].startswith(f"The keymap gives home.reflect '{keys}', ")
    assert problems[0].endswith(says) or f"{says}" in problems[0]
    assert not keys_are_valid(keys) and usable_keymap({"home.reflect": keys}, MyRoleApp) == {}


@pytest.mark.parametrize("keys", ["G", "alt+shift+g", "ctrl+shift+g", "ctrl+@", "ctrl+j", "shift+tab", "shift+f5",
                                  "ctrl+backslash", "ctrl+right_square_bracket", "shift+space", "tab"])
def test_keys_textual_does_report_are_still_fine(keys):
    assert keys_are_valid(keys)


@pilot_test
async def test_shift_g_is_refused_and_r_still_reflects_and_the_footer_says_r(tmp_path):
    paths = store_with_keymap(tmp_path, '"home.reflect" = "shift+g"\n"home.history" = "ctrl+i"')
    async with running(paths) as pilot:
        said = notices(pilot.app)
        assert any("'shift+g', but a shifted letter reaches myrole as the capital letter" in n for n in said)
        assert any("'ctrl+i', but most terminals send ctrl+i as tab" in n for n in said)
        assert shown_keys(pilot.app.screen)[:4] == ["r", "c", "n", "h"]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StartReflectionDialog)


# 3. Keys named in sentences are the keys the keymap gives.

def test_a_key_in_a_sentence_is_named_as_people_write_it():
    assert [key_words(k) for k in ("question_mark", "f1", "ctrl+q", "escape", "slash", "minus", "space", "g")] == [
        "?", "F1", "ctrl+q", "escape", "/", "-", "space", "g"]


@pilot_test
async def test_home_names_the_moved_keys_to_someone_new(tmp_path):
    paths = resolve(tmp_path / "new")
    keymap(paths, '"home.reflect" = "g"\n"home.new_commitment" = "k"\n"app.quit" = "ctrl+g"\n'
                  '"home.help" = "z"\n"app.help" = "f5"')
    async with running(paths) as pilot:
        await pilot.press("escape")  # past the first run's details form
        await pilot.pause()
        welcome = str(pilot.app.screen.query_one("#welcome", Static).render())
        assert "Press g to start a reflection, k to write a commitment" in welcome
        assert "z or F5 for help, ctrl+g to quit." in welcome
        empty = str(pilot.app.screen.query_one("#open-list").get_option_at_index(0).prompt)
        assert empty == "No commitments yet. Start a reflection (g) or add one (k)."


@pilot_test
async def test_home_and_the_reflections_toast_name_the_moved_reflect_and_drafts_keys(tmp_path):
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    db = open_store(paths)
    start_reflection(db, load_catalogue().get("core"), Context.SELF)  # an unfinished reflection
    save_draft(db, Draft("commitment", title="New commitment", fields={"title": "Learn a few words"}))
    db.close()
    keymap(paths, '"home.reflect" = "g"\n"home.drafts" = "k"\n"home.checkin" = "j"')
    async with running(paths) as pilot:
        await pilot.press("escape")  # the offer of drafts: not now
        await pilot.pause()
        await pilot.press("escape")  # the offer to carry on: not now
        await pilot.pause()
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        resume = str(home.query_one("#resume-note", Static).render())
        assert "Press g to carry on with it or start another." in resume
        assert "press k to continue" in str(home.query_one("#drafts-note", Static).render())
        assert "j checks in, g reflects" in home.returning_hint()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("enter")  # Carry on
        await pilot.pause()
        assert isinstance(pilot.app.screen, ReflectionScreen)
        await pilot.press("escape")  # leave: saved
        await pilot.pause()
        assert "Your reflection is saved. Press g on the home screen to carry on." in notices(pilot.app)


@pilot_test
async def test_a_commitments_line_of_keys_names_the_moved_keys(tmp_path):
    paths = store_with_keymap(tmp_path, '"commitment.checkin" = "k"\n"commitment.back" = "b"')
    async with running(paths) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, CommitmentScreen)
        line = str(screen.query_one("#detail-keys", Static).render())
        assert line.startswith("Keys: k check in · e edit") and line.endswith("b back")
        assert "No check-ins yet: press k to check in." in str(screen.query_one("#detail-chart", Static).render())


@pilot_test
async def test_the_stepper_buttons_name_the_moved_keys(tmp_path):
    from textual.widgets import Button

    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    db = open_store(paths)
    start_reflection(db, load_catalogue().get("core"), Context.SELF)
    db.close()
    keymap(paths, '"reflection.next" = "f8"\n"reflection.back" = "ctrl+o"')
    async with running(paths) as pilot:
        await pilot.press("enter")  # carry on with the unfinished reflection
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ReflectionScreen)
        labels = [str(screen.query_one(f"#{name}", Button).label) for name in ("back", "skip", "next", "commit")]
        assert labels == ["Back ^o", "Skip F4", "Next F8", "Commit ^t"]


@pilot_test
async def test_a_moved_key_on_a_closed_commitment_says_why_as_its_own_key_did(tmp_path):
    from myrole.model import Status

    paths = resolve(tmp_path)
    dropped = one_weekly_commitment(paths, days_old=1, status=Status.DROPPED)
    keymap(paths, '"commitment.checkin" = "k"')
    async with running(paths) as pilot:
        await pilot.app.push_screen(CommitmentScreen(dropped))  # as History opens a closed commitment
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommitmentScreen)
        await pilot.press("k")
        await pilot.pause()
        assert any(n.startswith("This commitment is dropped, so it takes no check-ins") for n in notices(pilot.app))


# 4. A moved key keeps its binding's place in the footer.

@pilot_test
async def test_a_moved_key_works_keeps_its_place_in_the_footer_at_80_columns_and_the_old_one_stops(tmp_path):
    paths = store_with_keymap(tmp_path, '"home.reflect" = "g"')
    async with running(paths) as pilot:
        assert pilot.app.size.width == 80
        assert shown_keys(pilot.app.screen)[:2] == ["g", "c"]  # Reflect first, as before it moved
        labels = [key.description for key in pilot.app.screen.query(FooterKey) if key.display]
        assert labels[:2] == ["Reflect", "Check in"]
        await pilot.press("f1")  # help's "Keys here" too
        await pilot.pause()
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = [line for line in help_screen.keys_here().splitlines() if line.startswith("- **")]
        assert keys[:2] == ["- **g**: Reflect", "- **c**: Check in"]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, StartReflectionDialog)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StartReflectionDialog)


# 5. How many questions, in the same words everywhere.

@pilot_test
async def test_the_start_dialog_says_1_question_for_a_one_question_set(tmp_path):
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    paths.user_prompts.mkdir(parents=True, exist_ok=True)
    (paths.user_prompts / "team.toml").write_text(TEAM_PACK.read_text(encoding="utf-8"), encoding="utf-8")
    async with running(paths) as pilot:
        await pilot.press("r")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, StartReflectionDialog)
        labels = [str(label) for label, _ in dialog.query_one("#pack", Select)._options]
        assert "Our team's pack (1 question, your file team.toml)" in labels  # a set of your own names its file
        assert any(label.endswith(" questions)") for label in labels)  # the built-in sets ask several


def test_a_question_sets_size_in_words():
    core = load_catalogue().get("core")
    assert core is not None
    assert replace(core, prompts=core.prompts[:1]).size_words == "1 question"
    assert replace(core, prompts=core.prompts[:2]).size_words == "2 questions"
