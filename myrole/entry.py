"""Provides the `myrole` console entry point, with fast paths for `myrole due` and the app.

`myrole due` runs from shell start-up files, so it must not pay for importing click,
Textual or sqlite-utils. When the arguments are exactly `due` (optionally after
`--home DIR`), it is answered here with the standard library. `myrole` alone opens the
app without importing click, which is only needed to read arguments. Everything else,
including `myrole due --help`, goes to the click command line in cli.py.
"""

from __future__ import annotations

import sys


def _fast_due_home(args: list[str]) -> tuple[bool, str | None]:
    """Whether args ask only for `due`, and the --home given, if any."""
    if args == ["due"]:
        return True, None
    if len(args) == 3 and args[0] == "--home" and args[2] == "due":
        return True, args[1]
    if len(args) == 2 and args[0].startswith("--home=") and args[1] == "due":
        return True, args[0].split("=", 1)[1]
    return False, None


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    fast, home = _fast_due_home(args)
    if fast:
        from myrole import due
        from myrole.location import store_file

        sys.exit(due.run(store_file(home)))
    if not args:  # the app itself: click is not needed to read no arguments
        from myrole.launch import start
        from myrole.paths import resolve

        sys.exit(start(resolve(None)))
    from myrole.cli import cli

    cli.main(args=args, prog_name="myrole")
