"""A prompt pack nested 50,000 levels deep in your packs folder: the app opens, with the good packs and one warning."""

from __future__ import annotations

from pathlib import Path

from myrole.paths import resolve
from myrole.store import open_store
from .pilot import pilot_test, running

GOOD_PACK = (Path(__file__).parents[1] / "packs" / "team.toml").read_text(encoding="utf-8")  # a valid pack
DEPTH = 50_000


@pilot_test
async def test_the_app_opens_with_the_good_packs_and_one_warning_about_the_deep_one(myrole_home):
    paths = resolve(myrole_home)
    open_store(paths).close()
    paths.user_prompts.mkdir()
    (paths.user_prompts / "team.toml").write_text(GOOD_PACK)
    deep = paths.user_prompts / "deep.toml"
    deep.write_text("x = " + "[" * DEPTH + "]" * DEPTH + "\n")
    async with running(paths) as pilot:
        await pilot.pause()
        app = pilot.app
        assert [pack.id for pack in app.catalogue.packs][-1] == "team"
        assert {"core", "one-thing", "gibbs", "what-so-what", "end-of-shift"} < {p.id for p in app.catalogue.packs}
        warnings = [n for n in app._notifications if n.title == "A question set could not be used"]
        assert [n.message for n in warnings] == [f"{deep}: is nested too deeply to be a prompt pack"]
        assert app.is_running


@pilot_test
async def test_several_bad_pack_files_are_one_warning_naming_each(myrole_home):
    """Five broken files make one warning that names them all, not five that cover the first screen."""
    paths = resolve(myrole_home)
    open_store(paths).close()
    paths.user_prompts.mkdir()
    broken = [paths.user_prompts / f"broken-{number}.toml" for number in range(5)]
    for path in broken:
        path.write_text("[pack\n")
    async with running(paths) as pilot:
        await pilot.pause()
        app = pilot.app
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1
        assert warnings[0].title == "Some question sets could not be used"
        assert warnings[0].message == (f"5 files could not be used: {', '.join(map(str, broken))}. "
                                       "`myrole prompts list` says why.")
