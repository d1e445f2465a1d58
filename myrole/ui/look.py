"""Provides the app's own themes (high contrast, light) and the no-colour look that NO_COLOR asks for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.filter import Monochrome, NoColor
from textual.theme import Theme

if TYPE_CHECKING:
    from textual.app import App

DEFAULT_THEME = "textual-dark"

BLACK, WHITE, YELLOW = "#000000", "#ffffff", "#ffff00"

HIGH_CONTRAST = Theme(
    name="myrole-high-contrast", dark=True,
    primary=YELLOW, secondary="#00ffff", accent=YELLOW,  # yellow on black: the pair most low-vision guidance suggests
    warning=YELLOW, error="#ff6060", success="#00ff00",
    foreground=WHITE, background=BLACK, surface=BLACK, panel=BLACK, boost=BLACK,
    luminosity_spread=0.0, text_alpha=1.0,
    variables={
        "block-cursor-foreground": BLACK,
        "block-cursor-background": YELLOW,
        "block-cursor-text-style": "bold",
        "footer-key-foreground": YELLOW,
        "input-selection-background": f"{YELLOW} 60%",
        "border": WHITE,
        "border-blurred": "#808080",
        # Hints and the welcome's second line: full white, not a dimmed grey (about 3.5:1 on black)
        "text-muted": WHITE,
        "foreground-muted": WHITE,
    },
)

LIGHT = Theme(
    name="myrole-light", dark=False,
    primary="#004578", secondary="#005a9e",
    accent="#8a4b00",  # dark amber: readable on a white background, unlike Textual's light orange
    warning="#8a4b00", error="#a4262c", success="#107c10",
    foreground="#1b1b1b", background=WHITE, surface="#f3f3f3", panel="#e6e6e6",
    variables={"footer-key-foreground": "#004578"},
)

THEMES = (HIGH_CONTRAST, LIGHT)
# What the Settings form's Colours offers and a wrong theme's sentence names: Textual's default and light themes,
# and ours. The palette's "Theme" command (ctrl+p) lists these and every other theme Textual has.
OFFERED = (DEFAULT_THEME, "textual-light", HIGH_CONTRAST.name, LIGHT.name)


def register_themes(app: App) -> None:
    for theme in THEMES:
        app.register_theme(theme)


def use_no_colour(app: App) -> None:
    """With NO_COLOR set, draw in the terminal's own foreground and background only.

    Textual turns NO_COLOR into shades of grey (its Monochrome filter); the convention
    (no-color.org) is no colour at all, so emphasis comes from bold, underline and reverse
    (app.tcss, rules under `App:nocolor`).
    """
    if app.no_color:
        app._filters = [NoColor() if isinstance(f, Monochrome) else f for f in app._filters]
