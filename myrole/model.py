"""Provides the domain: lenses, modes, visibility, prompts, reflections, answers, commitments, check-ins."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum, nonmember
from typing import overload


class Words:
    """Words for each member of an enum, given at the end of its class: `label = Words({SELF: "Self", ...})`
    makes `Lens.SELF.label == "Self"` (label, not title: a StrEnum's title would hide str.title). In the
    class body a member's name still stands for its value, so the table is keyed by value and a misspelt
    name fails at import. Wrapped in enum.nonmember so neither the enum nor mypy takes it for a member."""

    def __init__(self, by_value: dict[str, str]) -> None:
        self.by_value = by_value

    @overload
    def __get__(self, member: None, owner: type) -> Words: ...
    @overload
    def __get__(self, member: Enum, owner: type) -> str: ...
    def __get__(self, member: Enum | None, owner: type) -> Words | str:
        return self if member is None else self.by_value[member.value]


class Lens(StrEnum):
    """The framework's six places to look for your part in reducing inequalities."""

    SELF = "self"
    PATIENTS = "patients"
    SERVICES = "services"
    COMMUNITIES = "communities"
    SYSTEMS = "systems"
    FUTURE = "future"

    label = nonmember(Words({
        SELF: "Self",
        PATIENTS: "Patients and people who use services",
        SERVICES: "Teams, pathways and services",
        COMMUNITIES: "Communities and networks",
        SYSTEMS: "Systems",
        FUTURE: "Nurturing the future",
    }))


class Mode(StrEnum):
    """The framework's three ways of contributing."""

    AWARENESS = "awareness"
    ACTION = "action"
    ADVOCACY = "advocacy"

    label = nonmember(Words({
        AWARENESS: "Raise awareness",
        ACTION: "Take action",
        ADVOCACY: "Optimise advocacy",
    }))

    # The mode in everyday words with the framework's own name beside it (for screens and plain mode).
    explained = nonmember(Words({
        AWARENESS: "Notice and share (raise awareness)",
        ACTION: "Do something about it (take action)",
        ADVOCACY: "Speak up for change (optimise advocacy)",
    }))


class Visibility(StrEnum):
    """Who may see an item: only you, also your line manager, or also the Alliance (anonymised)."""

    PRIVATE = "private"
    MANAGER = "manager"
    ALLIANCE = "alliance"

    explanation = nonmember(Words({
        PRIVATE: "private: only you",
        MANAGER: "manager: you and your line manager",
        ALLIANCE: "alliance: your line manager too; commitments go to your group without your name",
    }))


class Context(StrEnum):
    """Why a reflection was started."""

    SELF = "self"
    ONE_TO_ONE = "one-to-one"
    EVENT = "event"

    label = nonmember(Words({
        SELF: "On my own",
        ONE_TO_ONE: "Preparing for a one-to-one",
        EVENT: "At an event or workshop",
    }))


class Status(StrEnum):
    """Where a commitment stands."""

    ACTIVE = "active"
    PAUSED = "paused"
    DONE = "done"
    DROPPED = "dropped"


PROGRESS_LABELS: tuple[str, ...] = (
    "not started",
    "started",
    "making progress",
    "nearly there",
    "done",
)


NO_LENS = "no lens"  # how a step of a reflection model (which carries no lens or mode) is placed in words


def placement(lens: Lens | None, mode: Mode | None) -> str:
    """Where a question or answer sits, in words: 'Self / Raise awareness', or 'no lens' for a model's step."""
    return f"{lens.label} / {mode.label}" if lens is not None and mode is not None else NO_LENS


@dataclass(frozen=True)
class Prompt:
    """One reflection question in a pack; a step of a reflection model (e.g. Gibbs) has no lens or mode."""

    id: str
    lens: Lens | None
    mode: Mode | None
    text: str
    hint: str
    examples: tuple[str, ...] = ()

    @property
    def placement(self) -> str:
        return placement(self.lens, self.mode)


@dataclass(frozen=True)
class Pack:
    """A set of prompts, loaded from one TOML file."""

    id: str
    title: str
    version: str
    source: str
    description: str
    prompts: tuple[Prompt, ...]
    path: str = ""
    flow: str = ""  # "" walks every prompt in turn; CHOOSE_LENS: the person picks one lens's prompt first

    def prompt(self, prompt_id: str) -> Prompt | None:
        return next((p for p in self.prompts if p.id == prompt_id), None)

    @property
    def is_model(self) -> bool:
        """Whether any step carries no lens: the person may then tag the reflection with the lenses it touched."""
        return any(p.lens is None for p in self.prompts)

    @property
    def chooses_lens(self) -> bool:
        return self.flow == CHOOSE_LENS


CHOOSE_LENS = "choose-lens"  # a pack's flow: pick the one lens that fits, answer its question, the rest optional


@dataclass
class Profile:
    """Who is reflecting (all optional)."""

    name: str = ""
    role: str = ""
    organisation: str = ""
    manager_name: str = ""
    onboarded: bool = False


@dataclass
class Reflection:
    """One sitting with a prompt pack."""

    id: str
    pack_id: str
    pack_version: str
    pack_title: str
    context: Context
    topic: str
    started_at: str
    finished_at: str | None = None
    position: int = 0
    event_id: str | None = None  # the kept event it was started at (Context.EVENT), if one was chosen
    topic_id: str | None = None  # that event's topic, if one was chosen
    # The lenses and modes the person tagged it with (a reflection model's steps carry none); filled by
    # an export's read and by an import, not by every read of a reflection (store.reflection_lenses).
    lenses: tuple[tuple[Lens, Mode], ...] = ()


@dataclass
class Answer:
    """What a person wrote for one prompt, with a copy of the prompt as it was."""

    id: str
    reflection_id: str
    prompt_id: str
    lens: Lens | None  # None: an answer to a reflection model's step (stored as '')
    mode: Mode | None
    prompt_text: str
    text: str
    visibility: Visibility = Visibility.PRIVATE
    created_at: str = ""
    updated_at: str = ""

    @property
    def placement(self) -> str:
        return placement(self.lens, self.mode)


@dataclass
class Commitment:
    """Something concrete a person means to do, with a rhythm for checking in."""

    id: str
    title: str
    lens: Lens
    mode: Mode
    detail: str = ""
    first_step: str = ""
    success: str = ""
    support: str = ""
    target_date: date | None = None
    cadence: str = "fortnightly"
    status: Status = Status.ACTIVE
    status_reason: str = ""
    paused_until: date | None = None
    snoozed_until: date | None = None
    visibility: Visibility = Visibility.PRIVATE
    tags: tuple[str, ...] = ()
    reflection_id: str | None = None
    answer_id: str | None = None
    created_at: str = ""
    updated_at: str = ""
    version: int = 1
    event_id: str | None = None  # the event and topic it was made at (from its reflection), if any
    topic_id: str | None = None
    share_key: str = ""  # random, made when it is first saved: what an alliance export calls it (never its id)


@dataclass
class CheckIn:
    """A short look at how a commitment is going."""

    id: str
    commitment_id: str
    at: str
    on_date: date
    progress: int
    note: str = ""
    barriers: str = ""
    next_step: str = ""
    confidence: int = 3
    visibility: Visibility = Visibility.PRIVATE


@dataclass
class CommitmentSummary:
    """A commitment with what the home screen needs: latest progress and next due date."""

    commitment: Commitment
    latest_progress: int | None
    last_checkin: date | None
    due: date | None
    checkins: list[CheckIn] = field(default_factory=list)


class ItemKind(StrEnum):
    """What a line in a one-to-one record is."""

    TALKING_POINT = "talking-point"
    SUPPORT_REQUEST = "support-request"
    NOTE = "note"
    AGREED_ACTION = "agreed-action"

    label = nonmember(Words({
        TALKING_POINT: "talking point",
        SUPPORT_REQUEST: "support I need",
        NOTE: "note",
        AGREED_ACTION: "agreed action",
    }))


class OneToOneStatus(StrEnum):
    """A one-to-one is prepared and recorded as a draft, then agreed (and locked)."""

    DRAFT = "draft"
    AGREED = "agreed"


@dataclass
class OneToOneItem:
    """One line of a one-to-one: a talking point, a support request, a note or an agreed action."""

    id: str
    one_to_one_id: str
    kind: ItemKind
    text: str
    visibility: Visibility = Visibility.MANAGER
    closed: bool = False
    carried_from: str | None = None  # the item (in an earlier one-to-one) this was carried forward from
    commitment_id: str | None = None  # the commitment an agreed action became
    correction: bool = False  # a note added after agreement to correct the record
    created_at: str = ""
    position: int = 0


@dataclass
class OneToOne:
    """A one-to-one with a line manager: its date, the next one's date and its items."""

    id: str
    held_on: date
    manager_name: str = ""
    status: OneToOneStatus = OneToOneStatus.DRAFT
    agreed_at: str | None = None
    next_on: date | None = None
    created_at: str = ""
    updated_at: str = ""
    version: int = 1
    items: list[OneToOneItem] = field(default_factory=list)

    @property
    def locked(self) -> bool:
        return self.status is OneToOneStatus.AGREED

    def item(self, item_id: str) -> OneToOneItem | None:
        return next((i for i in self.items if i.id == item_id), None)


CONFIDENCE_LABELS: dict[int, str] = {
    1: "not confident",
    2: "a little confident",
    3: "fairly confident",
    4: "quite confident",
    5: "very confident",
}
