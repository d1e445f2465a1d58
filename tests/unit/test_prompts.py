"""Tests the prompt packs: the built-in ones load and cover the grid; every kind of broken pack is named clearly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from myrole.model import Lens, Mode
from myrole.prompts import (
    EDITION_GONE,
    PackError,
    builtin_folder,
    editions_folder,
    kept_edition,
    load_catalogue,
    load_pack,
)

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

MODEL_STEP = """\
[[prompts]]
id = "mine-step"
text = "What happened?"
hint = "Just the facts."
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


def test_builtin_lens_packs_credit_the_kings_fund_and_model_packs_their_model():
    packs = load_catalogue().packs
    for pack in packs:
        assert "King's Fund" in pack.source if not pack.is_model else "myrole's own" in pack.source
    assert {"Gibbs", "Rolfe", "Driscoll", "Going Home"} <= {
        word for pack in packs if pack.is_model for word in ("Gibbs", "Rolfe", "Driscoll", "Going Home")
        if word in pack.source}


# -- reflection models: steps with no lens or mode ---------------------------------------

MODEL_PACKS = {
    "gibbs": ["description", "feelings", "evaluation", "analysis", "conclusion", "action-plan"],
    "what-so-what": ["what", "so-what", "now-what"],
    "end-of-shift": ["put-down", "went-well", "carry-forward"],
}


@pytest.mark.parametrize("pack_id", sorted(MODEL_PACKS))
def test_each_reflection_model_has_its_steps_in_order_with_no_lens_and_a_hint_and_examples(pack_id):
    pack = load_catalogue().get(pack_id)
    assert pack is not None and pack.is_model and not pack.chooses_lens
    assert [p.id.split("-", 1)[1] for p in pack.prompts] == MODEL_PACKS[pack_id]
    for prompt in pack.prompts:
        assert (prompt.lens, prompt.mode, prompt.placement) == (None, None, "no lens")
        assert prompt.hint and len(prompt.examples) == 2
    assert load_pack(Path(pack.path)) == pack  # and validates on its own, as `prompts validate` does


def test_the_after_a_shift_steps_put_down_notice_and_carry_forward():
    texts = [p.text for p in load_catalogue().get("end-of-shift").prompts]
    assert "hard thing" in texts[0] and "put it down" in texts[0]
    assert "went well" in texts[1] and "carry forward" in texts[2]


def test_a_pack_may_mix_lens_questions_and_model_steps(tmp_path):
    pack = load_pack(write_pack(tmp_path, HEADER + PROMPT_ONE + MODEL_STEP))
    assert [(p.lens, p.mode) for p in pack.prompts] == [(Lens.SELF, Mode.AWARENESS), (None, None)]
    assert pack.is_model


def test_one_thing_asks_the_person_to_choose_one_lens_of_six():
    pack = load_catalogue().get("one-thing")
    assert pack.chooses_lens and not pack.is_model
    assert sorted(p.lens for p in pack.prompts) == sorted(Lens)
    assert not load_catalogue().get("core").chooses_lens


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
    "a lens without a mode": (
        HEADER + PROMPT_ONE.replace('mode = "awareness"\n', ""),
        "mine-1", ["a lens without a mode", "neither"],
    ),
    "a mode without a lens": (
        HEADER + PROMPT_ONE.replace('lens = "self"\n', ""),
        "mine-1", ["a mode without a lens"],
    ),
    "an empty lens": (
        HEADER + PROMPT_ONE.replace('"self"', '""'),
        "mine-1", ["'lens' must be some text"],
    ),
    "unknown flow": (
        HEADER + 'flow = "shuffle"\n' + PROMPT_ONE,
        None, ["unknown flow 'shuffle'", "choose-lens"],
    ),
    "choosing a lens with a step that has none": (
        HEADER + 'flow = "choose-lens"\n' + PROMPT_ONE + MODEL_STEP,
        None, ["needs each prompt to name a different lens"],
    ),
    "choosing a lens with a lens twice": (
        HEADER + 'flow = "choose-lens"\n' + PROMPT_ONE + PROMPT_ONE.replace('"mine-1"', '"mine-3"'),
        None, ["needs each prompt to name a different lens"],
    ),
    "examples not a list": (
        HEADER + PROMPT_ONE + 'examples = "just one"\n',
        "mine-1", ["examples"],
    ),
    # A reflection keeps these on one line each; restore and import refuse a line break there.
    **{f"a line break in the pack's {key}": (
        HEADER.replace(f'{key} = "', f'{key} = "two\\nlines ') + PROMPT_ONE,
        None, [f"'{key}' must be on one line"],
    ) for key in ("id", "title", "version", "source")},
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
    assert ids[0] == "core" and "one-thing" in ids and "gibbs" in ids
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


# -- editions: a reflection keeps the questions it was started on ----------------------------------


def kept_editions() -> list[Path]:
    return sorted(editions_folder().glob("*.toml"))


def test_the_installed_edition_is_found_by_id_and_version():
    catalogue = load_catalogue()
    for pack in catalogue.packs:
        assert catalogue.edition(pack.id, pack.version) is pack


def test_every_kept_edition_validates_and_is_older_than_its_installed_pack():
    catalogue = load_catalogue()
    assert kept_editions(), "no kept editions were found"
    for path in kept_editions():
        old = load_pack(path)
        current = catalogue.get(old.id)
        assert current is not None, f"{path.name} keeps an edition of a pack that is not built in"
        assert old.version != current.version
        assert path.name == f"{old.id}-{old.version}.toml"
        assert catalogue.edition(old.id, old.version, note=pytest.fail) == old


def test_kept_editions_are_never_offered_as_packs():
    ids = [pack.id for pack in load_catalogue().packs]
    assert len(ids) == len(set(ids))
    assert all(Path(pack.path).parent == builtin_folder() for pack in load_catalogue().packs)


def test_a_version_that_is_gone_falls_back_to_the_installed_pack_with_a_note():
    catalogue = load_catalogue()
    notes: list[str] = []
    pack = catalogue.edition("core", "no-such-version", note=notes.append)
    assert pack is catalogue.get("core")
    assert notes == [EDITION_GONE]


def test_a_pack_that_is_gone_gives_nothing_and_no_note():
    notes: list[str] = []
    assert load_catalogue().edition("no-such-pack", "1", note=notes.append) is None
    assert notes == []


@pytest.mark.parametrize("pack_id", ["../core", "editions/core", "/etc/passwd", "core-1", ""])
def test_an_id_from_the_store_is_never_used_as_a_file_name(pack_id):
    assert kept_edition(pack_id, "1") is None
    assert load_catalogue().edition(pack_id, "1") is None


def test_a_broken_kept_edition_is_treated_as_gone(tmp_path, monkeypatch):
    write_pack(tmp_path, HEADER + PROMPT_ONE.replace('"self"', '"selfish"'), name="mine-1.toml")
    write_pack(tmp_path, HEADER.replace('version = "1"', 'version = "2"') + PROMPT_ONE, name="mine-2.toml")
    monkeypatch.setattr("myrole.prompts.editions_folder", lambda: tmp_path)
    assert kept_edition("mine", "1") is None
    assert kept_edition("mine", "2").prompts[0].text == "What did you notice today?"


# -- the second edition of the core pack -------------------------------------------------------

FIRST_CORE = editions_folder() / "core-1.toml"
# Questions that invite a story about real people, so their hint asks for the situation, not the person.
STORY_PROMPTS = ["self-awareness-1", "self-awareness-3", "patients-advocacy-1", "patients-advocacy-3",
                 "communities-awareness-3", "communities-advocacy-1", "systems-awareness-3", "systems-advocacy-1",
                 "systems-advocacy-2"]


def core_prompt(prompt_id: str):
    prompt = load_catalogue().get("core").prompt(prompt_id)
    assert prompt is not None, f"core has no prompt '{prompt_id}'"
    return prompt


def test_a_kept_id_keeps_its_lens_and_mode():
    first = load_pack(FIRST_CORE)
    second = load_catalogue().get("core")
    kept = [p for p in second.prompts if first.prompt(p.id)]
    assert len(kept) >= 24, "most first-edition questions keep their id"
    for prompt in kept:
        assert (prompt.lens, prompt.mode) == (first.prompt(prompt.id).lens, first.prompt(prompt.id).mode)


def test_a_retired_id_is_never_reused():
    first_ids = {p.id for p in load_pack(FIRST_CORE).prompts}
    second_ids = {p.id for p in load_catalogue().get("core").prompts}
    new_ids = second_ids - first_ids
    assert new_ids, "the second edition adds questions"
    for prompt_id in new_ids:
        lens, mode, number = prompt_id.rsplit("-", 2)
        assert int(number) > max(int(i.rsplit("-", 1)[1]) for i in first_ids if i.startswith(f"{lens}-{mode}-"))


def test_the_demo_answers_still_match_questions_in_core():
    from myrole.demo import DEMO_ANSWERS
    for prompt_id in DEMO_ANSWERS:
        core_prompt(prompt_id)


@pytest.mark.parametrize("prompt_id", STORY_PROMPTS)
def test_a_question_that_invites_a_story_asks_for_no_names(prompt_id):
    hint = core_prompt(prompt_id).hint
    assert "describe the situation, not the person: no names, dates, wards or rare conditions." in hint.lower()


def test_unfair_treatment_at_work_can_stay_private_and_names_no_colleagues():
    hint = core_prompt("self-advocacy-2").hint
    for phrase in ("private", "Don't name colleagues", "may be your manager", "HR", "staff equality network",
                   "trade union", "Freedom to Speak Up Guardian"):
        assert phrase in hint, phrase


def test_asking_about_money_is_private_explained_and_can_be_refused():
    hint = core_prompt("patients-action-1").hint
    assert "in private" in hint and "say why" in hint and "accept 'no'" in hint


def test_local_facts_come_with_their_causes():
    gap = core_prompt("self-action-1").hint
    assert "Manningham" in gap and all(cause in gap for cause in ("income", "housing", "work"))
    assert "most deprived fifth of areas nationally" in core_prompt("services-awareness-1").hint


def test_the_one_thing_systems_question_looks_beyond_your_organisation():
    prompt = load_catalogue().get("one-thing").prompt("one-thing-systems")
    assert "wider system" in prompt.text and "council" in prompt.text
    assert "past your own organisation" in prompt.hint and "councillor" in prompt.hint
# -- hostile packs: one sentence each, naming the file, and the other packs still load ----------


def test_every_hostile_pack_is_one_sentence_and_the_good_packs_still_load(paths):
    from hostile_packs import CANARY, write_hostile_packs

    expected = write_hostile_packs(paths.user_prompts)
    catalogue = load_catalogue(paths.user_prompts)
    assert [pack.id for pack in catalogue.packs] == ["core", "end-of-shift", "gibbs", "one-thing", "what-so-what",
                                                     "team"]
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
    assert [pack.id for pack in catalogue.packs] == ["core", "end-of-shift", "gibbs", "one-thing", "what-so-what"]
    [error] = catalogue.errors
    assert str(error).startswith(f"{paths.user_prompts}: cannot be read as the folder of your prompt packs")


def test_a_line_break_in_a_prompt_id_is_refused_and_the_id_is_quoted_on_one_line(tmp_path):
    path = write_pack(tmp_path, HEADER + PROMPT_ONE.replace('"mine-1"', '"mine\\u2028one"'))
    error = problem_of(path)
    assert error.problem == "'id' must be on one line; please remove the line break."
    assert "\u2028" not in str(error) and "prompt 'mine / one'" in str(error)


def test_a_problem_with_a_prompt_reads_as_one_sentence(tmp_path):
    path = write_pack(tmp_path, HEADER + PROMPT_ONE.replace('"mine-1"', '"mine\\u2028one"'))  # TOML's escape
    assert problem_of(path).sentence() == (f"The prompt pack {path}, prompt 'mine / one': 'id' must be on one line; "
                                           "please remove the line break.")
    path = write_pack(tmp_path, HEADER + PROMPT_ONE.replace('mode = "awareness"\n', ""), name="half.toml")
    assert problem_of(path).sentence().startswith(f"The prompt pack {path}, prompt 'mine-1', has a lens without a mode")
