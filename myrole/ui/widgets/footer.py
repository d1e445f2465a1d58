"""Provides KeysFooter: Textual's footer showing only the keys that fit whole, with the palette's key always at the right."""

from __future__ import annotations

from functools import cache

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.dom import DOMNode
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # Textual exports no public name for a footer's key

from myrole.ui.keys import character_of, class_bindings

# Everything the footer draws its keys from: for each key, the key, as displayed, what it does, its
# action, whether it works now, its tooltips and its group (grouped keys are drawn together under the
# group's words); then whether the palette's key is shown.
Shown = tuple[object, ...]


class KeysFooter(Footer):
    """The line of keys at the bottom of a screen.

    Textual's footer draws its keys in one row and cuts the last one that does not fit (at 60 columns
    "p Your deta", and a stray letter beside the palette's key); here a key that does not fit whole is
    left out instead, so every key named is named in full. Every key still works, the palette (ctrl+p)
    lists them all, and its key stays at the footer's right whatever the width.

    Textual's footer makes all its keys again whenever the screen's keys may have changed, which is
    at every move of the focus; this one does so only when the keys it would show are not those it
    shows (most moves between fields change nothing in the footer).

    A key moved by the keymap keeps its binding's place (Textual puts it after the others, where at 80
    columns it would not fit), and is left out while the field in focus would take it as typing, as
    Textual leaves out a key that was not moved (it does so before applying the keymap).
    """

    DEFAULT_CSS = """
    KeysFooter.-compact FooterKey.-command-palette {
        margin-right: 0;  /* flush with the right edge: no column where a cut key could show through */
    }
    """

    _shown: Shown | None = None

    def compose(self) -> ComposeResult:
        """The keys the screen has now. Textual's footer starts empty and makes its keys when the screen
        first says its keys are ready, a moment after it is drawn, and so mounts them and lays out the
        screen twice more; made here, they are mounted, fitted and drawn with the rest of the screen, and
        that first word from the screen changes nothing unless the keys did change (then recompose)."""
        self.set_reactive(Footer._bindings_ready, True)
        ordered = self.bindings_in_order()
        self._shown = self.keys_to_show(ordered)
        place = {key: index for index, (key, _) in enumerate(ordered)}
        widgets = list(super().compose())  # flat: no binding of myrole's is in a group (Textual's KeyGroup)
        keys = sorted((w for w in widgets if isinstance(w, FooterKey) and not w.has_class("-command-palette")
                       and w.key in place), key=lambda w: place[w.key])
        rest = [w for w in widgets if not isinstance(w, FooterKey) or w.has_class("-command-palette")]
        for widget in [*keys, *rest]:
            if isinstance(widget, FooterKey) and self.compact:  # its class from the start, not from its
                widget.set_class(True, "-compact", update=False)    # watcher once styled (styling it again)
            yield widget

    def on_mount(self) -> None:
        self.fit_keys()

    async def recompose(self) -> None:
        shown = self.keys_to_show()
        if shown is not None and shown == self._shown:
            return
        await super().recompose()
        self._shown = shown
        self.fit_keys()

    def keys_to_show(self, ordered: list[tuple[str, ActiveBinding]] | None = None) -> Shown | None:
        """Everything Footer.compose draws from the screen's keys (None until they are ready): equal, the same footer.

        ordered: bindings_in_order(), when the caller has it already."""
        if not self._bindings_ready or not self.is_attached:
            return None
        app = self.app
        shown = tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action, enabled, tooltip,
             binding.tooltip, binding.group)
            for _, (_, binding, enabled, tooltip) in (self.bindings_in_order() if ordered is None else ordered)
        )
        palette = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
        return (*shown, palette, self.show_command_palette and app.ENABLE_COMMAND_PALETTE)

    def bindings_in_order(self) -> list[tuple[str, ActiveBinding]]:
        """The screen's shown keys, each in its binding's place (after a keymap too), less those the field in
        focus would take as typing."""
        return in_binding_order([(key, active) for key, active in self.screen.active_bindings.items()
                                 if active.binding.show and not self._typed_here(key, active.node)])

    def _typed_here(self, key: str, owner: DOMNode) -> bool:
        """Whether a widget between the focus and the binding's owner takes the key (a text box takes a letter)."""
        focused = self.screen.focused
        if focused is None:
            return False
        for node in focused.ancestors_with_self:
            if node is owner:
                return False
            if node.check_consume_key(key, " " if key == "space" else character_of(key)):
                return True
        return False

    def on_resize(self) -> None:
        self.fit_keys()

    def fit_keys(self) -> None:
        """Show the keys, in order, while they fit whole beside the palette's key; hide the rest.

        Widths come from each key's words and styles, not from the layout, so this holds on a screen
        under a dialog as well as on the screen in front.
        """
        keys = list(self.query(FooterKey))
        palette = [key for key in keys if key.has_class("-command-palette")]
        width = self.size.width or self.app.size.width  # not yet laid out: it spans the screen
        room = width - sum(key_width(key) for key in palette)
        full = False
        for key in keys:
            if key in palette:
                continue
            room -= key_width(key)
            full = full or room < 0
            key.display = not full


def in_binding_order(bindings: list[tuple[str, ActiveBinding]]) -> list[tuple[str, ActiveBinding]]:
    """Keys in the order their bindings are declared, owner by owner as Textual lists them: a key the keymap moved
    keeps its binding's place (Textual lists it last)."""
    chain: dict[DOMNode, int] = {}
    placed = []
    for number, (key, active) in enumerate(bindings):
        place = own_place(type(active.node)).get(active.binding.id or key, number + 1000)
        placed.append(((chain.setdefault(active.node, len(chain)), place), key, active))
    return [(key, active) for _, key, active in sorted(placed, key=lambda item: item[0])]


@cache
def own_place(owner: type[DOMNode]) -> dict[str, int]:
    """Where each of a class's bindings comes in its own order (by id, or by key for one without an id)."""
    place: dict[str, int] = {}
    for index, binding in enumerate(class_bindings(owner)):
        place.setdefault(binding.id or binding.key, index)
    return place


def key_width(key: FooterKey) -> int:
    """The columns a key takes in the footer: what it draws (as FooterKey.render lays it out), its padding
    and border, and its margins."""
    if key.description:
        key_padding = key.get_component_styles("footer-key--key").padding
        description_padding = key.get_component_styles("footer-key--description").padding
        drawn = (key_padding.left + cell_len(key.key_display) + key_padding.right
                 + description_padding.left + cell_len(key.description) + description_padding.right)
    else:
        drawn = cell_len(key.key_display)
    styles = key.styles
    return drawn + styles.gutter.width + styles.margin.width
