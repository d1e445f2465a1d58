"""Provides the person's settings (settings.toml in the config folder): read forgivingly, checked for meaning, written whole.

The file is the person's own: it may be edited by hand. A value that is wrong is left out (the
default is used) and named in one sentence each, so the app can say so at start; the file is never
rewritten just because it was read. docs/settings.md describes every key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from myrole.limits import LINE, problem
from myrole.location import SETTINGS_NAME
from myrole.model import Visibility

MAX_SETTINGS_BYTES = 64_000  # a hand-written settings file is a few hundred bytes
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Settings:
    """What the person chose; every field has a default that needs no file."""

    theme: str = ""  # "" means the app's default theme; the app checks the name against its themes
    default_visibility: Visibility = Visibility.PRIVATE  # who can see a new item until the person says otherwise
    week_starts: str = "monday"
    collective_name: str = ""  # "" means none set: screens say "your organisation's inequalities group"
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys, as Textual's keymap takes them


@dataclass(frozen=True)
class LoadedSettings:
    """The settings in force and, one sentence each, what in the file could not be used."""

    settings: Settings
    problems: tuple[str, ...] = ()


def new_item_visibility(settings: Settings, *, one_to_one_item: bool = False) -> Visibility:
    """Who may see a new answer, commitment or one-to-one item until the person says otherwise.

    A one-to-one item is written for the meeting (a private one is left off the agenda), so it
    starts at manager when the setting says private. A check-in starts as its commitment is, and
    a commitment made from an answer as that answer is: both were already chosen by the person.
    """
    if one_to_one_item and settings.default_visibility is Visibility.PRIVATE:
        return Visibility.MANAGER
    return settings.default_visibility


def settings_file(config_folder: Path) -> Path:
    return config_folder / SETTINGS_NAME


def load_settings(config_folder: Path) -> LoadedSettings:
    """The settings from the config folder: defaults when there is no file; a bad value is named and skipped."""
    path = settings_file(config_folder)
    try:
        if not path.exists():
            return LoadedSettings(Settings())
        if not path.is_file():
            return LoadedSettings(Settings(), (f"{path} is not a file, so the default settings are used.",))
        if path.stat().st_size > MAX_SETTINGS_BYTES:
            return LoadedSettings(Settings(), (f"{path} is larger than {MAX_SETTINGS_BYTES:,} bytes, so the "
                                               "default settings are used.",))
        raw = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as error:
        return LoadedSettings(Settings(), (f"{path} could not be read ({_short(error)}), so the default settings "
                                           "are used.",))
    return _from_table(raw, path)


def _short(error: OSError | ValueError | RecursionError) -> str:
    if isinstance(error, RecursionError):  # tomllib reads nested arrays by recursion: a small file can be deep
        return "it is nested too deeply to be a settings file"
    if isinstance(error, UnicodeDecodeError):
        return "it is not UTF-8 text"
    if isinstance(error, tomllib.TOMLDecodeError):
        return f"it is not valid TOML: {error}"
    return (error.strerror if isinstance(error, OSError) else None) or type(error).__name__


def _from_table(raw: dict, path: Path) -> LoadedSettings:
    """Settings from the file's table, keeping each good value and naming each bad one."""
    known = {f.name for f in fields(Settings)}
    problems = [f"{path}: '{key[:60]}' is not a setting myrole knows, so it is ignored." for key in raw if key not in known]
    values: dict[str, Any] = {}  # each one checked for its field by _checked
    for key in known & raw.keys():
        value, why = _checked(key, raw[key])
        if why:
            problems.append(f"{path}: {why}, so the default is used.")
        else:
            values[key] = value
    return LoadedSettings(replace(Settings(), **values), tuple(problems))


def setting_problem(key: str, value: object) -> str | None:
    """Why value cannot be kept as this setting, in one sentence (the check reading the file makes), or None."""
    _, why = _checked(key, value)
    return f"{why[0].upper()}{why[1:]}." if why else None


def _checked(key: str, value: object) -> tuple[object, str | None]:
    """The value ready to use, or the reason it cannot be (without quoting more than a short piece of it)."""
    if key == "keymap":
        keymap = _flat_keymap(value) if isinstance(value, dict) else None
        if keymap is None:
            return None, "[keymap] must list binding ids with their keys as text, like app.quit = \"ctrl+q\""
        return keymap, None
    if not isinstance(value, str):
        return None, f"{key} must be text in quotes"
    if key == "default_visibility":
        if value not in {v.value for v in Visibility}:
            return None, "default_visibility must be one of private, manager or alliance"
        return Visibility(value), None
    if key == "week_starts":
        if value.lower() not in WEEKDAYS:
            return None, "week_starts must be a day of the week, like monday"
        return value.lower(), None
    sentence = problem(value, LINE, f"The {key.replace('_', ' ')}")
    if not sentence and key == "collective_name":
        from myrole.events import label_problem

        sentence = label_problem(value, "The collective name")
    if sentence:
        return None, sentence.rstrip(".")
    return value.strip(), None


def _flat_keymap(table: dict, prefix: str = "") -> dict[str, str] | None:
    """Binding ids and their keys; TOML reads `home.reflect = "n"` as a table in a table, so ids are joined again."""
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, str):
            flat[name] = value
        elif isinstance(value, dict) and name.count(".") < 3:
            inner = _flat_keymap(value, f"{name}.")
            if inner is None:
                return None
            flat.update(inner)
        else:
            return None
    return flat


class SettingsError(ValueError):
    """The settings file could not be changed; one sentence, and the file is as it was."""


def change_settings(config_folder: Path, **changes: object) -> None:
    """Set these keys in settings.toml and keep everything else in it exactly as the person wrote it.

    A file that cannot be read is never replaced (the person may be half-way through editing it).
    The file is written whole through a temporary file, readable by the person only.
    """
    import tomli_w

    from myrole.export.output import OutputError, write_private_file
    from myrole.paths import ensure_private_folder

    path = settings_file(config_folder)
    table: dict[str, object] = {}
    if path.exists():
        try:
            if not path.is_file() or path.stat().st_size > MAX_SETTINGS_BYTES:
                raise SettingsError(f"{path} is not a settings file myrole can read, so it was left as it is.")
            table = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as error:
            raise SettingsError(f"{path} could not be read ({_short(error)}), so it was left as it is.") from None
    for key, value in changes.items():
        table[key] = value.value if isinstance(value, Visibility) else value
    try:
        text = tomli_w.dumps(table)
    except RecursionError:  # read back (tomllib goes deeper than tomli_w writes): what is kept cannot be written
        raise SettingsError(f"{path} is nested too deeply for myrole to write it back, so it was left as it "
                            "is.") from None
    try:
        ensure_private_folder(config_folder)
        write_private_file(path, text.encode("utf-8"), force=True)
    except (OSError, OutputError) as error:
        raise SettingsError(str(error) if isinstance(error, OutputError) else f"{path} could not be written "
                            f"({error.strerror or type(error).__name__}).") from None
