"""Provides a plain-mode form: fields asked one by one and checked against the size limits.

What was typed is kept as the app's own draft when input ends part-way, so the app (or plain mode) offers it
again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from myrole.limits import FIELDS, problem
from myrole.plain.console import EndOfInput
from myrole.store.drafts import Draft, FieldValue, delete_draft, get_draft, save_draft
from myrole.store.errors import StoreError
from myrole.store.rows import storable
from myrole.text import inert

if TYPE_CHECKING:
    from myrole.plain.session import Session

T = TypeVar("T")


class PlainForm:
    """One of the app's forms (by its draft name, e.g. "checkin"), filled in line by line."""

    def __init__(self, session: Session, form: str, record: str, title: str,
                 context: dict[str, str] | None = None) -> None:
        self.session, self.form, self.record, self.title = session, form, record, title
        self.context = context or {}
        self.values: dict[str, FieldValue] = {}
        self.typed: list[str] = []  # text fields with words in them, in the order typed
        self._asking: str | None = None
        self.kept = False  # a draft of this form was saved in this run
        self.earlier = self._earlier_draft()

    def _earlier_draft(self) -> Draft | None:
        try:
            found = get_draft(self.session.db, self.form, self.record)
        except StoreError:
            return None
        if found is not None:
            self.session.console.say("You left this form part-way before; what you typed then is offered again.")
        return found

    def earlier_text(self, field: str) -> str:
        value = self.earlier.fields.get(field) if self.earlier else None
        return value if isinstance(value, str) else ""

    def earlier_choice(self, field: str) -> FieldValue:
        return self.earlier.fields.get(field) if self.earlier else None

    def text(self, field: str, label: str, column: tuple[str, str] | None, what: str, *, long: bool = False,
             required: str = "", check: Callable[[str], object] | None = None) -> str:
        """Ask for one text field until it fits its limit (and check, if given, passes); what was typed.

        column: the stored column whose limit (myrole.limits.FIELDS) applies; None when check applies the limits
        (tags: each tag and how many). required: the sentence to say when it is left empty (empty allowed when not given).
        """
        console = self.session.console
        earlier = self.earlier_text(field)
        while True:
            typed = self._read(field, label, earlier, long)
            too_long = problem(typed, FIELDS[column], what) if column else None
            sentence = too_long or (required if not typed.strip() and required else None)
            if sentence is None:
                sentence = _check(storable, typed) or (_check(check, typed) if check else None)
            if sentence is None:
                self.set(field, typed)
                return typed
            self.set(field, typed)  # kept as typed, should input end while it is being put right
            console.say(sentence)

    def rewrite(self, field: str, question: str, now: str, column: tuple[str, str], what: str) -> str:
        """A long text read out as it stands, then replaced by what is typed; a full stop alone keeps it."""
        console = self.session.console
        console.say(question)
        if now.strip():
            console.say("Now it says:")
            console.say(inert(now, keep_newlines=True))
            label = "What you write replaces it; a full stop alone keeps it."
        else:
            label = "It is empty now; a full stop alone leaves it empty."
        typed = self.text(field, label, column, what, long=True)
        return typed if typed.strip() else now

    def _read(self, field: str, label: str, earlier: str, long: bool) -> str:
        console = self.session.console
        self._asking = field
        if earlier:
            console.say(f"Before, you typed: {inert(earlier, keep_newlines=long)}")
            if console.confirm("Keep that?", default=True):
                self._asking = None
                return earlier
        if long:
            typed = console.ask_long(f"{label} Write one or more lines, then a line holding only a full stop.")
        else:
            typed = console.ask_text(label)
        self._asking = None
        return typed

    def set(self, field: str, value: FieldValue) -> None:
        self.values[field] = value
        if isinstance(value, str) and value.strip() and field not in self.typed:
            self.typed.append(field)

    @contextmanager
    def kept_if_stopped(self) -> Iterator[PlainForm]:
        """Run the form's questions; if input ends part-way, or anything fails, keep what was typed as a
        draft, then stop (a failure still goes on to its traceback, but nothing typed is lost)."""
        try:
            yield self
        except EndOfInput as stop:
            if self._asking and stop.partial:
                self.set(self._asking, stop.partial)
            self.keep_as_draft()
            raise
        except Exception:
            self.keep_as_draft()
            raise

    def keep_as_draft(self, *, quietly: bool = False) -> None:
        """Keep the typed fields as the app's draft of this form (nothing when nothing was typed).

        quietly: kept just before saving, in case saving fails; saved() removes it once the save worked.
        """
        if not self.typed:
            return
        context = {**self.context, "typed": ",".join(self.typed)}
        try:
            save_draft(self.session.db, Draft(self.form, self.record, self.title, dict(self.values), context))
        except StoreError as error:
            self.session.console.say(f"What you typed in this form could not be kept: {error}")
            return
        self.kept = True
        if not quietly:
            self.session.console.say("What you typed in this form is kept as a draft for next time.")

    def save(self, write: Callable[[], T], not_saved: str) -> tuple[bool, T | None]:
        """Keep the draft, then run write (the store call); whether it worked, and what it returned.

        The draft is kept first, so a failure of any kind loses nothing; it goes once write works. A
        StoreError or ValueError is said as one sentence after not_saved (e.g. "The check-in was not saved").
        """
        self.keep_as_draft(quietly=True)
        try:
            result = write()
        except (StoreError, ValueError) as error:
            self.session.console.say(f"{not_saved}: {error}")
            if self.kept:
                self.session.console.say("What you typed in this form is kept as a draft for next time.")
            return False, None
        self.saved()
        return True, result

    def saved(self) -> None:
        """The form was really saved: its draft (kept earlier, or just before saving) goes."""
        if self.earlier is None and not self.kept:
            return
        try:
            delete_draft(self.session.db, self.form, self.record)
        except StoreError:
            pass  # the save itself worked; the old draft is offered again, never lost


def _check(check: Callable[[str], object], text: str) -> str | None:
    """The sentence a check raises as ValueError, else None."""
    try:
        check(text)
    except ValueError as error:
        return str(error)
    return None
