"""Provides the click command line `cli`: the root group, with each command module's commands on it.

A new command module (`myrole/cli/<topic>.py`) keeps its commands in a list named COMMANDS and is
added to COMMAND_MODULES below. Heavy imports (Textual, the store) happen inside each command.
"""

from __future__ import annotations

from myrole.cli import collate, erase, events, keys, revalidation, search, share
from myrole.cli.root import cli

COMMAND_MODULES = (share, search, erase, events, collate, revalidation, keys)

for _module in COMMAND_MODULES:
    for _command in _module.COMMANDS:
        cli.add_command(_command)

__all__ = ["cli"]
