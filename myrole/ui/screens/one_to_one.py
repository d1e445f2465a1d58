"""Provides the one-to-one screen: prepare from what you share, record notes and actions, agree, look back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TypeVar

from textual.app import App, ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static

from myrole.agenda import build_agenda
from myrole.model import CheckIn, Commitment, ItemKind, Lens, Mode, OneToOne, OneToOneItem, Visibility
from myrole.store import StaleEditError, StoreError
from myrole.store import one_to_ones as store
from myrole.store.corrections import DRAFT_FORMS as CORRECTION_FORMS
from myrole.store.drafts import Draft
from myrole.store.profile import get_profile
from myrole.text import one_line
from myrole.ui import bindings
from myrole.ui.context import myrole_app
from myrole.ui.forms import edited
from myrole.ui.keys import key_for, keys_line
from myrole.ui.widgets.agenda import Entry, Section, draft_sections, preview_sections, record_sections
from myrole.ui.widgets.footer import KeysFooter
from myrole.ui.fresh_screen import FreshScreen

# The line of keys above the agenda (each named as the person has it, after their keymap): binding id, words.
DRAFT_KEYS = (("one_to_one.talking_point", "talking point"), ("one_to_one.support", "support"),
              ("one_to_one.note", "note"), ("one_to_one.action", "agreed action"),
              ("one_to_one.to_commitment", "action to commitment"), ("one_to_one.edit", "edit"),
              ("one_to_one.correction", "correct everywhere"), ("one_to_one.visibility", "who sees"),
              ("one_to_one.close", "close"), ("one_to_one.dates", "dates"), ("one_to_one.mark_agreed", "mark agreed"),
              ("one_to_one.past", "past"))
AGREED_KEYS = (("one_to_one.correction", "correct what an item says"), ("one_to_one.past", "past one-to-ones"),
               ("one_to_one.back", "back"))
T = TypeVar("T")
DRAFT_ONLY = {"add_point", "add_support", "add_note", "add_action", "edit", "visibility",
              "toggle_closed", "to_commitment", "dates", "mark_agreed"}


class OneToOneScreen(FreshScreen, Screen[None]):
    """The one-to-one being prepared (or, given an id, any one-to-one; agreed ones are read-only)."""

    BINDINGS = bindings.for_screen("one_to_one")

    def __init__(self, record_id: str | None = None, *, resume: Draft | None = None) -> None:
        """resume: a draft of one of this screen's forms, to open again once the screen is shown."""
        super().__init__()
        self.record_id = record_id
        self.resume = resume
        self.record: OneToOne | None = None
        self.entries: dict[str, Entry] = {}
        self.focus_id: str | None = None

    def action_delete_for_good(self) -> None:
        """Delete this one-to-one and its items for good, after a confirmation."""
        from myrole.ui.deleting import confirm_delete

        if self.record is None:
            self.notify("There is no one-to-one open here to delete.")
            return
        confirm_delete(self, "one-to-one", self.record.id,
                       "Delete this one-to-one and its items for good? Points already carried into a later "
                       "one-to-one stay there.")

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="o2o-title")
        yield Static(id="o2o-keys", classes="help-text")
        yield OptionList(id="o2o-list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one(OptionList).focus()
        if self.resume is not None:
            self.call_after_refresh(self._resume_draft, self.resume)

    def on_screen_resume(self) -> None:
        self.refresh_data()

    @property
    def locked(self) -> bool:
        return self.record is not None and self.record.locked

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in DRAFT_ONLY:
            return not (self.locked or (action == "mark_agreed" and self.record is None))
        return True

    # -- showing ---------------------------------------------------------------------------

    def refresh_data(self) -> None:
        db = myrole_app(self).db
        self.record = (store.get_one_to_one(db, self.record_id) if self.record_id
                       else store.current_draft(db))
        if self.record is not None:
            self.record_id = self.record.id  # stay on this record, also once it is agreed
        records = store.list_one_to_ones(db)
        dates = {item.id: r.held_on for r in records for item in r.items}
        who = self._manager()
        self.query_one("#o2o-title", Static).update(self._title(who))
        self.query_one("#o2o-keys", Static).update(Content(
            f"Read-only. {keys_line(self, AGREED_KEYS)}" if self.locked else keys_line(self, DRAFT_KEYS)))
        sections = (record_sections(self.record, dates) if self.record is not None and self.record.locked
                    else self._draft_sections(who, dates))
        options, self.entries = [], {}
        for section_options, section_entries in sections:
            options += section_options
            self.entries.update(section_entries)
        listing = self.query_one(OptionList)
        keep = self.focus_id or (listing.highlighted_option.id if listing.highlighted_option else None)
        listing.clear_options()
        listing.add_options(options)
        self._highlight(listing, keep)
        self.focus_id = None
        self.refresh_bindings()

    def _highlight(self, listing: OptionList, option_id: str | None) -> None:
        if option_id and option_id in self.entries:
            listing.highlighted = listing.get_option_index(option_id)
        elif self.entries:
            listing.highlighted = listing.get_option_index(next(iter(self.entries)))

    def _manager(self) -> str:
        name = (self.record.manager_name if self.record else "") or get_profile(myrole_app(self).db).manager_name
        return one_line(name, 30) if name.strip() else "your manager"

    def _title(self, who: str) -> Content:
        r = self.record
        if r is None:
            when = store.suggested_date(myrole_app(self).db, date.today()).isoformat()
            return Content.assemble((f"Your next one-to-one with {who} · {when}", "bold"), "\n",
                                    "Nothing written yet: add a talking point (t) to start preparing.")
        next_text = f"Next one-to-one: {r.next_on.isoformat()}" if r.next_on else "Next one-to-one: not set yet"
        if r.locked:
            return Content.assemble(
                (f"One-to-one with {who} on {r.held_on.isoformat()} · agreed on {(r.agreed_at or '')[:10]}",
                 "bold"), "\n", f"{next_text}. This record is read-only.")
        return Content.assemble((f"One-to-one with {who} on {r.held_on.isoformat()} · being prepared (draft)",
                                 "bold"), "\n", f"{next_text} ({key_for(self, 'one_to_one.dates')} to change).")

    def _draft_sections(self, who: str, dates: dict[str, date]) -> list[Section]:
        db = myrole_app(self).db
        agenda = build_agenda(db, self.record)
        if self.record is None:
            last = store.latest_agreed(db)
            return preview_sections(agenda, store.open_items(last) if last else None, who, dates, self._key)
        return draft_sections(agenda, self.record, who, dates, self._key)

    def _key(self, binding_id: str) -> str:
        return key_for(self, binding_id)

    # -- helpers ---------------------------------------------------------------------------

    def _selected(self) -> tuple[str, Entry] | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id not in self.entries:
            return None
        return option.id, self.entries[option.id]

    def _draft(self) -> OneToOne:
        """The draft being prepared, started now (carrying forward open points) if there is none."""
        if self.record is None:
            self.record = store.create_one_to_one(myrole_app(self).db, store.suggested_date(myrole_app(self).db, date.today()))
            self.record_id = self.record.id
        return self.record

    def _current(self) -> OneToOne:
        """The one-to-one shown here, for a change to it (StoreError if there is none any more)."""
        if self.record is None:
            raise StoreError("There is no one-to-one open here any more.")
        return self.record

    def _item(self, entry: Entry) -> OneToOneItem | None:
        """The draft's copy of an item (a point shown before the draft existed maps to its carried copy)."""
        item = entry.target
        if not isinstance(item, OneToOneItem):
            return None
        draft = self._draft()
        if item.one_to_one_id == draft.id:
            return draft.item(item.id)
        return next((i for i in draft.items if i.carried_from == item.id), None)

    def _item_now(self, entry: Entry) -> OneToOneItem:
        """The draft's copy of an item, for a change to it (StoreError if it is no longer there)."""
        item = self._item(entry)
        if item is None:
            raise StoreError("That item is no longer in this one-to-one.")
        return item

    def _run(self, change: Callable[[], object], done: str = "") -> bool:
        """Run one store change; say what went wrong in a sentence, and show the latest either way."""
        try:
            result = change()
        except StaleEditError as error:
            self.notify(str(error), severity="error", markup=False)
            self.refresh_data()
            return False
        except (StoreError, ValueError) as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        if isinstance(result, OneToOne):
            self.record = result
        if done:
            self.notify(done, markup=False)
        self.refresh_data()
        return True

    def _fresh_on_stale(self, change: Callable[[], T]) -> T:
        """Run a save from a dialog; if the record changed elsewhere, show the latest so a retry works."""
        try:
            return change()
        except StaleEditError:
            self.refresh_data()
            raise

    def _save_new(self, kind: ItemKind, text: str, visibility: Visibility) -> None:
        draft = self._draft()
        before = {i.id for i in draft.items}
        self.record = store.add_item(myrole_app(self).db, draft, kind, text, visibility)
        new = [i for i in self.record.items if i.id not in before]
        self.focus_id = f"item:{new[-1].id}" if new else None

    # -- actions ---------------------------------------------------------------------------

    def _add(self, kind: ItemKind) -> None:
        from myrole.ui.dialogs.one_to_one import ItemDialog

        def save(text: str, visibility: Visibility) -> None:
            self._fresh_on_stale(lambda: self._save_new(kind, text, visibility))

        self.app.push_screen(ItemDialog(kind, save, check_identifiable=True),
                             lambda _: self.refresh_data())

    def action_add_point(self) -> None:
        self._add(ItemKind.TALKING_POINT)

    def action_add_support(self) -> None:
        self._add(ItemKind.SUPPORT_REQUEST)

    def action_add_note(self) -> None:
        self._add(ItemKind.NOTE)

    def action_add_action(self) -> None:
        self._add(ItemKind.AGREED_ACTION)

    def action_correction(self) -> None:
        """Correct what the chosen item says, here and wherever the same words were carried forward."""
        selected = self._selected()
        target = selected[1].target if selected is not None else None
        if selected is None or not isinstance(target, OneToOneItem):
            self.notify("Choose one of the points, notes or actions first, then press "
                        f"{key_for(self, 'one_to_one.correction')} to correct it.", markup=False)
            return
        self.focus_id = selected[0]
        why = self._correct_item(target.one_to_one_id, target.id)
        if why:
            self.notify(why, markup=False)
            self.refresh_data()

    def _correct_item(self, record_id: str, item_id: str) -> str | None:
        """Open the correction form on an item as stored now, or the sentence saying why it cannot be."""
        from myrole.limits import FIELDS
        from myrole.ui.dialogs.correct import CorrectionDialog, TextField

        record = store.get_one_to_one(myrole_app(self).db, record_id)
        item = record.item(item_id) if record else None
        if record is None or item is None:
            return "The one-to-one item this correction was for has since been removed."
        what = f"The {item.kind.label}"
        field = TextField("text", f"{what}, corrected", item.text, FIELDS[("one_to_one_items", "text")], what)
        about = Content("The old words are replaced in this one-to-one and wherever the same point was "
                        "carried forward, also in one-to-ones already agreed.")
        dialog = CorrectionDialog(f"Correct the {item.kind.label}", about, [field], required=True,
                                  save=lambda values: self._fresh_on_stale(
                                      lambda: store.correct_item(myrole_app(self).db, record, item.id, values["text"])),
                                  corrects=("item", item.id), draft_context={"one_to_one": record.id})
        self.app.push_screen(dialog, lambda _: self.refresh_data())
        return None

    def action_edit(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        _, entry = selected
        if isinstance(entry.target, Commitment):
            self._edit_commitment(entry.target)
        elif entry.kind == "checkin":
            self.action_visibility()
        else:
            self._edit_item(entry)

    def _edit_item(self, entry: Entry) -> None:
        from myrole.ui.dialogs.one_to_one import ItemDialog

        item = self._item(entry)
        if item is None:
            return

        def save(text: str, visibility: Visibility) -> None:
            self.record = self._fresh_on_stale(
                lambda: store.edit_item(myrole_app(self).db, self._current(), item.id, visibility=visibility,
                                        text=edited(item.text, text, multi_line=True)))

        self.app.push_screen(ItemDialog(item.kind, save, text=item.text, visibility=item.visibility,
                                        check_identifiable=True, draft_record=f"item:{item.id}",
                                        draft_context={"one_to_one": item.one_to_one_id}),
                             lambda _: self.refresh_data())

    def _edit_commitment(self, commitment: Commitment) -> None:
        from myrole.store.commitments import get_commitment
        from myrole.ui.dialogs.commitment import CommitmentEditor

        current = get_commitment(myrole_app(self).db, commitment.id)
        if current is not None:
            self.app.push_screen(CommitmentEditor(current), lambda _: self.refresh_data())

    def action_visibility(self) -> None:
        from myrole.ui.dialogs.one_to_one import item_word
        from myrole.ui.dialogs.visibility import VisibilityDialog

        selected = self._selected()
        if selected is None:
            return
        option_id, entry = selected
        what = getattr(entry.target, "text", None) or getattr(entry.target, "title", None) or (
            f"Check-in on {one_line(entry.commitment.title, 40)}" if entry.commitment else "")
        kind = (item_word(entry.target.kind) if isinstance(entry.target, OneToOneItem)
                else {"commitment": "commitment", "checkin": "check-in"}[entry.kind])

        def chosen(visibility: Visibility | None) -> None:
            if visibility:
                self._set_visibility(option_id, entry, visibility)

        self.app.push_screen(VisibilityDialog(entry.visibility, what, kind), chosen)

    def _set_visibility(self, option_id: str, entry: Entry, chosen: Visibility) -> None:
        from myrole.store.checkins import set_checkin_visibility
        from myrole.store.commitments import update_commitment

        db = myrole_app(self).db
        self.focus_id = option_id
        target = entry.target
        change: Callable[[], object]
        if isinstance(target, Commitment):
            change = lambda: update_commitment(db, replace(target, visibility=chosen))  # noqa: E731
        elif isinstance(target, CheckIn):
            change = lambda: set_checkin_visibility(db, target.id, chosen)  # noqa: E731
        else:
            change = lambda: store.edit_item(db, self._draft(), self._item_now(entry).id, visibility=chosen)  # noqa: E731
        note = " It is private now, so it has left the agenda." if chosen is Visibility.PRIVATE else ""
        self._run(change, f"Who can see it now: {chosen.explanation}.{note}")

    def action_toggle_closed(self) -> None:
        selected = self._selected()
        target = selected[1].target if selected is not None else None
        if selected is None or not isinstance(target, OneToOneItem):
            self.notify("Choose one of your points or actions to close or reopen it.")
            return
        option_id, entry = selected
        if target.kind is ItemKind.NOTE:
            self.notify("A note is a record of what was said, so it does not carry forward or close.")
            return
        self.focus_id = option_id

        def change() -> OneToOne:
            item = self._item_now(entry)
            self.focus_id = f"item:{item.id}"
            return store.close_item(myrole_app(self).db, self._current(), item.id, not item.closed)

        self._run(change)

    def action_to_commitment(self) -> None:
        selected = self._selected()
        item = selected and selected[1].kind == "item" and self._item(selected[1])
        if not item or item.kind is not ItemKind.AGREED_ACTION:
            self.notify(f"Choose an agreed action first ({key_for(self, 'one_to_one.action')} adds one), then press "
                        f"{key_for(self, 'one_to_one.to_commitment')} to make it a commitment.", markup=False)
            return
        if item.commitment_id:
            self.notify("This action is already a commitment.")
            return
        self._commit_item(item)

    def _commit_item(self, item: OneToOneItem) -> None:
        """Open the commitment editor on an agreed action; once saved, the action is linked to it."""
        from myrole.store.commitments import title_from
        from myrole.ui.dialogs.commitment import CommitmentEditor

        draft = Commitment(id="", title=title_from(item.text), detail=item.text, lens=Lens.SELF, mode=Mode.ACTION,
                           visibility=item.visibility)

        def saved(commitment: Commitment | None) -> None:
            if commitment is not None:
                self.focus_id = f"item:{item.id}"
                self._run(lambda: store.link_commitment(myrole_app(self).db, self._current(), item.id, commitment.id),
                          "The action is now a commitment; it will be followed up with your check-ins.")

        self.app.push_screen(CommitmentEditor(draft, draft_record=f"item:{item.id}",
                                              draft_context={"one_to_one": item.one_to_one_id}), saved)

    def action_dates(self) -> None:
        from myrole.ui.dialogs.one_to_one import DatesDialog

        draft = self.record or None
        held_on = draft.held_on if draft else store.suggested_date(myrole_app(self).db, date.today())

        def save(new_held_on: date, next_on: date | None) -> None:
            self.record = self._fresh_on_stale(
                lambda: store.set_dates(myrole_app(self).db, self._draft(), new_held_on, next_on))

        self.app.push_screen(DatesDialog(held_on, draft.next_on if draft else None, save),
                             lambda _: self.refresh_data())

    def action_mark_agreed(self) -> None:
        from myrole.ui.dialogs.confirm import ConfirmDialog

        if self.record is None:
            return
        question = (f"Mark this one-to-one agreed with {self._manager()}? After this it is read-only: "
                    f"you can correct what an item says ({key_for(self, 'one_to_one.correction')}), but not add or "
                    "remove items. "
                    "Open points carry forward to the next one-to-one.")
        today = date.today()
        held_on = min(self.record.held_on, today)
        if held_on != self.record.held_on:
            question += f" It will be dated today, {today.isoformat()}, not {self.record.held_on.isoformat()}."
        if self.record.next_on is None:
            question += (" No date is set for the next one-to-one yet (choose No, then press "
                         f"{key_for(self, 'one_to_one.dates')}).")

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(lambda: store.mark_agreed(myrole_app(self).db, self._current(), held_on=held_on),
                          "Agreed and locked. Open points will carry forward to the next one-to-one.")

        self.app.push_screen(ConfirmDialog(question, yes="Mark agreed", no="No", safe_first=True), answered)

    def action_past(self) -> None:
        from myrole.ui.dialogs.one_to_one import PastOneToOnesDialog

        def chosen(record_id: str | None) -> None:
            if record_id and record_id != (self.record.id if self.record else None):
                self.app.push_screen(OneToOneScreen(record_id))

        self.app.push_screen(PastOneToOnesDialog(store.list_one_to_ones(myrole_app(self).db)), chosen)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not self.locked:
            self.action_edit()

    # -- drafts ----------------------------------------------------------------------------

    def _resume_draft(self, draft: Draft) -> None:
        from myrole.ui.dialogs.drafts import DraftTextDialog

        why = self._open_for_draft(draft)
        if why:
            self.app.push_screen(DraftTextDialog(draft, why))

    def _open_for_draft(self, draft: Draft) -> str | None:
        """Open the form a draft came from (it refills itself), or the sentence saying why it cannot be."""
        if draft.form == CORRECTION_FORMS["item"]:  # record: the item's id; also in an agreed one-to-one
            self.focus_id = f"item:{draft.record}"
            self.refresh_data()
            return self._correct_item(draft.context.get("one_to_one", ""), draft.record)
        kind, _, target = draft.record.partition(":")
        agreed = "That one-to-one has been agreed since, so it cannot be changed."
        if draft.form == "one-to-one dates":
            if self.locked:
                return agreed
            self.action_dates()
            return None
        if kind == "new" and target in {k.value for k in ItemKind}:
            self._add(ItemKind(target))
            return None
        item = self.record.item(target) if self.record is not None and not self.locked else None
        if item is None:
            return "What this was written for has since been deleted, or its one-to-one was agreed."
        if draft.form == "commitment":
            if item.commitment_id:
                return "That agreed action has been made a commitment since."
            self._commit_item(item)
            return None
        self._edit_item(Entry(kind="item", target=item))
        return None


def reopen_draft(app: App, draft: Draft) -> str | None:
    """Open the one-to-one a draft belongs to, then the form it came from (see OneToOneScreen._open_for_draft)."""
    app.push_screen(OneToOneScreen(draft.context.get("one_to_one") or None, resume=draft))
    return None
