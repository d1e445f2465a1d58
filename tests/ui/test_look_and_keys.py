"""Themes kept in settings.toml, NO_COLOR without greys, a keymap that moves keys, and help and palette for the screen in use."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.command import CommandPalette
from textual.filter import Monochrome
from textual.widgets import OptionList, Static

from myrole.paths import resolve
from myrole.settings import load_settings, settings_file
from myrole.ui.commands import MyRoleCommands
from myrole.ui.screens.commitment import CommitmentScreen
from myrole.ui.screens.help import HelpScreen

from .pilot import one_weekly_commitment, pilot_test, running


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pilot_test
async def test_the_theme_in_settings_is_used_and_a_new_choice_is_kept(tmp_path):
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    settings_file(paths.config).write_text('theme = "myrole-high-contrast"\n[keymap]\nhome.history = "y"\n',
                                           encoding="utf-8")
    async with running(paths) as pilot:
        assert pilot.app.theme == "myrole-high-contrast"
        pilot.app.theme = "myrole-light"  # what the palette's "Change theme" does
        await pilot.pause()
    text = settings_file(paths.config).read_text(encoding="utf-8")
    assert 'theme = "myrole-light"' in text
    assert load_settings(paths.config).settings.keymap == {"home.history": "y"}  # the rest is kept


@pilot_test
async def test_an_unknown_theme_is_named_and_the_default_used(tmp_path):
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    settings_file(paths.config).write_text('theme = "sparkly"\n', encoding="utf-8")
    async with running(paths) as pilot:
        await pilot.pause()
        assert pilot.app.theme == "textual-dark"
        assert any("no theme called 'sparkly'" in n for n in notices(pilot.app))


@pilot_test
async def test_no_color_means_the_terminals_own_colours_and_an_underlined_highlight(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    async with running(paths) as pilot:
        app = pilot.app
        assert not any(isinstance(f, Monochrome) for f in app._filters)  # Textual's greys
        segments = [Segment("x", Style(color="red", bgcolor="blue", reverse=True))]
        for line_filter in app.get_line_filters():
            segments = line_filter.apply(segments, Color(0, 0, 0))
        style = segments[0].style
        assert style.color.is_default and style.bgcolor.is_default and style.reverse
        focused_list = app.focused
        assert isinstance(focused_list, OptionList) and focused_list.highlighted == 0
        first_row = focused_list.render_line(0)
        assert all(s.style.underline and s.style.bold for s in first_row if s.text.strip())


@pilot_test
async def test_keymap_mistakes_are_each_one_sentence_at_start(tmp_path):
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    settings_file(paths.config).write_text('[keymap]\nhome.reflect = "n"\nhome.fly = "f"\n', encoding="utf-8")
    async with running(paths) as pilot:
        await pilot.pause()
        said = notices(pilot.app)
        assert any("'home.fly', which is not a binding id" in n for n in said)
        assert any("gives n to home.reflect, but home.new_commitment already uses it" in n for n in said)


@pilot_test
async def test_f1_explains_the_screen_it_was_pressed_on_first(tmp_path):
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    settings_file(paths.config).write_text('[keymap]\ncommitment.checkin = "k"\n', encoding="utf-8")
    async with running(paths) as pilot:
        await pilot.press("enter")  # the commitment
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommitmentScreen)
        await pilot.press("f1")
        await pilot.pause()
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        text = help_screen.query_one("#help-text", Static).content.markup
        assert text.index("One commitment:") < text.index("# The whole guide")
        assert "- **k**: Check in" in text  # the keys as the person set them
        await pilot.press("escape")
        await pilot.press("f1")  # and on home, home's own words
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert "Home shows your commitments" in pilot.app.screen.query_one("#help-text", Static).content.markup


@pilot_test
async def test_the_palette_offers_the_current_screens_actions(tmp_path):
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    async with running(paths) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        commitment_screen = pilot.app.screen
        provider = MyRoleCommands(commitment_screen)
        titles = [title for title, _, _ in provider._entries()]
        assert "Check in" in titles and "Start a reflection" not in titles
        home_titles = [t for t, _, _ in MyRoleCommands(pilot.app.screen_stack[0])._entries()]
        assert "Start a reflection" in home_titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommandPalette)


@pilot_test
async def test_f1_opens_help_from_a_form_whatever_field_has_the_focus(tmp_path):
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    async with running(paths) as pilot:
        await pilot.press("n")  # a new commitment: the title field has the focus
        await pilot.pause()
        form = pilot.app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen) and pilot.app.screen.over is form


@pilot_test
async def test_homes_line_of_keys_names_the_keys_the_keymap_gives(tmp_path):
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    settings_file(paths.config).write_text('[keymap]\nhome.reflect = "g"\nhome.revalidation = "j"\n',
                                           encoding="utf-8")
    async with running(paths) as pilot:
        hint = pilot.app.screen.returning_hint()
        assert "g reflects" in hint and "r reflects" not in hint and "c checks in" in hint
        assert "j opens revalidation" in str(pilot.app.screen.query_one("#welcome", Static).render())


@pilot_test
async def test_home_names_the_revalidation_key_to_new_people(tmp_path):
    async with running(resolve(tmp_path / "new")) as pilot:
        await pilot.press("escape")  # past the first run's details form
        assert "v for revalidation" in str(pilot.app.screen.query_one("#welcome", Static).render())


@pilot_test
async def test_the_high_contrast_theme_draws_hints_in_full_white(tmp_path):
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    settings_file(paths.config).write_text('theme = "myrole-high-contrast"\n', encoding="utf-8")
    async with running(paths) as pilot:
        assert pilot.app.get_css_variables()["text-muted"].lower() == "#ffffff"
