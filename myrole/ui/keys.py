"""Provides every key binding by its id (each screen's and dialog's), and checking a person's [keymap] against them.

Each binding has an id (`home.reflect`, `reflection.next` ...), so a person can move it to another
key in settings.toml (Textual's keymap does the moving). `myrole keys` prints this list.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding, BindingsMap, InvalidBinding
from textual.dom import DOMNode
from textual.keys import Keys, format_key, key_to_character

# The modules whose classes hold bindings; the walk imports them (each is imported by the app anyway).
PACKAGES = ("myrole.ui.screens", "myrole.ui.dialogs", "myrole.ui.widgets")
# The modifiers Textual names in a key event, in the order it writes them (its key parser sorts them;
# Textual has no public list of them).
MODIFIERS = ("alt", "ctrl", "hyper", "meta", "shift", "super")
# Keys by name (escape, f5, pageup ...): the last part of each of Textual's Keys, less its inner ones (<any>).
NAMED_KEYS = frozenset(k.value.rsplit("+", 1)[-1] for k in Keys if not k.value.endswith(">"))


@dataclass(frozen=True)
class KeyBinding:
    """One binding a person can move: its id, its keys now, what it does and where it works."""

    id: str
    keys: str
    description: str
    where: str


def class_bindings(owner: type[DOMNode]) -> list[Binding]:
    """A class's bindings with those it inherits, as Textual merges them for each of its widgets.

    Textual offers this only as the private DOMNode._merge_bindings (a mounted widget has the public
    active_bindings, but these checks run on classes, before anything is mounted); this is the one place
    myrole reaches for it.
    """
    return [b for _, b in owner._merge_bindings()]


def binding_owners(app_class: type[App]) -> list[type[DOMNode]]:
    """The app and every screen, dialog and widget class of ours that declares bindings."""
    owners: list[type[DOMNode]] = [app_class]
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__, f"{package_name}."):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if (isinstance(value, type) and issubclass(value, DOMNode) and value.__module__ == module.__name__
                        and "BINDINGS" in vars(value)):
                    owners.append(value)
    return owners


def _own_bindings(owner: type[DOMNode]) -> list[Binding]:
    """The bindings a person may move: those with an id and words to say what they do."""
    return [b for _, b in BindingsMap(vars(owner)["BINDINGS"]) if b.id and b.description]


def all_bindings(app_class: type[App], keymap: dict[str, str] | None = None) -> list[KeyBinding]:
    """Every binding with an id, with the keys the keymap gives it (or its own), sorted by id."""
    keymap = usable_keymap(keymap or {})
    seen: dict[str, KeyBinding] = {}
    for owner in binding_owners(app_class):
        for binding in _own_bindings(owner):
            assert binding.id is not None  # _own_bindings keeps only bindings with an id
            if binding.id in seen:
  # one id on two keys (escape and ctrl+s, say): list its keys together
                known = seen[binding.id]
                if binding.id not in keymap:
                    seen[binding.id] = KeyBinding(known.id, f"{known.keys},{binding.key}", known.description, known.where)
                continue
            seen[binding.id] = KeyBinding(binding.id, keymap.get(binding.id, binding.key), binding.description,
                                          _where(owner))
    return sorted(seen.values(), key=lambda b: b.id)


def _where(owner: type[DOMNode]) -> str:
    """Where a binding works, in words: 'everywhere' for the app's own."""
    if issubclass(owner, App):
        return "everywhere"
    return re.sub(r"(?<!^)(?=[A-Z])", " ", owner.__name__).lower()  # CheckInDialog -> "check in dialog"


def keymap_problems(app_class: type[App], keymap: dict[str, str]) -> list[str]:
    """One sentence for each id the app does not have, each key that is not a key, and each key given to two
    things on one screen."""
    known = {b.id for b in all_bindings(app_class)}
    problems = [f"The keymap names '{binding_id[:60]}', which is not a binding id (`myrole keys` lists them)."
                for binding_id in keymap if binding_id not in known]
    problems += [f"The keymap gives {binding_id[:60]} '{keys[:40]}', which is not a key name (write keys like "
                 f"ctrl+q, f5, question_mark or ?), so it keeps its own key."
                 for binding_id, keys in keymap.items() if binding_id in known and not keys_are_valid(keys)]
    moved = {k: _key_list(v) for k, v in usable_keymap(keymap).items() if k in known}
    app_bindings = class_bindings(app_class)
    reported: set[tuple[str, str]] = set()
    for owner in binding_owners(app_class):
        owned = class_bindings(owner)
        users: dict[str, set[str]] = {}  # key -> the ids (or actions) that answer it on this screen
        for binding in owned if owner is app_class else app_bindings + owned:
            name = binding.id or binding.action
            for key in moved.get(binding.id or "", _key_list(binding.key)):
                users.setdefault(key, set()).add(name)
        for key, names in users.items():
            mover = next((n for n in sorted(names) if key in moved.get(n, ())), None)
            if mover is None or len(names) < 2 or (mover, key) in reported:
                continue
            reported.add((mover, key))
            others = " and ".join(sorted(names - {mover}))
            problems.append(f"The keymap gives {key} to {mover}, but {others} already uses it on "
                            f"{_where(owner)}; change one of them in settings.toml.")
    return problems


def usable_keymap(keymap: dict[str, str]) -> dict[str, str]:
    """The keymap less any entry whose keys are not all real keys: that binding keeps its own key.

    Textual would take a misspelt key as it is, and the binding would answer to no key at all.
    """
    return {binding_id: keys for binding_id, keys in keymap.items() if keys_are_valid(keys)}


def keys_are_valid(keys: str) -> bool:
    """Whether every key in a list like "ctrl+q, ?" is one Textual can report (ctrl+shfit+q, F13x and ctrl+ are not)."""
    try:
        names = _key_list(keys)
    except InvalidBinding:  # an empty key in the list ("a,,b")
        return False
    return all(_is_key_name(name) for name in names)


def _is_key_name(name: str) -> bool:
    """A key as Textual names it in a key event: known modifiers, in its order, then one key."""
    *modifiers, key = name.split("+")
    if len(set(modifiers)) != len(modifiers) or any(m not in MODIFIERS for m in modifiers):
        return False
    if modifiers != sorted(modifiers, key=MODIFIERS.index):
        return False  # shift+ctrl+q: Textual writes ctrl+shift+q, so this one would never match
    return key in NAMED_KEYS or _is_character_name(key)


def _is_character_name(key: str) -> bool:
    """A printable character (a, é, 7) or the name Textual gives one (question_mark, plus, pound_sign)."""
    if len(key) == 1:
        return key.isprintable() and not key.isspace()
    character = key_to_character(key) or format_key(key)  # format_key knows the short names: plus, slash
    return len(character) == 1 and character.isprintable() and _key_list(character) == (key,)


def _key_list(keys: str) -> tuple[str, ...]:
    """Keys as Textual compares them ("ctrl+q, ?" -> ("ctrl+q", "question_mark")); InvalidBinding if one is empty."""
    return tuple(b.key for b in Binding.make_bindings([Binding(keys, "")]))
