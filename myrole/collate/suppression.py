"""Provides small-number suppression: counts of fewer than N hidden, and more hidden so none can be worked out from totals.

The published numbers are tied together by sums (a row of the grid adds up to its row total, every table
adds up to the number of commitments). The report states them as junctions: the commitments go round a
loop, split into lenses, gathered into modes, and so on, and at each junction what comes in is what goes
out (the sums). Each count is one stretch of that loop, from the junction it leaves to the one it reaches.
A reader also knows the least each hidden count can be: a zero is always shown (so at least 1), and some
more (a topic with a row of its own has at least N commitments).

A hidden count can be worked out exactly when no other value for it fits everything published. It can be
one more only if some hidden counts round a loop through it can make room (each goes up or, where it is
above its least, down by one); so `pinned()` looks for such a loop, from the true values, for every hidden
count. Sums of this shape (a network's) have whole-number answers wherever linear programming has any, so
this is exact, with no solver to install: it finds what combining several sums finds (six hidden counts of
at least 1 adding up to 6), which narrowing one sum at a time missed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

Name = Hashable  # a count's name, e.g. ("cell", "self", "action")
Junction = Hashable  # a junction's name, e.g. ("lens", "self"): where counts meet
OUTSIDE: Junction = ("outside",)  # where a count in fewer than two junctions starts or ends: no sum ties it there


@dataclass
class Count:
    """One number that may be published: how many, and of how many different people."""

    value: int
    people: int
    floor: int = 1  # the least a reader knows a hidden value is (a shown zero is exact, so at least 1)
    sensitive: bool = False  # primary: a small count, or one that comes from only a few people
    suppressed: bool = False  # not published: sensitive, or hidden to protect one that is
    total: bool = False  # a table's total (hidden only after the parts it adds up)
    start: Junction = OUTSIDE  # the junction it leaves
    end: Junction = OUTSIDE  # the junction it reaches


class Disclosure:
    """The counts a report would publish, the junctions that tie them, and which must be hidden."""

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self.counts: dict[Name, Count] = {}
        self.junctions: dict[Junction, tuple[Name, ...]] = {}  # every count that meets there, coming or going

    def add(self, name: Name, value: int, people: int, floor: int = 1, *, total: bool = False) -> None:
        """floor: the least a reader knows this count is, if hidden (1, since zeros are shown; more when the
        report says so elsewhere, e.g. N for a topic with a row of its own)."""
        small = 0 < value < self.threshold or 0 < people < self.threshold
        self.counts[name] = Count(value, people, floor=max(1, floor), sensitive=small, suppressed=small, total=total)

    def add_junction(self, junction: Junction, coming: Sequence[Name], going: Sequence[Name]) -> None:
        """What comes in (coming, added up) is what goes out (going): a sum the report promises. Each count
        comes into at most one junction and leaves at most one."""
        if sum(self.counts[name].value for name in coming) != sum(self.counts[name].value for name in going):
            raise ValueError("What comes into a junction must add up to what goes out.")
        for name in coming:
            self._link(name, "end", junction)
        for name in going:
            self._link(name, "start", junction)
        self.junctions[junction] = (*coming, *going)

    def _link(self, name: Name, side: str, junction: Junction) -> None:
        if getattr(self.counts[name], side) != OUTSIDE:
            raise ValueError(f"{name!r} already has its {side} at another junction.")
        setattr(self.counts[name], side, junction)

    def shown(self, name: Name) -> int | None:
        """The count as published: None when hidden."""
        count = self.counts[name]
        return None if count.suppressed else count.value

    def hidden(self) -> int:
        """How many counts are hidden, of both kinds together.

        Never published split: "1 small, 3 more" told a reader that three hidden counts were at least N, and
        with the totals that could give the small one away (a row of 6 hiding two counts leaves only 1 and 5).
        """
        return sum(1 for c in self.counts.values() if c.suppressed)

    def protect(self, keep_last: Name | None = None) -> None:
        """Hide more counts until no hidden one can be worked out from what is published.

        keep_last: a count to hide only when nothing else will do (the overall total, which every table shares).
        """
        while True:
            self._close_single_gaps(keep_last)
            exposed = self.pinned()
            if not exposed:
                return
            self._suppress(self._complement(self._nearest_published(min(exposed, key=repr)), keep_last))

    def _close_single_gaps(self, keep_last: Name | None) -> None:
        """The quick rule: a junction with exactly one hidden count gives it away, so hide one more there."""
        changed = True
        while changed:
            changed = False
            for members in self.junctions.values():
                if sum(1 for m in members if self.counts[m].suppressed) == 1:
                    self._suppress(self._complement(members, keep_last))
                    changed = True

    def _nearest_published(self, name: Name) -> list[Name]:
        """The published counts nearest name through the junctions: those meeting it at one, or else meeting a
        hidden count that does, and so on (a count can be worked out through a chain of sums). Zeros are left
        out: a zero is never hidden."""
        seen, layer = {name}, [name]
        while layer:
            ends = {end for m in layer for end in (self.counts[m].start, self.counts[m].end)} - {OUTSIDE}
            reached = [m for end in ends for m in self.junctions[end] if m not in seen]
            published = [m for m in reached if not self.counts[m].suppressed and self.counts[m].value]
            if published:
                return published
            seen.update(reached)
            layer = list(dict.fromkeys(reached))
        return []

    def _complement(self, candidates: Sequence[Name], keep_last: Name | None) -> Name:
        """The published count to hide next: the smallest non-zero part, totals and keep_last after."""
        # A zero is never hidden: readers are told a hidden count is at least 1, and every bound relies on it.
        published = [name for name in dict.fromkeys(candidates)
                     if not self.counts[name].suppressed and self.counts[name].value]
        if not published:
            raise AssertionError("A count that can be worked out must share a sum with a published count.")
        return min(published, key=lambda name: (name == keep_last, self.counts[name].total, self.counts[name].value))

    def _suppress(self, name: Name) -> None:
        self.counts[name].suppressed = True

    def pinned(self) -> set[Name]:
        """The hidden counts that what is published, with each hidden count's least value, leaves with exactly one
        possible value: those that lie on no loop of hidden counts along which they could go up or down by one."""
        hidden = {name: count for name, count in self.counts.items() if count.suppressed}
        # A step a loop can take: along a hidden count (it goes up by one), or back against one above its least.
        steps: dict[Junction, list[tuple[Junction, Name]]] = defaultdict(list)
        for name, count in hidden.items():
            steps[count.start].append((count.end, name))
            if count.value > count.floor:
                steps[count.end].append((count.start, name))
        return {name for name, count in hidden.items()
                if not _reachable(steps, count.end, count.start, name)  # could not go up by one
                and not (count.value > count.floor and _reachable(steps, count.start, count.end, name))}  # nor down


def _reachable(steps: dict[Junction, list[tuple[Junction, Name]]], start: Junction, goal: Junction,
               without: Name) -> bool:
    """Whether goal can be reached from start by steps along hidden counts other than without."""
    seen, frontier = {start}, [start]
    while frontier:
        here = frontier.pop()
        if here == goal:
            return True
        for there, name in steps[here]:
            if name != without and there not in seen:
                seen.add(there)
                frontier.append(there)
    return False

