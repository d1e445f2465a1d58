"""Provides writing the NMC document or the HCPC CPD profile in plain mode: which, the format, then the file.

As the app's write dialog and `myrole revalidation nmc|hcpc -o FILE` do: what looks identifiable is said
before anything is written (the file is still written as it is), and the file is written whole, readable
by you only. Once it is written, the parts that need the person's attention (over a word limit, a gap to
explain, an empty part: Part.flagged) are said, so nobody has to read the whole file to find them.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from myrole.export.words import FORMAT_WORDS
from myrole.paths import WHO_CAN_READ
from myrole.plain.files import ask_and_write, shown_path
from myrole.plain.session import Session
from myrole.privacy import Finding, identifiable_in, with_article
from myrole.revalidation import hcpc, nmc
from myrole.revalidation.document import Part, RevalidationDocument
from myrole.revalidation.model import ACCOUNT_PARTS
from myrole.revalidation.render import FLAG, default_file_name, render_bytes
from myrole.text import inert, one_line

BACK = "Back to revalidation, writing nothing"
DOCUMENTS: tuple[tuple[str, str | None], ...] = (
    ("NMC: your reflective accounts, your CPD log and the discussion form", "nmc"),
    ("HCPC CPD profile: your summary of practice, activities and statement", "hcpc"),
    (BACK, None))
WHAT = {"nmc": "NMC revalidation document", "hcpc": "HCPC CPD profile"}
FORMATS: tuple[tuple[str, str | None], ...] = (
    ("A web page to print", "html"), ("A PDF, to print or send", "pdf"), ("Markdown, a plain text file", "md"),
    (BACK, None))

PLACES_SAID = 5  # places said one by one; what the rest hold is counted by kind
SAID_OF_A_KIND = 3  # things of one kind said in one place; the rest of that kind counted
FLAGGED_SAID = 3  # parts needing attention said one by one; the rest are found in the file by FLAG

# Where plain mode can correct what was found, by where it is (document.texts()'s words for it).
IN_REVALIDATION, IN_DETAILS, IN_THE_APP = "revalidation", "details", "app"
# Parts whose text is a title taken from elsewhere (a reflection's topic, a commitment's title): not written here.
TITLE_SECTIONS = ("'CPD activities'", "'Reflective discussion form'")
CORRECT = {  # what to change, and where (a reflection's topic, which headings are often made from, cannot be)
    IN_REVALIDATION: "a part in Revalidation",
    IN_DETAILS: "your role or organisation in Your details",
    IN_THE_APP: "a commitment's title in the app (myrole --no-plain)",
}
TOPIC_STAYS = "A heading or title that is a reflection's topic cannot be changed."
PLURALS = {"date of birth": "dates of birth", "name with a title": "names with a title",
           "email address": "email addresses"}
# Short names for the NMC account's parts, whose labels are the NMC's whole questions.
SHORT_LABELS = dict(zip((question for _, question in ACCOUNT_PARTS),
                        ("nature of the activity", "what you learnt", "how you changed your practice",
                         "how it is relevant to the Code")))


def write_document(session: Session) -> None:
    """Ask which document and its format, say what looks identifiable in it, then ask for the file and write it;
    then say which parts need the person's attention."""
    console = session.console
    which = console.choose("Which document would you like to write?", DOCUMENTS, default=len(DOCUMENTS) - 1)
    if which is None:
        return
    fmt = console.choose("Which format?", FORMATS, default=0)
    if fmt is None:
        return
    document = (nmc if which == "nmc" else hcpc).build(session.db, session.today)
    warn(session, document)
    target = ask_and_write(session, Path(default_file_name(which, fmt, session.today)).expanduser(),
                           partial(render_bytes, document, fmt))  # drawn once a file is chosen
    if target is not None:
        console.say(f"Wrote the {WHAT[which]} ({FORMAT_WORDS[fmt]}) to {shown_path(target)}, {WHO_CAN_READ}.")
        say_attention(session, document)


# -- what looks like it identifies someone, by place --------------------------------------------------------

def where_to_correct(where: str) -> str:
    """Which of IN_REVALIDATION, IN_DETAILS or IN_THE_APP corrects what is found at where."""
    if where == "your details":
        return IN_DETAILS
    if where.startswith("the part '") and not where.endswith(TITLE_SECTIONS):
        return IN_REVALIDATION
    return IN_THE_APP  # a heading, the CPD log, an activity's title: a reflection's topic or a commitment's title


def by_place(pairs: list[tuple[str, Finding]]) -> dict[str, list[Finding]]:
    """Each place, in the document's order, with what was found there, each thing once.

    A heading's words are also in the CPD log and the discussion form's list of accounts, and an account
    with no topic is headed by its first words: a title is said once, and not at all when a part holds it.
    """
    in_parts = {(f.kind, f.text) for where, f in pairs if where_to_correct(where) != IN_THE_APP}
    titles: set[tuple[str, str]] = set()
    found: dict[str, list[Finding]] = {}
    for where, finding in pairs:
        key = (finding.kind, finding.text)
        if where_to_correct(where) == IN_THE_APP:
            if key in in_parts or key in titles:
                continue
            titles.add(key)
        here = found.setdefault(where, [])
        if all((f.kind, f.text) != key for f in here):
            here.append(finding)
    return found


def counted(kind: str, count: int) -> str:
    """'a phone number', '3 phone numbers', '2 dates of birth'."""
    return with_article(kind) if count == 1 else f"{count} {PLURALS.get(kind, kind + 's')}"


def listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def said_here(findings: list[Finding]) -> str:
    """What one place holds, kind by kind: "phone numbers '07700 900001' and '07700 900002'; an NHS number
    '943 476 5919'" (a few of each kind, then how many more of it)."""
    kinds: dict[str, list[str]] = {}
    for finding in findings:
        kinds.setdefault(finding.kind, []).append(f"'{one_line(finding.text, 30)}'")
    said = []
    for kind, texts in kinds.items():
        shown = texts[:SAID_OF_A_KIND] + ([f"{len(texts) - SAID_OF_A_KIND} more"] if len(texts) > SAID_OF_A_KIND
                                          else [])
        name = with_article(kind) if len(texts) == 1 else PLURALS.get(kind, kind + "s")
        said.append(f"{name} {listed(shown)}")
    return "; ".join(said)


def place_names(document: RevalidationDocument) -> dict[str, str]:
    """Short names for the places document.texts() names, in the words the attention list uses: "Reflective
    account 1, 3 March 2026, what you learnt" for "the part 'What did you learn from …' of 'Reflective account 1,
    3 March 2026: Falls at night'" (the heading's words before its colon are ours; the title after it, theirs)."""
    names = {"your details": "Your details", "a heading": "The headings"}
    for section in document.sections:
        heading = one_line(section.heading, 60)
        short = _ours(section.heading)
        names[f"the table of '{heading}'"] = short  # the CPD log
        for part in section.parts:
            names[f"the part '{part.label}' of '{heading}'"] = short + _label(section.parts, part)
    return names


def _ours(heading: str) -> str:
    """A section's heading up to its colon: 'Reflective account 1, 3 March 2026', 'Activity 2', 'CPD log'."""
    return one_line(heading.split(":")[0], 60)


def _label(parts: tuple[Part, ...], part: Part) -> str:
    """', what you learnt' after a section's name; nothing when the section has only the one part."""
    return "" if len(parts) == 1 else f", {_first_lower(SHORT_LABELS.get(part.label, part.label))}"


def warn(session: Session, document: RevalidationDocument) -> None:
    """Say what looks like it identifies someone, place by place (each place once), and where plain mode or the
    app corrects it."""
    found = by_place(list(identifiable_in(document.texts(), session.today)))
    if not found:
        return
    say = session.console.say
    say("Before you share it, this may identify someone:")
    places = list(found.items())
    names = place_names(document)
    for where, findings in places[:PLACES_SAID]:
        say(f"{names.get(where) or inert(where)}: {said_here(findings)}.")
    rest = places[PLACES_SAID:]
    if rest:
        kinds: dict[str, int] = {}
        for _, findings in rest:
            for finding in findings:
                kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
        other = "1 other place" if len(rest) == 1 else f"{len(rest)} other places"
        say(f"And in {other}: {listed([counted(kind, count) for kind, count in kinds.items()])}.")
    ways = {where_to_correct(where) for where in found}
    titles_of_commitments = document.title == hcpc.TITLE  # the NMC document's titles are all reflections'
    change = [words for way, words in CORRECT.items() if way in ways and (way != IN_THE_APP or titles_of_commitments)]
    advice = ["The file is still written as it is."]
    if change:
        advice.append(f"To correct it, change {listed(change)}, then write it again.")
    if IN_THE_APP in ways:
        advice.append(TOPIC_STAYS)
    say(" ".join(advice))


# -- what needs the person's attention ------------------------------------------------------------------------

def flagged(document: RevalidationDocument) -> list[str]:
    """Each part marked as needing attention, briefly and in the document's order: "Revalidation date: not given
    yet", "Reflective account 1, 3 March 2026, what you learnt: not written yet"."""
    said = [f"{part.label}: {_why(part, fact=True)}" for part in document.facts if part.flagged]
    for section in document.sections:
        said += [f"{_ours(section.heading)}{_label(section.parts, part)}: {_why(part)}" for part in section.parts
                 if part.flagged]
    return said


def _why(part: Part, *, fact: bool = False) -> str:
    """Why a part needs attention, in our words (its note, or that it is not written yet)."""
    if not part.note:
        return "not written yet"
    note = part.note.split(" (")[0] if fact else part.note  # a fact's note may name the app's keys in brackets
    note = note.split(": say why")[0]  # a gap: the dates are enough here; the file says what to do
    return _first_lower(note.rstrip("."))


def _first_lower(text: str) -> str:
    """'None chosen yet' as 'none chosen yet' (not 'NHS', whose second letter is a capital too)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def say_attention(session: Session, document: RevalidationDocument) -> None:
    """How many parts need attention before the document is sent, the first few by name, and how to find the
    rest in the file."""
    say = session.console.say
    found = flagged(document)
    if not found:
        say("No part is marked as needing your attention.")
        return
    parts = "1 part needs" if len(found) == 1 else f"{len(found)} parts need"
    say(f"{parts} your attention before you send it:")
    for part in found[:FLAGGED_SAID]:
        say(f"{part}.")
    rest = len(found) - FLAGGED_SAID
    if rest > 0:
        say(f"The other {'one is' if rest == 1 else f'{rest} are'} marked '{FLAG}' in the file.")
