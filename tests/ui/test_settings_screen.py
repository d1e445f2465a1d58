"""The settings form: reached from the palette and from your details, saved with the rest of the file kept,
used where new items get who-can-see, the group's name and the week's first day; kept as a draft; a file
it cannot read is never replaced."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Select, Static

from myrole.model import ItemKind, Visibility
from myrole.paths import resolve
from myrole.settings import load_settings, settings_file
from myrole.ui.dialogs.commitment import CommitmentEditor
from myrole.ui.dialogs.drafts import DraftsDialog
from myrole.ui.dialogs.one_to_one import ItemDialog
from myrole.ui.dialogs.profile import ProfileDialog
from myrole.ui.dialogs.settings import SettingsDialog, open_settings
from myrole.ui.widgets.choices import CadenceSelect, VisibilitySelect

from .pilot import pilot_test, prepared_weekly_commitment, running, search_palette, stored_drafts, type_text, until

GROUP = "Bradford Inequalities Group"


def store_with(tmp_path, prepared_stores, settings_text: str = ""):
    """A home in tmp_path with one weekly commitment (a copy of a store made once) and this settings file."""
    paths = resolve(tmp_path)
    prepared_weekly_commitment(paths, prepared_stores, days_old=1)
    if settings_text:
        settings_file(paths.config).parent.mkdir(parents=True, exist_ok=True)
        settings_file(paths.config).write_text(settings_text, encoding="utf-8")
    return paths


async def open_from_palette(pilot) -> SettingsDialog:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await search_palette(pilot, "Settings")
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SettingsDialog)
    return pilot.app.screen


async def open_straight(pilot) -> SettingsDialog:
    """Open the settings form as the palette's command does (open_settings), without the palette: for tests
    about the form, not the way to it (test_saving_from_the_palette_... goes through the palette)."""
    open_settings(pilot.app)
    await pilot.pause()
    assert isinstance(pilot.app.screen, SettingsDialog)
    return pilot.app.screen


async def choose(pilot, select_id: str, value: str) -> None:
    pilot.app.screen.query_one(f"#{select_id}", Select).value = value
    await pilot.pause()


@pilot_test
async def test_saving_from_the_palette_changes_those_keys_and_keeps_the_rest_of_the_file(tmp_path, prepared_stores):
    paths = store_with(tmp_path, prepared_stores, '# my own note\n[keymap]\nhome.history = "y"\n')
    async with running(paths) as pilot:
        await open_from_palette(pilot)
        await choose(pilot, "default_visibility", "manager")
        await choose(pilot, "week_starts", "sunday")
        await choose(pilot, "theme", "myrole-high-contrast")
        pilot.app.screen.query_one("#collective_name").focus()
        await type_text(pilot, GROUP)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, SettingsDialog)
        assert pilot.app.theme == "myrole-high-contrast"  # used at once, not only next time
        assert pilot.app.settings.default_visibility is Visibility.MANAGER
    settings = load_settings(paths.config)
    assert settings.problems == ()
    assert (settings.settings.default_visibility, settings.settings.week_starts, settings.settings.theme,
            settings.settings.collective_name) == (Visibility.MANAGER, "sunday", "myrole-high-contrast", GROUP)
    assert settings.settings.keymap == {"home.history": "y"}
    assert stored_drafts(paths) == []


@pilot_test
async def test_new_items_start_with_the_chosen_visibility_and_the_group_is_named(tmp_path, prepared_stores):
    paths = store_with(tmp_path, prepared_stores, f'default_visibility = "alliance"\ncollective_name = "{GROUP}"\n')
    async with running(paths) as pilot:
        await pilot.press("n")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, CommitmentEditor)
        assert editor.query_one(VisibilitySelect).visibility is Visibility.ALLIANCE
        assert any(GROUP in str(s.render()) for s in editor.query(Static))
        await pilot.press("escape")
        await pilot.pause()
        pilot.app.push_screen(ItemDialog(ItemKind.TALKING_POINT, lambda *_: None))
        await pilot.pause()
        assert pilot.app.screen.query_one(VisibilitySelect).visibility is Visibility.ALLIANCE


@pilot_test
async def test_with_the_private_default_a_one_to_one_item_is_still_for_your_manager(tmp_path, prepared_stores):
    paths = store_with(tmp_path, prepared_stores)
    async with running(paths) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.screen.query_one(VisibilitySelect).visibility is Visibility.PRIVATE
        await pilot.press("escape")
        await pilot.pause()
        pilot.app.push_screen(ItemDialog(ItemKind.TALKING_POINT, lambda *_: None))
        await pilot.pause()
        assert pilot.app.screen.query_one(VisibilitySelect).visibility is Visibility.MANAGER


@pilot_test
async def test_a_new_answer_starts_with_the_chosen_visibility(tmp_path, prepared_stores):
    paths = store_with(tmp_path, prepared_stores, 'default_visibility = "manager"\n')
    async with running(paths) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the start dialog's first question set and context
        await pilot.pause()
        await pilot.pause()
        assert pilot.app.screen.query_one(VisibilitySelect).visibility is Visibility.MANAGER


@pilot_test
async def test_rota_days_start_on_the_first_day_of_the_week(tmp_path, prepared_stores):
    paths = store_with(tmp_path, prepared_stores, 'week_starts = "sunday"\n')
    async with running(paths) as pilot:
        await pilot.press("n")
        await pilot.pause()
        cadence = pilot.app.screen.query_one(CadenceSelect)
        rota = [code for _, code in cadence._options if code.startswith("every-")]
        assert rota[0] == "every-sunday" and rota[-1] == "every-saturday"


@pilot_test
async def test_your_details_lead_to_the_settings_and_back(tmp_path, prepared_stores):
    paths = store_with(tmp_path, prepared_stores)
    async with running(paths) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ProfileDialog)
        pilot.app.screen.query_one("#settings").focus()  # below the fields: tab reaches it
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SettingsDialog)
        await pilot.press("escape")  # nothing typed: closes without asking
        await pilot.pause()
        assert isinstance(pilot.app.screen, ProfileDialog)


@pytest.mark.usefixtures("quick_autosave")
@pilot_test
async def test_a_typed_name_is_kept_as_a_draft_and_comes_back(tmp_path, prepared_stores):
    paths = store_with(tmp_path, prepared_stores)
    async with running(paths) as pilot:
        await open_straight(pilot)
        pilot.app.screen.query_one("#collective_name").focus()
        await type_text(pilot, GROUP)
        await until(pilot, lambda: [fields.get("collective_name") for _, _, fields in stored_drafts(paths)] == [GROUP])
        [(form, _, fields)] = stored_drafts(paths)
        assert (form, fields["collective_name"]) == ("settings", GROUP)
        pilot.app.exit()  # as if killed: nothing flushed, nothing saved
    assert load_settings(paths.config).settings.collective_name == ""
    async with running(paths) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, DraftsDialog)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(pilot.app.screen, SettingsDialog)
        assert pilot.app.screen.query_one("#collective_name").value == GROUP


@pilot_test
async def test_a_settings_file_it_cannot_read_is_never_replaced(tmp_path, prepared_stores):
    broken = 'theme = "myrole-light\n'  # half-way through an edit: the quote is not closed
    paths = store_with(tmp_path, prepared_stores, broken)
    async with running(paths) as pilot:
        dialog = await open_straight(pilot)
        await choose(pilot, "default_visibility", "manager")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is dialog  # still open, with the choice kept
        error = str(dialog.query_one("#error", Static).render())
        assert "could not be read" in error and "left as it is" in error
    assert settings_file(paths.config).read_text(encoding="utf-8") == broken


@pilot_test
async def test_f1_on_the_settings_form_explains_it_first(tmp_path, prepared_stores):
    from myrole.ui.screens.help import HelpScreen

    paths = store_with(tmp_path, prepared_stores)
    async with running(paths) as pilot:
        await open_straight(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        page = pilot.app.screen.page()
        assert page.index("Who sees something new you write") < page.index("## Keys here") < page.index("# The whole guide")
