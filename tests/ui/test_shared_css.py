"""Apps share CSS parsed from the same text with the same variables (ui/shared_css), and only then."""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet

from myrole.ui.shared_css import SharedStylesheet

CSS = "Static { color: $ink; } Input:focus { border: heavy $ink; }"


def parsed(stylesheet_type: type[Stylesheet], ink: str, css: str = CSS) -> Stylesheet:
    stylesheet = stylesheet_type(variables={"ink": ink})
    stylesheet.add_source(css, read_from=("test_shared_css.py", "CSS"))
    stylesheet.parse()
    return stylesheet


def test_the_same_css_and_variables_are_parsed_once():
    first, second = parsed(SharedStylesheet, "red"), parsed(SharedStylesheet, "red")
    assert second.rules == first.rules and all(a is b for a, b in zip(first.rules, second.rules))
    assert first.css == parsed(Stylesheet, "red").css


def test_other_variables_or_other_text_are_parsed_anew():
    red, blue = parsed(SharedStylesheet, "red"), parsed(SharedStylesheet, "blue")
    assert blue.css == parsed(Stylesheet, "blue").css != red.css
    other = parsed(SharedStylesheet, "red", CSS.replace("heavy", "round"))
    assert other.css == parsed(Stylesheet, "red", CSS.replace("heavy", "round")).css != red.css


def test_new_variables_and_a_reparse_give_what_textual_gives():
    shared, plain = parsed(SharedStylesheet, "red"), parsed(Stylesheet, "red")
    for stylesheet in (shared, plain):
        stylesheet.set_variables({"ink": "green"})
        stylesheet.reparse()
    assert shared.css == plain.css and "#008000" in shared.css
