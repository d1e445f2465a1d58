"""Provides a reflection in plain mode: one labelled question at a time, commands typed as words.

Each answer is saved as it is entered, through the same store functions as the app.
"""

from __future__ import annotations

from typing import TypeVar

from myrole.events import Event, Topic
from myrole.limits import FIELDS, problem
from myrole.model import Answer, Context, Lens, Mode, Pack, Prompt, Reflection, Visibility
from myrole.plain import choices
from myrole.plain.console import EndOfInput
from myrole.plain.session import Session
from myrole.settings import new_item_visibility
from myrole.plain.words import spoken_date, spoken_moment
from myrole.store.commitments import commitments_for_reflection
from myrole.store.drafts import Draft, delete_draft, get_draft, save_draft
from myrole.store.errors import StaleEditError, StoreError
from myrole.store.events import list_events
from myrole.store.reflection_lenses import Tag, get_tags, set_tags
from myrole.store.reflections import (finish_reflection, get_answers, save_answer, set_answer_visibility,
                                      set_position, start_reflection, unfinished_reflection)
from myrole.store.search import fold
from myrole.text import inert, one_line

LENS_ORDER = list(Lens)
T = TypeVar("T")
COMMANDS = {
    "hint": "hear a hint and examples for this question",
    "skip": "go to the next question, leaving this one as it is",
    "back": "go back to the previous question",
    "who": "choose who can see this answer",
    "commit": "make a commitment from this answer, or from the one you just gave",
    "finish": "go to the end, to make commitments and finish the reflection",
    "quit": "stop here; everything is saved and you can carry on later",
    "help": "hear these commands again",
}
ANSWER_HOW = ("Type your answer on as many lines as you like, then a line holding only a full stop; "
              "or type a command word such as hint, skip, back, who, commit, finish, quit or help.")
CHOOSE_LENS = "Which one lens fits you best today? You will answer its question; the others stay optional."
TAG_ADVICE = ("Optional: the map of lenses counts this reflection in each lens and way of contributing you name. "
              "Name the lenses first, then the ways.")
ANONYMOUS = "Reflections should be anonymous, so edit it out with back unless it is not about a person."
TOPICS_READ_OUT = 12  # more than this, and the person is first asked for a word to narrow the list


def _answered_where(answer: Answer) -> str:
    """Which question an answer is to: its lens and mode, or for a reflection model's step (no lens), the step."""
    if answer.lens is None or answer.mode is None:
        return one_line(answer.prompt_text, 40)
    return f"{answer.lens.label}, {answer.mode.label}"


class Leave(Exception):
    """The person typed quit: stop the reflection here (everything is already saved)."""


def reflect(session: Session, pack_id: str | None = None, context: Context | None = None,
            topic: str | None = None) -> None:
    """Carry on with an unfinished reflection if the person wants, else start one; then step through it."""
    console = session.console
    reflection = None
    if pack_id is None:
        unfinished = unfinished_reflection(session.db)
        if unfinished is not None and console.confirm(
                f"You have an unfinished reflection, {inert(unfinished.named)}, started on "
                f"{spoken_moment(unfinished.started_at)}; carry on with it?", default=True):
            reflection = unfinished
    if reflection is None:
        reflection = _start(session, pack_id, context, topic)
        if reflection is None:
            return
    pack = session.catalogue.edition(reflection.pack_id, reflection.pack_version, console.say)
    if pack is None:
        console.say("This reflection's question set is no longer installed; its answers are still kept.")
        return
    try:
        Stepper(session, reflection, pack).run()
    except Leave:
        console.say("Your reflection is saved; you can carry on with it later from Reflect.")


def _start(session: Session, pack_id: str | None, context: Context | None, topic: str | None) -> Reflection | None:
    console = session.console
    packs = session.catalogue.packs
    if not packs:
        console.say("No question sets are installed, so a reflection cannot start.")
        return None
    pack = session.catalogue.get(pack_id) if pack_id else None
    if pack is None:
        pack = console.choose("Which set of questions?", [(f"{inert(p.title)}, {p.size_words}", p)
                                                        for p in packs], default=0)
    if context is None:
        context = Context.SELF if pack_id else console.choose(
            "Where are you reflecting?", [(c.label, c) for c in Context], default=0)
    event, chosen = (_choose_event_topic(session) if context is Context.EVENT and topic is None
                     else (None, None))
    if context is Context.EVENT and topic is None:
        topic = chosen.title if chosen else _ask_topic(session)
    try:
        return start_reflection(session.db, pack, context, topic if context is Context.EVENT and topic else "",
                                event_id=event.id if event else None, topic_id=chosen.id if chosen else None)
    except (StoreError, ValueError) as error:
        console.say(f"The reflection could not start: {error}")
        return None


def _choose_event_topic(session: Session) -> tuple[Event | None, Topic | None]:
    """At an event: which kept event (myrole event add), then which of its topics, as the app's start dialog
    offers them; (None, None) when none is kept or the person chooses none of them."""
    events = list_events(session.db)
    if not events:
        return None, None
    console = session.console
    event = console.choose("Which event are you at?", [
        *((f"{inert(e.name)}, {spoken_date(e.held_on)}", e) for e in events), ("None of these", None)], default=0)
    if event is None or not event.topics:
        return event, None
    topics = list(event.topics)
    while len(topics) > TOPICS_READ_OUT:
        words = fold(console.ask_text(f"This event has {len(topics)} topics. Type a word from yours to narrow "
                                      "the list (capitals and accents do not matter), or Enter to hear them all.")).strip()
        if not words:
            break
        narrowed = [t for t in topics if words in fold(t.title) or words in fold(t.id)]
        if narrowed:
            topics = narrowed
        else:
            console.say("No topic holds those words; try another word.")
    return event, console.choose("Which topic?", [
        *((inert(t.title), t) for t in topics), ("None of these: I will say the topic in my own words", None)])


def _ask_topic(session: Session) -> str:
    while True:
        topic = session.console.ask_text("The event's topic, for example children's oral health? Enter alone leaves it empty.")
        sentence = problem(topic, FIELDS[("reflections", "topic")], "The topic")
        if sentence is None:
            return topic
        session.console.say(sentence)


class Stepper:
    """Steps through one reflection's questions; each answer is saved as soon as it is entered."""

    def __init__(self, session: Session, reflection: Reflection, pack: Pack) -> None:
        self.session, self.console = session, session.console
        self.reflection, self.pack = reflection, pack
        self.answers: dict[str, Answer] = {a.prompt_id: a for a in get_answers(session.db, reflection.id)}
        self.index = min(reflection.position, len(pack.prompts))
        self.last_saved: Answer | None = None
        self.chosen_visibility: dict[str, Visibility] = {}  # chosen with who before an answer is written

    @property
    def prompt(self) -> Prompt | None:
        return self.pack.prompts[self.index] if self.index < len(self.pack.prompts) else None

    def run(self) -> None:
        self.console.say(f"Reflection with {inert(self.pack.title)}, {self.pack.size_words}.")
        if self.reflection.topic:  # at an event: the topic chosen or written, said as the app shows it
            self.console.say(f"Topic: {inert(self.reflection.topic)}.")
        self.console.say(ANSWER_HOW)
        if self.pack.chooses_lens and self.index == 0 and not self.answers:
            self.choose_lens()
        while True:
            if self.prompt is None:
                if self.review():
                    return
                continue
            self.step(self.prompt)

    # -- one question ------------------------------------------------------------------

    def step(self, prompt: Prompt) -> None:
        self.read_out(prompt)
        while True:
            line = self.console.read_line()
            word = line.strip().lower()
            if not word:
                self.console.say("Type your answer, or a command word such as skip or help.")
                continue
            if word in COMMANDS:
                if self.command(word, prompt):
                    return
                continue
            try:
                text = self.console.ask_long("", first_line=line)
            except EndOfInput as stop:
                if stop.partial.strip():
                    self.save(prompt, stop.partial)
                raise
            if text.strip():
                if not self.save(prompt, text):
                    continue  # not saved: the sentence said why; answer again or move on
            self.move(1)
            return

    def read_out(self, prompt: Prompt) -> None:
        self.console.say(self.where(prompt))
        self.console.say(inert(prompt.text))
        answer = self.answers.get(prompt.id)
        if answer is not None and answer.text.strip():
            self.console.say(f"Your answer so far, {answer.visibility.explanation}:")
            self.console.say(inert(answer.text, keep_newlines=True))
            self.console.say("Type a new answer to replace it, or skip to keep it.")

    def where(self, prompt: Prompt) -> str:
        """Where the question sits: its lens and mode, or for a reflection model's step, the step."""
        position = f"question {self.index + 1} of {len(self.pack.prompts)}."
        if self.pack.chooses_lens and prompt.lens is not None and prompt.mode is not None:
            return f"The lens you chose, {prompt.lens.label}; {prompt.mode.explained}. Back chooses another lens."
        if prompt.lens is None or prompt.mode is None:
            return f"{inert(self.pack.title)}, {position}"
        lens_number = LENS_ORDER.index(prompt.lens) + 1
        return f"Lens {lens_number} of {len(LENS_ORDER)}, {prompt.lens.label}; {prompt.mode.explained}; {position}"

    def command(self, word: str, prompt: Prompt) -> bool:
        """Carry out a command word; True when it moved to another question (or to the end)."""
        if word == "hint":
            self.console.say(f"Hint: {inert(prompt.hint)}")
            for example in prompt.examples:
                self.console.say(f"For example: {inert(example)}")
        elif word == "skip":
            self.move(1)
            return True
        elif word == "back":
            if self.index == 0 and not self.pack.chooses_lens:
                self.console.say("This is the first question.")
            else:
                self.move(-1)
                return True
        elif word == "who":
            self.choose_who(prompt)
        elif word == "commit":
            self.commit(prompt)
            self.console.say("Back to the reflection.")
            self.read_out(prompt)
        elif word == "finish":
            self.move(len(self.pack.prompts) - self.index)
            return True
        elif word == "quit":
            raise Leave
        else:
            for name, meaning in COMMANDS.items():
                self.console.say(f"{name}: {meaning}.")
        return False

    def move(self, step: int) -> None:
        if self.pack.chooses_lens and abs(step) == 1:
            # One lens's question at a time, as in the app: next goes to the end, back to the choice of lens.
            if step < 0:
                self.choose_lens()
                return
            step = len(self.pack.prompts) - self.index
        self.go_to(max(0, min(self.index + step, len(self.pack.prompts))))

    def choose_lens(self) -> None:
        """A choose-lens pack (one thing): the person picks the lens that fits; its question comes next."""
        options = [(prompt.lens.label if prompt.lens else inert(prompt.placement), number)
                   for number, prompt in enumerate(self.pack.prompts)]
        unanswered = [number for number, prompt in enumerate(self.pack.prompts) if prompt.id not in self.answers]
        default = self.index if self.prompt is not None else (unanswered or [0])[0]
        self.go_to(self.console.choose(CHOOSE_LENS, options, default=default))

    def go_to(self, index: int) -> None:
        self.index = index
        try:
            set_position(self.session.db, self.reflection.id, self.index)
        except StoreError:
            pass  # only where a later visit starts; the answers themselves are saved

    def choose_who(self, prompt: Prompt) -> None:
        answer = self.answers.get(prompt.id)
        starting = new_item_visibility(self.session.settings)
        current = answer.visibility if answer else self.chosen_visibility.get(prompt.id, starting)
        chosen = choices.who_can_see(self.console, current, collective=self.session.settings.collective_name)
        self.chosen_visibility[prompt.id] = chosen
        if answer is None:
            self.console.say(f"Your answer to this question will be {chosen.explanation}.")
            return
        try:
            set_answer_visibility(self.session.db, answer.id, chosen)
        except StoreError as error:
            self.console.say(f"Not saved: {error}")
            return
        self.answers = {a.prompt_id: a for a in get_answers(self.session.db, self.reflection.id)}
        self.console.say(f"Saved; this answer is now {chosen.explanation}.")

    def commit(self, prompt: Prompt) -> None:
        from myrole.plain.commitment import make_commitment

        answer = self.answers.get(prompt.id)
        if answer is None or not answer.text.strip():
            answer = self.last_saved
        if answer is None or not answer.text.strip():
            self.console.say("Write an answer first; a commitment grows from what you wrote.")
            return
        make_commitment(self.session, answer)

    # -- saving ---------------------------------------------------------------------------

    def save(self, prompt: Prompt, text: str) -> bool:
        """Save one answer as it was entered; say what happened. False when it could not be saved."""
        saved = self.answers.get(prompt.id)
        starting = saved.visibility if saved else new_item_visibility(self.session.settings)
        visibility = self.chosen_visibility.get(prompt.id) or starting
        too_long = problem(text, FIELDS[("answers", "text")], "Your answer")
        if too_long:
            self.keep_as_draft(prompt, text)
            self.console.say(f"Not saved as an answer: {too_long}")
            return False
        try:
            return self.store(prompt, text, visibility, saved)
        except StaleEditError as error:
            return self.resolve_conflict(prompt, text, visibility, str(error))

    def store(self, prompt: Prompt, text: str, visibility: Visibility, based_on: Answer | None) -> bool:
        """Save the answer over based_on (raises StaleEditError if another window saved since); any
        other failure keeps the text as a draft and says why."""
        try:
            answer = save_answer(self.session.db, self.reflection.id, prompt, text, visibility, self.index,
                                 based_on=based_on)
        except StaleEditError:  # a StoreError too, but the caller asks about it
            raise
        except (StoreError, ValueError) as error:
            self.keep_as_draft(prompt, text)
            self.console.say(f"Not saved: {error}")
            return False
        self.saved(prompt, answer)
        return True

    def saved(self, prompt: Prompt, answer: Answer) -> None:
        self.answers[prompt.id] = self.last_saved = answer
        self.forget_draft(prompt)
        self.console.say(f"Saved, {answer.visibility.explanation}.")
        self.warn_identifiable(answer.text)

    def resolve_conflict(self, prompt: Prompt, text: str, visibility: Visibility, sentence: str) -> bool:
        """Another window saved this answer meanwhile: ask whether this one replaces it."""
        latest = {a.prompt_id: a for a in get_answers(self.session.db, self.reflection.id)}.get(prompt.id)
        self.console.say(sentence)
        if latest is not None:
            self.console.say("The other window's answer is:")
            self.console.say(inert(latest.text, keep_newlines=True))
        if not self.console.confirm("Keep yours, replacing the other?", default=True):
            if latest is None:
                self.answers.pop(prompt.id, None)
            else:
                self.answers[prompt.id] = latest
            return True
        try:
            return self.store(prompt, text, visibility, latest)
        except StaleEditError as error:  # a third save came in while the person chose
            return self.resolve_conflict(prompt, text, visibility, str(error))

    def warn_identifiable(self, text: str) -> None:
        """Warn, never block, about what looks like patient data (as the app does)."""
        from myrole.privacy import find_identifiable

        found = list(dict.fromkeys(f"{f.kind} {one_line(f.text, 30)}" for f in find_identifiable(text, self.session.today)))
        if found:
            self.console.say(f"This may identify a person: {'; '.join(found[:5])}. {ANONYMOUS}")

    def draft_record(self, prompt: Prompt) -> str:
        return f"{self.reflection.id}:{prompt.id}"  # as the app's reflection screen keys it

    def keep_as_draft(self, prompt: Prompt, text: str) -> None:
        try:
            save_draft(self.session.db, Draft("answer", self.draft_record(prompt),
                                              f"Reflection answer to “{one_line(prompt.text, 40)}”", {"answer": text},
                                              {"reflection_id": self.reflection.id, "prompt_id": prompt.id}))
            self.console.say("Your answer is kept as a draft, so nothing you wrote is lost.")
        except StoreError:
            self.console.say("Your answer could not be kept as a draft either; copy it before you leave.")

    def forget_draft(self, prompt: Prompt) -> None:
        try:
            if get_draft(self.session.db, "answer", self.draft_record(prompt)) is not None:
                delete_draft(self.session.db, "answer", self.draft_record(prompt))
        except StoreError:
            pass  # the answer is saved; an old draft is offered again, never lost

    def tag(self) -> None:
        """Tag a reflection model with every pair of a named lens and a named way, as the app's dialog does."""
        tags = get_tags(self.session.db, self.reflection.id)
        if tags:
            self.console.say(f"Tagged now with: {_tag_words(tags)}. What you name next replaces these.")
        self.console.say(TAG_ADVICE)
        lenses = _pick_several(self.session, "Which lens did it touch?", [(lens.label, lens) for lens in Lens])
        modes = _pick_several(self.session, "Which way of contributing?",
                              [(mode.explained, mode) for mode in Mode]) if lenses else []
        chosen: list[Tag] = [(lens, mode) for lens in lenses for mode in modes]
        if lenses and not modes:
            self.console.say("Nothing was tagged: name at least one way of contributing as well as a lens.")
            return
        try:
            set_tags(self.session.db, self.reflection.id, chosen)
        except StoreError as error:
            self.console.say(f"The lenses were not saved: {error}")
            return
        self.console.say(f"Tagged with {_tag_words(chosen)}; the map of lenses counts it." if chosen
                         else "The lens tags were cleared.")

    # -- the end ------------------------------------------------------------------------------

    def review(self) -> bool:
        """What was answered; make commitments or finish. True once finished."""
        from myrole.plain.commitment import make_commitment

        answered = [a for a in get_answers(self.session.db, self.reflection.id) if a.text.strip()]
        made = len(commitments_for_reflection(self.session.db, self.reflection.id))
        self.console.say(f"You answered {len(answered)} of {len(self.pack.prompts)} questions and made "
                         f"{made} commitment{'s' if made != 1 else ''} from this reflection; one to three is plenty.")
        options = [("Make a commitment from one of your answers", "commit")] if answered else []
        if self.pack.is_model:
            options.append(("Tag it with the lenses and ways of contributing it touched", "tag"))
        back = "Answer another lens's question" if self.pack.chooses_lens else "Go back to the questions"
        options += [(back, "back"), ("Finish the reflection", "finish")]
        chosen = self.console.choose("What next?", options)
        if chosen == "back":
            self.move(-1)
            return False
        if chosen == "tag":
            self.tag()
            return False
        if chosen == "commit":
            labels = [(f"{_answered_where(a)}: {one_line(a.text, 70)}", a) for a in answered]
            make_commitment(self.session, self.console.choose("Which answer?", labels))
            return False
        try:
            finish_reflection(self.session.db, self.reflection.id)
        except StoreError as error:
            self.console.say(f"Not finished: {error}")
            return False
        made = len(commitments_for_reflection(self.session.db, self.reflection.id))
        self.console.say("Reflection finished; your commitments are in the due list." if made else
                         "Reflection finished and kept with your records; to read it again, export a summary from the menu.")
        return True


def _pick_several(session: Session, label: str, options: list[tuple[str, T]]) -> list[T]:
    """Ask for one option at a time until the person says that is all; the picked ones, in the order offered."""
    picked: set[int] = set()
    while len(picked) < len(options):
        left = [(words, number) for number, (words, _) in enumerate(options) if number not in picked]
        number = session.console.choose(f"{label} Another, or that is all?" if picked else label,
                                        [*left, ("That is all" if picked else "None", -1)], default=len(left))
        if number < 0:
            break
        picked.add(number)
    return [value for number, (_, value) in enumerate(options) if number in picked]


def _tag_words(tags: list[Tag]) -> str:
    return "; ".join(f"{lens.label}, {mode.label}" for lens, mode in tags)
