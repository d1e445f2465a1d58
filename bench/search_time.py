"""Provides the time of a search once myrole has started: open the store as `myrole search` does, then find
and lay out the results (as the command prints them), median of several runs.

Usage: python bench/search_time.py HOME WORD ROUNDS   (prints the median in seconds)
"""

from __future__ import annotations

import statistics
import sys
import time

from myrole.cli.search import highlighted
from myrole.paths import resolve
from myrole.store import open_store
from myrole.store.search import search


def main() -> None:
    home, word, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    conn = open_store(resolve(home), create=False)
    seconds = []
    for _ in range(rounds):
        began = time.perf_counter()
        results = search(conn, word)
        lines = [highlighted(hit.text, results.terms) for hit in results.hits]
        seconds.append(time.perf_counter() - began)
        assert lines, "the word is in the store"
    conn.close()
    print(statistics.median(seconds))


if __name__ == "__main__":
    main()
