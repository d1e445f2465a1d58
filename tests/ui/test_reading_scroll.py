"""ReadingScroll restyles only itself when its focus changes: no style rule could make what it holds look different."""

from __future__ import annotations

from myrole.model import Profile
from myrole.store.profile import save_profile
from myrole.ui.app import MyRoleApp
from myrole.ui.widgets.reading import ReadingScroll

from .pilot import pilot_test
from .test_snapshots import TODAY

FOCUS_STATES = {"focus", "blur", "focus-within"}


@pilot_test
async def test_no_style_rule_depends_on_a_reading_scroll_having_the_focus(db, paths):
    save_profile(db, Profile(name="Sam", onboarded=True))
    app = MyRoleApp(paths=paths, db=db, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")  # the help screen: its widgets' own styles are loaded now too
        await pilot.pause()
        body = app.screen.query_one(ReadingScroll)
        assert app.focused is body
        depending = [
            rule.selector_set
            for rule in app.stylesheet.rules
            for selectors in rule.selector_set
            for ancestor in selectors.selectors[:-1]  # every part of a selector but the styled widget itself
            if ancestor.pseudo_classes & FOCUS_STATES and ancestor._check(body)  # _check: does this part match it
        ]
        assert depending == []
        assert any(selectors.selectors[-1]._check(body) for rule in app.stylesheet.rules
                   for selectors in rule.selector_set)  # the rules were read: some style the body itself
