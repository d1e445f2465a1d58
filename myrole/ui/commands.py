"""Provides command palette entries: home's main actions, or the actions of the screen the palette was opened over."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

ACTIONS = (
    ("Start a reflection", "start_reflection", "Answer questions one at a time, lens by lens"),
    ("New commitment", "new_commitment", "Write a commitment from scratch"),
    ("Check in", "check_in", "Check in on the highlighted commitment"),
    ("Past reflections", "history", "Read your earlier reflections"),
    ("Search", "search", "Find anything you wrote: answers, commitments, check-ins, one-to-ones"),
    ("One-to-one with your manager", "one_to_one", "Prepare, record and look back at one-to-ones"),
    ("Export a summary", "export", "Preview and write a summary for you, your manager or the group you share with"),
    ("Revalidation (NMC, HCPC)", "revalidation", "Accounts towards five, CPD hours, the HCPC summary"),
    ("Your details", "profile", "Name, role, organisation and line manager"),
    ("Settings", "settings", "Who sees new items, your group's name, the first day of the week, colours"),
    ("Help", "app.help", "About the framework and the keys"),
    ("Collate alliance files", "collation", "For an organiser: one report from many people's alliance files"),
)


Entry = tuple[str, Callable[[], Awaitable[object]], str]  # what it shows, what it runs, its help


class MyRoleCommands(Provider):
    """What can be done where the palette (ctrl+p) was opened: home's actions on home, else that screen's keys."""

    async def _run(self, action: str) -> None:
        from myrole.ui.screens.home import HomeScreen

        if action == "collation":  # an organiser's screen of its own: it needs nothing from home
            from myrole.ui.screens.collation import CollationScreen

            self.app.push_screen(CollationScreen())
            return
        if action.startswith("app."):
            await self.app.run_action(action)  # run_action is a coroutine: it does nothing unless awaited
            return
        home = next((s for s in self.app.screen_stack if isinstance(s, HomeScreen)), None)
        if home is not None:
            if self.app.screen is not home:
                self.app.notify("Finish or close this screen first, then try again.")
                return
            await home.run_action(action)

    def _entries(self) -> Iterator[Entry]:
        from myrole.ui.screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            for title, action, help_text in ACTIONS:
                yield title, partial(self._run, action), help_text
            return
        seen: set[str] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not (active.enabled and binding.id and binding.description) or binding.description in seen:
                continue
            seen.add(binding.description)
            shown_key = self.app.get_key_display(binding)
            yield (binding.description, partial(self.app.run_action, binding.action, active.node),  # in the node's namespace
                   f"Key: {shown_key or key}")

    async def discover(self) -> Hits:
        for title, run, help_text in self._entries():
            yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run, help_text in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)
