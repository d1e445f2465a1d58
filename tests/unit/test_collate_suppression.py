"""Tests small-number suppression in collation: small counts hidden, and no hidden count recoverable from the
published totals, checked as an outsider would, from the JSON report alone."""

from __future__ import annotations

import json
from collections import Counter
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from myrole.collate import render
from myrole.collate.gather import CollateRefused, Gathered
from myrole.collate.reading import SharedCommitment, Submission, columns_of
from myrole.collate.report import build_report
from myrole.model import Lens, Mode, Status

LENSES = [lens.value for lens in Lens]
MODES = [mode.value for mode in Mode]
STATUSES = [status.value for status in Status]


def shared(lens="self", mode="action", status="active", topic="Digital exclusion", month=None, progress=None):
    return SharedCommitment(lens, mode, "A title", (), topic, status, None, "ev", "t1", progress,
                            1 if month else 0, month)


def gathered(people: list[list[SharedCommitment]]) -> Gathered:
    submissions = [Submission(Path(f"p{n}.json"), 2, "2026-11-26T09:30:00Z", f"{n:032x}", None,
                              columns_of(items))
                   for n, items in enumerate(people)]
    return Gathered(submissions=submissions)


def published(people: list[list[SharedCommitment]], threshold: int = 5) -> dict:
    return json.loads(render(build_report(gathered(people), threshold), "json"))


# --- What an outsider can work out from the JSON alone -----------------------------------------------

def equations(report: dict) -> list[dict[tuple, int]]:
    """Every sum the report's tables promise, as {name: coefficient} = 0, each count named by where it is."""
    everything = ("commitments",)
    rows = [{("lens", lens): 1, **{("cell", lens, mode): -1 for mode in MODES}} for lens in LENSES]
    rows += [{("mode", mode): 1, **{("cell", lens, mode): -1 for lens in LENSES}} for mode in MODES]
    rows.append({everything: 1, **{("lens", lens): -1 for lens in LENSES}})
    rows.append({everything: 1, **{("mode", mode): -1 for mode in MODES}})
    rows.append({everything: 1, **{("topic", t["topic"]): -1 for t in report["topics"]}})
    rows.append({everything: 1, **{("status", s): -1 for s in STATUSES}})
    months = [m["label"] for m in report["months"]]
    rows += [{("month", m): 1, ("done", m): -1, ("not done", m): -1} for m in months]
    rows.append({everything: 1, **{("month", m): -1 for m in months}})
    rows.append({("status", "done"): 1, **{("done", m): -1 for m in months}})
    return rows


def values(report: dict) -> dict[tuple, int | None]:
    found = {("commitments",): report["commitments"]}
    found.update({("cell", c["lens"], c["mode"]): c["count"] for c in report["cells"]})
    found.update({("lens", c["lens"]): c["count"] for c in report["lenses"]})
    found.update({("mode", c["mode"]): c["count"] for c in report["modes"]})
    found.update({("topic", t["topic"]): t["count"] for t in report["topics"]})
    found.update({("status", s["status"]): s["count"] for s in report["statuses"]})
    for m in report["months"]:
        found.update({("month", m["label"]): m["count"], ("done", m["label"]): m["done"],
                      ("not done", m["label"]): m["not_done"]})
    return found


def reduced(rows: list[list[Fraction]]) -> list[list[Fraction]]:
    """The matrix's reduced row echelon form, by plain Gauss-Jordan elimination (its non-zero rows only)."""
    rows = [row[:] for row in rows if any(row)]
    rank_found, column = 0, 0
    width = len(rows[0]) if rows else 0
    while rank_found < len(rows) and column < width:
        pivot = next((r for r in range(rank_found, len(rows)) if rows[r][column]), None)
        if pivot is None:
            column += 1
            continue
        rows[rank_found], rows[pivot] = rows[pivot], rows[rank_found]
        lead = rows[rank_found][column]
        rows[rank_found] = [value / lead for value in rows[rank_found]]
        for r in range(len(rows)):
            if r != rank_found and rows[r][column]:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank_found])]
        rank_found += 1
        column += 1
    return rows[:rank_found]


def recoverable(report: dict) -> set[tuple]:
    """The hidden counts that the published numbers pin down: a hidden count x is pinned exactly when the
    unit vector for x lies in the span of the equations restricted to hidden counts.

    One elimination answers it for every x: the reduced row echelon form of a span is unique, and a
    unit vector lies in the span exactly when it is one of that form's rows (each row has a 1 in its own
    pivot column, where every other row has 0, so a sum of rows with more than one row in it, or with
    anything else in a row, is not a unit vector).
    """
    found = values(report)
    hidden = sorted((name for name, value in found.items() if value is None), key=repr)
    index = {name: i for i, name in enumerate(hidden)}
    matrix = []
    for equation in equations(report):
        row = [Fraction(0)] * len(hidden)
        for name, coefficient in equation.items():
            if name in index:
                row[index[name]] += coefficient
        matrix.append(row)
    units = {next(i for i, value in enumerate(row) if value) for row in reduced(matrix) if sum(map(bool, row)) == 1}
    return {name for name, i in index.items() if i in units}


def least_values(report: dict) -> dict[tuple, int]:
    """What an outsider knows of each hidden count's least value, from the JSON alone: a zero is always shown,
    so a hidden count is at least 1; commitments are at least people (in a topic row, and in all); and a topic
    with a row of its own was chosen by at least N people, so has at least N commitments."""
    least = {name: 1 for name, value in values(report).items() if value is None}
    if report["people"] is not None and ("commitments",) in least:
        least["commitments",] = max(1, report["people"])
    for row in report["topics"]:
        name = ("topic", row["topic"])
        if name in least:
            floor = report["threshold"] if row["kind"] == "topic" else 1
            least[name] = max(floor, row["people"] or 1)
    return least


def pinned_by_bounds(report: dict) -> set[tuple]:
    """Hidden counts with one possible value once each sum's range is narrowed with those least values (the
    outsider's own reckoning: interval arithmetic on every equation, repeated until nothing changes)."""
    found = values(report)
    least = least_values(report)
    low = {name: (value if value is not None else least[name]) for name, value in found.items()}
    high: dict[tuple, float] = {name: (value if value is not None else float("inf")) for name, value in found.items()}
    sums = equations(report)
    for _ in range(200):
        changed = False
        for equation in sums:
            for name, coefficient in equation.items():
                # coefficient * name = -(sum of the others): the others' range bounds this one.
                rest = [(other, -c) for other, c in equation.items() if other != name]
                rest_low = sum(c * (low[o] if c > 0 else high[o]) for o, c in rest)
                rest_high = sum(c * (high[o] if c > 0 else low[o]) for o, c in rest)
                new_low, new_high = sorted((rest_low / coefficient, rest_high / coefficient))
                if new_low > low[name]:
                    low[name], changed = new_low, True
                if new_high < high[name]:
                    high[name], changed = new_high, True
        if not changed:
            break
    return {name for name, value in found.items() if value is None and low[name] == high[name]}


def pinned_exactly(report: dict, truth: dict) -> set[tuple]:
    """Hidden counts with one possible whole-number value, given every sum and each one's least value: the
    outsider's exact reckoning (what an integer solver would find, as the privacy review did with scipy).

    The report's sums are a network's: commitments pass from all to lenses, cells, modes, topics, months,
    done or not, statuses, and back to all, each count a stretch between two junctions, with what comes into
    a junction going out. For such sums, a hidden count can be one more (or one less, above its least) exactly
    when a loop of hidden counts through it can make room, each going up or, above its least, down. The loop
    may start from any values that fit; the test takes the true ones from truth, the same people's report with
    nothing hidden (threshold 1), the answer being the same whichever values it starts from.
    """
    found, least = values(report), least_values(report)
    true = values(truth)
    named = {row["topic"] for row in report["topics"]}
    true["topic", "Other topics"] = sum(row["count"] for row in truth["topics"] if row["topic"] not in named)
    months = [m["label"] for m in report["months"]]
    everything = ("commitments",)
    stretches = {everything: ("statuses", "lenses")}  # name: (the junction it leaves, the one it reaches)
    for lens in LENSES:
        stretches["lens", lens] = ("lenses", ("lens", lens))
        for mode in MODES:
            stretches["cell", lens, mode] = (("lens", lens), ("mode", mode))
    for mode in MODES:
        stretches["mode", mode] = (("mode", mode), "topics")
    for row in report["topics"]:
        stretches["topic", row["topic"]] = ("topics", "months")
    for month in months:
        stretches["month", month] = ("months", ("month", month))
        stretches["done", month] = (("month", month), "done")
        stretches["not done", month] = (("month", month), "not done")
    for status in STATUSES:
        stretches["status", status] = ("done" if status == "done" else "not done", "statuses")
    assert set(stretches) == set(found)
    hidden = [name for name, value in found.items() if value is None]
    moves: dict[object, list[tuple[object, tuple]]] = {}
    for name in hidden:
        leaves, reaches = stretches[name]
        moves.setdefault(leaves, []).append((reaches, name))
        if true[name] > least[name]:
            moves.setdefault(reaches, []).append((leaves, name))

    def loop(start, goal, without) -> bool:
        seen, todo = {start}, [start]
        while todo:
            here = todo.pop()
            if here == goal:
                return True
            for there, name in moves.get(here, []):
                if name != without and there not in seen:
                    seen.add(there)
                    todo.append(there)
        return False

    return {name for name in hidden
            if not loop(stretches[name][1], stretches[name][0], name)
            and not (true[name] > least[name] and loop(stretches[name][0], stretches[name][1], name))}


def test_the_exact_reckoning_finds_six_hidden_counts_that_must_each_be_one():
    """The privacy review's crowd of 17 (random seed 24): the grid published before had Self's row 13, Take action
    12 with Self's 5, and all 26, so the six hidden cells outside Self and Take action added up to 6: each was 1.
    Narrowing one sum at a time never found it; the exact reckoning does, and the report now hides more."""
    def person(*items):
        return [shared(lens=lens, mode=mode, status=status, topic=topic, month=month,
                       progress=(4 if status == "done" else 1) if month else None)
                for lens, mode, status, topic, month in items]
    people = [
        person(("self", "advocacy", "paused", "", None)),
        person(("self", "action", "paused", "T3", "2026-10")),
        person(("future", "action", "done", "T3", "2026-09")),
        person(("services", "action", "done", "", "2026-10"), ("communities", "awareness", "active", "T1", "2026-09")),
        person(("self", "awareness", "paused", "T0", "2026-09")),
        person(("self", "awareness", "active", "T2", "2026-11")),
        person(("self", "advocacy", "paused", "T4", None)),
        person(("communities", "action", "done", "", "2026-11"), ("patients", "action", "dropped", "T0", "2026-11")),
        person(("patients", "action", "paused", "T2", None), ("self", "awareness", "paused", "T2", "2026-11"),
               ("self", "action", "done", "T4", "2026-09")),
        person(("services", "action", "paused", "T0", "2026-11")),
        person(("self", "advocacy", "paused", "", "2026-10"), ("patients", "advocacy", "active", "T0", None),
               ("self", "action", "done", "T2", None)),
        person(("self", "awareness", "done", "", None)),
        person(("systems", "awareness", "done", "T3", "2026-09")),
        person(("patients", "awareness", "done", "", "2026-09"), ("systems", "advocacy", "paused", "T1", "2026-10"),
               ("self", "action", "paused", "T2", "2026-10")),
        person(("self", "awareness", "dropped", "T3", "2026-09")),
        person(("self", "action", "dropped", "", None), ("communities", "action", "dropped", "T1", "2026-11")),
        person(("services", "awareness", "done", "T4", "2026-09")),
    ]
    truth, report = published(people, threshold=1), published(people)
    assert not pinned_exactly(report, truth) and not recoverable(report) and not pinned_by_bounds(report)
    before = json.loads(json.dumps(report))  # the grid as the old code published it (the review's table)
    grid = {"self": [None, 5, None, 13], "patients": [None, None, None, None], "services": [None, None, 0, None],
            "communities": [None, None, 0, None], "systems": [None, 0, None, None], "future": [0, None, 0, None]}
    before["cells"] = [{"lens": lens, "mode": mode, "count": grid[lens][i]} for lens in LENSES
                       for i, mode in enumerate(MODES)]
    before["lenses"] = [{"lens": lens, "count": grid[lens][3]} for lens in LENSES]
    before["modes"] = [{"mode": mode, "count": count} for mode, count in zip(MODES, [None, 12, None])]
    assert before["commitments"] == 26
    assert not pinned_by_bounds(before)  # what the old check missed ...
    assert {("cell", "systems", "awareness"), ("cell", "systems", "advocacy"), ("lens", "systems")} <= pinned_exactly(
        before, truth)  # ... each of the six is 1, so Systems is 2


def test_the_outsiders_equations_hold_for_a_report_with_nothing_hidden():
    people = [[shared(lens=lens, status="done", month="2026-10", progress=4) for lens in LENSES] for _ in range(6)]
    report = published(people)
    found = values(report)
    assert None not in found.values()
    for equation in equations(report):
        assert sum(coefficient * found[name] for name, coefficient in equation.items()) == 0


# --- Primary and secondary suppression ------------------------------------------------------------------

def test_a_small_count_is_hidden_in_every_form():
    people = [[shared(lens="self")] for _ in range(10)] + [[shared(lens="future")] for _ in range(3)]
    report = build_report(gathered(people))
    assert report.cells[Lens.FUTURE, Mode.ACTION] is None
    data = json.loads(render(report, "json"))
    assert {"lens": "future", "mode": "action", "count": None} in data["cells"]
    markdown = render(report, "md")
    assert "| Nurturing the future | 0 | hidden | 0 | hidden |" in markdown
    assert "hidden" in render(report, "html")


def test_a_hidden_cell_is_joined_by_another_in_its_row_and_column():
    people = ([[shared(lens="self", mode="action")] for _ in range(10)]
              + [[shared(lens="self", mode="advocacy")] for _ in range(2)]
              + [[shared(lens="future", mode="action")] for _ in range(7)]
              + [[shared(lens="future", mode="advocacy")] for _ in range(8)])
    report = build_report(gathered(people))
    assert report.cells[Lens.SELF, Mode.ADVOCACY] is None  # 2: small
    # Alone in its row, it could be worked out from the row total; so one more in the row is hidden, and one
    # more in its column (here the same 2x2 square), unless the totals are hidden instead.
    assert report.cells[Lens.SELF, Mode.ACTION] is None or report.lens_totals[Lens.SELF] is None
    assert report.cells[Lens.FUTURE, Mode.ADVOCACY] is None or report.mode_totals[Mode.ADVOCACY] is None
    assert report.hidden >= 4  # the small one and at least the square's other corners
    assert not recoverable(json.loads(render(report, "json")))


def test_the_report_never_says_how_many_hidden_counts_are_small():
    """"1 count was hidden for that reason, and 3 more" told a reader three hidden counts were at least N: with
    Self's row (small + protecting = 6) that left only 1 and 5. Every form gives one number of hidden counts."""
    people = ([[shared(lens="self", mode="awareness")]]
              + [[shared(lens=lens, mode=mode)] for lens, mode in
                 [("self", "action"), ("self", "advocacy"), ("patients", "awareness"), ("patients", "action"),
                  ("patients", "advocacy")] for _ in range(5)])
    report = build_report(gathered(people))
    assert report.cells[Lens.SELF, Mode.AWARENESS] is None
    data = json.loads(render(report, "json"))
    assert data["format_version"] == 2 and set(data["suppression"]) == {"hidden", "explanation"}
    counts = [data["commitments"], *(row["count"] for key in ("cells", "lenses", "modes", "topics", "statuses", "months")
                                     for row in data[key]), *(row[k] for row in data["months"] for k in ("done", "not_done"))]
    assert data["suppression"]["hidden"] == counts.count(None) >= 4
    for form in ("md", "html", "json"):
        text = render(report, form)
        assert "for that reason" not in text and f"{data['suppression']['hidden']} counts are hidden" in text


def test_a_count_from_fewer_than_n_people_is_hidden_however_large():
    people = [[shared(lens="self")] for _ in range(10)] + [[shared(lens="future") for _ in range(7)]]
    report = build_report(gathered(people))
    assert report.cells[Lens.FUTURE, Mode.ACTION] is None  # seven commitments, but one person


def test_fewer_than_n_people_in_all_is_refused_rather_than_showing_which_cells_they_used():
    with pytest.raises(CollateRefused) as refusal:
        build_report(gathered([[shared(lens="self"), shared(lens="future")] for _ in range(4)]))
    assert refusal.value.sentences == ["Fewer than 5 people (the threshold) have commitments to collate here, so "
                                       "nothing was written: a report on so few could point to who they are."]
    assert build_report(gathered([[shared(lens="self")] for _ in range(5)])).people == 5


def test_the_testers_case_one_person_in_other_topics_cannot_be_worked_out():
    # Five people with 1 commitment on a topic of their own and 1 with no topic; one more person whose only
    # topic is theirs alone (1 commitment) and one with no topic. Before: Missed hidden but its 5 people shown,
    # Other hidden, No topic 6 shown, 12 in all: Missed + Other = 6, Missed >= 5, Other >= 1, so Other = 1.
    people = [[shared(topic="Missed appointments"), shared(topic="")] for _ in range(5)]
    people.append([shared(topic="Mine alone"), shared(topic="")])
    report = published(people)
    rows = {row["topic"]: row for row in report["topics"]}
    assert rows["Other topics"]["count"] is None
    assert rows["Missed appointments"]["count"] is None or rows["Missed appointments"]["people"] is None
    assert all(row["people"] is None for row in report["topics"] if row["count"] is None)
    assert not pinned_by_bounds(report) and not recoverable(report)


def test_the_outsiders_bounds_find_what_the_equations_alone_miss():
    # The tester's report as published before the fix: 12 commitments by 12 people, its topic table as seen.
    report = published([[shared()] for _ in range(12)])
    report["topics"] = [{"topic": "Missed", "kind": "topic", "count": None, "people": 5},
                        {"topic": "Other topics", "kind": "other", "count": None, "people": None},
                        {"topic": "No topic given", "kind": "none", "count": 6, "people": 6}]
    assert not recoverable(report)  # two unknowns, one equation ...
    assert pinned_by_bounds(report) == {("topic", "Missed"), ("topic", "Other topics")}  # ... but 5 and 1


# --- The property: nothing hidden can be worked out --------------------------------------------------

commitments = st.builds(
    shared, lens=st.sampled_from(LENSES[:4]), mode=st.sampled_from(MODES), status=st.sampled_from(STATUSES),
    topic=st.sampled_from(["Digital exclusion", "Transport", "Interpreters", ""]),
    month=st.sampled_from([None, "2026-09", "2026-10", "2026-11"]), progress=st.just(None))
crowds = st.lists(st.lists(commitments, min_size=1, max_size=4), min_size=1, max_size=30)


def _with_progress(people: list[list[SharedCommitment]]) -> list[list[SharedCommitment]]:
    return [[shared(c.lens, c.mode, c.status, c.topic, c.last_checkin_month,
                    2 if c.last_checkin_month else None) for c in items] for items in people]


@settings(max_examples=150, deadline=None)
@given(people=crowds, threshold=st.integers(2, 6))
def test_no_hidden_count_can_be_worked_out_from_the_published_numbers(people, threshold):
    people = _with_progress(people)
    if len(people) < threshold:
        with pytest.raises(CollateRefused):
            published(people, threshold)
        return
    report = published(people, threshold)
    assert not recoverable(report)
    assert not pinned_by_bounds(report)
    assert not pinned_exactly(report, published(people, 1))
    assert all(row["people"] is None for row in report["topics"] if row["count"] is None)
    # ... and every small count is hidden (primary suppression), whatever else was.
    every = [c for items in people for c in items]
    owners = [n for n, items in enumerate(people) for _ in items]
    cells = Counter((c.lens, c.mode) for c in every)
    cell_people = Counter(key for key in {((c.lens, c.mode), n) for c, n in zip(every, owners)} for key in [key[0]])
    for cell in report["cells"]:
        key = (cell["lens"], cell["mode"])
        if 0 < cells[key] < threshold or 0 < cell_people[key] < threshold:
            assert cell["count"] is None
        elif cell["count"] is not None:
            assert cell["count"] == cells[key]
    statuses = Counter(c.status for c in every)
    for row in report["statuses"]:
        if 0 < statuses[row["status"]] < threshold:
            assert row["count"] is None
