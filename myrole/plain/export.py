"""Provides exporting a summary in plain mode: who it is for, which format, and the file to write.

What looks like patient data in a summary for someone else is said before the file is asked for, so a full stop
at that question still goes back without writing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from myrole.validation import SINCE_FORMS, check_since, typed_day
from myrole.paths import WHO_CAN_READ
from myrole.export import Document, render_pieces, shows_every_checkin, summary
from myrole.plain.files import ask_and_write, shown_path
from myrole.plain.session import Session
from myrole.privacy import Audience, find_identifiable
from myrole.text import one_line

AUDIENCES = (
    ("Me only: everything, including what is private", Audience.ME),
    ("My line manager: only what I chose to share with them, and our one-to-ones", Audience.MANAGER),
    ("The group you share commitments with: only commitments marked alliance, with no names", Audience.ALLIANCE),
)
# What a plain-mode user can do about a warning: plain mode changes only your details and an unfinished
# reflection's answers (Reflect; who sees one with `who`); commitments, check-ins, one-to-one points and finished
# reflections are corrected, or made private, in the app.
WARNING_ADVICE = ("The file is still written as it is. To correct it, or make it private so it is left out, use the "
                  "app (myrole --no-plain); plain mode changes only your details and unfinished reflections.")
FORMATS = (("Markdown, a plain text file", "md"), ("A web page to print", "html"),
           ("JSON, data for other programs (the full format)", "json"), ("A PDF, to print or send", "pdf"))


def default_file(audience: Audience, fmt: str, session: Session) -> Path:
    """A file in the home folder, e.g. ~/myrole-summary-for-manager-2027-03-15.md (as the app suggests)."""
    who = "" if audience is Audience.ME else f"for-{audience.value}-"
    return Path(f"~/myrole-summary-{who}{session.today.isoformat()}.{fmt}").expanduser()


def export(session: Session) -> None:
    """Ask who the summary is for, its format and where to write it; write it, readable by you only."""
    console = session.console
    audience = console.choose("Who is the summary for?", AUDIENCES, default=0)
    fmt = console.choose("Which format?", FORMATS, default=0)
    since = _ask_since(session)
    made = _prepared(session, audience, fmt, since)  # what looks like patient data is said here, before the file
    target = ask_and_write(session, default_file(audience, fmt, session), made)
    if target is not None:
        console.say(f"Wrote the summary to {shown_path(target)}, {WHO_CAN_READ}.")


def _ask_since(session: Session) -> date | None:
    """Only what happened from a date (as --since and the app's Since field), or everything."""
    while True:
        typed = session.console.ask(f"Only what happened from a date? Type it as {SINCE_FORMS}, "
                                    "or Enter alone for everything.")
        if not typed or typed == ".":
            return None
        since = typed_day(typed)
        if since is None:
            session.console.say(f"Write the date as {SINCE_FORMS}, or press Enter alone.")
            continue
        try:
            check_since(since, session.today)
        except ValueError as error:  # after today, or before 1900: its own sentence
            session.console.say(str(error))
            continue
        return since


def _prepared(session: Session, audience: Audience, fmt: str, since: date | None) -> Callable[[], list[bytes]]:
    """What makes the export's bytes; for a summary for someone else, what looks like patient data in it is said
    now, before the file is asked for (a warning, never a block). The bytes are made once a file is chosen."""
    if fmt == "json" and audience is Audience.ME and since is None:  # the whole store, as `myrole export` writes it
        from myrole.export.json_records import whole_store_pieces

        return lambda: [piece.encode("utf-8") for piece in whole_store_pieces(session.conn)]
    collective = session.settings.collective_name if audience is Audience.ALLIANCE else ""  # as `myrole export`

    def document() -> Document:
        return summary(session.conn, audience, since, every_checkin=shows_every_checkin(fmt), collective=collective)

    if audience is Audience.ME:  # nothing to warn about: read the store only once a file is chosen
        return lambda: _encoded(document(), fmt)
    shared = document()
    _warn(session, shared)
    return lambda: _encoded(shared, fmt)


def _encoded(document: Document, fmt: str) -> list[bytes]:
    """The summary as bytes, in pieces."""
    if fmt == "pdf":
        from myrole.export import render_pdf  # fpdf2 is loaded only when a PDF is made

        return [render_pdf(document)]
    return [piece.encode("utf-8") for piece in render_pieces(document, fmt)]


def _warn(session: Session, document: Document) -> None:
    """Say what looks like patient data in a summary for someone else, and what the person can do about it."""
    found = [f"{f.kind} {one_line(f.text, 30)} in {where}" for where, text in document.texts()
             for f in find_identifiable(text, session.today)]
    for finding in dict.fromkeys(found):
        session.console.say(f"Warning: this may identify a patient: {finding}.")
    if found:
        session.console.say(WARNING_ADVICE)
