"""Provides writing the NMC document or the HCPC CPD profile from the app: choose which, the format and the file.

Opened from the revalidation screen (w). As `myrole revalidation nmc|hcpc -o FILE` does: what looks
identifiable is shown before anything is written (the file is still written as it is), the file is written
whole and readable by you only (export/output.py), and an existing file is replaced only when the person
says so. Closes with one sentence saying where the file went.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from myrole.paths import WHO_CAN_READ, typed_path
from myrole.revalidation.document import WHERE_TO_CORRECT, RevalidationDocument
from myrole.ui.context import myrole_app
from myrole.ui.fresh_screen import FocusOnMount, FreshScreen
from myrole.ui.safe import plain
from myrole.ui.widgets.fields import TextInput
from myrole.ui.widgets.identifiable import IdentifiableWarning

DOCUMENTS = (("NMC: accounts, CPD log and discussion form", "nmc"), ("HCPC CPD profile", "hcpc"))
WHAT = {"nmc": "NMC revalidation document", "hcpc": "HCPC CPD profile"}
FORMATS = (("Web page to print (.html)", "html"), ("PDF, A4 (.pdf)", "pdf"), ("Markdown (.md)", "md"))
FORMAT_WORDS = {"md": "Markdown", "html": "web page", "pdf": "PDF"}
ABOUT = ("The NMC document holds your accounts, your continuing professional development (CPD) log and the "
         "discussion form; the HCPC CPD profile your summary of practice, activities and statement.")
WARNING_LEAD = "Before you share it, this may identify someone"
WARNING_ADVICE = f"It is written as it is; if it should not be, {WHERE_TO_CORRECT}; then write it again."


def default_file_name(which: str, fmt: str, today: date) -> str:
    """A file in the home folder, e.g. ~/myrole-nmc-revalidation-2026-11-26.html."""
    return f"~/myrole-{which}-revalidation-{today.isoformat()}.{fmt}"


def found_in(document: RevalidationDocument, today: date) -> list[str]:
    """Each thing in the document that looks identifiable, once, with the first place it is in ("phone number
    '07700 900123' in the part …"; a heading's words are in its table row and its list entry too)."""
    from myrole.privacy import identifiable_in
    from myrole.text import one_line

    first: dict[tuple[str, str], str] = {}
    for where, found in identifiable_in(document.texts(), today):
        first.setdefault((found.kind, found.text), where)
    return [f"{kind} '{one_line(text, 30)}' in {where}" for (kind, text), where in first.items()]


class WriteDocumentDialog(FreshScreen, FocusOnMount, ModalScreen[str | None]):
    """Write the NMC document or the HCPC profile to a file; closes with the sentence saying where it went."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="write-document.cancel"),
        Binding("ctrl+s", "write", "Write", id="write-document.write"),
    ]

    def __init__(self, which: str = "nmc") -> None:
        super().__init__()
        self.which, self.fmt = which, "html"
        self.default_path = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("Write a revalidation document", classes="dialog-title")
            yield Static(ABOUT, classes="help-text")
            # First, before the choices and the Write button: at 60x20 a warning below them was never on screen.
            yield IdentifiableWarning(id="write-warning")
            yield Label("Which document")
            yield Select(DOCUMENTS, value=self.which, allow_blank=False, compact=True, id="document")
            yield Label("Format")
            yield Select(FORMATS, value=self.fmt, allow_blank=False, compact=True, id="format")
            yield Label("Save to (a file name; ~ is your home folder)")
            yield TextInput(id="path")
            yield Static(id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Write", variant="primary", id="write")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.default_path = default_file_name(self.which, self.fmt, myrole_app(self).today())
        self.query_one("#path", Input).value = self.default_path
        self.show_warnings()
        self.query_one("#document", Select).focus()

    def build(self) -> RevalidationDocument:
        from myrole.revalidation import hcpc, nmc

        return (nmc if self.which == "nmc" else hcpc).build(myrole_app(self).db, myrole_app(self).today())

    def show_warnings(self) -> None:
        self.query_one(IdentifiableWarning).show_matches(found_in(self.build(), myrole_app(self).today()),
                                                          WARNING_LEAD, WARNING_ADVICE, limit=5)

    def on_select_changed(self, event: Select.Changed) -> None:
        value = str(event.value)
        if event.select.id == "document" and value != self.which:
            self.which = value
            self.show_warnings()
        elif event.select.id == "format" and value != self.fmt:
            self.fmt = value
        else:
            return
        self.say("")
        path = self.query_one("#path", Input)
        new_default = default_file_name(self.which, self.fmt, myrole_app(self).today())
        stem, dot, ending = path.value.rpartition(".")
        if path.value == self.default_path:
            path.value = new_default
        elif dot and ending.lower() in FORMAT_WORDS and ending.lower() != self.fmt:
            path.value = f"{stem}.{self.fmt}"  # a name the person typed keeps all but its ending
        self.default_path = new_default

    def say(self, message: str) -> None:
        self.query_one("#error", Static).update(plain(message))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_write() if event.button.id == "write" else self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "path":
            self.action_write()

    def action_write(self) -> None:
        from myrole.export.output import OutputError, check_target

        typed = self.query_one("#path", Input).value.strip()
        if not typed:
            example = default_file_name(self.which, self.fmt, myrole_app(self).today())
            self.say(f"Type the file to write to, for example {example}.")
            self.query_one("#path", Input).focus()
            return
        path = typed_path(typed)
        _, dot, ending = path.name.rpartition(".")
        if dot and ending.lower() in FORMAT_WORDS and ending.lower() != self.fmt:
            self.say(f"The file name ends in .{ending}, but you chose {FORMAT_WORDS[self.fmt]} (.{self.fmt}); change "
                     "one so that they agree.")
            return
        try:
            check_target(path, force=True, protected=(myrole_app(self).paths.store,))
        except OutputError as error:
            self.say(str(error))
            return
        self.write(path, force=False)

    def write(self, path: Path, *, force: bool) -> None:
        """Write in one step (nothing half-written); an existing file is replaced only when the person says so."""
        from myrole.export.output import OutputError, write_private_file
        from myrole.revalidation.render import render_bytes
        from myrole.ui.dialogs.confirm import ConfirmDialog

        if path.exists() and not force:
            def answered(replace: bool | None) -> None:
                if replace:
                    self.write(path, force=True)
                else:
                    self.say("Nothing was written; choose another file name, or write again to replace it.")

            self.app.push_screen(ConfirmDialog(f"{path} already exists. Replace it with this document?",
                                               yes="Replace it", no="Keep it", safe_first=True), answered)
            return
        try:
            write_private_file(path, render_bytes(self.build(), self.fmt), force=force,
                               protected=(myrole_app(self).paths.store,))
        except OutputError as error:
            if not force and path.exists():  # it appeared since the check: ask, as for any existing file
                self.write(path, force=False)
                return
            self.say(str(error))
            return
        self.dismiss(f"Wrote the {WHAT[self.which]} ({FORMAT_WORDS[self.fmt]}) to {path}, {WHO_CAN_READ}.")

    def action_cancel(self) -> None:
        self.dismiss(None)
