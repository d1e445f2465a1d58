"""Provides the `myrole` console entry point, with fast paths for `myrole due` and the app.

`myrole due` runs from shell start-up files, so it must not pay for importing click,
Textual or sqlite-utils. When the arguments are exactly `due` (optionally after
`--home DIR`), it is answered here with the standard library. `myrole` alone opens the
app without importing click, which is only needed to read arguments; so do `myrole --plain`
and `myrole --no-plain`. Plain mode (myrole.plain) runs instead of the app with --plain, or
when standard input or output is not a terminal, or with ACCESSIBLE=1 or TERM=dumb set, unless
--no-plain is given (which, with no terminal, is refused in one sentence, exit 2). Everything else, including
`myrole due --help`, goes to the click command line in the cli package. Whichever runs, a
reader of standard output that leaves early (`myrole due | head -1`) ends it quietly, exit 0.
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
    if sys.stdout is not None and (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        # `myrole due > due.txt` on Windows (myrole/streams.py); checked first so a terminal, or Linux and macOS,
        # load nothing more for it (`myrole due` runs from shell start-up files)
        from myrole.streams import as_utf8_when_redirected

        as_utf8_when_redirected(sys.stdout)
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        try:
            status = _run(args)
        except SystemExit as stop:
            status = stop.code
        if sys.stdout is not None:  # None when started with standard output closed (`myrole due >&-`)
            sys.stdout.flush()  # a reader that left early (`myrole due | head -1`) shows here, not at exit
    except BrokenPipeError:
        from myrole.os_errors import stop_writing

        stop_writing()
        status = 0  # the reader had what it wanted: that is not a failure
    except OSError as error:  # `myrole due > /dev/full`, or a disk that filled: one sentence, not a traceback
        from myrole.os_errors import reason, stop_writing

        stop_writing()
        print(f"myrole: What myrole printed could not be written ({reason(error)}).", file=sys.stderr)
        status = 2
    if argv is None and status in (0, None) and _ends_with_a_document(args):
        _exit_without_teardown()
    sys.exit(status)


# Commands that end by writing one document (a long PDF, a summary) from a store they have closed. After them
# Python's own teardown frees every module and the document's objects one by one: 0.1-0.15 s after the ten-year
# PDF, whose budget is 2 s (docs/performance.md, "Ending without Python's teardown").
WITHOUT_TEARDOWN = (("export",), ("revalidation", "nmc"), ("revalidation", "hcpc"))


def _ends_with_a_document(args: list[str]) -> bool:
    """Whether args name one of WITHOUT_TEARDOWN, after the options that come before it (--home DIR, --plain ...)."""
    rest = list(args)
    while rest and rest[0].startswith("-"):
        option = rest.pop(0)
        if option == "--home" and rest:
            rest.pop(0)
    return any(tuple(rest[:len(command)]) == command for command in WITHOUT_TEARDOWN)


def _exit_without_teardown() -> None:
    """End the process at once, status 0, what it printed flushed: the operating system frees its memory and closes
    its files anyway. Only for a command run as the process itself (main() with no arguments given) that finished
    well: its file is written whole and synced, and its store closed. myrole registers no atexit handler; the
    libraries an export loads (fpdf2's logging, its thread pool, already shut down) have nothing left to do.
    """
    import os

    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except OSError:  # a reader that has gone: what was left to say cannot reach it, as with a normal exit
        pass
    os._exit(0)


def _run(args: list[str]) -> int | str | None:
    """Run the command args ask for; its exit status."""
    fast, home = _fast_due_home(args)
    if fast:
        from myrole import due
        from myrole.location import store_file

        return due.run(store_file(home))
    from myrole.plain import FLAG_APP, FLAG_PLAIN

    if not args or args in ([FLAG_PLAIN], [FLAG_APP]):  # the app itself: click is not needed to read these
        return _open_app(plain=args[0] == FLAG_PLAIN if args else None)
    from myrole.cli import cli

    cli.main(args=args, prog_name="myrole")
    return 0


def _open_app(plain: bool | None = None) -> int:
    """`myrole` alone: the app (or plain mode, see myrole.plain.wanted) on MYROLE_HOME or the platform's
    folders, or one sentence and 2."""
    import os

    from myrole.location import home_problem
    from myrole.os_errors import sentence
    from myrole.paths import resolve
    from myrole.plain import NO_TERMINAL, has_terminal, wanted

    paths = resolve(None)
    problem = home_problem(paths.data, paths.config)
    terminal = has_terminal(sys.stdin, sys.stdout)
    try:
        if not problem and wanted(plain, os.environ, terminal):
            from myrole.plain.menu import main_menu
            from myrole.plain.session import run

            return run(paths, main_menu)
        if not problem and not terminal:
            problem = NO_TERMINAL
        if not problem:
            from myrole.launch import start

            return start(paths)
    except OSError as error:  # the same sentence the click commands give (cli.MyroleGroup)
        problem = sentence(error)
    print(f"myrole: {problem}", file=sys.stderr)
    return 2
