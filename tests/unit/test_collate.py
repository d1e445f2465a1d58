"""Tests `myrole collate`: reading version 1 and 2 alliance files, one count per person, refusing personal
exports and bad files (or skipping them), and the report's forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from myrole.cli import cli
from myrole.collate import CollateRefused, collate, render
from myrole.collate.reading import FileRefused, read_submission
from myrole.collate.sample import commitment, export
from myrole.model import Lens, Mode, Status

GOLDEN_V1 = Path(__file__).parents[1] / "data" / "alliance-version-1.json"
PERSONAL = "is a personal export; it holds private text, so collate will not read it"
FOR_MANAGER = "is an export for a line manager; it holds private text, so collate will not read it"


def write(folder: Path, name: str, data: dict | str | bytes) -> Path:
    path = folder / name
    if isinstance(data, dict):
        data = json.dumps(data, indent=2, ensure_ascii=False)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def person(folder: Path, name: str, *commitments: dict, **envelope) -> Path:
    return write(folder, name, export(list(commitments), **envelope))


def crowd(folder: Path, people: int, **fields) -> list[Path]:
    """people files, each with one commitment with these fields."""
    return [person(folder, f"p{number:03d}.json", commitment(**fields)) for number in range(people)]


def run(*args: str):
    return CliRunner().invoke(cli, ["collate", *args])


def test_a_version_1_file_is_read_as_one_person():
    submission = read_submission(GOLDEN_V1)
    assert submission.version == 1 and submission.submitter is None
    assert [c.title for c in submission.commitments] == ["Look at did-not-attend data by deprivation",
                                                        "Raise transport costs at the partnership board"]
    assert submission.commitments[0].checkins is None  # a version 1 file does not say


def version_1_file(number: int) -> str:
    """The golden version 1 file, one title changed so that each number gives a different person's file."""
    return GOLDEN_V1.read_text(encoding="utf-8").replace("deprivation", f"deprivation ({number})")


def test_version_1_and_2_files_together(tmp_path):
    for number in range(5):
        write(tmp_path, f"old{number}.json", version_1_file(number))
    crowd(tmp_path, 5, lens="self", mode="advocacy", status="done", progress=4, checkins=2,
          last_checkin_month="2026-10")
    report = collate([tmp_path])
    assert report.people == 10 and report.commitments == 15
    assert report.cells[Lens.SERVICES, Mode.AWARENESS] == 5  # from the version 1 files
    assert report.cells[Lens.SYSTEMS, Mode.ADVOCACY] == 5
    assert report.cells[Lens.SELF, Mode.ADVOCACY] == 5  # from the version 2 files
    assert report.statuses[Status.DONE] == 5 and report.statuses[Status.DROPPED] == 5
    assert report.files.version_1 == 5
    months = {row.label: row for row in report.months}
    assert months["2026-10"].count == 5 and months["2026-10"].done == 5 and months["2026-10"].mean_progress == 4
    assert months["Not recorded (version 1 files)"].count == 10


def test_one_person_counts_once_from_their_newest_file(tmp_path):
    key = "a" * 32
    person(tmp_path, "sam-june.json", commitment(lens="self"), commitment(lens="self"), submitter=key,
           exported_at="2026-06-01T10:00:00Z")
    person(tmp_path, "sam-nov.json", commitment(lens="future"), submitter=key, exported_at="2026-11-01T10:00:00Z")
    crowd(tmp_path, 4, lens="future")
    report = collate([tmp_path], threshold=5)
    assert report.people == 5  # Sam once, and four others
    assert report.commitments == 5
    assert report.lens_totals[Lens.FUTURE] == 5 and report.lens_totals[Lens.SELF] == 0
    assert report.files.replaced == 1


def test_files_sharing_a_commitment_key_are_one_person_whatever_their_submitter_keys(tmp_path):
    """One person's files sent under five submitter keys (`myrole event new-key` before each) still count once:
    counted five times, their one commitment would be shown, and its counts could reveal others' hidden ones."""
    alone = commitment(lens="self", title="Look at our did-not-attend data by deprivation")
    for number in range(5):
        person(tmp_path, f"same-{number}.json", alone, submitter=f"{number + 1:032x}",
               exported_at=f"2026-11-0{number + 1}T10:00:00Z")
    with pytest.raises(CollateRefused, match="Fewer than 5 people"):
        collate([tmp_path])
    crowd(tmp_path, 4, lens="future")
    report = collate([tmp_path], threshold=5)
    assert report.people == 5 and report.commitments == 5 and report.files.replaced == 4


def test_files_linked_through_a_chain_of_shared_keys_are_one_person(tmp_path):
    first, second = commitment(lens="self"), commitment(lens="self")
    person(tmp_path, "a.json", first, submitter="1" * 32, exported_at="2026-06-01T10:00:00Z")
    person(tmp_path, "b.json", first, second, submitter="2" * 32, exported_at="2026-07-01T10:00:00Z")
    person(tmp_path, "c.json", second, submitter="3" * 32, exported_at="2026-08-01T10:00:00Z")
    crowd(tmp_path, 4, lens="future")
    report = collate([tmp_path], threshold=5)
    assert report.people == 5 and report.files.replaced == 2
    assert report.commitments == 5  # c.json, the newest, and the four others


def test_the_same_file_given_twice_is_read_once(tmp_path):
    paths = crowd(tmp_path, 5)
    report = collate([tmp_path, paths[0], paths[0]])
    assert report.people == 5 and report.commitments == 5


def test_a_folder_is_read_for_json_files_only_not_its_sub_folders(tmp_path):
    crowd(tmp_path, 5)
    (tmp_path / "notes.txt").write_text("not an export", encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    crowd(inner, 3)
    assert collate([tmp_path]).people == 5


@pytest.mark.parametrize("audience", ["me", "manager"])
def test_a_personal_export_is_refused_by_name_and_nothing_is_written(tmp_path, audience):
    crowd(tmp_path, 5)
    personal = write(tmp_path, "jo.json", {"format": "myrole-export", "format_version": 1, "audience": audience,
                                           "exported_at": "2026-11-26T09:30:00Z", "since": None, "profile": None,
                                           "reflections": [], "commitments": [], "one_to_ones": []})
    out = tmp_path / "report.md"
    for extra in ([], ["--skip-bad"]):  # even with --skip-bad: such a file should not be here at all
        result = run(str(tmp_path), "-o", str(out), *extra)
        assert result.exit_code == 2
        said = PERSONAL if audience == "me" else FOR_MANAGER
        assert result.output.strip() == f"myrole: {personal} {said}."
        assert not out.exists()


def test_a_large_personal_export_is_still_refused_by_name(tmp_path, monkeypatch):
    monkeypatch.setattr("myrole.collate.reading.MAX_FILE_BYTES", 200)
    big = write(tmp_path, "big.json", '{\n  "format": "myrole-export",\n  "format_version": 1,\n  "audience": "me",\n'
                + " " * 500 + "}")
    with pytest.raises(FileRefused) as refused:
        read_submission(big)
    assert refused.value.personal and PERSONAL in str(refused.value)


GOOD = commitment()
BAD_FILES = {
    "not JSON": (b"{ not json", "is not a JSON file"),
    "not UTF-8": (json.dumps(export([GOOD])).replace("Offer", "Off\u00e9r").encode("latin-1"), "is not UTF-8 text"),
    "a repeated field": (b'{"format": "myrole-export", "format": "myrole-export"}', "names the same field twice"),
    "another program's JSON": (b'{"name": "x"}', "is JSON but not a myrole export"),
    "a newer format": (json.dumps({**export([GOOD]), "format_version": 3}).encode(), "newer version of myrole"),
    "an unknown lens": (json.dumps(export([{**GOOD, "lens": "planets"}])).encode(), "lens, mode or status"),
    "a lens that is a list": (json.dumps(export([{**GOOD, "lens": ["self"]}])).encode(), "lens, mode or status"),
    "a status that is an object": (json.dumps(export([{**GOOD, "status": {"a": 1}}])).encode(), "lens, mode or status"),
    "a field too many": (json.dumps(export([{**GOOD, "name": "Sam"}])).encode(), "exactly the fields of version 2"),
    "a month not on the calendar": (json.dumps(export([{**GOOD, "target_month": "2026-13"}])).encode(),
                                    "not a real month"),
    "a time not on the clock": (json.dumps({**export([GOOD]), "exported_at": "2026-02-30T10:00:00Z"}).encode(),
                                "not a real time"),
    "a title on two lines": (json.dumps(export([{**GOOD, "title": "a\nb"}])).encode(), "is not on one line"),
    "a title too long": (json.dumps(export([{**GOOD, "title": "x" * 201}])).encode(), "longer than the 200"),
    "too many tags": (json.dumps(export([{**GOOD, "tags": [f"t{n}" for n in range(31)]}])).encode(),
                      "at most 30 tags"),
    "a progress of 7": (json.dumps(export([{**GOOD, "progress": 7, "checkins": 1,
                                             "last_checkin_month": "2026-10"}])).encode(), "from 0 to 4"),
    "progress without check-ins": (json.dumps(export([{**GOOD, "progress": 2}])).encode(), "without check-ins"),
    "a submitter that is not a key": (json.dumps(export([GOOD], submitter="Sam Patel")).encode(), "submitter key"),
    "a commitment key twice": (json.dumps(export([GOOD, GOOD])).encode(), "same key as another"),
    "a lone surrogate": (json.dumps(export([{**GOOD, "title": "\ud800"}])).encode(), "broken character"),
    "no file at all": (None, "there is nothing there"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_is_named_with_its_reason(tmp_path, kind):
    content, reason = BAD_FILES[kind]
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(FileRefused) as refused:
        read_submission(path)
    assert str(path) in str(refused.value) and reason in str(refused.value)
    assert "Sam" not in str(refused.value) and "Offer" not in str(refused.value)  # never the file's text


def test_bad_files_stop_the_collation_unless_skipped(tmp_path):
    crowd(tmp_path, 5, title="Meet the community group")
    broken = write(tmp_path, "broken.json", b"{ not json")
    wrong = write(tmp_path, "wrong.json", export([{**GOOD, "lens": "planets"}]))
    out = tmp_path / "out" / "report.json"
    out.parent.mkdir()
    result = run(str(tmp_path), "--format", "json", "-o", str(out))
    assert result.exit_code == 2 and not out.exists()
    lines = result.output.strip().splitlines()
    assert lines[0] == f"myrole: {broken} is not a JSON file, so it is not a myrole export."
    assert lines[1].startswith(f"myrole: {wrong} cannot be collated: the commitment at commitments/0 has a lens")
    assert lines[2] == "myrole: 2 files cannot be collated, so nothing was written; add --skip-bad to collate the rest."

    result = run(str(tmp_path), "--format", "json", "-o", str(out), "--skip-bad")
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["people"] == 5 and report["commitments"] == 5
    # The report names no file (organisers name files after their senders): a count, hidden when small, and why.
    assert report["files"]["skipped"] is None
    assert report["files"]["skipped_reasons"] == [
        "A file cannot be collated: the commitment at commitments/0 has a lens, mode or status myrole does not know.",
        "A file is not a JSON file, so it is not a myrole export."]
    assert "broken" not in out.read_text(encoding="utf-8") and "wrong" not in out.read_text(encoding="utf-8")
    # The organiser is told which, on standard error, one sentence each.
    assert f"myrole: skipped: {broken} is not a JSON file, so it is not a myrole export." in result.stderr
    assert f"myrole: skipped: {wrong} cannot be collated:" in result.stderr
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_only_bad_files_with_skip_bad_writes_nothing(tmp_path):
    write(tmp_path, "broken.json", b"{ not json")
    with pytest.raises(CollateRefused) as refused:
        collate([tmp_path], skip_bad=True)
    assert refused.value.sentences[-1] == "There are no alliance files to collate, so nothing was written."


def test_event_keeps_only_that_events_commitments(tmp_path):
    crowd(tmp_path, 5, event_id="bradford-2023")
    other = tmp_path / "other"
    other.mkdir()
    crowd(other, 5, event_id="leeds-2024")
    write(tmp_path, "old.json", GOLDEN_V1.read_text(encoding="utf-8"))
    report = collate([tmp_path, other], event="bradford-2023")
    assert report.commitments == 5 and report.event == "bradford-2023"
    assert report.files.outside_event == 7  # five from Leeds, two from a version 1 file


def test_titles_are_listed_only_under_a_topic_of_at_least_n_people_whose_count_is_shown(tmp_path):
    crowd(tmp_path, 6, topic="Digital exclusion", title="Lend tablets")
    (tmp_path / "more").mkdir()
    crowd(tmp_path / "more", 5, topic="Transport", title="Pay bus fares")
    report = collate([tmp_path, tmp_path / "more"])
    rows = {row.label: row for row in report.topics}
    assert (rows["Digital exclusion"].count, rows["Digital exclusion"].titles) == (6, ("Lend tablets",))
    assert "Lend tablets" in render(report, "md")


def test_a_topic_whose_count_is_hidden_lists_no_titles(tmp_path):
    crowd(tmp_path, 5, topic="Digital exclusion", title="Lend tablets")
    small = tmp_path / "small"
    small.mkdir()
    crowd(small, 4, topic="Interpreters", title="Book interpreters early")
    report = collate([tmp_path, small])
    rows = {row.label: row for row in report.topics}
    # Hidden to protect the 4 in Other topics, so its 5 people are hidden too (they would bound the count),
    # and so are its titles: how many there are would bound it as well.
    assert rows["Digital exclusion"].count is None and rows["Digital exclusion"].people is None
    assert rows["Digital exclusion"].titles == ()
    assert "Interpreters" not in rows  # fewer than 5 people: counted with the other small topics
    assert rows["Other topics"].titles == () and rows["Other topics"].people is None
    markdown = render(report, "md")
    assert "Lend tablets" not in markdown and "Book interpreters early" not in markdown and "Interpreters" not in markdown


def test_the_reviewers_case_titles_under_a_hidden_topic_no_longer_give_its_count_away(tmp_path):
    """Nine people, one commitment each (so the report's totals say every count equals its people): five
    distinct titles listed under the hidden topic said it held five, and so Other topics four."""
    for number, title in enumerate(["Brushing clubs", "Fluoride varnish", "Leaflet in Urdu", "Food bank packs",
                                    "Nursery brushing"]):
        person(tmp_path, f"oral{number}.json", commitment(topic="Children's oral health", title=title))
    for number in range(4):
        person(tmp_path, f"other{number}.json", commitment(topic=f"Topic {number}", title=f"Title {number}"))
    report = collate([tmp_path], event="bradford-2023")
    assert (report.people, report.commitments) == (9, 9)
    rows = {row.label: row for row in report.topics}
    assert rows["Children's oral health"].count is None and rows["Children's oral health"].titles == ()
    assert not any(title in render(report, "md") for title in ("Brushing clubs", "Nursery brushing"))


def test_tags_are_listed_only_when_n_people_used_them(tmp_path):
    crowd(tmp_path, 5, tags=["transport"])
    one = tmp_path / "one"
    one.mkdir()
    crowd(one, 1, tags=["Dr Jones"])
    report = collate([tmp_path, one])
    assert [(row.tag, row.count, row.people) for row in report.tags] == [("transport", 5, 5)]
    assert "Dr Jones" not in render(report, "html")


def test_the_json_report_has_its_documented_shape(tmp_path):
    crowd(tmp_path, 6, lens="patients", mode="awareness")
    result = run(str(tmp_path), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["format"] == "myrole-collation" and data["format_version"] == 2 and data["threshold"] == 5
    assert data["people"] == 6 and data["commitments"] == 6
    assert len(data["cells"]) == 18 and {"lens": "patients", "mode": "awareness", "count": 6} in data["cells"]
    assert data["topics"][0] == {"topic": "Access for people with learning disabilities", "kind": "topic",
                                 "count": 6, "people": 6, "titles": ["Offer longer appointments"]}
    assert {"status": "active", "count": 6} in data["statuses"]
    assert set(data) >= {"lenses", "modes", "months", "tags", "suppression", "files"}


def test_threshold_must_be_sensible():
    result = run("--threshold", "1", "x.json")
    assert result.exit_code == 2 and "--threshold" in result.output


def test_an_existing_output_is_kept_without_force(tmp_path):
    crowd(tmp_path, 5)
    out = tmp_path / "report.html"
    out.write_text("keep me", encoding="utf-8")
    result = run(str(tmp_path), "--format", "html", "-o", str(out))
    assert result.exit_code == 2 and out.read_text(encoding="utf-8") == "keep me"
    assert run(str(tmp_path), "--format", "html", "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_report_speaks_in_sentences_one_and_many_said_rightly(tmp_path):
    crowd(tmp_path, 5)
    (tmp_path / "broken.json").write_text("{ not json", encoding="utf-8")
    report = collate([tmp_path], skip_bad=True)
    markdown = render(report, "md")
    assert ("This report covers 5 people and 5 commitments shared with your organisation's inequalities group"
            in markdown)
    assert "Files that could not be read and were left out (--skip-bad): hidden. Why (each reason once):" in markdown
    assert "- A file is not a JSON file, so it is not a myrole export." in markdown


EVENT_FILE = """[event]
id = "bradford-2023"
name = "Inequalities <Action> & Workshop"
date = 2023-06-27
collective = "Reducing \\"Inequalities\\" Alliance"

[[topics]]
id = "t01"
title = "Access for people with learning disabilities"
"""


def test_the_report_names_the_collective_from_the_settings_and_plain_words_without_one(tmp_path):
    home = tmp_path / "home"
    (tmp_path / "files").mkdir()
    crowd(tmp_path / "files", 5)
    plain = CliRunner().invoke(cli, ["--home", str(home), "collate", str(tmp_path / "files"), "--format", "json"])
    data = json.loads(plain.stdout)
    assert data["title"] == "Your organisation's inequalities group: What people committed to"
    assert data["collective"] is None and data["event_name"] is None
    assert CliRunner().invoke(cli, ["--home", str(home), "event", "collective", "Bradford *Equity* Group"]).exit_code == 0
    markdown = CliRunner().invoke(cli, ["--home", str(home), "collate", str(tmp_path / "files")]).stdout
    assert markdown.startswith("# Bradford \\*Equity\\* Group: What people committed to\n")  # inert Markdown
    assert "shared with Bradford \\*Equity\\* Group (each person" in markdown
    data = json.loads(CliRunner().invoke(cli, ["--home", str(home), "collate", str(tmp_path / "files"),
                                               "--format", "json"]).stdout)
    assert data["collective"] == "Bradford *Equity* Group"
    assert data["title"] == "Bradford *Equity* Group: What people committed to"


def test_with_event_the_report_names_the_kept_event_and_its_collective_escaped(tmp_path):
    home = tmp_path / "home"
    files = tmp_path / "files"
    files.mkdir()
    crowd(files, 5, event_id="bradford-2023")
    event_file = tmp_path / "event.toml"
    event_file.write_text(EVENT_FILE, encoding="utf-8")

    def collate_to(fmt: str, *extra: str) -> str:
        result = CliRunner().invoke(cli, ["--home", str(home), "collate", str(files), "--format", fmt, *extra])
        assert result.exit_code == 0, result.output
        return result.stdout

    # Not kept in this home yet: the event by its id, and no collective named.
    assert json.loads(collate_to("json", "--event", "bradford-2023"))["title"] == (
        "Your organisation's inequalities group: What people committed to at the event bradford-2023")
    assert CliRunner().invoke(cli, ["--home", str(home), "event", "add", str(event_file)]).exit_code == 0
    data = json.loads(collate_to("json", "--event", "bradford-2023"))
    assert data["collective"] == 'Reducing "Inequalities" Alliance'
    assert data["event_name"] == "Inequalities <Action> & Workshop"
    assert data["title"] == 'Reducing "Inequalities" Alliance: What people committed to at Inequalities <Action> & Workshop'
    page = collate_to("html", "--event", "bradford-2023")
    heading = ("Reducing &quot;Inequalities&quot; Alliance: What people committed to at Inequalities "
               "&lt;Action&gt; &amp; Workshop")
    assert f"<title>{heading}</title>" in page and f"<h1>{heading}</h1>" in page
    assert "<Action>" not in page
    markdown = collate_to("md", "--event", "bradford-2023")
    assert markdown.startswith("# Reducing \"Inequalities\" Alliance: What people committed to at Inequalities "
                               "\\<Action\\> & Workshop\n")  # inert: not an HTML tag
    assert "made at Inequalities \\<Action\\> & Workshop (bradford-2023) shared with Reducing" in markdown
    # Without --event the report is about every event: no event's name in it.
    assert json.loads(collate_to("json"))["event_name"] is None


def test_the_pdf_title_names_the_collective(tmp_path):
    from pypdf import PdfReader

    home = tmp_path / "home"
    (tmp_path / "files").mkdir()
    crowd(tmp_path / "files", 5)
    CliRunner().invoke(cli, ["--home", str(home), "event", "collective", "Reducing Inequalities Alliance"])
    out = tmp_path / "report.pdf"
    result = CliRunner().invoke(cli, ["--home", str(home), "collate", str(tmp_path / "files"), "--format", "pdf",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    assert reader.metadata.title == "Reducing Inequalities Alliance: What people committed to"
    assert "Reducing Inequalities Alliance: What people committed to" in " ".join(reader.pages[0].extract_text().split())


def test_with_event_a_store_waiting_for_a_migration_is_read_not_changed(tmp_path):
    # collate only reads this home's store for the event's name: an older store is left for the app to bring
    # up to date, byte for byte as it was, and the report still comes out (naming the event by its id).
    from myrole.paths import resolve
    from sqlite_utils import Database

    from myrole.store.migrations import migrations
    from myrole.store.versions import MIGRATION_NAMES

    home, files = tmp_path / "home", tmp_path / "files"
    files.mkdir()
    home.mkdir(mode=0o700)
    crowd(files, 5, event_id="bradford-2023")
    store = resolve(home).store
    older = Database(store)  # a store made by an older myrole: its migrations up to (not including) events
    migrations.apply(older, stop_before=list(MIGRATION_NAMES[MIGRATION_NAMES.index("m004_events"):]))
    older.close()
    before = store.read_bytes()
    result = CliRunner().invoke(cli, ["--home", str(home), "collate", str(files), "--format", "json",
                                      "--event", "bradford-2023"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"].endswith("at the event bradford-2023")
    assert store.read_bytes() == before
    # no journal, no backup made; only the list of reports made here, to compare the next with (collate/earlier.py)
    assert sorted(path.name for path in store.parent.iterdir()) == ["collations.json", store.name]


def test_a_small_number_of_commitments_left_out_by_event_is_hidden_like_any_count(tmp_path):
    crowd(tmp_path, 5, event_id="bradford-2023")
    person(tmp_path, "elsewhere.json", commitment(event_id="leeds-2024"))
    report = collate([tmp_path], event="bradford-2023")
    assert report.files.outside_event is None
    assert "Fewer than 5 commitments from other events" in render(report, "md")
    assert json.loads(render(report, "json"))["files"]["outside_event"] is None
