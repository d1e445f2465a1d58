"""Provides writing the NMC document or the HCPC CPD profile from the app: choose which, the format and the file.

Opened from the revalidation screen (w). As `myrole revalidation nmc|hcpc -o FILE` does: what looks
identifiable is shown before anything is written (the file is still written as it is), the file is written
whole and readable by you only (export/output.py), and an existing file is replaced only when the person
says so. Closes with one sentence saying where the file went.
"""

from __future__ import annotations


from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from myrole.export.words import FORMAT_WORDS
from myrole.paths import WHO_CAN_READ
from myrole.revalidation.document import WHERE_TO_CORRECT, RevalidationDocument
from myrole.revalidation.identifiable import findings
from myrole.revalidation.render import default_file_name
from myrole.ui.context import myrole_app
from myrole.ui.fresh_screen import FocusOnMount, FreshScreen
from myrole.ui.safe import plain
from myrole.ui.widgets.fields import TextInput
from myrole.ui.widgets.identifiable import IdentifiableWarning
from myrole.ui.writing import chosen_file, following, write_asking_first

DOCUMENTS = (("NMC: accounts, CPD log and discussion form", "nmc"), ("HCPC CPD profile", "hcpc"))
WHAT = {"nmc": "NMC revalidation document", "hcpc": "HCPC CPD profile"}
FORMATS = (("Web page to print (.html)", "html"), ("PDF, A4 (.pdf)", "pdf"), ("Markdown (.md)", "md"))
ABOUT = ("The NMC document holds your accounts, your continuing professional development (CPD) log and the "
         "discussion form; the HCPC CPD profile your summary of practice, activities and statement.")
WARNING_LEAD = "Before you share it, this may identify someone"
WARNING_ADVICE = f"It is written as it is; if it should not be, {WHERE_TO_CORRECT}; then write it again."


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
        self.query_one(IdentifiableWarning).show_matches(findings(self.build(), myrole_app(self).today()),
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
        path.value = following(path.value, self.default_path, new_default, self.fmt)
        self.default_path = new_default

    def say(self, message: str) -> None:
        self.query_one("#error", Static).update(plain(message))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_write() if event.button.id == "write" else self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "path":
            self.action_write()

    def action_write(self) -> None:
        from myrole.revalidation.render import render_bytes

        today = myrole_app(self).today()
        chosen = chosen_file(self, self.query_one("#path", Input).value, self.fmt,
                             default_file_name(self.which, self.fmt, today))
        if isinstance(chosen, str):
            self.say(chosen)
            self.query_one("#path", Input).focus()
            return
        said = f"Wrote the {WHAT[self.which]} ({FORMAT_WORDS[self.fmt]}) to {chosen}, {WHO_CAN_READ}."
        write_asking_first(self, chosen, render_bytes(self.build(), self.fmt), what="this document",
                           written=lambda: self.dismiss(said), failed=self.say)

    def action_cancel(self) -> None:
        self.dismiss(None)
