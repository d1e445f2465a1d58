"""Tests the prompt packs: the built-in ones load and cover the grid; every kind of broken pack is named clearly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from myrole.model import Lens, Mode
from myrole.prompts import PackError, builtin_folder, load_catalogue, load_pack

HEADER = """\
[pack]
id = "mine"
title = "My own pack"
version = "1"
source = "Written for a test"
"""

PROMPT_ONE = """\
[[prompts]]
id = "mine-1"
lens = "self"
mode = "awareness"
text = "What did you notice today?"
hint = "Anything at all."
"""

PROMPT_TWO = """\
[[prompts]]
id = "mine-2"
lens = "patients"
mode = "action"
text = "What will you try?"
hint = "Something small."
"""


def write_pack(folder: Path, text: str, name: str = "pack.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problem_of(path: Path) -> PackError:
    with pytest.raises(PackError) as caught:
        load_pack(path)
    return caught.value


# -- the built-in packs -------------------------------------------------------------


def test_builtin_packs_load_without_errors():
    catalogue = load_catalogue()
    assert catalogue.errors == ()
    ids = [pack.id for pack in catalogue.packs]
    assert "core" in ids and "one-thing" in ids
    for pack in catalogue.packs:
        assert pack.title.strip() and pack.version.strip() and pack.source.strip()
        assert Path(pack.path).parent == builtin_folder()


def test_every_builtin_pack_file_validates_on_its_own():
    files = sorted(builtin_folder().glob("*.toml"))
    assert files, "no built-in packs were found"
    for path in files:
        pack = load_pack(path)
        assert pack.prompts
        for prompt in pack.prompts:
            assert prompt.text.strip() and prompt.hint.strip()


def test_core_covers_all_eighteen_cells_with_at_least_two_prompts():
    core = load_catalogue().get("core")
    assert core is not None
    cells = Counter((prompt.lens, prompt.mode) for prompt in core.prompts)
    assert len(cells) == 18
    for lens in Lens:
        for mode in Mode:
            assert cells[(lens, mode)] >= 2, f"{lens.value} x {mode.value} has {cells[(lens, mode)]}"


def test_prompt_ids_are_unique_across_builtin_packs():
    ids = [prompt.id for pack in load_catalogue().packs for prompt in pack.prompts]
    assert len(ids) == len(set(ids))


def test_builtin_packs_credit_the_kings_fund():
    for pack in load_catalogue().packs:
        assert "King's Fund" in pack.source


def test_a_valid_pack_loads_with_all_its_fields(tmp_path):
    path = write_pack(tmp_path, HEADER + 'description = "For testing"\n' + PROMPT_ONE
                      + 'examples = ["one", "two"]\n' + PROMPT_TWO)
    pack = load_pack(path)
    assert (pack.id, pack.title, pack.version, pack.source, pack.description) == (
        "mine", "My own pack", "1", "Written for a test", "For testing")
    assert [p.id for p in pack.prompts] == ["mine-1", "mine-2"]
    first = pack.prompts[0]
    assert (first.lens, first.mode, first.text, first.hint, first.examples) == (
        Lens.SELF, Mode.AWARENESS, "What did you notice today?", "Anything at all.", ("one", "two"))
    assert pack.path == str(path)


# -- every kind of broken pack --------------------------------------------------------

BROKEN = {
    "unknown key at the top": (
        HEADER + 'colour = "blue"\n' + PROMPT_ONE,
        None, ["unknown key 'colour'"],
    ),
    "unknown key in [pack]": (
        HEADER.replace('version = "1"', 'version = "1"\nauthor = "me"') + PROMPT_ONE,
        None, ["unknown key 'author'", "[pack]"],
    ),
    "unknown key in a prompt": (
        HEADER + PROMPT_ONE + PROMPT_TWO + 'colour = "red"\n',
        "mine-2", ["unknown key 'colour'"],
    ),
    "missing field in a prompt": (
        HEADER + PROMPT_ONE.replace('hint = "Anything at all."\n', ""),
        "mine-1", ["missing 'hint'"],
    ),
    "missing field in [pack]": (
        HEADER.replace('source = "Written for a test"\n', "") + PROMPT_ONE,
        None, ["missing 'source'", "[pack]"],
    ),
    "unknown lens": (
        HEADER + PROMPT_ONE + PROMPT_TWO.replace('"patients"', '"planets"'),
        "mine-2", ["unknown lens 'planets'", "self", "future"],
    ),
    "unknown mode": (
        HEADER + PROMPT_ONE.replace('"awareness"', '"awarenes"'),
        "mine-1", ["unknown mode 'awarenes'", "awareness", "action", "advocacy"],
    ),
    "duplicate id": (
        HEADER + PROMPT_ONE + PROMPT_TWO.replace('"mine-2"', '"mine-1"'),
        "mine-1", ["more than once"],
    ),
    "empty text": (
        HEADER + PROMPT_ONE.replace('"What did you notice today?"', '"   "'),
        "mine-1", ["'text' must be some text"],
    ),
    "examples not a list": (
        HEADER + PROMPT_ONE + 'examples = "just one"\n',
        "mine-1", ["examples"],
    ),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_pack_names_file_prompt_and_problem(tmp_path, kind):
    text, prompt_id, phrases = BROKEN[kind]
    path = write_pack(tmp_path, text, name="broken.toml")
    error = problem_of(path)
    message = str(error)
    assert str(path) in message
    assert error.path == str(path)
    assert error.prompt_id == prompt_id
    if prompt_id is not None:
        assert f"prompt '{prompt_id}'" in message
    for phrase in phrases:
        assert phrase in message, f"{phrase!r} not in {message!r}"


def test_not_toml_names_the_file_and_says_so(tmp_path):
    path = write_pack(tmp_path, "[pack\nid = core\n", name="garbled.toml")
    error = problem_of(path)
    assert str(path) in str(error)
    assert "not valid TOML" in str(error)
    assert error.prompt_id is None


def test_empty_prompts_list_is_refused(tmp_path):
    path = write_pack(tmp_path, "prompts = []\n" + HEADER, name="empty.toml")
    error = problem_of(path)
    assert str(path) in str(error)
    assert "at least one [[prompts]]" in str(error)


def test_no_prompts_at_all_is_refused(tmp_path):
    path = write_pack(tmp_path, HEADER, name="bare.toml")
    error = problem_of(path)
    assert str(path) in str(error)
    assert "missing 'prompts'" in str(error)


def test_prompt_without_an_id_is_named_by_its_number(tmp_path):
    path = write_pack(tmp_path, HEADER + PROMPT_ONE + PROMPT_TWO.replace('id = "mine-2"\n', ""))
    error = problem_of(path)
    assert "prompt 'number 2'" in str(error)
    assert "missing 'id'" in str(error)


def test_a_file_that_is_not_utf8_is_refused_clearly(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes((HEADER + PROMPT_ONE).replace("today", "caf\u00e9").encode("latin-1"))
    error = problem_of(path)
    assert str(path) in str(error)
    assert "cannot be read" in str(error)


# -- the catalogue: a broken user pack does not stop the others ------------------------


def test_broken_user_pack_is_reported_and_the_others_still_load(paths):
    good = write_pack(paths.user_prompts, HEADER + PROMPT_ONE, name="good.toml")
    broken = write_pack(paths.user_prompts,
                        HEADER.replace('"mine"', '"other"') + PROMPT_ONE.replace('"self"', '"selfish"'),
                        name="broken.toml")
    catalogue = load_catalogue(paths.user_prompts)
    ids = [pack.id for pack in catalogue.packs]
    assert ids[:2] == ["core", "one-thing"]
    assert "mine" in ids and "other" not in ids
    assert catalogue.get("mine").path == str(good)
    assert len(catalogue.errors) == 1
    message = str(catalogue.errors[0])
    assert str(broken) in message and "prompt 'mine-1'" in message and "unknown lens 'selfish'" in message


def test_user_pack_cannot_take_a_builtin_pack_id(paths):
    clash = write_pack(paths.user_prompts, HEADER.replace('"mine"', '"core"') + PROMPT_ONE, name="clash.toml")
    catalogue = load_catalogue(paths.user_prompts)
    assert catalogue.get("core").path != str(clash)
    assert len(catalogue.get("core").prompts) == 36
    assert len(catalogue.errors) == 1
    assert str(clash) in str(catalogue.errors[0]) and "already used" in str(catalogue.errors[0])


def test_catalogue_without_user_folder_is_fine(paths):
    assert not paths.user_prompts.exists()
    catalogue = load_catalogue(paths.user_prompts)
    assert catalogue.errors == ()
    assert catalogue.find_prompt("self-awareness-1")[0].id == "core"
    assert catalogue.find_prompt("no-such-prompt") is None


# -- hostile packs: one sentence each, naming the file, and the other packs still load ----------


def test_every_hostile_pack_is_one_sentence_and_the_good_packs_still_load(paths):
    from hostile_packs import CANARY, write_hostile_packs

    expected = write_hostile_packs(paths.user_prompts)
    catalogue = load_catalogue(paths.user_prompts)
    assert [pack.id for pack in catalogue.packs] == ["core", "one-thing", "team"]
    by_file = {Path(error.path).name: str(error) for error in catalogue.errors}
    assert sorted(by_file) == sorted(expected), "each hostile file gets exactly one error"
    for name, phrase in expected.items():
        message = by_file[name]
        assert message.startswith(f"{paths.user_prompts / name}: "), message
        assert phrase in message, (name, message)
        assert "\n" not in message and CANARY not in message and len(message) < 400, (name, message[:400])


@pytest.mark.parametrize("maker", [m for m in __import__("hostile_packs").HOSTILE
                                   if m.__name__ != "duplicate_pack_id"], ids=lambda m: m.__name__)
def test_validating_a_hostile_pack_names_the_file_and_the_problem(tmp_path, maker):
    """What `myrole prompts validate FILE` reads: the same sentence for the file alone."""
    phrase = maker(tmp_path)
    [path] = list(tmp_path.iterdir())
    error = problem_of(path)
    assert error.path == str(path)
    assert phrase in str(error) and "\n" not in str(error) and len(str(error)) < 400


def test_a_pack_at_the_size_limit_still_loads(tmp_path):
    from hostile_packs import GOOD_PACK

    from myrole.prompts import MAX_PACK_BYTES

    text = GOOD_PACK + "#" * (MAX_PACK_BYTES - len(GOOD_PACK) - 1) + "\n"
    path = write_pack(tmp_path, text, name="full.toml")
    assert path.stat().st_size == MAX_PACK_BYTES
    assert load_pack(path).id == "team"


def test_a_packs_folder_that_is_a_file_is_reported_and_the_builtin_packs_load(paths):
    paths.user_prompts.parent.mkdir(parents=True)
    paths.user_prompts.write_text("not a folder\n")
    catalogue = load_catalogue(paths.user_prompts)
    assert [pack.id for pack in catalogue.packs] == ["core", "one-thing"]
    [error] = catalogue.errors
    assert str(error).startswith(f"{paths.user_prompts}: cannot be read as the folder of your prompt packs")
