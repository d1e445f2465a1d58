"""Provides the domain's dataclasses and enums.

Lenses, modes, visibility, prompts, reflections, answers, commitments, check-ins, the profile, and
one-to-ones with their items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Self, overload

from myrole.text import one_line


class Worded(StrEnum):
    """A StrEnum whose members carry their words: `SELF = "self", "Self"` makes `Lens.SELF.value == "self"`
    and `Lens.SELF.label == "Self"` (label, not title: a StrEnum's title would hide str.title). A third
    word, where an enum gives one, is the member in everyday words (`Mode.ACTION.explained`)."""

    _value_: str  # so that mypy types .value as str, not as the words written in the class
    label: str
    explained: str

    @overload
    def __new__(cls, value: object) -> Self: ...  # Lens("self"): looks a member up, as for any enum
    @overload
    def __new__(cls, value: str, label: str, explained: str = "") -> Self: ...  # SELF = "self", "Self"
    def __new__(cls, value: object, label: str = "", explained: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_, member.label, member.explained = str(value), label, explained
        return member


class Lens(Worded):
    """The framework's six places to look for your part in reducing inequalities."""

    SELF = "self", "Self"
    PATIENTS = "patients", "Patients and people who use services"
    SERVICES = "services", "Teams, pathways and services"
    COMMUNITIES = "communities", "Communities and networks"
    SYSTEMS = "systems", "Systems"
    FUTURE = "future", "Nurturing the future"


class Mode(Worded):
    """The framework's three ways of contributing: by its own name, and explained in everyday words with that
    name beside it (for screens and plain mode)."""

    AWARENESS = "awareness", "Raise awareness", "Notice and share (raise awareness)"
    ACTION = "action", "Take action", "Do something about it (take action)"
    ADVOCACY = "advocacy", "Optimise advocacy", "Speak up for change (optimise advocacy)"


class Visibility(Worded):
    """Who may see an item: only you, also your line manager, or also the Alliance (anonymised)."""

    PRIVATE = "private", "private: only you"
    MANAGER = "manager", "manager: you and your line manager"
    ALLIANCE = "alliance", "alliance: your line manager too; commitments go to your group without your name"

    @property
    def explanation(self) -> str:
        """Who may see it, in words: its label, under the name the screens and exports use."""
        return self.label


class Context(Worded):
    """Why a reflection was started."""

    SELF = "self", "On my own"
    ONE_TO_ONE = "one-to-one", "Preparing for a one-to-one"
    EVENT = "event", "At an event or workshop"


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

    @property
    def size_words(self) -> str:
        """How many questions it asks, as the app, plain mode and the command line say it: "1 question", "5 questions"."""
        return f"{len(self.prompts)} question{'' if len(self.prompts) == 1 else 's'}"


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

    @property
    def named(self) -> str:
        """Its questions' title, and its topic if it has one (on one line, cut when long): as offers to carry on name it."""
        return f"{self.pack_title}, on the topic “{one_line(self.topic, 60)}”" if self.topic.strip() else self.pack_title


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


class ItemKind(Worded):
    """What a line in a one-to-one record is."""

    TALKING_POINT = "talking-point", "talking point"
    SUPPORT_REQUEST = "support-request", "support I need"
    NOTE = "note", "note"
    AGREED_ACTION = "agreed-action", "agreed action"


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
