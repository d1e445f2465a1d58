"""Provides prompt packs: finding them, reading their TOML and validating every prompt."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from myrole.model import Lens, Mode, Pack, Prompt

PACK_KEYS_REQUIRED = {"id", "title", "version", "source"}
PACK_KEYS_OPTIONAL = {"description"}
PROMPT_KEYS_REQUIRED = {"id", "lens", "mode", "text", "hint"}
PROMPT_KEYS_OPTIONAL = {"examples"}
TOP_KEYS = {"pack", "prompts"}
EDITION_GONE = ("This reflection was started on an earlier version of its questions, which is no longer "
                "installed, so it shows today's questions; the answers you gave keep their own questions.")


class PackError(Exception):
    """A pack file that cannot be used; the message names the file, the prompt and the problem."""

    def __init__(self, path: Path | str, problem: str, prompt_id: str | None = None):
        self.path = str(path)
        self.problem = problem
        self.prompt_id = prompt_id
        where = f"{self.path}: prompt '{prompt_id}'" if prompt_id else self.path
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Catalogue:
    """Every pack that loaded, and an error for each file that did not."""

    packs: tuple[Pack, ...]
    errors: tuple[PackError, ...]

    def get(self, pack_id: str) -> Pack | None:
        return next((p for p in self.packs if p.id == pack_id), None)

    def find_prompt(self, prompt_id: str) -> tuple[Pack, Prompt] | None:
        for pack in self.packs:
            prompt = pack.prompt(prompt_id)
            if prompt:
                return pack, prompt
        return None

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
    for path in pack_files([editions_folder()]):
        try:
            pack = load_pack(path)
        except PackError:
            continue
        if (pack.id, pack.version) == (pack_id, version):
            return pack
    return None


def load_pack(path: Path) -> Pack:
    """Read and validate one pack file; raise PackError on the first problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(path, f"cannot be read ({error.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as error:
        raise PackError(path, f"is not valid TOML ({error})") from None
    return parse_pack(data, path)


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
        if prompt.id in seen:
            raise PackError(path, "this id is used more than once", prompt.id)
        seen.add(prompt.id)
        prompts.append(prompt)
    return Pack(
        id=header["id"],
        title=header["title"],
        version=header["version"],
        source=header["source"],
        description=header.get("description", ""),
        prompts=tuple(prompts),
        path=str(path),
    )


def _parse_prompt(item: Any, index: int, path: Path | str) -> Prompt:
    if not isinstance(item, dict):
        raise PackError(path, f"prompt number {index} must be a table")
    prompt_id = item.get("id") if isinstance(item.get("id"), str) else f"number {index}"
    _check_keys(item, PROMPT_KEYS_REQUIRED, PROMPT_KEYS_OPTIONAL, path, prompt_id, "this prompt")
    for key in PROMPT_KEYS_REQUIRED:
        _require_text(item, key, path, prompt_id)
    lens = _choice(Lens, item["lens"], "lens", path, prompt_id)
    mode = _choice(Mode, item["mode"], "mode", path, prompt_id)
    examples = item.get("examples", [])
    if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
        raise PackError(path, "examples must be a list of text", prompt_id)
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
        raise PackError(path, f"unknown key '{unknown[0]}' in {where}", prompt_id)
    missing = sorted(required - set(table))
    if missing:
        raise PackError(path, f"missing '{missing[0]}' in {where}", prompt_id)


def _require_text(table: dict[str, Any], key: str, path: Path | str, prompt_id: str | None) -> None:
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise PackError(path, f"'{key}' must be some text", prompt_id)


def _choice(kind: type[Lens] | type[Mode], value: str, name: str, path: Path | str, prompt_id: str):
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise PackError(path, f"unknown {name} '{value}' (use one of: {allowed})", prompt_id) from None


def pack_files(folders: list[Path]) -> list[Path]:
    """Every *.toml file in the given folders, built-in first, in name order."""
    files: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.toml")))
    return files


def load_catalogue(user_folder: Path | None = None) -> Catalogue:
    """All packs: the built-in ones, then the user's; a broken file is reported, not fatal."""
    folders = [builtin_folder()] + ([user_folder] if user_folder else [])
    packs: list[Pack] = []
    errors: list[PackError] = []
    for path in pack_files(folders):
        try:
            pack = load_pack(path)
        except PackError as error:
            errors.append(error)
            continue
        if any(existing.id == pack.id for existing in packs):
            errors.append(PackError(path, f"pack id '{pack.id}' is already used by another pack"))
            continue
        packs.append(pack)
    return Catalogue(packs=tuple(packs), errors=tuple(errors))
