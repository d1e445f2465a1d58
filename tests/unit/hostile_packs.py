"""Provides hostile prompt packs for the tests: each maker writes one file into a folder and returns
the phrase its one-sentence error must hold."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from myrole.limits import LINE_CHARS, TEXT_CHARS, TITLE_CHARS
from myrole.prompts import MAX_PACK_BYTES

GOOD_PACK = (Path(__file__).parents[1] / "packs" / "team.toml").read_text(encoding="utf-8")  # a valid pack
DEPTH = 50_000
CANARY = "CANARY-PACK-TEXT"  # written into hostile packs: no error message may repeat it


def other(pack_id: str, text: str = GOOD_PACK) -> str:
    """The good pack under another pack id, so it does not clash with the good one."""
    return text.replace('id = "team"', f'id = "{pack_id}"')


def nested_too_deeply(folder: Path) -> str:
    (folder / "deep.toml").write_text("x = " + "[" * DEPTH + "]" * DEPTH + "\n")
    return "nested too deeply"


def too_large(folder: Path) -> str:
    (folder / "huge.toml").write_text(other("huge") + "# " + CANARY * (MAX_PACK_BYTES // len(CANARY)) + "\n")
    return f"larger than {MAX_PACK_BYTES:,} bytes"


def not_utf8(folder: Path) -> str:
    (folder / "latin.toml").write_bytes(other("latin").replace("change", "caf\u00e9").encode("latin-1"))
    return "not UTF-8"


def binary(folder: Path) -> str:
    (folder / "binary.toml").write_bytes(bytes(range(256)) * 64)
    return "not UTF-8"


def text_too_long(folder: Path) -> str:
    (folder / "long-text.toml").write_text(other("long-text").replace("What will our team change?",
                                                                      CANARY * (TEXT_CHARS // len(CANARY) + 1)))
    return "the most myrole keeps is 100,000"


def title_too_long(folder: Path) -> str:
    (folder / "long-title.toml").write_text(other("long-title").replace("Our team's pack", "T" * (TITLE_CHARS + 1)))
    return f"'title' is {TITLE_CHARS + 1:,} characters long"


def example_too_long(folder: Path) -> str:
    (folder / "long-example.toml").write_text(other("long-example") + f'examples = ["{"e" * (LINE_CHARS + 1)}"]\n')
    return "Example 1 is"


def long_unknown_lens(folder: Path) -> str:
    (folder / "lens.toml").write_text(other("lens").replace('"services"', f'"planets{"s" * 900}{CANARY}"'))
    return "unknown lens 'planetss"  # the start of the wrong value, cut short before the canary


def lens_without_mode(folder: Path) -> str:
    (folder / "half.toml").write_text(other("half").replace('mode = "action"\n', ""))
    return "a lens without a mode"


def long_unknown_flow(folder: Path) -> str:
    (folder / "flow.toml").write_text(other("flow").replace("[pack]\n", f'[pack]\nflow = "{"f" * 900}{CANARY}"\n'))
    return "unknown flow 'ffff"  # cut short before the canary


def duplicate_prompt_id(folder: Path) -> str:
    (folder / "twice.toml").write_text(other("twice") + GOOD_PACK[GOOD_PACK.index("[[prompts]]"):])
    return "more than once"


def duplicate_key(folder: Path) -> str:
    (folder / "key-twice.toml").write_text(other("key-twice").replace('hint = "One thing."',
                                                                      'hint = "One thing."\nhint = "Two."'))
    return "not valid TOML"


def duplicate_pack_id(folder: Path) -> str:
    (folder / "zz-copy.toml").write_text(GOOD_PACK)  # named to load after team.toml
    return "pack id 'team' is already used"


def folder_named_like_a_pack(folder: Path) -> str:
    (folder / "folder.toml").mkdir()
    return "is a folder, not a pack file"


def symlink_loop(folder: Path) -> str:
    os.symlink("loop.toml", folder / "loop.toml")
    return "loop of symbolic links"


def named_pipe(folder: Path) -> str:
    os.mkfifo(folder / "pipe.toml")  # opening it would wait for a writer for ever
    return "not an ordinary file"


def endless_device(folder: Path) -> str:
    os.symlink("/dev/zero", folder / "zero.toml")
    return "not an ordinary file"


HOSTILE: list[Callable[[Path], str]] = [
    nested_too_deeply, too_large, not_utf8, binary, text_too_long, title_too_long,
    example_too_long, long_unknown_lens, lens_without_mode, long_unknown_flow, duplicate_prompt_id, duplicate_key, duplicate_pack_id,
    folder_named_like_a_pack,
]
if os.name == "posix":  # symbolic links need extra rights on Windows; pipes and /dev/zero are POSIX
    HOSTILE += [symlink_loop, named_pipe, endless_device]


def write_hostile_packs(folder: Path) -> dict[str, str]:
    """The good pack (team.toml) and every hostile one in folder: file name -> phrase its error holds."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "team.toml").write_text(GOOD_PACK)
    expected = {}
    for make in HOSTILE:
        before = set(os.listdir(folder))
        phrase = make(folder)
        [name] = set(os.listdir(folder)) - before
        expected[name] = phrase
    return expected
