"""Provides writing the NMC document or the HCPC CPD profile in plain mode: which, the format, then the file.

As the app's write dialog and `myrole revalidation nmc|hcpc -o FILE` do: what looks identifiable is said
before anything is written (the file is still written as it is), and the file is written whole, readable
by you only.
"""

from __future__ import annotations

from pathlib import Path

from myrole.export.words import FORMAT_WORDS
from myrole.paths import WHO_CAN_READ
from myrole.plain.files import ask_target, shown_path, write_to
from myrole.plain.session import Session
from myrole.revalidation import hcpc, nmc
from myrole.revalidation.identifiable import findings
from myrole.revalidation.render import default_file_name, render_bytes

DOCUMENTS = (("NMC: your reflective accounts, your CPD log and the discussion form", "nmc"),
             ("HCPC CPD profile: your summary of practice, activities and statement", "hcpc"))
WHAT = {"nmc": "NMC revalidation document", "hcpc": "HCPC CPD profile"}
FORMATS = (("A web page to print", "html"), ("A PDF, to print or send", "pdf"), ("Markdown, a plain text file", "md"))
SAID_AT_MOST = 5  # findings said one by one; the rest are counted
WHERE_TO_CORRECT = ("correct it in Revalidation, from the menu: make or edit the NMC account again, write the HCPC "
                    "summary again, or change the statement's activities; correcting the reflection's answer does not "
                    "change an account made from it")


def write_document(session: Session) -> None:
    """Ask which document and its format, say what looks identifiable in it, then ask for the file and write it."""
    console = session.console
    which = console.choose("Which document would you like to write?", DOCUMENTS, default=0)
    fmt = console.choose("Which format?", FORMATS, default=0)
    document = (nmc if which == "nmc" else hcpc).build(session.db, session.today)
    warn(session, findings(document, session.today))
    target = ask_target(session, Path(default_file_name(which, fmt, session.today)).expanduser())
    if target is not None and write_to(session, target, render_bytes(document, fmt)):
        console.say(f"Wrote the {WHAT[which]} ({FORMAT_WORDS[fmt]}) to {shown_path(target)}, {WHO_CAN_READ}.")


def warn(session: Session, found: list[str]) -> None:
    """Say what looks like it identifies someone (a few, then how many more), and where to correct it."""
    if not found:
        return
    say = session.console.say
    say("Before you share it, this may identify someone:")
    for finding in found[:SAID_AT_MOST]:
        say(f"{finding}.")
    if len(found) > SAID_AT_MOST:
        more = len(found) - SAID_AT_MOST
        say(f"And {more} more {'thing' if more == 1 else 'things'} like these.")
    say(f"It is written as it is; if it should not be, {WHERE_TO_CORRECT}; then write it again.")
