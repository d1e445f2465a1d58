"""Provides command palette entries for every main action."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

ACTIONS = (
    ("Start a reflection", "start_reflection", "Step through the prompts, lens by lens"),
    ("New commitment", "new_commitment", "Write a commitment from scratch"),
    ("Check in", "check_in", "Check in on the highlighted commitment"),
    ("Past reflections", "history", "Read your earlier reflections"),
    ("Search", "search", "Find anything you wrote: answers, commitments, check-ins, one-to-ones"),
    ("One-to-one with your manager", "one_to_one", "Prepare, record and look back at one-to-ones"),
    ("Export a summary", "export", "Preview and write a summary for you, your manager or the Alliance"),
    ("Your details", "profile", "Name, role, organisation and line manager"),
    ("Help", "app.help", "About the framework and the keys"),
)


class MyRoleCommands(Provider):
    """The home screen's actions, reachable from the command palette (ctrl+p)."""

    async def _run(self, action: str) -> None:
        from myrole.ui.screens.home import HomeScreen

        if action.startswith("app."):
            await self.app.run_action(action)  # run_action is a coroutine: it does nothing unless awaited
            return
        home = next((s for s in self.app.screen_stack if isinstance(s, HomeScreen)), None)
        if home is not None:
            if self.app.screen is not home:
                self.app.notify("Finish or close this screen first, then try again.")
                return
            await home.run_action(action)

    async def discover(self) -> Hits:
        for title, action, help_text in ACTIONS:
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in ACTIONS:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), help=help_text)
