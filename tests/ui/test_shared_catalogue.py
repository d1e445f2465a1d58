"""Apps share the prompt packs made from the same files (ui/app.shared_catalogue), and never stale ones."""

from __future__ import annotations

from myrole.prompts import builtin_folder, load_catalogue
from myrole.ui.app import shared_catalogue


def test_the_same_files_give_the_same_packs_and_a_changed_file_new_ones(paths):
    paths.user_prompts.mkdir(parents=True, exist_ok=True)
    core = (builtin_folder() / "core.toml").read_text(encoding="utf-8")
    mine = paths.user_prompts / "mine.toml"
    mine.write_text(core.replace('id = "core"', 'id = "mine"', 1), encoding="utf-8")

    first = shared_catalogue(paths.user_prompts)
    assert shared_catalogue(paths.user_prompts) is first
    assert first == load_catalogue(paths.user_prompts)
    assert first.get("mine") is not None

    # The same size and, on a coarse clock, the same time: only the text tells it apart.
    mine.write_text(core.replace('id = "core"', 'id = "mind"', 1), encoding="utf-8")
    changed = shared_catalogue(paths.user_prompts)
    assert changed.get("mine") is None and changed.get("mind") is not None

    mine.unlink()
    assert shared_catalogue(paths.user_prompts).get("mind") is None


def test_a_file_that_cannot_be_read_is_reported_as_before(paths):
    paths.user_prompts.mkdir(parents=True, exist_ok=True)
    (paths.user_prompts / "folder.toml").mkdir()
    catalogue = shared_catalogue(paths.user_prompts)
    assert catalogue.packs == load_catalogue(paths.user_prompts).packs
    assert [str(error) for error in catalogue.errors] == [f"{paths.user_prompts / 'folder.toml'}: is a folder, not a pack file"]
