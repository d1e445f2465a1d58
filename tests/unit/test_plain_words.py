"""Words a person sees: no "store" or "prompt pack" in the app's screens, messages, keys and help, in plain
mode, or in any command's --help; the framework's modes always carry everyday words beside them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import myrole
from myrole.cli import cli
from myrole.model import Mode

PACKAGE = Path(myrole.__file__).parent
SEEN_BY_PEOPLE = ("ui", "cli", "plain")  # every screen, dialog, message, footer key, help page and plain-mode line
JARGON = re.compile(r"\bstores?\b|\bprompt[ -]packs?\b", re.IGNORECASE)
# Where the word means something else, or a person never sees the string: (file, the string's start).
ALLOWED: set[tuple[str, str]] = set()


def shown_strings(path: Path) -> list[tuple[int, str]]:
    """Every string constant in a module except docstrings of functions and classes (code notes, not
    shown), with its line; the docstrings of click commands are checked through --help below."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_the_scan_finds_the_words_it_looks_for():
    assert JARGON.search("Your store could not be read") and JARGON.search("Choose a prompt pack first.")
    assert not JARGON.search("restore a backup") and not JARGON.search("your records, as stored")


def test_no_string_a_person_sees_says_store_or_prompt_pack():
    found = []
    for folder in SEEN_BY_PEOPLE:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            relative = path.relative_to(PACKAGE).as_posix()
            for line, text in shown_strings(path):
                if JARGON.search(text) and (relative, text[:40]) not in ALLOWED:
                    found.append(f"{relative}:{line}: {text[:80]!r}")
    assert found == []


def every_command(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    names = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names += every_command(command, (*prefix, name))
        else:
            names.append((*prefix, name))
    return names


@pytest.mark.parametrize("words", every_command(cli), ids=lambda words: " ".join(words) or "myrole")
def test_no_command_help_says_store_or_prompt_pack(words):
    result = CliRunner().invoke(cli, [*words, "--help"])
    assert result.exit_code == 0, result.output
    assert not JARGON.search(result.output), result.output


def test_each_mode_is_said_in_everyday_words_with_its_framework_name():
    for mode in Mode:
        assert mode.explained.endswith(f"({mode.label.lower()})")
        assert len(mode.explained) > len(mode.label) + 3
    assert Mode.ADVOCACY.explained == "Speak up for change (optimise advocacy)"
