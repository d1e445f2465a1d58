"""Provides prompt packs: finding them, reading their TOML and validating every prompt."""

from __future__ import annotations

import os
import stat
import tomllib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, TypeVar

from myrole import limits
from myrole.model import CHOOSE_LENS, Lens, Mode, Pack, Prompt
from myrole.os_errors import reason
from myrole.text import one_line

# The largest pack file read: forty times the full core pack, and small enough to read at every start.
MAX_PACK_BYTES = 1_000_000
QUOTED_CHARS = 60  # how much of an id or a wrong value an error message repeats

PACK_KEYS_REQUIRED = {"id", "title", "version", "source"}
PACK_KEYS_OPTIONAL = {"description", "flow"}
FLOWS = ("", CHOOSE_LENS)  # "" (or no flow key): every prompt in turn
PROMPT_KEYS_REQUIRED = {"id", "text", "hint"}
# A step of a reflection model (Gibbs, What? So what? Now what?) names neither a lens nor a mode.
PROMPT_KEYS_OPTIONAL = {"lens", "mode", "examples"}
TOP_KEYS = {"pack", "prompts"}
EDITION_GONE = ("This reflection was started on an earlier version of its questions, which is no longer "
                "installed, so it shows today's questions; the answers you gave keep their own questions.")
# How long each text in a pack may be, in characters, from the limits every text in myrole keeps to.
# The ids, the version, the title and the source must also be on one line: a reflection keeps its pack's
# id, version and title and each answer its prompt's id, and a backup or export holding a line break
# there would be refused by `myrole restore` and `myrole import`. Any other control character in a pack
# is shown inert, not refused.
TEXT_CHARS = {
    "id": limits.LINE_CHARS, "title": limits.TITLE_CHARS, "version": limits.LINE_CHARS,
    "source": limits.LINE_CHARS, "description": limits.TEXT_CHARS, "lens": limits.LINE_CHARS,
    "mode": limits.LINE_CHARS, "text": limits.TEXT_CHARS, "hint": limits.TEXT_CHARS, "flow": limits.LINE_CHARS,
}
ONE_LINE_KEYS = frozenset({"id", "title", "version", "source", "lens", "mode", "flow"})
EXAMPLE_CHARS = limits.LINE_CHARS


class PackError(Exception):
    """A pack file that cannot be used; the message names the file, the prompt and the problem."""

    def __init__(self, path: Path | str, problem: str, prompt_id: str | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.prompt_id = prompt_id
        where = f"{self.path}: prompt '{quoted(prompt_id)}'" if prompt_id else self.path
        super().__init__(f"{where}: {problem}")

    def sentence(self) -> str:
        """The problem as one sentence, for a command that checks this one file."""
        where = f"{self.path}, prompt '{quoted(self.prompt_id)}'" if self.prompt_id else self.path
        if self.problem.startswith(("cannot ", "is ", "has ")):  # reads on from the name: "... prompt 'x', has ..."
            return f"The prompt pack {where}{',' if self.prompt_id else ''} {self.problem.rstrip('.')}."
        return f"The prompt pack {where}: {self.problem.rstrip('.')}."


@dataclass(frozen=True)
class Catalogue:
    """Every pack that loaded, and an error for each file that did not."""

    packs: tuple[Pack, ...]
    errors: tuple[PackError, ...]

    def get(self, pack_id: str) -> Pack | None:
        return next((p for p in self.packs if p.id == pack_id), None)

    def find_prompt(self, prompt_id: str) -> tuple[Pack, Prompt] | None:
        found = self.find_prompts(prompt_id)
        return found[0] if found else None

    def find_prompts(self, prompt_id: str) -> list[tuple[Pack, Prompt]]:
        """Every pack's question with this id (packs may reuse one another's question ids), built-in packs first."""
        return [(pack, prompt) for pack in self.packs if (prompt := pack.prompt(prompt_id)) is not None]

    def edition(self, pack_id: str, version: str, note: Callable[[str], object] | None = None) -> Pack | None:
        """The pack as a reflection was started on it: the installed one if the version matches, else a
        kept earlier edition of a built-in pack, else the installed one after telling note why."""
        current = self.get(pack_id)
        if current is not None and current.version == version:
            return current
        kept = kept_edition(pack_id, version)
        if kept is not None:
            return kept
        if current is not None and note is not None:
            note(EDITION_GONE)
        return current


def builtin_folder() -> Path:
    """The built-in packs: inside the installed package, or at the top of a source checkout."""
    installed = Path(__file__).parent / "prompts"
    if installed.is_dir():
        return installed
    return Path(__file__).parent.parent / "prompts"


def editions_folder() -> Path:
    """Earlier editions of the built-in packs, kept read-only for reflections started on them."""
    return builtin_folder() / "editions"


def kept_edition(pack_id: str, version: str) -> Pack | None:
    """The kept edition with this pack id and version, if there is one that loads.

    Every file is read and matched on what it says inside, so an id or version from the store is
    never made into a file name.
    """
    try:
        paths = pack_files(editions_folder())
    except PackError:
        return None
    for path in paths:
        try:
            pack = load_pack(path)
        except PackError:
            continue
        if (pack.id, pack.version) == (pack_id, version):
            return pack
    return None
def quoted(value: str) -> str:
    """A short, inert form of an id or value for an error message (a pack can hold anything)."""
    return one_line(value, QUOTED_CHARS)


def load_pack(path: Path) -> Pack:
    """Read and validate one pack file; raise PackError on the first problem."""
    text = read_pack_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:  # its message gives a line and column, never the text
        raise PackError(path, f"is not valid TOML ({error})") from None
    except RecursionError:
        raise PackError(path, "is nested too deeply to be a prompt pack") from None
    return parse_pack(data, path)


def read_pack_text(path: Path) -> str:
    """A pack file's text: a regular file, at most MAX_PACK_BYTES, in UTF-8; otherwise PackError."""
    try:
        # stat first: opening a pipe or a device named *.toml could wait for ever or never end.
        kind = os.stat(path).st_mode
        if stat.S_ISDIR(kind):
            raise PackError(path, "is a folder, not a pack file")
        if not stat.S_ISREG(kind):
            raise PackError(path, "is not an ordinary file (it may be a device or a pipe)")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_PACK_BYTES + 1)
    except OSError as error:
        raise PackError(path, f"cannot be read ({reason(error)})") from None
    if len(raw) > MAX_PACK_BYTES:
        raise PackError(path, f"is larger than {MAX_PACK_BYTES:,} bytes, too large to be a prompt pack")
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark first (Notepad's "UTF-8 with BOM") is dropped
    except UnicodeDecodeError:
        raise PackError(path, "cannot be read as a pack: it is not UTF-8 text") from None


def parse_pack(data: dict[str, Any], path: Path | str) -> Pack:
    """Turn parsed TOML into a Pack, checking every key and value."""
    _check_keys(data, TOP_KEYS, {"pack", "prompts"}, path, None, "the file")
    header = data["pack"]
    if not isinstance(header, dict):
        raise PackError(path, "[pack] must be a table")
    _check_keys(header, PACK_KEYS_REQUIRED, PACK_KEYS_OPTIONAL, path, None, "[pack]")
    for key in header:
        _require_text(header, key, path, None)
    items = data["prompts"]
    if not isinstance(items, list) or not items:
        raise PackError(path, "needs at least one [[prompts]] entry")
    prompts: list[Prompt] = []
    seen: set[str] = set()
    for index, item in enumerate(items, start=1):
        prompt = _parse_prompt(item, index, path)
        if _id_as_read(prompt.id) in seen:
            raise PackError(path, "this id is used more than once (ids differing only in case or spaces read the "
                                  "same)", prompt.id)
        seen.add(_id_as_read(prompt.id))
        prompts.append(prompt)
    flow = header.get("flow", "")
    _check_flow(flow, prompts, path)
    return Pack(
        id=header["id"],
        title=header["title"],
        version=header["version"],
        source=header["source"],
        description=header.get("description", ""),
        prompts=tuple(prompts),
        path=str(path),
        flow=flow,
    )


def _check_flow(flow: str, prompts: list[Prompt], path: Path | str) -> None:
    """A known flow; choosing a lens needs every prompt to name a lens, each lens once."""
    if flow not in FLOWS:
        raise PackError(path, f"unknown flow '{quoted(flow)}' in [pack] (use '{CHOOSE_LENS}' or leave it out)")
    if flow != CHOOSE_LENS:
        return
    lenses = [prompt.lens for prompt in prompts]
    if None in lenses or len(set(lenses)) != len(lenses):
        raise PackError(path, f"a '{CHOOSE_LENS}' pack needs each prompt to name a different lens")


def _parse_prompt(item: Any, index: int, path: Path | str) -> Prompt:
    if not isinstance(item, dict):
        raise PackError(path, f"prompt number {index} must be a table")
    given_id = item.get("id")
    prompt_id = given_id if isinstance(given_id, str) else f"number {index}"
    _check_keys(item, PROMPT_KEYS_REQUIRED, PROMPT_KEYS_OPTIONAL, path, prompt_id, "this prompt")
    for key in PROMPT_KEYS_REQUIRED | ({"lens", "mode"} & set(item)):
        _require_text(item, key, path, prompt_id)
    if ("lens" in item) != ("mode" in item):
        raise PackError(path, "has a lens without a mode or a mode without a lens (give both, or neither "
                              "for a step of a reflection model)", prompt_id)
    lens = _choice(Lens, item["lens"], "lens", path, prompt_id) if "lens" in item else None
    mode = _choice(Mode, item["mode"], "mode", path, prompt_id) if "mode" in item else None
    examples = item.get("examples", [])
    if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
        raise PackError(path, "examples must be a list of text", prompt_id)
    for number, example in enumerate(examples, start=1):
        _check_size(example, EXAMPLE_CHARS, f"Example {number}", path, prompt_id)
    return Prompt(
        id=item["id"],
        lens=lens,
        mode=mode,
        text=item["text"].strip(),
        hint=item["hint"].strip(),
        examples=tuple(examples),
    )


def _check_keys(
    table: dict[str, Any],
    required: set[str],
    optional: set[str],
    path: Path | str,
    prompt_id: str | None,
    where: str,
) -> None:
    unknown = sorted(set(table) - required - optional)
    if unknown:
        raise PackError(path, f"unknown key '{quoted(unknown[0])}' in {where}", prompt_id)
    missing = sorted(required - set(table))
    if missing:
        raise PackError(path, f"missing '{missing[0]}' in {where}", prompt_id)


def _require_text(table: dict[str, Any], key: str, path: Path | str, prompt_id: str | None) -> None:
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise PackError(path, f"'{key}' must be some text", prompt_id)
    _check_size(value, TEXT_CHARS[key], f"'{key}'", path, prompt_id, one_line=key in ONE_LINE_KEYS)


def _check_size(value: str, chars: int, what: str, path: Path | str, prompt_id: str | None, *,
                one_line: bool = False) -> None:
    problem = limits.problem(value, limits.FieldLimit(chars, one_line=one_line), what)
    if problem:
        raise PackError(path, problem, prompt_id)


Choice = TypeVar("Choice", Lens, Mode)


def _choice(kind: type[Choice], value: str, name: str, path: Path | str, prompt_id: str) -> Choice:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise PackError(path, f"unknown {name} '{quoted(value)}' (use one of: {allowed})", prompt_id) from None


def pack_files(folder: Path) -> list[Path]:
    """Every *.toml in a folder, in name order (none when there is no such folder); PackError when it cannot be read."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if fnmatch(entry.name, "*.toml"))
    except FileNotFoundError:
        return []
    except OSError as error:
        raise PackError(folder, f"cannot be read as the folder of your prompt packs ({reason(error)})") from None
    return [folder / name for name in names]


def load_catalogue(user_folder: Path | None = None) -> Catalogue:
    """All packs: the built-in ones, then the user's; a broken file or folder is reported, not fatal."""
    folders = [builtin_folder()] + ([user_folder] if user_folder else [])
    packs: list[Pack] = []
    errors: list[PackError] = []
    for folder in folders:
        try:
            files = pack_files(folder)
        except PackError as error:
            errors.append(error)
            continue
        for path in files:
            try:
                packs.append(_load_new_pack(path, packs))
            except PackError as error:
                errors.append(error)
    return Catalogue(packs=tuple(packs), errors=tuple(errors))


def _load_new_pack(path: Path, loaded: list[Pack]) -> Pack:
    """One pack file, refused when its pack id is already taken by a pack loaded before it."""
    pack = load_pack(path)
    clash = id_taken(pack, loaded)
    if clash:
        raise PackError(path, clash)
    return pack


def built_in(pack: Pack) -> bool:
    """Whether the pack is one of myrole's own (its file is in the built-in folder), not one of the person's."""
    return Path(pack.path).resolve().parent == builtin_folder().resolve()


def _id_as_read(an_id: str) -> str:
    """A pack's or a question's id as a person reads it in a list: case, spaces around it and invisible format
    characters (a zero-width space) make no difference."""
    return "".join(char for char in an_id if unicodedata.category(char) != "Cf").strip().casefold()


def id_taken(pack: Pack, others: Iterable[Pack]) -> str | None:
    """Why pack cannot be used when another pack (a built-in one, or one in another file) already has its id, or
    one that reads the same ('Core', 'core '); None when the id is free. The file itself does not count."""
    here, wanted = Path(pack.path).resolve(), _id_as_read(pack.id)
    for other in others:
        if _id_as_read(other.id) == wanted and Path(other.path).resolve() != here:
            whose = "a built-in question set" if built_in(other) else f"the question set in {other.path}"
            return f"pack id '{quoted(pack.id)}' is already used by {whose}; give this one an id of its own"
    return None
