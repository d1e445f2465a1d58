"""Provides the one-to-one screen's list: agenda and record entries as options, every state said in words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual.content import Content
from textual.widgets.option_list import Option

from myrole.agenda import Agenda, CommitmentProgress
from myrole.model import (PROGRESS_LABELS, CheckIn, Commitment, ItemKind, OneToOne, OneToOneItem, Status,
                          Visibility)
from myrole.text import one_line
from myrole.ui.safe import plain

WIDTH = 70
POINT_KINDS = (ItemKind.TALKING_POINT, ItemKind.SUPPORT_REQUEST)


@dataclass(frozen=True)
class Entry:
    """What an option stands for: a commitment, a check-in or a one-to-one item."""

    kind: str  # "commitment", "checkin" or "item"
    target: Commitment | CheckIn | OneToOneItem
    commitment: Commitment | None = None  # for a check-in, the commitment it belongs to

    @property
    def visibility(self) -> Visibility:
        return self.target.visibility


def heading(text: str, count: int | None = None) -> Option:
    """A section's title, with how many entries it holds when count is given."""
    counted = f" ({count})" if count is not None else ""
    return Option(Content.assemble(("── ", "dim"), (f"{text}{counted}", "bold")), disabled=True)


def _line(title: str, detail: str, *, whole: bool = False) -> Content:
    """A bold first part (the whole text, wrapped, when whole: a very long one's start and a note) over a dim line of detail."""
    if whole:
        return Content.assemble(plain(title.strip("\n")).stylize("bold"), "\n", (f"   {detail}", "dim"))
    return Content.assemble((one_line(title, WIDTH), "bold"), "\n", (f"   {detail}", "dim"))


def _progress(entry: CommitmentProgress, since: date | None) -> str:
    label = lambda p: PROGRESS_LABELS[p] if p is not None else "no shared check-in yet"  # noqa: E731
    if entry.progress_then is not None and entry.progress_then != entry.progress_now:
        moved = f"{label(entry.progress_then)} → {label(entry.progress_now)}"
    else:
        moved = label(entry.progress_now)
    count = len(entry.checkins)
    since_text = f" since {since.isoformat()}" if since else ""
    if entry.progress_now is None:
        checkins = ""
    elif count == 0:
        checkins = f" · no check-in{since_text}"
    else:
        checkins = f" · {count} check-in{'s' if count != 1 else ''}{since_text}"
    status = entry.commitment.status
    shown = "" if status is Status.ACTIVE or status.value == moved else f" · commitment {status.value}"
    return f"{moved}{checkins}{shown}"


def item_state(item: OneToOneItem, dates: dict[str, date]) -> str:
    """An item's kind, who can see it, and where it stands, all in words."""
    parts = [item.kind.label]
    if item.correction:
        parts = ["correction added after agreement"]
    parts.append("private: only you" if item.visibility is Visibility.PRIVATE
                 else item.visibility.value)
    if item.commitment_id:
        parts.append("became a commitment")
    elif item.kind is not ItemKind.NOTE:
        parts.append("closed" if item.closed else "open")
    if item.carried_from:
        earlier = dates.get(item.carried_from)
        parts.append(f"carried forward{f' from {earlier.isoformat()}' if earlier else ''}")
    return " · ".join(parts)


Section = tuple[list[Option], dict[str, Entry]]


# The key a binding id has now, for a sentence (ui/keys.key_for on the screen showing the agenda).
KeyFor = Callable[[str], str]


def agenda_options(agenda: Agenda, who: str, key: KeyFor) -> Section:
    """The shared part: commitments and their progress, check-in notes, barriers and support."""
    options: list[Option] = []
    entries: dict[str, Entry] = {}
    since = f" since your last one-to-one on {agenda.since.isoformat()}" if agenda.since else ""
    shared = len(agenda.commitments)
    options.append(heading(f"Agenda: {shared or 'no'} commitment{'s' if shared != 1 else ''} you share with {who} "
                           "(never anything private)"))
    if not agenda.commitments:
        options.append(Option(Content("No commitments are shared with your manager yet; to share one, open it "
                                      f"on home and press {key('commitment.edit')} to change who can see it."),
                              disabled=True))
    for entry in agenda.commitments:
        c = entry.commitment
        options.append(Option(_line(c.title, f"{_progress(entry, agenda.since)} · {c.visibility.value}"),
                              id=f"commitment:{c.id}"))
        entries[f"commitment:{c.id}"] = Entry("commitment", c)
    sections = (("Check-in notes" + since, "note", agenda.notes, "note"),
                ("What got in the way" + since, "barrier", agenda.barriers, "barriers"))
    for title, prefix, pairs, field in sections:
        if pairs:
            options.append(heading(title, len(pairs)))
        for commitment, checkin in pairs:
            detail = f"{one_line(commitment.title, 40)} · {checkin.on_date.isoformat()} · {checkin.visibility.value}"
            options.append(Option(_line(getattr(checkin, field), detail, whole=True),
                                  id=f"{prefix}:{checkin.id}"))
            entries[f"{prefix}:{checkin.id}"] = Entry("checkin", checkin, commitment)
    if agenda.support:
        options.append(heading(f"Support I need from {who}", len(agenda.support)))
    for c in agenda.support:
        detail = f"for: {one_line(c.title, 40)} · {c.visibility.value}"
        options.append(Option(_line(c.support, detail, whole=True), id=f"support:{c.id}"))
        entries[f"support:{c.id}"] = Entry("commitment", c)
    return options, entries


def item_options(title: str, items: list[OneToOneItem], dates: dict[str, date],
                 empty: str) -> Section:
    """One section of one-to-one items under a heading."""
    options = [heading(title, len(items))]
    entries: dict[str, Entry] = {}
    if not items:
        options.append(Option(Content(empty), disabled=True))
    for item in items:
        options.append(Option(_line(item.text, item_state(item, dates), whole=True), id=f"item:{item.id}"))
        entries[f"item:{item.id}"] = Entry("item", item)
    return options, entries


def _split(items: list[OneToOneItem]) -> tuple[list[OneToOneItem], list[OneToOneItem], list[OneToOneItem]]:
    """Points (raised beforehand or carried forward), what was recorded during, and corrections."""
    points = [i for i in items if i.kind in POINT_KINDS or i.carried_from]
    corrections = [i for i in items if i.correction]
    during = [i for i in items if i not in points and i not in corrections]
    return points, during, corrections


def preview_sections(agenda: Agenda, carried: list[OneToOneItem] | None, who: str,
                     dates: dict[str, date], key: KeyFor) -> list[Section]:
    """Before anything is written: the agenda and the open points that will carry forward (None: there was no
    one-to-one before this one, so there is nothing to carry)."""
    if carried is None:
        return [agenda_options(agenda, who, key)]
    return [agenda_options(agenda, who, key), item_options(
        "Open points from your last one-to-one (carried forward when you start)", carried, dates,
        "Nothing to carry forward.")]


def draft_sections(agenda: Agenda, record: OneToOne, who: str, dates: dict[str, date], key: KeyFor) -> list[Section]:
    """A one-to-one being prepared or recorded: agenda, points, then notes and agreed actions."""
    points, during, _ = _split(record.items)
    return [
        agenda_options(agenda, who, key),
        item_options("Your points, including those carried forward", points, dates,
                     f"No talking points yet: press {key('one_to_one.talking_point')} to add one."),
        item_options("During the one-to-one: notes and agreed actions", during, dates,
                     f"Nothing recorded yet: {key('one_to_one.note')} for a note, {key('one_to_one.action')} for an "
                     "agreed action."),
    ]


def record_sections(record: OneToOne, dates: dict[str, date]) -> list[Section]:
    """An agreed one-to-one, as it was agreed, with any corrections after it."""
    points, during, corrections = _split(record.items)
    sections = [item_options("Points raised", points, dates, "No points were raised."),
                item_options("Notes and agreed actions", during, dates, "Nothing was recorded.")]
    if corrections:
        sections.append(item_options("Corrections added after agreement", corrections, dates, ""))
    return sections
