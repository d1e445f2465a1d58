"""Provides `myrole keys`: every key binding's id, its keys now and what it does, for the [keymap] in settings.toml."""

from __future__ import annotations

import click

from myrole.paths import Paths


@click.command()
@click.pass_obj
def keys(paths: Paths) -> None:
    """List the app's keys by id; move one in settings.toml's [keymap] (see docs/settings.md)."""
    from myrole.settings import load_settings
    from myrole.text import inert
    from myrole.ui.app import MyRoleApp
    from myrole.ui.keys import all_bindings, keymap_problems, usable_keymap

    loaded = load_settings(paths.config)
    keymap = loaded.settings.keymap
    bindings = all_bindings(MyRoleApp, keymap)
    width = max(len(b.id) for b in bindings)
    click.echo(f"{'id':<{width}}  {'keys':<14} what it does (where)")
    for binding in bindings:
        moved = " (moved by your keymap)" if binding.id in usable_keymap(keymap, MyRoleApp) else ""
        click.echo(f"{binding.id:<{width}}  {inert(binding.keys):<14} {binding.description} ({binding.where}){moved}")
    for problem in [*loaded.problems, *keymap_problems(MyRoleApp, keymap)]:
        click.echo(f"myrole: {inert(problem)}", err=True)


COMMANDS = [keys]
