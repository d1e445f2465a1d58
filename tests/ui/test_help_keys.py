"""Tests that F1's page for a screen and the whole guide name each key as the person's keymap has it, not only the
usual keys, and that no key is left unnamed."""

from __future__ import annotations

from myrole.ui.help_pages import FORM, PAGES, fill_keys, page_for
from myrole.ui.screens.commitment import CommitmentScreen
from myrole.ui.screens.help import HELP, HelpScreen

from .pilot import pilot_test, running
from .test_keymap_checks import store_with_keymap


def test_every_page_and_the_guide_name_their_keys_with_the_usual_keys_when_no_keymap_is_given():
    for name in PAGES:
        page = page_for(name, is_form=True)
        assert "{key:" not in page, name
    assert "{key:" not in fill_keys(HELP) and "{key:" not in FORM
    assert '("Remind me later", s)' in page_for("CommitmentScreen", is_form=False)
    assert "**[** and **]** jump" in page_for("HistoryScreen", is_form=False)
    guide = fill_keys(HELP)
    assert "**c** check in" in guide and "**/** search" in guide and "**?** help" in guide  # all of home's keys
    assert "a PDF" in guide


@pilot_test
async def test_f1_on_a_commitment_names_the_keys_the_keymap_moved(tmp_path):
    paths = store_with_keymap(tmp_path, 'commitment.snooze = "z"\ncommitment.renegotiate = "g"\n"app.help" = "f5"')
    async with running(paths) as pilot:
        await pilot.press("enter")  # the commitment
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommitmentScreen)
        await pilot.press("f5")  # help, moved
        await pilot.pause()
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        page = help_screen.page()
        assert '("Remind me later", z)' in page and '("Change the plan", g)' in page
        assert '("Remind me later", s)' not in page and '("Change the plan", n)' not in page
        assert "- **Remind me later** (**z**)" in page and "- **Change the plan** (**g**)" in page  # the guide too
        assert "**F5** help" in page and "**F1** help" not in page


@pilot_test
async def test_the_guide_names_homes_moved_keys(tmp_path):
    paths = store_with_keymap(tmp_path, 'home.reflect = "g"\nhome.search = "j"')
    async with running(paths) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        page = pilot.app.screen.page()
        assert "- Home: **g** reflect" in page and "**j** search" in page
        assert "**r** reflect" not in page and "**/** search" not in page


@pilot_test
async def test_f1_on_a_form_names_that_forms_save_key_as_moved(tmp_path):
    paths = store_with_keymap(tmp_path, 'commitment.save = "ctrl+g"')
    async with running(paths) as pilot:
        await pilot.press("n")  # a new commitment
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        page = pilot.app.screen.page()
        assert "**ctrl+g** saves;\n**escape** closes it" in page
