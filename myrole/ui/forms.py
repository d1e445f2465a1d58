"""Provides what every form shares: reading and filling a field, size checks, and errors under their field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea
from textual.widgets.text_area import Document

from myrole.limits import FIELDS, problem
from myrole.ui.safe import plain
from myrole.ui.widgets.scale import ScaleChoice

T = TypeVar("T")
FieldValue = str | int | None
# A form's text fields and their limits: widget id -> ((table, column) in limits.FIELDS, the words
# for it in a sentence, e.g. "The title").
Sizes = Mapping[str, tuple[tuple[str, str], str]]


class FieldError(ValueError):
    """A problem with one field of a form, named by the field's widget id."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def check_field(field: str, check: Callable[[], T]) -> T:
    """Run one field's check; a ValueError it raises becomes a FieldError naming that field."""
    try:
        return check()
    except FieldError:
        raise
    except ValueError as error:
        raise FieldError(field, str(error)) from error


def edited(original: str, typed: str, *, multi_line: bool = False) -> str:
    """What to save for one field of an edit: the stored text byte for byte when the person left the
    field as it was shown, else what they typed (a one-line field without spaces around it).

    A text box shows line endings settled to one kind, so it is compared as it showed the text.
    """
    shown = Document(original).text if multi_line else original
    if typed == shown:
        return original
    return typed if multi_line else typed.strip()


def read_field(widget: Widget) -> FieldValue:
    """What a field holds: an Input's or TextArea's text as typed, a Select's or a scale's value (None if blank)."""
    if isinstance(widget, TextArea):
        return widget.text
    value = getattr(widget, "value", None)
    return None if value is Select.NULL or value is None else value


def write_field(widget: Widget, value: FieldValue) -> None:
    """Put a value back in a field; a value the field cannot take (not one of a Select's choices,
    off a scale, the wrong type) leaves it as it was."""
    try:
        if isinstance(widget, TextArea):
            if isinstance(value, str):
                widget.load_text(value)
                widget.move_cursor(widget.document.end)
        elif isinstance(widget, Select):
            if value is not None:
                widget.value = value
        elif isinstance(widget, Input) and isinstance(value, str):
            widget.value = value
        elif isinstance(widget, ScaleChoice) and isinstance(value, int) and value in widget.words:
            widget.value = value  # a scale takes only its own numbers
    except Exception:  # noqa: BLE001 - a draft is only a convenience: a field it cannot fill keeps its text
        return


def check_sizes(screen: Screen, sizes: Sizes) -> None:
    """FieldError, with limits.problem()'s sentence, for the first field over its limit in limits.FIELDS."""
    for field, (column, what) in sizes.items():
        found = screen.query(f"#{field}")
        if not found:
            continue  # a field this form shows only sometimes (e.g. the reason when renegotiating)
        widget = found.first()
        text = read_field(widget)
        sentence = problem(text, FIELDS[column], what) if isinstance(text, str) and widget.display else None
        if sentence:
            raise FieldError(field, sentence)


def show_error(screen: Screen, error: Exception, field: str | None = None, *, line_id: str = "error") -> None:
    """Write the sentence in the form's #error line (or line_id). If it is about one field, move the line
    under that field and focus it; then scroll so the field's label, the field and the sentence are all in view."""
    line = screen.query_one(f"#{line_id}", Static)
    line.update(plain(str(error)))
    field = field or getattr(error, "field", None)
    shown: list[Widget | None] = [line]
    if field is not None:
        widget = screen.query_one(f"#{field}", Widget)
        holder = line.parent
        row = _row_of(widget, holder)
        if row is not None and row is not line and isinstance(holder, Widget):
            holder.move_child(line, after=row)
        widget.focus(scroll_visible=False)
        shown = [_label_before(row), widget, line]
    screen.refresh(layout=True)  # so the scrolls wait for the line's new place and size
    # Twice: a field shown just before saving (a custom cadence's days) may take one more layout to settle.
    screen.call_after_refresh(_reveal, shown)
    screen.call_after_refresh(lambda: screen.call_after_refresh(_reveal, shown))


def _reveal(widgets: list[Widget | None]) -> None:
    """Once laid out, scroll each into view in turn, each as little as it can: in the order label,
    field, sentence, all three end up on screen (so long as they fit)."""
    for widget in widgets:
        if widget is not None:
            widget.scroll_visible(animate=False, immediate=True)


def _row_of(widget: Widget, parent: DOMNode | None) -> Widget | None:
    """The field itself, or the row that holds it, among the error line's siblings."""
    row = widget
    while isinstance(row.parent, Widget) and row.parent is not parent:
        row = row.parent
    return row if row.parent is parent else None


def _label_before(row: Widget | None) -> Label | None:
    if row is None or row.parent is None:
        return None
    siblings = list(row.parent.children)
    before = siblings[siblings.index(row) - 1] if siblings.index(row) else None
    return before if isinstance(before, Label) else None
