"""Provides the Markdown export: a readable commitment summary, grouped by lens, with user text made inert."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from myrole.export import outline, words
from myrole.export.document import CommitmentEntry, Document, ReflectionEntry
from myrole.export.outline import Field, Kind
from myrole.model import OneToOne
from myrole.privacy import AnonymisedCommitment, Audience
from myrole.text import NOT_ONE_SAFE_LINE, AnyOf, inert, one_line

# Characters that mean something anywhere in a line (emphasis, code, links, raw HTML, tables,
# strikethrough, maths, heading closers). A backslash before ASCII punctuation always shows it as is.
# Escaped without a Python call per character (see _escape_specials): a table for ASCII text, and
# for other text the empty place before each special character.
SPECIAL_ESCAPES = str.maketrans({char: "\\" + char for char in "\\`*_[]<>#|~$"})
BEFORE_SPECIAL = re.compile(r"(?=[\\`*_\[\]<>#|~$])")
ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What only means something at the start of a line: list bullets, ordered lists ("1." or "1)"),
# setext underlines and definition lists. (Quotes, headings and fences are escaped above.)
LINE_START = re.compile(r"^(?:([-+=:])|(\d{1,9})([.)]))")
# Text with none of these and no special start is returned as it is: most prose needs no escaping,
# and one search is much cheaper than three substitutions (a ten-year export has tens of thousands).
MARKUP = re.compile(r"[\\`*_\[\]<>#|~$&]")
# The same for block(), with anything inert() changes (which covers every line break and tab) in one search;
# AnyOf answers it several times quicker for ASCII text (why: docs/performance.md, the speed-up kept).
NEEDS_WORK = AnyOf(f"{MARKUP.pattern}|{NOT_ONE_SAFE_LINE.pattern}")


# For block(): a line that begins with spaces or tabs, a block marker, or both (only these need work).
# It starts with its line break, so the search skips straight from one line break to the next.
LINE_OPENING = re.compile(r"\n(?=[ \t]|[-+=:]|\d{1,9}[.)])([ \t]*)(?:([-+=:])|(\d{1,9})([.)]))?")
# Spaces and tabs at a line's start would indent it (into a code block): entities show them instead.
SPACE_ENTITIES = str.maketrans({" ": "&#32;", "\t": "&#9;"})
# Marks put in while a block's lines are joined (see _joined): inert() leaves no control character
# but tab and line feed in a text, so these cannot be confused with anything a person wrote.
HARD_BREAK_MARK = "\x00"  # the end of a line, where a hard break may go
INDENT_MARK = "\x01"  # the start of a line after the first, where the indent may go


def inline(text: str) -> str:
    """One line of user text with Markdown specials escaped and its start made unable to begin a block."""
    if MARKUP.search(text) or LINE_START.match(text):
        return _escaped_inline(text)
    return text


def _escaped_inline(text: str) -> str:
    return LINE_START.sub(_neutral_start, _escape_specials(text))


def _escape_specials(text: str) -> str:
    """A backslash before every special character, and before an ampersand that would begin an entity.

    Done on a whole text at once, at C speed: a regular expression calling back into Python for each
    of a long text's thousands of special characters is what made long answers slow to export.
    """
    escaped = text.translate(SPECIAL_ESCAPES) if text.isascii() else BEFORE_SPECIAL.sub(r"\\", text)
    return ENTITY.sub(r"\&", escaped)  # an entity never spans lines: [A-Za-z0-9] has no line break


def _neutral_start(match: re.Match) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


def block(text: str, indent: str = "") -> str:
    """Multi-line user text: each line inert and unable to start a block; line breaks kept (hard breaks)."""
    if NEEDS_WORK.found_in(text) or LINE_START.match(text) or text.startswith(" "):
        return _block_lines(text, indent)
    return text  # one plain line: nothing to make inert, escape or neutralise (the common case)


def _block_lines(text: str, indent: str) -> str:
    """Every line of text escaped as inline() would, with its leading spaces and tabs kept as entities,
    joined as _joined() says.

    Each step is one pass over the whole text with no Python call per line (a long answer may have
    50,000 lines): only lines that begin with spaces, tabs or a block marker call back into Python.
    """
    escaped = _escape_specials(inert(text.replace("\r\n", "\n"), keep_newlines=True))
    opened = LINE_OPENING.sub(_neutral_opening, "\n" + escaped)[1:]
    return _joined(opened, indent) if "\n" in opened else opened


def _joined(text: str, indent: str) -> str:
    """text's lines with a hard break ending each line followed by another, indent before each line
    after the first, and empty lines left empty (no break next to them, no indent in them).

    Every line break is marked on both sides, then the marks next to an empty line are taken out:
    a handful of str.replace() passes, whatever the number of lines.
    """
    end, start = HARD_BREAK_MARK, INDENT_MARK
    marked = text.replace("\n", end + "\n" + start)
    marked = marked.replace(start + end, "")  # an empty line between two others
    marked = marked.replace(end + "\n\n", "\n\n")  # a line followed by an empty one
    if marked.startswith(end):  # the first line is empty
        marked = marked[1:]
    if marked.endswith(start):  # the last line is empty, and so no break before it
        marked = marked[:-1]
        if marked.endswith(end + "\n"):
            marked = marked[:-2] + "\n"
    return marked.replace(end, "\\").replace(start, indent)


def _neutral_opening(match: re.Match) -> str:
    """A line's leading spaces and tabs as entities, and a block marker after them made plain text."""
    spaces, mark, number, closer = match.groups()  # the match starts with the line break before the line
    if mark:
        start = "\\" + mark
    elif number:
        start = number + "\\" + closer
    else:
        start = ""
    return "\n" + spaces.translate(SPACE_ENTITIES) + start


@lru_cache(maxsize=1024)
def heading_text(text: str) -> str:
    """User text inside a heading: one line (breaks shown as ' / '), inert.

    Cached for one export (parts() empties it): every answer carries a copy of its prompt's text.
    """
    return inline(one_line(text)) or "(untitled)"


def _field(label: str, value: str) -> list[str]:
    return [f"- {label}: {block(value, '  ')}"] if value.strip() else []


def _fields(fields: list[Field]) -> list[str]:
    """Each field as a list item, the person's words escaped as its kind says."""
    lines = []
    for f in fields:
        if f.kind is Kind.TEXT:
            lines += _field(f.label, f.text)
        elif f.kind is Kind.TAGS:
            lines.append(f"- {f.label}: {', '.join(inline(one_line(t)) for t in f.value)}")
        else:
            lines.append(f"- {f.label}: {inline(one_line(f.text)) if f.kind is Kind.LINE else f.text}")
    return lines


def _header(document: Document) -> list[str]:
    lines = [f"# {inline(inert(words.title(document)))}", ""]  # it may hold the collective's name
    names, manager = outline.who(document)
    if names:
        lines += [", ".join(inline(one_line(t)) for t in names) + ("\\" if manager else "")]
        if manager:
            lines += [f"Line manager: {inline(one_line(manager))}"]
        lines += [""]
    return lines + _fields(outline.header_facts(document)) + [""]


def _commitment(entry: CommitmentEntry, audience: Audience, since: date | None) -> list[str]:
    lines = [f"### {heading_text(entry.commitment.title)}", "", *_fields(outline.commitment_facts(entry, audience)),
             f"- Progress: {outline.progress(entry, since)}", *_fields(outline.commitment_details(entry)), ""]
    if entry.latest:
        lines += [f"{words.checkin_title(entry.latest)}:", "", *_fields(outline.checkin_fields(entry.latest, audience)),
                  ""]
    return lines


def _commitments(document: Document) -> list[str]:
    groups = document.by_lens()
    if not groups:
        return ["## Commitments", "", "No commitments to show.", ""]
    lines: list[str] = []
    for lens, entries in groups:
        lines += [f"## {lens.label}", ""]
        for entry in entries:
            lines += _commitment(entry, document.audience, document.since)
    return lines


def _reflection(entry: ReflectionEntry, audience: Audience) -> list[str]:
    r = entry.reflection
    about = f"{r.context.label}" + (f": {heading_text(r.topic)}" if r.topic.strip() else "")
    lines = [f"### {heading_text(r.pack_title)}, {words.long_date_of(r.started_at)}", "", f"{about}", ""]
    touched = outline.reflection_lenses(r)
    if touched:
        lines += [touched, ""]
    for a, shared in outline.shown_answers(entry, audience):
        # One entry for six lines (the entries are joined with line breaks): fewer, longer ones are quicker.
        said = outline.answer_about(a.lens, a.mode, shared)
        lines.append(f"#### {heading_text(a.prompt_text)}\n\n" + (f"{said}\n\n" if said else "") + f"{block(a.text)}\n")
    return lines


def _one_to_one(record: OneToOne, audience: Audience) -> list[str]:
    return [f"### {heading_text(words.one_to_one_heading(record))}", "",
            *_fields(outline.one_to_one_fields(record, audience)), ""]


def _anonymised(item: AnonymisedCommitment, since: date | None) -> list[str]:
    return [f"### {heading_text(item.title)}", "", *_fields(outline.anonymised_fields(item, since)), ""]


def _alliance(document: Document) -> list[str]:
    groups = document.anonymised_by_lens()
    if not groups:
        return [inline(words.no_shared_commitments(document)), ""]
    lines: list[str] = []
    for lens, items in groups:
        lines += [f"## {lens.label}", ""]
        for item in items:
            lines += _anonymised(item, document.since)
    return lines


def render(document: Document) -> str:
    """The whole Markdown document."""
    return "\n".join(parts(document))


def _parts(document: Document) -> list[str]:
    lines = _header(document)
    if document.audience is Audience.ALLIANCE:
        lines += _alliance(document)
    else:
        lines += _commitments(document)
        if document.reflections:
            lines += ["## Reflections", ""]
            for entry in document.reflections:
                lines += _reflection(entry, document.audience)
        if document.one_to_ones:
            lines += ["## One-to-ones", ""]
            for record in document.one_to_ones:
                lines += _one_to_one(record, document.audience)
    lines += ["---", "", f"Made with myrole. {words.FRAMEWORK_CREDIT} <{words.FRAMEWORK_URL}>", ""]
    return lines


# The document's lines (a part may hold several), to be joined with line breaks.
parts = words.rendered_then_forgotten(_parts, heading_text)
