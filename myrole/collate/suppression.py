"""Provides small-number suppression: counts of fewer than N hidden, and more hidden so none can be worked out from totals.

The published numbers are tied together by sums (a row of the grid adds up to its row total, every
table adds up to the number of commitments). A hidden count is safe only if those sums leave it
undetermined: `determined()` checks that exactly, by linear algebra over the hidden counts. A reader
also knows bounds: a zero is always shown (so a hidden count is at least 1; zeros are never hidden),
and some counts are at least more than that (a topic with a row of its own has at least N people, so
at least N commitments). `pinned_by_bounds()` narrows every hidden count's range through the sums
with those bounds and reports any left with one possible value.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction

Name = Hashable  # a count's name, e.g. ("cell", "self", "action")


@dataclass
class Count:
    """One number that may be published: how many, and of how many different people."""

    value: int
    people: int
    floor: int = 1  # the least a reader knows a hidden value is (a shown zero is exact, so at least 1)
    sensitive: bool = False  # primary: a small count, or one that comes from only a few people
    suppressed: bool = False  # not published: sensitive, or hidden to protect one that is


class Disclosure:
    """The counts a report would publish, the sums that tie them, and which must be hidden."""

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold
        self.counts: dict[Name, Count] = {}
        self.sums: list[tuple[Name, tuple[Name, ...]]] = []  # a total and the parts that add up to it

    def add(self, name: Name, value: int, people: int, floor: int = 1) -> None:
        """floor: the least a reader knows this count is, if hidden (1, since zeros are shown; more when the
        report says so elsewhere, e.g. N for a topic with a row of its own)."""
        small = 0 < value < self.threshold or 0 < people < self.threshold
        self.counts[name] = Count(value, people, floor=max(1, floor), sensitive=small, suppressed=small)

    def add_sum(self, total: Name, parts: Sequence[Name]) -> None:
        """total is published as the sum of parts (each already added)."""
        if sum(self.counts[part].value for part in parts) != self.counts[total].value:
            raise ValueError("The parts of a sum must add up to its total.")
        self.sums.append((total, tuple(parts)))

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
            exposed = self.determined() or self.pinned_by_bounds()
            if not exposed:
                return
            self._suppress(self._complement(self._nearest_published(next(iter(exposed))), keep_last))

    def _close_single_gaps(self, keep_last: Name | None) -> None:
        """The quick rule: a sum with exactly one hidden member gives it away, so hide one more there."""
        changed = True
        while changed:
            changed = False
            for total, parts in self.sums:
                members = (total, *parts)
                hidden = [m for m in members if self.counts[m].suppressed]
                if len(hidden) == 1:
                    self._suppress(self._complement(members, keep_last))
                    changed = True

    def _nearest_published(self, name: Name) -> list[Name]:
        """The published counts nearest name through the sums: those sharing a sum with it, or else with a
        hidden count that does, and so on (a count can be worked out through a chain of sums). Zeros are left
        out: a zero is never hidden."""
        seen, layer = {name}, [name]
        while layer:
            reached = [m for total, parts in self.sums for m in (total, *parts)
                       if (total in layer or not set(layer).isdisjoint(parts)) and m not in seen]
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
        totals = {total for total, _ in self.sums}
        return min(published, key=lambda name: (name == keep_last, self.counts[name].value == 0, name in totals,
                                                self.counts[name].value))

    def _suppress(self, name: Name) -> None:
        self.counts[name].suppressed = True

    def determined(self) -> set[Name]:
        """The hidden counts that the published numbers and the sums pin down exactly."""
        return determined_unknowns(self.sums, {name for name, c in self.counts.items() if c.suppressed})

    def pinned_by_bounds(self) -> set[Name]:
        """The hidden counts that the sums, with what a reader knows of each hidden count's least value, leave
        with exactly one possible value (e.g. a + b = 6 with a at least 5 and b at least 1)."""
        bounds: Bounds = {name: (c.floor, INFINITY)
 if c.suppressed else (c.value, c.value) for name, c in self.counts.items()}
        narrow_bounds(self.sums, bounds)
        return {name for name, c in self.counts.items() if c.suppressed and bounds[name][0] == bounds[name][1]}


INFINITY = float("inf")
Bounds = dict[Name, tuple[float, float]]


def narrow_bounds(sums: Sequence[tuple[Name, Sequence[Name]]], bounds: Bounds, rounds: int = 100) -> None:
    """Narrow each count's (least, most) through total = sum(parts) until nothing changes (or rounds run out:
    the ranges only narrow, so stopping early leaves them wider, never wrong)."""
    for _ in range(rounds):
        changed = False
        for total, parts in sums:
            lows = sum(bounds[part][0] for part in parts)
            unbounded = sum(1 for part in parts if bounds[part][1] == INFINITY)
            finite_highs = sum(bounds[part][1] for part in parts if bounds[part][1] != INFINITY)
            changed |= _narrow(bounds, total, lows, INFINITY if unbounded else finite_highs)
            total_low, total_high = bounds[total]
            for part in parts:
                low, high = bounds[part]
                if high == INFINITY:  # inf - inf has no value: count the others' unbounded ones instead
                    others_high = INFINITY if unbounded > 1 else finite_highs
                else:
                    others_high = INFINITY if unbounded else finite_highs - high
                changed |= _narrow(bounds, part, total_low - others_high, total_high - (lows - low))
        if not changed:
            return


def _narrow(bounds: Bounds, name: Name, low: float, high: float) -> bool:
    old_low, old_high = bounds[name]
    new = (max(old_low, low), min(old_high, high))
    if new == (old_low, old_high):
        return False
    bounds[name] = new
    return True


def determined_unknowns(sums: Sequence[tuple[Name, Sequence[Name]]], unknown: set[Name]) -> set[Name]:
    """Which unknowns the equations total = sum(parts) fix, given every other name's value.

    Each sum, with the known values moved to the other side, is a linear equation in the unknowns. An
    unknown is fixed exactly when its own unit vector lies in the span of those equations, which the
    reduced row echelon form shows as a row with that unknown alone.
    """
    pivots: dict[Name, dict[Name, Fraction]] = {}
    for total, parts in sums:
        row: dict[Name, Fraction] = {}
        for name, sign in ((total, 1), *((part, -1) for part in parts)):
            if name in unknown:
                row[name] = row.get(name, Fraction(0)) + sign
        _reduce(row, pivots)
        row = {name: value for name, value in row.items() if value}
        if not row:
            continue
        pivot = next(iter(row))
        scale = row[pivot]
        row = {name: value / scale for name, value in row.items()}
        for other in pivots.values():  # keep the form reduced: no pivot appears in another's row
            if pivot in other:
                _subtract(other, row, other[pivot])
        pivots[pivot] = row
    return {pivot for pivot, row in pivots.items() if len(row) == 1}


def _reduce(row: dict[Name, Fraction], pivots: dict[Name, dict[Name, Fraction]]) -> None:
    for name in [name for name in row if name in pivots]:
        if row.get(name):
            _subtract(row, pivots[name], row[name])


def _subtract(row: dict[Name, Fraction], other: dict[Name, Fraction], factor: Fraction) -> None:
    """row -= factor * other, dropping what becomes zero."""
    for name, value in other.items():
        result = row.get(name, Fraction(0)) - factor * value
        if result:
            row[name] = result
        else:
            row.pop(name, None)
