"""Provides a fixed store for export tests: fixed ids and timestamps, every visibility, every kind of item."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from myrole.model import (Answer, CheckIn, Commitment, Context, ItemKind, Lens, Mode, OneToOne, OneToOneItem,
                          OneToOneStatus, Reflection, Status, Visibility)
from myrole.events import Event, Topic
from myrole.revalidation.model import ActivityKind, CpdDetails, NmcAccount, StatementItem, Theme
from myrole.store.connection import write
from myrole.store.cpd import DetailsRecord, RevalidationRecords, RevalidationRow
from myrole.store.merge import merge
from myrole.store.snapshot import PlacedAnswer, ProfileRecord, StatusEvent, StoreContents

EXPORTED_AT = "2026-11-26T09:30:00Z"
PRIVATE, MANAGER, ALLIANCE = Visibility.PRIVATE, Visibility.MANAGER, Visibility.ALLIANCE


def _id(kind: str, n: int) -> str:
    return f"{kind}{n:0>{32 - len(kind)}}"


def _answer(n: int, prompt: str, lens: Lens, mode: Mode, text: str, visibility: Visibility) -> PlacedAnswer:
    answer = Answer(_id("a", n), _id("r", 1), prompt, lens, mode, f"Prompt {n}: what do you notice?", text,
                    visibility, "2026-09-01T10:00:00Z", f"2026-09-01T10:0{n}:00Z")
    return PlacedAnswer(answer, n)


def _commitment(n: int, title: str, lens: Lens, mode: Mode, visibility: Visibility, **fields) -> Commitment:
    base = dict(id=_id("c", n), title=title, lens=lens, mode=mode, visibility=visibility,
                created_at=f"2026-09-0{n}T11:00:00Z", updated_at=f"2026-10-0{n}T11:00:00Z", version=2,
                share_key=f"{0x5ea12e0000 + n:032x}")
    return Commitment(**(base | fields))


def _checkin(n: int, commitment: int, on: date, progress: int, visibility: Visibility, **notes) -> CheckIn:
    return CheckIn(_id("k", n), _id("c", commitment), f"{on.isoformat()}T17:00:00Z", on, progress,
                   visibility=visibility, **notes)


def contents() -> StoreContents:
    """The fixed store's contents."""
    c = StoreContents()
    c.profile = ProfileRecord("Jo Example", "Occupational therapist", "Example Community Trust", "Alex Morgan",
                              "fortnightly", True, "2026-09-01T09:00:00Z")
    c.reflections = [
        Reflection(_id("r", 1), "core", "1", "My role: the full reflection", Context.EVENT,
                   "Inequalities Action Workshop", "2026-09-01T10:00:00Z", "2026-09-01T11:00:00Z", 4),
        Reflection(_id("r", 2), "core", "1", "My role: the full reflection", Context.SELF, "",
                   "2026-10-15T19:00:00Z", None, 1),
    ]
    c.answers = [
        _answer(1, "self-awareness-1", Lens.SELF, Mode.AWARENESS,
                "I assume people who miss appointments do not care.", PRIVATE),
        _answer(2, "patients-action-1", Lens.PATIENTS, Mode.ACTION,
                "Ask every new patient whether they need an interpreter.\nEvery time, not only when I guess.", MANAGER),
        _answer(3, "services-awareness-1", Lens.SERVICES, Mode.AWARENESS,
                "Our did-not-attend rate looks higher near the ring road.", ALLIANCE),
        _answer(4, "future-action-1", Lens.FUTURE, Mode.ACTION, "", PRIVATE),
    ]
    second = Answer(_id("a", 5), _id("r", 2), "systems-advocacy-1", Lens.SYSTEMS, Mode.ADVOCACY,
                    "Prompt 5: where could you speak up?", "Half-formed: bus fares?", PRIVATE,
                    "2026-10-15T19:05:00Z", "2026-10-15T19:05:00Z")
    c.answers.append(PlacedAnswer(second, 0))
    c.commitments = [
        _commitment(1, "Offer an interpreter to every new patient", Lens.PATIENTS, Mode.ACTION, MANAGER,
                    detail="Ask at booking *and* at the first appointment.\n# Not a heading",
                    first_step="Add the question to my checklist.", success="Nobody is missed.",
                    support="Ten minutes at a team meeting.", target_date=date(2027, 1, 31), tags=("language",),
                    reflection_id=_id("r", 1), answer_id=_id("a", 2), version=4),
        _commitment(2, "Look at did-not-attend data by deprivation", Lens.SERVICES, Mode.AWARENESS, ALLIANCE,
                    first_step="Ask the data team.", support="Access to booking data.", cadence="weekly",
                    target_date=date(2026, 12, 18), tags=("data", "DNA"), reflection_id=_id("r", 1),
                    answer_id=_id("a", 3), event_id=EVENT.id, topic_id="did-not-attend"),
        _commitment(3, "Notice my own assumptions", Lens.SELF, Mode.AWARENESS, PRIVATE, cadence="monthly",
                    detail="Before writing 'did not attend', ask what got in the way.", reflection_id=_id("r", 1),
                    answer_id=_id("a", 1)),
        _commitment(4, "Raise transport costs at the partnership board", Lens.SYSTEMS, Mode.ADVOCACY, ALLIANCE,
                    status=Status.DROPPED, status_reason="The board now has a transport lead.", cadence="quarterly"),
        _commitment(5, "Falls talk at the Tuesday lunch club", Lens.COMMUNITIES, Mode.ACTION, MANAGER,
                    status=Status.PAUSED, paused_until=date(2026, 12, 10), status_reason="Covering night shifts.",
                    cadence="10d"),
    ]
    c.events = [
        StatusEvent(_id("c", n), f"2026-09-0{n}T11:00:00Z", "created", None, "active", "") for n in range(1, 6)
    ] + [
        StatusEvent(_id("c", 1), "2026-10-01T11:00:00Z", "checked-in", "active", "active", ""),
        StatusEvent(_id("c", 1), "2026-10-01T11:00:00Z", "checked-in", "active", "active", ""),
        StatusEvent(_id("c", 4), "2026-10-04T11:00:00Z", "dropped", "active", "dropped",
                    "The board now has a transport lead."),
        StatusEvent(_id("c", 5), "2026-10-05T11:00:00Z", "paused", "active", "paused",
                    "until 2026-12-10: Covering night shifts."),
    ]
    c.checkins = [
        _checkin(1, 1, date(2026, 9, 20), 1, PRIVATE, note="Felt awkward asking.", confidence=2),
        _checkin(2, 1, date(2026, 10, 1), 2, MANAGER, note="Asked 12 new patients; two said yes.",
                 barriers="Agency staff do not know.", next_step="Brief the agency staff.", confidence=4),
        _checkin(3, 2, date(2026, 10, 2), 1, ALLIANCE, note="Figures promised for next week.", confidence=3),
    ]
    first = OneToOne(_id("o", 1), date(2026, 10, 20), "Alex Morgan", OneToOneStatus.AGREED, "2026-10-20T15:00:00Z",
                     date(2026, 11, 17), "2026-10-18T08:00:00Z", "2026-10-20T15:00:00Z", 6)
    first.items = [
        OneToOneItem(_id("i", 1), first.id, ItemKind.TALKING_POINT, "Interpreter work in my appraisal.", MANAGER,
                     True, created_at="2026-10-18T08:00:00Z", position=0),
        OneToOneItem(_id("i", 2), first.id, ItemKind.SUPPORT_REQUEST, "Half a day's cover for the lunch club.",
                     MANAGER, False, created_at="2026-10-18T08:01:00Z", position=1),
        OneToOneItem(_id("i", 3), first.id, ItemKind.TALKING_POINT, "Night shifts are wearing me down.", PRIVATE,
                     False, created_at="2026-10-18T08:02:00Z", position=2),
        OneToOneItem(_id("i", 4), first.id, ItemKind.AGREED_ACTION, "Ask the data team for figures.", MANAGER,
                     True, commitment_id=_id("c", 2), created_at="2026-10-20T14:50:00Z", position=3),
        OneToOneItem(_id("i", 5), first.id, ItemKind.NOTE, "Alex is happy for the checklist to go team-wide.",
                     MANAGER, True, created_at="2026-10-20T14:55:00Z", position=4),
    ]
    second_record = OneToOne(_id("o", 2), date(2026, 11, 17), "Alex Morgan", OneToOneStatus.DRAFT, None, None,
                             "2026-11-10T08:00:00Z", "2026-11-10T08:00:00Z", 1)
    second_record.items = [
        OneToOneItem(_id("i", 6), second_record.id, ItemKind.SUPPORT_REQUEST,
                     "Half a day's cover for the lunch club.", MANAGER, False, carried_from=_id("i", 2),
                     created_at="2026-11-10T08:00:00Z", position=0),
        OneToOneItem(_id("i", 7), second_record.id, ItemKind.TALKING_POINT, "Night shifts are wearing me down.",
                     PRIVATE, False, carried_from=_id("i", 3), created_at="2026-11-10T08:00:00Z", position=1),
    ]
    c.one_to_ones = [first, second_record]
    c.revalidation = revalidation()
    return c


def revalidation() -> RevalidationRecords:
    """The fixed store's revalidation records: a date, a summary, CPD details, an NMC account, two statement items."""
    row = RevalidationRow(date(2027, 3, 31), "I work in a community therapy team.\nMostly home visits.",
                          "2026-09-02T09:00:00Z")
    details = [DetailsRecord(CpdDetails(_id("r", 1), date(2026, 9, 1), 180, True, ActivityKind.FORMAL),
                             "2026-09-01T12:00:00Z")]
    accounts = [NmcAccount(_id("r", 1), "A workshop on inequalities.", "Who misses appointments, and why.",
                           "I ask every new patient about an interpreter.", "It puts people first.",
                           frozenset({Theme.PEOPLE, Theme.EFFECTIVE}), "2026-09-02T10:00:00Z", "2026-09-03T10:00:00Z")]
    items = [StatementItem(_id("s", 1), _id("r", 1), None, 0, "The workshop.", "About missed appointments.",
                           "I ask about interpreters.", "Fewer people are missed.", "My notes, September 2026.",
                           "2026-09-04T10:00:00Z"),
             StatementItem(_id("s", 2), None, _id("c", 1), 1, "Offering interpreters.", "", "", "", "",
                           "2026-09-05T10:00:00Z")]
    return RevalidationRecords(row, details, accounts, items)


SUBMITTER = "5ab317e2" * 4
EVENT = Event("bdc-workshop-2026", "Inequalities Action Workshop", date(2026, 9, 1), "Example Alliance",
              (Topic("oral-health", "Children's oral health"), Topic("did-not-attend", "Missed appointments")))


def fill(db: Database) -> None:
    """Put the fixed contents into an empty store, with a kept event and a fixed submitter key."""
    from myrole.store.events import add_event

    add_event(db, EVENT)
    merge(db, contents())
    with write(db):
        db.execute("UPDATE submitter SET key = ?", [SUBMITTER])
