"""Key names in the [keymap]: a misspelt key is named in one sentence, at start and in `myrole keys`, and the
binding keeps its own key."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from myrole.cli import cli
from myrole.paths import resolve
from myrole.settings import settings_file
from myrole.ui.app import MyRoleApp
from myrole.ui.dialogs.start import StartReflectionDialog
from myrole.ui.keys import keymap_problems, keys_are_valid, usable_keymap

from .pilot import one_weekly_commitment, pilot_test, running
from .test_look_and_keys import notices

GOOD = ["g", "G", "?", "question_mark", "+", "plus", "é", "£", "pound_sign", "slash", "ctrl+q", "ctrl+shift+q",
        "alt+shift+a", "super+x", "f5", "f13", "f24", "escape", "space", "pageup", "shift+tab", "ctrl+q, ?"]
BAD = ["ctrl+shfit+q", "F13x", "ctrl+", "f99", "Ctrl+q", "shift+ctrl+q", "ctrl+ctrl+q", "", " ", "a,,b",
       "latin_small_letter_a", "\x07", "enter+ctrl", "cmd+q"]


@pytest.mark.parametrize("keys", GOOD)
def test_a_key_textual_can_report_is_a_good_key_name(keys):
    assert keys_are_valid(keys)


@pytest.mark.parametrize("keys", BAD)
def test_a_misspelt_or_made_up_key_is_not(keys):
    assert not keys_are_valid(keys)


def test_a_bad_key_is_one_sentence_and_the_binding_keeps_its_own_key():
    keymap = {"app.quit": "ctrl+shfit+q", "home.reflect": "g"}
    problems = keymap_problems(MyRoleApp, keymap)
    assert problems == ["The keymap gives app.quit 'ctrl+shfit+q', which is not a key name (write keys like "
                        "ctrl+q, f5, question_mark or ?), so it keeps its own key."]
    assert usable_keymap(keymap, MyRoleApp) == {"home.reflect": "g"}


def test_a_bad_key_is_not_checked_for_conflicts_as_well():
    # "n" is home.new_commitment's key, but "n,F13x" is not used at all, so only the bad name is reported
    problems = keymap_problems(MyRoleApp, {"home.reflect": "n,F13x"})
    assert len(problems) == 1 and "not a key name" in problems[0]


@pilot_test
async def test_at_start_a_bad_key_is_named_and_the_old_key_still_works(tmp_path):
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    settings_file(paths.config).write_text('[keymap]\nhome.reflect = "F13x"\n', encoding="utf-8")
    async with running(paths) as pilot:
        await pilot.pause()
        said = notices(pilot.app)
        assert any("gives home.reflect 'F13x', which is not a key name" in n for n in said)
        assert "r reflects" in pilot.app.screen.returning_hint()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(pilot.app.screen, StartReflectionDialog)


@pytest.mark.parametrize(("key", "refusal"), [
    ("ctrl+", "The keymap gives app.quit 'ctrl+', which is not a key name"),
    ("q", "The keymap gives app.quit 'q', but app.quit works even while you type"),  # it would take every q typed
])
def test_myrole_keys_names_a_bad_key_and_shows_the_binding_unmoved(tmp_path, key, refusal):
    (tmp_path / "settings.toml").write_text(f'[keymap]\napp.quit = "{key}"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["--home", str(tmp_path), "keys"])
    assert result.exit_code == 0
    line = next(line for line in result.stdout.splitlines() if line.startswith("app.quit"))
    assert " ctrl+q " in line and "moved by your keymap" not in line
    assert f"myrole: {refusal}" in result.stderr
