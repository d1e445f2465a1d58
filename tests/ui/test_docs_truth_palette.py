"""Tests that Textual's own palette commands read in plain UK English, keep their names where the docs use them
(ctrl+p, Theme) and still do what they did."""

from __future__ import annotations

from myrole.paths import resolve

from .pilot import one_weekly_commitment, pilot_test, running


@pilot_test
async def test_the_palettes_own_commands_are_in_plain_words_and_keep_their_actions(tmp_path):
    paths = resolve(tmp_path)
    one_weekly_commitment(paths, days_old=1)
    async with running(paths) as pilot:
        app = pilot.app
        ours = {command.title: command for command in app.get_system_commands(app.screen)}
        assert {"Theme", "Quit", "Keys", "Screenshot"} <= set(ours)
        assert ours["Theme"].help == "Choose the colours; your choice is kept for next time"
        assert ours["Theme"].callback == app.action_change_theme
        assert ours["Quit"].callback == app.action_quit
        words = " ".join(f"{command.title} {command.help}" for command in ours.values())
        for jargon in ("Maximize", "Minimize", "application", "widget", "'screenshot'", "Change the current theme"):
            assert jargon not in words
        textuals = [command.title for command in super(type(app), app).get_system_commands(app.screen)]
        assert len(textuals) == len(ours)  # none left out
