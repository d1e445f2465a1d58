"""Provides every key binding by its id, the checks on a person's [keymap], and the key a binding has now.

The bindings are each screen's and dialog's; key_for names a binding's key as a sentence names it. Each binding has an id (`home.reflect`, `reflection.next` ...), so a person can move it to another
key in settings.toml (Textual's keymap does the moving). `myrole keys` prints this list.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass

from textual._ansi_sequences import ANSI_SEQUENCES_KEYS  # Textual's table of what a terminal's bytes are
from textual.app import App
from textual.binding import Binding, BindingsMap, InvalidBinding
from textual.dom import DOMNode
from textual.keys import KEY_ALIASES, Keys, _character_to_key, format_key, key_to_character
from textual.widget import Widget
from textual.widgets import Input, OptionList, TextArea

from myrole.ui.bindings import CLOSED_KEYS_FOR, SCREEN_KEYS

# The modules whose classes hold bindings; the walk imports them (each is imported by the app anyway).
PACKAGES = ("myrole.ui.screens", "myrole.ui.dialogs", "myrole.ui.widgets")
# The modifiers Textual names in a key event, in the order it writes them (its key parser sorts them;
# Textual has no public list of them).
MODIFIERS = ("alt", "ctrl", "hyper", "meta", "shift", "super")
# Keys by name (escape, f5, pageup ...): the last part of each of Textual's Keys, less its inner ones (<any>).
NAMED_KEYS = frozenset(k.value.rsplit("+", 1)[-1] for k in Keys if not k.value.endswith(">"))
# Keys Textual names as a modifier and a character, as it reports them (ctrl+@); any other is reported by the
# character's name (ctrl+right_square_bracket, not ctrl+]).
CHARACTER_KEYS = frozenset(k.value for k in Keys if len(k.value.rsplit("+", 1)[-1]) == 1)


def _arrivals() -> dict[str, str]:
    """Keys a terminal sends as another key's byte, so that Textual reports the other (ctrl+i -> tab).

    ctrl and a key from @ to _ sends one control character; where Textual's key table reads that character as
    another key (tab, enter, backspace, escape, ctrl+@), a binding to the ctrl name would never be pressed.
    Textual's own KEY_ALIASES adds the names that send the same byte (ctrl+space is ctrl+@).
    """
    arrives: dict[str, str] = {}
    for sequence, keys in ANSI_SEQUENCES_KEYS.items():
        if len(sequence) == 1 and ord(sequence) < 0x20 and isinstance(keys, tuple):
            name = f"ctrl+{_character_to_key(chr(ord(sequence) + 0x40).lower())}"
            if keys[0].value != name:
                arrives[name] = keys[0].value
    for key, aliases in KEY_ALIASES.items():
        for alias in aliases:
            arrives.setdefault(alias, arrives.get(key, key))
    return arrives


ARRIVES_AS = _arrivals()
SCREEN_IDS = frozenset(binding_id for binding_id, *_ in SCREEN_KEYS)  # ours, with or without a description


def _own_keys_of(*boxes: type[Widget]) -> frozenset[str]:
    """The keys Textual's text boxes act on themselves: moving, selecting, deleting, the clipboard, undo."""
    return frozenset(binding.key for box in boxes for binding in Binding.make_bindings(box.BINDINGS))


INPUT_KEYS, EDITOR_KEYS, LIST_KEYS = _own_keys_of(Input), _own_keys_of(TextArea), _own_keys_of(OptionList)
# Keys every form moves between its fields and closes with, and the command palette's: a binding that works
# everywhere (app.quit, app.help) would take them from every form.
FORM_KEYS = frozenset({"tab", "shift+tab", "escape", App.COMMAND_PALETTE_BINDING})


@dataclass(frozen=True)
class Focused:
    """What has the focus on a screen while the person works there, and the keys it takes before the screen does."""

    words: str
    keys: frozenset[str]
    types: bool  # a text box: it also takes every key that types a character (q, alt+q)


# Moved onto one of these keys, a binding of that screen would never be reached while that has the focus.
FOCUSED_ON = {
    "reflection": Focused("the answer box", EDITOR_KEYS, True), "search": Focused("the search box", INPUT_KEYS, True),
    "export": Focused("the file box", INPUT_KEYS, True), "collation": Focused("the folder box", INPUT_KEYS, True),
    "home": Focused("the list of commitments", LIST_KEYS, False), "history": Focused("the list", LIST_KEYS, False),
    "one_to_one": Focused("the list of points", LIST_KEYS, False),
    "revalidation": Focused("the list of accounts", LIST_KEYS, False),
}


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
    keymap = usable_keymap(keymap or {}, app_class)
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
    """One sentence for each id the app does not have, each key that is not a key or can never be pressed, each
    key typed in a text box given to a binding that works while you type, and each key given to two things on
    one screen."""
    known = {b.id for b in all_bindings(app_class)}
    problems = [f"The keymap names '{binding_id[:60]}', which is not a binding id (`myrole keys` lists them)."
                for binding_id in keymap if binding_id not in known]
    active_while_typing = always_active(app_class)
    for binding_id, keys in keymap.items():
        if binding_id in known:
            problem = _keys_problem(binding_id, keys, active_while_typing)
            if problem:
                problems.append(problem)
    moved = {k: _key_list(v) for k, v in usable_keymap(keymap, app_class).items() if k in known}
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
            problems.append(_clash(key, mover, sorted(names - {mover}), known, _where(owner)))
    return problems


def _clash(key: str, mover: str, others: list[str], known: set[str], where: str) -> str:
    """The sentence for a key the keymap gives to mover that others on that screen answer already (one without a
    binding id is Textual's own, such as ctrl+c's copy: it cannot be moved, so only mover's key can change)."""
    ours = [name for name in others if name in known or name in SCREEN_IDS]
    if not ours:
        return f"The keymap gives {key} to {mover}, but Textual itself uses it on {where}; choose another key."
    named = " and ".join([*ours, *(["Textual itself"] if len(ours) < len(others) else [])])
    verb = "use" if len(ours) < len(others) or len(ours) > 1 else "uses"
    return f"The keymap gives {key} to {mover}, but {named} already {verb} it on {where}; change one of them in " \
           "settings.toml."


def _keys_problem(binding_id: str, keys: str, active_while_typing: set[str]) -> str | None:
    """The sentence refusing one keymap entry, or None when its keys can be used."""
    given = f"The keymap gives {binding_id[:60]} '{keys[:40]}'"
    if not _names_are_keys(keys):
        lower = keys.lower()
        if lower != keys and _names_are_keys(lower) and not any(never_pressed(n) for n in _key_list(lower)):
            return f"{given}, which is not a key name as written (key names are in small letters), so it keeps its own " \
                   f"key: write {lower[:40]}."
        return (f"{given}, which is not a key name (write keys like ctrl+q, f5, question_mark or ?), so it keeps its "
                f"own key.")
    for name in _key_list(keys):
        never = never_pressed(name)
        if never:
            return f"{given}, but {never[0]}, so it keeps its own key: {never[1]}."
    if App.COMMAND_PALETTE_BINDING in _key_list(keys):
        return f"{given}, but {App.COMMAND_PALETTE_BINDING} opens the command palette everywhere; it keeps its own key."
    if binding_id in active_while_typing:
        return _taken_from_typing(given, binding_id, keys)
    return _taken_by_the_focus(given, binding_id, keys)


def _taken_from_typing(given: str, binding_id: str, keys: str) -> str | None:
    """Why a binding that works even while you type (app.quit, app.help) cannot have these keys, if it cannot."""
    typed = next((name for name in _key_list(keys) if is_typed(name)), None)
    if typed:
        return (f"{given}, but {binding_id[:60]} works even while you type, so every {key_words(typed)} typed "
                f"in a text box would go to it instead; it keeps its own key (choose a key you do not type with, "
                f"like f5 or ctrl+g).")
    editing = next((name for name in _key_list(keys) if name in INPUT_KEYS | EDITOR_KEYS | FORM_KEYS), None)
    if editing:
        return (f"{given}, but {binding_id[:60]} works even while you type, and text boxes and forms use "
                f"{key_words(editing)} (to move, select, edit or close), which it would take from them; it keeps its "
                f"own key (choose one like f5 or ctrl+g).")
    return None


def _taken_by_the_focus(given: str, binding_id: str, keys: str) -> str | None:
    """Why a screen's binding cannot have these keys, if what has the focus there takes them first (FOCUSED_ON)."""
    focused = FOCUSED_ON.get(binding_id.split(".", 1)[0])
    if focused is None:
        return None
    taken = next((name for name in _key_list(keys)
                  if name in focused.keys or (focused.types and types_a_character(name))), None)
    if taken is None:
        return None
    return (f"{given}, but {focused.words} on that screen takes {key_words(taken)} itself while it has the focus, "
            f"so it would not reach {binding_id[:60]}; it keeps its own key.")


def types_a_character(name: str) -> bool:
    """Whether a text box types something for this key: a typed key (is_typed), or alt with a character (alt+q)."""
    *modifiers, key = name.split("+")
    return is_typed(name) or (modifiers == ["alt"] and character_of(key) is not None)


def usable_keymap(keymap: dict[str, str], app_class: type[App]) -> dict[str, str]:
    """The keymap less any entry keymap_problems refuses: that binding keeps its own key.

    Textual would take a misspelt key as it is, and the binding would answer to no key at all; a key it never
    reports (shift+g, ctrl+i) would do the same; and a typed key given to a binding that works while you type
    (app.quit = "q") would take that letter from every text box (app_class has those bindings).
    """
    active_while_typing = always_active(app_class)
    return {binding_id: keys for binding_id, keys in keymap.items()
            if _keys_problem(binding_id, keys, active_while_typing) is None}


def with_closed_keys(keymap: dict[str, str]) -> dict[str, str]:
    """The keymap, with commitment.closed_key answering the keys the keymap gives the actions a closed commitment
    turns off (bindings.CLOSED_KEYS_FOR), so a moved key says why on a closed one as its own key would."""
    if not any(binding_id in keymap for binding_id in CLOSED_KEYS_FOR) or "commitment.closed_key" in keymap:
        return keymap
    own = {binding_id: keys for binding_id, keys, *_ in SCREEN_KEYS}
    moved = [keymap.get(binding_id, own[binding_id]) for binding_id in CLOSED_KEYS_FOR]
    return {**keymap, "commitment.closed_key": ",".join(moved)}


def always_active(app_class: type[App]) -> set[str]:
    """The ids of the bindings that work even while a text box has the focus (app.help, app.quit): Textual checks a
    priority binding before the focused widget sees the key; any other gets a key only if the text box in focus
    did not take it (Input and TextArea take every key that types a character)."""
    return {binding.id for owner in binding_owners(app_class) for binding in _own_bindings(owner)
            if binding.priority and binding.id}


def is_typed(name: str) -> bool:
    """Whether a key is one a person types text with: a character (q, G, ?, é), space, or either with shift.

    Textual's text boxes take exactly these (Input and TextArea take a key whose character is printable).
    """
    *modifiers, key = name.split("+")
    return modifiers in ([], ["shift"]) and (key == "space" or character_of(key) is not None)


def character_of(key: str) -> str | None:
    """The printable character a key (without modifiers) types, if any: g -> g, question_mark -> ?, plus -> +.

    Textual's key_to_character knows only some names (not plus or slash); format_key knows others. A key event
    carries its character, so a text box takes + whatever the key is called.
    """
    if len(key) == 1:
        return key if key.isprintable() and not key.isspace() else None
    return next((c for c in (format_key(key), key_to_character(key))
                 if c and len(c) == 1 and c.isprintable() and not c.isspace() and _character_to_key(c) == key), None)


def keys_are_valid(keys: str) -> bool:
    """Whether every key in a list like "ctrl+q, ?" is one Textual can report (ctrl+shfit+q, F13x and ctrl+ are not,
    nor shift+g, which Textual reports as G, nor ctrl+i, which the terminal sends as tab)."""
    return _names_are_keys(keys) and not any(never_pressed(name) for name in _key_list(keys))


def _names_are_keys(keys: str) -> bool:
    """Whether every key in the list is written as Textual writes a key (ctrl+shfit+q, F13x and ctrl+ are not)."""
    try:
        names = _key_list(keys)
    except InvalidBinding:  # an empty key in the list ("a,,b")
        return False
    return all(_is_key_name(name) for name in names)


def never_pressed(name: str) -> tuple[str, str] | None:
    """Why a well-formed key name is never what Textual reports, and what to write instead; None if it can be pressed.

    Textual reports a shifted character as the character (G, ?), a capital with ctrl or alt as shift and the small
    letter, a character after a modifier by its name (ctrl+right_square_bracket), and some ctrl keys as the key
    whose byte the terminal sends for them (ARRIVES_AS).
    """
    *modifiers, key = name.split("+")
    if modifiers and len(key) == 1 and key.isupper():
        if modifiers == ["shift"]:
            return ("a shifted letter reaches myrole as the capital letter", f"write {key} for {name}")
        instead = "+".join([*sorted({*modifiers, "shift"}, key=MODIFIERS.index), key.lower()])
        return (f"a capital letter after {'+'.join(modifiers)} reaches myrole as shift and the small letter",
                f"write {instead} for {name}")
    if modifiers == ["shift"] and character_of(key) is not None:  # shift+space is sent as such: not refused
        if len(key) == 1 and key.isalpha():
            return ("a shifted letter reaches myrole as the capital letter", f"write {key.upper()} for {name}")
        return ("a shifted key reaches myrole as the character it types",
                "write that character instead (like ! or ?)")
    if modifiers and len(key) == 1 and not key.isalnum() and name not in CHARACTER_KEYS:
        named = "+".join([*modifiers, _character_to_key(key)])
        if named not in ARRIVES_AS:
            return f"myrole knows that key as {named}", f"write {named} for {name}"
    arrives = ARRIVES_AS.get("+".join([*modifiers, _character_to_key(key) if len(key) == 1 else key]))
    if arrives and arrives != name:
        instead = f"write {arrives} for {name}" if "+" in arrives else "choose another key"
        return f"most terminals send {name} as {arrives}", instead
    return None


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


def key_words(name: str) -> str:
    """A key as a sentence names it: its character where it has one (?, /, -), F1 as keyboards say it, any other
    key by its name (escape, enter, space, pageup), after its modifiers (ctrl+x)."""
    *modifiers, key = name.split("+")
    character = character_of(key)
    if character:
        key = character
    elif re.fullmatch(r"f\d+", key):
        key = key.upper()
    return "+".join([*modifiers, key])


def key_for(node: DOMNode, binding_id: str) -> str:
    """The key that does binding_id now, as a sentence names it: the first of its keys where the footer takes them
    (the screen's keys after the keymap), else the key the app's keymap gives it, else its own key."""
    for key, active in node.screen.active_bindings.items():
        if active.binding.id == binding_id:
            return key_words(key)
    # Not a key of this screen (home's r, named on another screen): Textual's keymap, as the app set it (it holds
    # only keys that work: usable_keymap), else the key in the table of screens' keys or the app's own.
    keys = node.app._keymap.get(binding_id) or _own_keys(node).get(binding_id)
    if keys is None:
        raise KeyError(binding_id)
    return key_words(_key_list(keys)[0])


def _own_keys(node: DOMNode) -> dict[str, str]:
    """Binding ids with their own keys: every screen's (bindings.SCREEN_KEYS), the app's and this screen's (a
    dialog's keys are in its class)."""
    own = {binding.id: binding.key for owner in (type(node.screen), type(node.app))
           for binding in reversed(class_bindings(owner)) if binding.id}
    own.update((binding_id, keys) for binding_id, keys, *_ in SCREEN_KEYS)
    return own


def keys_line(node: DOMNode, keys: tuple[tuple[str, str], ...], between: str = " · ") -> str:
    """A line of keys as the person has them: each binding id's key now and its words ("c check in · e edit")."""
    return between.join(f"{key_for(node, binding_id)} {words}" for binding_id, words in keys)
