"""Provides the largest answers myrole keeps, in their worst shapes, and timing the stepper on them.

Usage: python bench/big_answer.py [SHAPE ...] [--presses N]   (every shape, and an empty answer, by default)

Each shape is as long as an answer may be (myrole.limits.TEXT_CHARS). For each, a store is made
whose unfinished reflection's first answer is that text; myrole is started in a real 80x24
pseudo-terminal, Enter resumes the reflection, and this measures the seconds from that key
until the stepper is drawn (its first frame, the answer box in it), then the seconds from the
first key typed until it is on screen (the stepper is usable), then key-to-screen latency.
Typing starts on a new line at the end of the answer, where the cursor is put on opening.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from typing_latency import LEAD, LINE, Typist

PROSE = ("I noticed that the handover felt rushed again today, and I wonder whether the way we "
         "share the board at the start of the shift makes it harder for newer staff to ask "
         "questions. Next time I will leave a pause after each bed and ask what is unclear. ")


# The slowest shape in the stepper (bench/big_answer.py measures them all): one line, typed on at its end.
LARGEST_SHAPE = "one long line of words"


def _fill(unit: str, limit: int) -> str:
    """unit repeated, cut to exactly limit characters."""
    return (unit * (limit // len(unit) + 1))[:limit]


def shapes(limit: int) -> dict[str, str]:
    """The worst shapes of a text of limit characters, and an empty one to compare with."""
    paragraph = _fill(PROSE, 1_200).rstrip() + "\n\n"
    return {
        "empty": "",
        "one long line (no spaces)": "a" * limit,
        "one long line of words": _fill(PROSE, limit),
        "50,000 one-letter lines": _fill("a\n", limit),
        "2,000 lines of 49 letters": _fill("b" * 49 + "\n", limit),
        "prose paragraphs": _fill(paragraph, limit),
    }


def make_home(root: Path, text: str) -> Path:
    """A store holding one unfinished reflection whose first answer is text; on launch the app offers to resume it."""
    from myrole.model import Context, Profile, Visibility
    from myrole.paths import resolve
    from myrole.prompts import load_catalogue
    from myrole.store import open_store
    from myrole.store.profile import save_profile
    from myrole.store.reflections import save_answer, start_reflection

    home = Path(tempfile.mkdtemp(prefix="big-", dir=root))
    db = open_store(resolve(home))
    save_profile(db, Profile(name="Bench", onboarded=True))
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.SELF)
    if text:
        save_answer(db, reflection.id, pack.prompts[0], text, Visibility.PRIVATE, 0)
    db.close()
    return home


@dataclass(frozen=True)
class Opening:
    first_frame: float  # from the key that opens the stepper until it is drawn
    usable: float  # from then, until the first key typed into the answer is drawn
    keys: list[float]  # key-to-screen latency of each key typed after that


class AnswerTypist(Typist):
    """Types after the answer (on a new line, or on its last line after a space), and times opening the stepper."""

    def __init__(self, argv: list[str], env: dict[str, str], same_line: bool = False) -> None:
        super().__init__(argv, env, [])
        self.gap = b" " if same_line else b"\r"  # typed before each line; typing goes on until the box is closed

    def _key(self, key: bytes, drawn: str | None = None, timeout: float = 10.0) -> float:
        return super()._key(self.gap if key == b"\r" else key, drawn, timeout)

    def open_stepper(self) -> tuple[float, float]:
        self.term.wait_for("Resume", timeout=60)
        self.term.settle(0.15)
        start = time.perf_counter()
        self.term.write(b"\r")
        first_frame = self.term.wait_for("Lens 1 of 6", since=start, timeout=300)
        shown = time.perf_counter()
        self.column = len(LINE)  # the first press starts a new line, and is timed until drawn
        self._key(b"\r")
        self.column = 0
        while self.column < len(LEAD):
            self.column += 1
            self._key(LINE[self.column - 1].encode())
        self.column += 1
        self._key(LINE[self.column - 1].encode(), LINE[:self.column], timeout=300)
        return first_frame, time.perf_counter() - shown


def open_and_type(argv: list[str], env: dict[str, str], presses: int, same_line: bool = False) -> Opening:
    """Open the stepper on the store in env's MYROLE_HOME and type presses keys into the answer."""
    with closing(AnswerTypist(argv, env, same_line)) as typist:
        first_frame, usable = typist.open_stepper()
        keys = [typist.press() for _ in range(presses)]
    return Opening(first_frame, usable, keys)


def main() -> None:
    from myrole.limits import TEXT_CHARS

    from run import MYROLE, env_for

    every = shapes(TEXT_CHARS)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shape", nargs="*", choices=[[], *every], help="shapes to measure (all by default)")
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--same-line", action="store_true",
                        help="type on the answer's last line (after a space) instead of on a new line")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="myrole-big-") as tmp:
        print(f"{'answer':<28} {'chars':>7} {'lines':>6} {'first frame':>12} {'usable':>9} "
              f"{'key median':>11} {'key max':>8}")
        for name in args.shape or every:
            text = every[name]
            home = make_home(Path(tmp), text)
            got = open_and_type([MYROLE], env_for(home), args.presses, args.same_line)
            print(f"{name:<28} {len(text):>7,} {text.count(chr(10)) + 1:>6,} {got.first_frame * 1000:>9.0f} ms "
                  f"{got.usable * 1000:>6.0f} ms {statistics.median(got.keys) * 1000:>8.1f} ms "
                  f"{max(got.keys) * 1000:>5.0f} ms", flush=True)


if __name__ == "__main__":
    main()
