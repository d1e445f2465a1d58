"""Provides audience filters (who may see what) and the offline check for patient-identifiable data."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from datetime import date
from enum import StrEnum

from myrole.events import collective_words
from myrole.model import CheckIn, Commitment, Lens, Mode, Status, Visibility
from myrole.text import AnyOf


class Audience(StrEnum):
    """Who an export is for."""

    ME = "me"
    MANAGER = "manager"
    ALLIANCE = "alliance"

    def description(self, collective: str = "") -> str:
        """Who the export is prepared for; collective names the alliance audience (see events.collective_words)."""
        if self is Audience.ALLIANCE:
            return (f"{collective_words(collective)}: only the commitments shared with it, anonymised "
                    "(no names, no organisation, no notes).")
        return AUDIENCE_DESCRIPTIONS[self]


AUDIENCE_DESCRIPTIONS: dict[Audience, str] = {
    Audience.ME: "me only: everything, including what is private.",
    Audience.MANAGER: "my line manager: only what I chose to share with them, and our one-to-ones.",
}


def may_see(audience: Audience, visibility: Visibility) -> bool:
    """Whether an item with this visibility may go to this audience."""
    if audience is Audience.ME:
        return True
    if audience is Audience.MANAGER:
        return visibility in (Visibility.MANAGER, Visibility.ALLIANCE)
    return visibility is Visibility.ALLIANCE


@dataclass(frozen=True)
class AnonymisedCommitment:
    """What the collective sees of a commitment: no names, no organisation, no notes, no store ids.

    key is the commitment's random share key; progress and checkins are numbers only (the newest
    check-in's progress, how many there are), never what a check-in says.
    """

    lens: Lens
    mode: Mode
    title: str
    tags: tuple[str, ...]
    topic: str
    status: Status
    target_month: str | None  # "YYYY-MM"
    key: str = ""
    event_id: str | None = None
    event_name: str | None = None
    topic_id: str | None = None
    target_quarter: str | None = None  # "YYYY-Qn"
    progress: int | None = None
    checkins: int = 0
    last_checkin_month: str | None = None


def anonymise(commitment: Commitment, topic: str, *, event_name: str | None = None,
              newest: CheckIn | None = None, checkins: int = 0) -> AnonymisedCommitment:
    """Keep only the fields the collective may have; dates become months and a quarter."""
    if commitment.visibility is not Visibility.ALLIANCE:
        raise ValueError("Only a commitment marked alliance can be anonymised for the group you share commitments with.")
    target = commitment.target_date
    return AnonymisedCommitment(
        commitment.lens, commitment.mode, commitment.title, commitment.tags, topic, commitment.status,
        target.strftime("%Y-%m") if target else None, key=commitment.share_key, event_id=commitment.event_id,
        event_name=event_name, topic_id=commitment.topic_id,
        target_quarter=f"{target.year}-Q{(target.month - 1) // 3 + 1}" if target else None,
        progress=newest.progress if newest else None, checkins=checkins,
        last_checkin_month=newest.on_date.strftime("%Y-%m") if newest else None)


# --- The identifiable-data check ------------------------------------------------------------

# Where a person corrects what an export warned about: each place exists in the app, and a
# correction leaves no copy of the old text in the store (docs/reliability.md, "Corrections").
WHERE_TO_CORRECT = (
    "correct it in myrole: an answer in History (h, open the reflection, tab to the answer, c), "
    "a check-in on its commitment's screen (w), a one-to-one point, note or action on the one-to-one "
    "screen (r, also once agreed), a commitment's own words with e"
)

NHS_NUMBER = "NHS number"
DATE_OF_BIRTH = "date of birth"
POSTCODE = "postcode"
PHONE = "phone number"
EMAIL = "email address"
NAME = "name with a title"


@dataclass(frozen=True)
class Finding:
    """Something in a text that looks like patient-identifiable data."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


ANY_DIGIT = AnyOf(r"\d")
NHS_PATTERN = re.compile(r"(?<![\d])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d])")


def nhs_number_valid(number: str) -> bool:
    """True for ten digits whose last is the mod-11 check digit of the first nine."""
    digits = [int(d) for d in number if d.isdigit()]
    if len(digits) != 10 or len(number.replace(" ", "").replace("-", "")) != 10:
        return False
    total = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == digits[9]


MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_NAMES = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
               r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
DATE_FORMS = (
    # 01/02/1960, 1-2-60, 01.02.1960 (day first, as in the UK)
    re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})(?![\d/-])"),
    # 1 Feb 1960, 1st of February, 1960
    re.compile(rf"(?<!\w)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mn>{MONTH_NAMES})\.?,?\s+"
               r"(?P<y>\d{4}|'?\d{2})(?!\w)", re.IGNORECASE),
    # February 1, 1960
    re.compile(rf"(?<!\w)(?P<mn>{MONTH_NAMES})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\w)",
               re.IGNORECASE),
    # 1960-02-01
    re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])"),
)
DOB_KEYWORD = re.compile(r"(?<!\w)(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|born(?:\s+on)?)(?!\w)\s*[:\-]?\s*",
                         re.IGNORECASE)
# Every DOB_KEYWORD match holds one of these. Searching for them alone is several times faster (no
# look-behind tried at every position), so the full pattern runs only on the few texts that have one.
_AFTER_D_OR_B = r"(?:\.?\s?o\.?\s?b|ate\s+of\s+birth|orn)"  # what follows the d or b of a DOB hint
DOB_HINT = re.compile(r"[db]" + _AFTER_D_OR_B, re.IGNORECASE)
# The same search for ASCII text once lower-cased, where it finds exactly what DOB_HINT does: about twice
# as quick, since letters of either case need not be tried against [dDbB] (a manager's export checks 30,000 texts).
_DOB_HINT_LOWER = re.compile(r"[db]" + _AFTER_D_OR_B)


def has_dob_hint(text: str) -> bool:
    """Whether DOB_HINT.search(text) finds anything."""
    if text.isascii():
        return _DOB_HINT_LOWER.search(text.lower()) is not None
    return DOB_HINT.search(text) is not None
ADULT_YEARS = 16  # a bare full date this long ago is more likely a birth date than a meeting

POSTCODE_PATTERN = re.compile(
    r"(?<![A-Za-z0-9])(?:GIR ?0AA|(?:[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y]))"
    r" ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
PHONE_PATTERN = re.compile(r"(?<![\d+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)(?:\d[\s\-)]{0,2}){8,10}\d(?!\d)")

# An email address as people write them: a local part of word characters (any script), with % + ' - and
# single dots inside, then @, then a domain of one or more labels and a top-level domain of letters.
# It can only match where there is an @, so find_identifiable looks for one first.
EMAIL_PATTERN = re.compile(r"(?<![\w.%+-])\w[\w%+'-]*(?:\.[\w%+'-]+)*@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}(?!\w)")
# A title, case-sensitive ("mr" inside a word, or "dr" in lower case, is not one), not just after a letter or
# digit. Each alternative opens with its capital, so the regex engine skips to the next M, D or P instead of
# trying the look-behind at every position: a 100,000-character answer is checked as it is typed.
TITLES = ("Mrs", "Miss", "Mr", "Ms", "Mx", "Dr", "Prof")
TITLE_PATTERN = re.compile(r"M(?<!\wM)(?:rs|iss|r|s|x)|D(?<!\wD)r|P(?<!\wP)rof")
# What follows a title in a name: a full stop, spaces on the same line (tab, no-break space), then one or two
# words of letters in any script, with ' ’ or - inside (O'Neill, Smith-Jones, Łukasiewicz). Whether each word
# is capitalised is asked in Python (str.isupper), since Python's re has no class of capital letters.
_GAP = r"[ \t\u00a0]"
_NAME_WORD = r"[^\W\d_]+(?:['’-][^\W\d_]+)*"
_NAME_AFTER_TITLE = re.compile(rf"(?:\.{_GAP}*|{_GAP}+)(?P<first>{_NAME_WORD})"
                               rf"(?:(?P<dot>\.)?{_GAP}+(?P<second>{_NAME_WORD}))?")
# "Ms Word" and its kind: programs, not people, the only title-and-capital pairs common in reflections.
_NOT_NAMES = frozenset({"Word", "Excel", "Teams", "Outlook", "Office", "Access", "Forms", "PowerPoint", "OneNote",
                        "OneDrive", "SharePoint"})


def _year(text: str, today: date) -> int:
    digits = int(text.lstrip("'"))
    if len(text.lstrip("'")) == 4:
        return digits
    century = today.year // 100 * 100
    return century + digits if century + digits <= today.year else century - 100 + digits


def _as_date(match: re.Match, today: date) -> date | None:
    parts = match.groupdict()
    if parts.get("m"):
        month = int(parts["m"])
    else:
        name = parts["mn"].lower()
        month = MONTHS.get(name[:4]) or MONTHS[name[:3]]
    try:
        return date(_year(parts["y"], today), month, int(parts["d"]))
    except ValueError:
        return None


def _dates(text: str, today: date) -> list[tuple[int, int, date]]:
    found: list[tuple[int, int, date]] = []
    if not ANY_DIGIT.found_in(text):  # every date form needs digits; most text has none
        return found
    for form in DATE_FORMS:
        for match in form.finditer(text):
            when = _as_date(match, today)
            if when and not any(s <= match.start() < e for s, e, _ in found):
                found.append((match.start(), match.end(), when))
    return sorted(found)


def _years_before(when: date, today: date) -> int:
    return today.year - when.year - ((today.month, today.day) < (when.month, when.day))


def find_dates_of_birth(text: str, today: date | None = None) -> list[Finding]:
    """A date after 'DOB', 'date of birth' or 'born'; a bare 'DOB'; or a full date from long ago."""
    today = today or date.today()
    dates = _dates(text, today)
    findings: list[Finding] = []
    used: set[int] = set()
    for keyword in DOB_KEYWORD.finditer(text) if has_dob_hint(text) else ():
        following = next((d for d in dates if d[0] == keyword.end()), None)
        if following:
            used.add(following[0])
            findings.append(Finding(DATE_OF_BIRTH, text[keyword.start():following[1]], keyword.start(), following[1]))
        elif not keyword.group().lower().startswith("born"):
            end = keyword.start() + len(keyword.group().rstrip(" :-\t\n"))
            findings.append(Finding(DATE_OF_BIRTH, text[keyword.start():end], keyword.start(), end))
    for start, end, when in dates:
        if start not in used and 1900 <= when.year and _years_before(when, today) >= ADULT_YEARS:
            findings.append(Finding(DATE_OF_BIRTH, text[start:end], start, end))
    return findings


def _phone_digits_ok(matched: str) -> bool:
    digits = re.sub(r"\D", "", matched)
    if matched.startswith("+44"):
        national = digits[2:]
        national = national[1:] if national.startswith("0") else national  # +44 (0)...
        return len(national) in (9, 10) and national[0] in "1235789"
    return len(digits) in (10, 11) and digits[0] == "0" and digits[1] in "1235789"


def find_emails(text: str) -> list[Finding]:
    """Each email address in text ("jane.smith@example.com", "ot.lead@nhs.net")."""
    if "@" not in text:  # most text has none, and the pattern's look-behind is tried at every position
        return []
    return [Finding(EMAIL, m.group(), m.start(), m.end()) for m in EMAIL_PATTERN.finditer(text)]


def find_names(text: str) -> list[Finding]:
    """Each title followed by a name: "Mrs Jane Smith", "Dr. O'Neill", "Mr J Smith", "Mrs Zofia Łukasiewicz".

    Not a finding: a title alone ("Dr"), before a word in lower case ("Dr appointments"), before another
    title ("Prof. Dr Smith" is found from "Dr"), before a lone initial ("Mrs B", the usual way to anonymise),
    or "Ms" before a program's name ("Ms Word").
    """
    findings: list[Finding] = []
    for title in TITLE_PATTERN.finditer(text):  # only the title is consumed: "Mr and Mrs Khan" finds "Mrs Khan"
        words = _NAME_AFTER_TITLE.match(text, title.end())
        if words is None:
            continue
        first, second = words["first"], words["second"]
        if not first[0].isupper() or first in TITLES or (title.group() == "Ms" and first in _NOT_NAMES):
            continue
        # A second capitalised word belongs to the name, after a full stop only when the first is an initial
        # ("Mr J. Smith"; in "Mr Smith. Then" the sentence has ended).
        # An acronym after a name is not part of it ("Dr Smith NHS", "Mrs Khan DOB") unless the name is in capitals.
        two = (bool(second) and second[0].isupper() and (not words["dot"] or len(first) == 1)
               and (not second.isupper() or first.isupper()))
        if len(first) == 1 and not two:
            continue
        end = words.end("second") if two else words.end("first")
        findings.append(Finding(NAME, text[title.start():end], title.start(), end))
    return findings


def _emails_and_names(text: str) -> list[Finding]:
    """The email addresses and names with a title in text; a name inside an address ("Dr.Khan@nhs.net") is
    the address's."""
    emails = find_emails(text)
    names = find_names(text)
    return emails + [n for n in names if not any(e.start <= n.start < e.end for e in emails)]


def find_identifiable(text: str, today: date | None = None) -> list[Finding]:
    """Everything in text that looks like patient-identifiable data, in order of where it starts."""
    findings = _emails_and_names(text)
    if not ANY_DIGIT.found_in(text):  # only a bare 'DOB' can be found without a digit (besides the above)
        if has_dob_hint(text):
            findings += find_dates_of_birth(text, today)
        return sorted(findings, key=lambda f: (f.start, f.end, f.kind))
    findings += [
        Finding(NHS_NUMBER, m.group(), m.start(), m.end())
        for m in NHS_PATTERN.finditer(text)
        if nhs_number_valid(m.group())
    ]
    findings += find_dates_of_birth(text, today)
    findings += [Finding(POSTCODE, m.group(), m.start(), m.end()) for m in POSTCODE_PATTERN.finditer(text)]
    findings += [
        Finding(PHONE, m.group().rstrip(" -)"), m.start(), m.start() + len(m.group().rstrip(" -)")))
        for m in PHONE_PATTERN.finditer(text)
        if _phone_digits_ok(m.group())
    ]
    return sorted(findings, key=lambda f: (f.start, f.end, f.kind))


# What find_identifiable needs before it can find anything in a text: a digit, a DOB hint (in either case), an @,
# or a title (case-sensitive) with a full stop or a space after it.
_TITLE_HINT = r"(?<!\w)(?:Mrs?|Ms|Mx|Dr|Miss|Prof)[.\s]"
_WORTH_CHECKING = re.compile(r"\d|@|" + DOB_HINT.pattern + "|(?-i:" + _TITLE_HINT + ")", re.IGNORECASE)
# The same, quicker, in two forms (each finds exactly what _WORTH_CHECKING does): a pattern that opens with one
# set of characters lets the regex engine skip to the next character of that set instead of trying the whole
# pattern at every position, and IGNORECASE or a look-behind first would each take that away. The look-behinds
# after the set say which character it matched. Letters are spelt in both cases ([oO]) instead: with IGNORECASE
# an i also matches the dotted I and the dotless i (İ, ı), and no other letter here matches anything outside
# ASCII. A title is seen by its capital, so the texts are not lower-cased (which is quicker too).
_AFTER_D_OR_B_EITHER_CASE = (r"(?:\.?\s?[oO]\.?\s?[bB]|[aA][tT][eE]\s+[oO][fF]\s+[bB][iI\u0130\u0131][rR][tT][hH]"
                             r"|[oO][rR][nN])")


def _quick_pattern(digit: str) -> re.Pattern[str]:
    return re.compile(rf"[{digit}@dDbBMP](?:(?<=[{digit}@])|(?<=[dDbB]){_AFTER_D_OR_B_EITHER_CASE}"
                      r"|(?<=M)(?<!\wM)(?:rs?|s|x|iss)[.\s]|(?<=D)(?<!\wD)r[.\s]|(?<=P)(?<!\wP)rof[.\s])")


# For ASCII text, where \d is [0-9] (which the engine tests about twice as fast): about ten times as quick as
# _WORTH_CHECKING on the ten-year store's 61,000 texts. For other text, about five times.
_WORTH_CHECKING_ASCII = _quick_pattern("0-9")
_WORTH_CHECKING_OTHER = _quick_pattern(r"\d")


def identifiable_in(texts: Iterable[tuple[str, str]], today: date | None = None) -> Iterator[tuple[str, Finding]]:
    """find_identifiable over many (where, text) pairs: each finding with where it is, in the texts' order.

    Only the texts worth checking (a digit, a DOB hint, an @ or a title) are checked, and a text repeated is
    checked once (see worth_checking).
    """
    pairs = list(texts)
    found_in: dict[str, list[Finding]] = {}
    for index in worth_checking([text for _, text in pairs]):
        where, text = pairs[index]
        if (findings := found_in.get(text)) is None:
            findings = found_in[text] = find_identifiable(text, today)
        yield from ((where, finding) for finding in findings)


def worth_checking(texts: list[str]) -> list[int]:
    """The places in texts of those that hold a digit, a DOB hint, an @ or a title (all find_identifiable can start
    from), in order.

    They are found by one search over all the texts joined (by NUL, which no pattern matches across), not a
    call for each: a ten-year manager export holds 30,000 texts, and a call for each took half a second.
    ASCII texts are searched by the quickest pattern, the rest, if any, by one for any text.
    """
    if all(map(str.isascii, texts)):  # the usual case: no list of places to make
        return _hits(texts, _WORTH_CHECKING_ASCII)
    plain = [index for index, text in enumerate(texts) if text.isascii()]
    others = [index for index, text in enumerate(texts) if not text.isascii()]
    return sorted([plain[hit] for hit in _hits([texts[index] for index in plain], _WORTH_CHECKING_ASCII)]
                  + [others[hit] for hit in _hits([texts[index] for index in others], _WORTH_CHECKING_OTHER)])


def _hits(texts: list[str], pattern: re.Pattern[str]) -> list[int]:
    """The places of the texts pattern finds something in: one search over them all joined, skipping to the
    next text after each hit."""
    joined = "\0".join(texts)
    starts = list(accumulate(map((1).__add__, map(len, texts)), initial=0))  # each text's start in joined
    hits: list[int] = []
    at = 0
    while (hit := pattern.search(joined, at)) is not None:
        place = bisect_right(starts, hit.start()) - 1
        hits.append(place)
        at = starts[place + 1]
    return hits


KIND_ARTICLES = {"NHS number": "an", "date of birth": "a", "postcode": "a", "phone number": "a",
                 "email address": "an", "name with a title": "a"}


def with_article(kind: str) -> str:
    """'an NHS number', 'a postcode': a kind of identifiable data as a sentence names it."""
    return f"{KIND_ARTICLES.get(kind, 'a')} {kind}"
