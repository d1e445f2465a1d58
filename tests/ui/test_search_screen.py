"""The search screen: / on home, words typed find records newest first with the matches styled (never read as
markup), Enter opens the record; and the delete key removes a commitment for good after a confirmation."""

from __future__ import annotations

from myrole.store.commitments import get_commitment, update_commitment
from myrole.ui.screens.commitment import CommitmentScreen
from myrole.ui.screens.search import MATCH_STYLE, SearchScreen

from .pilot import SIZE, TITLE, one_weekly_commitment, pilot_test, reopened, running, type_text  # noqa: F401


def give_detail(paths, commitment_id: str, detail: str) -> None:
    from dataclasses import replace

    with reopened(paths) as db:
        update_commitment(db, replace(get_commitment(db, commitment_id), detail=detail))


@pilot_test
async def test_slash_finds_by_prefix_and_accent_and_enter_opens_the_commitment(paths):
    made = one_weekly_commitment(paths, days_old=3)
    give_detail(paths, made, "Ask Zoë at the [b]café[/b] desk")
    async with running(paths) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SearchScreen)
        await type_text(pilot, "interp zoe cafe")
        await pilot.pause()
        screen = pilot.app.screen
        results = screen.query_one("#search-results")
        assert results.option_count == 1
        label = results.get_option_at_index(0).prompt
        assert "[b]café[/b]" in label.plain  # the person's brackets shown as typed, not read as markup
        styled = {label.plain[span.start:span.end] for span in label.spans if span.style == MATCH_STYLE}
        assert styled == {"interpreter", "Zoë", "café"}
        await pilot.press("enter", "enter")  # to the results, then open the first
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommitmentScreen) and pilot.app.screen.commitment_id == made


@pilot_test
async def test_nothing_found_and_no_words_are_said_plainly(paths):
    one_weekly_commitment(paths, days_old=3)
    async with running(paths) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "zebra")
        await pilot.pause()
        assert "Nothing found" in str(pilot.app.screen.query_one("#search-status").render())


@pilot_test
async def test_the_delete_key_removes_a_commitment_for_good_after_a_confirmation(paths):
    made = one_weekly_commitment(paths, days_old=3)
    async with running(paths) as pilot:
        await pilot.press("enter")  # open the commitment from home
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommitmentScreen)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("escape")  # the question, closed: nothing happens
        await pilot.pause()
        with reopened(paths) as db:
            assert get_commitment(db, made) is not None
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("enter")  # a stray Enter: "Keep it" has the focus
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommitmentScreen)
        with reopened(paths) as db:
            assert get_commitment(db, made) is not None
        await pilot.press("delete")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, CommitmentScreen)
    with reopened(paths) as db:
        assert get_commitment(db, made) is None
