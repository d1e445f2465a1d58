"""Provides SharedStylesheet: Textual's stylesheet, parsing each piece of CSS once per process, not once per app."""

from __future__ import annotations

from textual.css.model import RuleSet
from textual.css.stylesheet import CSSLocation, Stylesheet

# Rules parsed from one piece of CSS, by everything the parse reads: the CSS variables (the theme's
# colours, numbered in VARIABLE_SETS), the text, where it came from, whether it is a widget's default
# CSS, its tie breaker and its scope.
ParseKey = tuple[int, str, CSSLocation, bool, int, str]
PARSED: dict[ParseKey, list[RuleSet]] = {}
KEPT_PARSES = 2048  # about 130 pieces of CSS for each theme used; the oldest go first
VARIABLE_SETS: dict[tuple[tuple[str, str], ...], int] = {}


class SharedStylesheet(Stylesheet):
    """Textual's Stylesheet, sharing its parsed rules with every other app in the process.

    Textual keeps parsed CSS per stylesheet, so each new app parses all its CSS again (every widget's
    default CSS and app.tcss: about 10% of the CPU of the Pilot tests, which start hundreds of apps),
    and so does every reparse when a screen brings CSS of its own. The rules parsed from the same text
    with the same variables are the same, and nothing changes them after parsing, so they are kept here
    for the process; another theme has other variables and gets rules of its own.
    """

    _variable_set = -1  # VARIABLE_SETS' number for this stylesheet's variables; -1 until first needed

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._variable_set = -1

    def _parse_rules(self, css: str, read_from: CSSLocation, is_default_rules: bool = False,
                     tie_breaker: int = 0, scope: str = "") -> list[RuleSet]:
        if self._variable_set < 0:
            self._variable_set = VARIABLE_SETS.setdefault(tuple(self._variables.items()), len(VARIABLE_SETS))
        key = (self._variable_set, css, read_from, is_default_rules, tie_breaker, scope)
        rules = PARSED.get(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            while len(PARSED) >= KEPT_PARSES:
                del PARSED[next(iter(PARSED))]
            PARSED[key] = rules
        return rules

    def reparse(self) -> None:
        """Textual's reparse (textual 8.2: parse into a fresh stylesheet, keep its rules only if all is well),
        with the fresh stylesheet a SharedStylesheet, so that it finds what is parsed already."""
        fresh = SharedStylesheet(variables=self._variables)
        for read_from, (css, is_defaults, tie_breaker, scope) in self.source.items():
            fresh.add_source(css, read_from=read_from, is_default_css=is_defaults, tie_breaker=tie_breaker,
                             scope=scope)
        try:
            fresh.parse()
        except Exception:
            self._invalid_css.update(fresh._invalid_css)
            raise
        self._rules = fresh.rules
        self._rules_map = None
        self.source = fresh.source
        self._require_parse = False
