"""Tests event files (every problem with its line), `myrole event`, and the alliance export version 2."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from myrole.cli import cli
from myrole.events import EventFileError, parse_event_text, read_event_file
from myrole.export import render, summary
from myrole.export.importer import ImportRefused, load_export, schema
from myrole.model import CheckIn, Commitment, Context, Lens, Mode, Visibility
from myrole.paths import resolve
from myrole.privacy import Audience
from myrole.prompts import load_catalogue
from myrole.store import open_store
from myrole.store.checkins import add_checkin
from myrole.store.commitments import create_commitment, get_commitment
from myrole.store.events import add_event, list_events, submitter_key
from myrole.store.reflections import start_reflection

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "bradford-workshop.toml"
KEY = re.compile(r"[0-9a-f]{32}")


def test_the_worked_example_is_a_good_event_file():
    event = read_event_file(EXAMPLE)
    assert event.name == "Inequalities Action Workshop" and event.held_on == date(2023, 6, 27)
    assert event.collective == "Reducing Inequalities Alliance" and len(event.topics) == 30


BAD = '''stray = 1
[event]
id = "has space"
name = ""
date = "2023-02-30"
colour = "blue"

[[topics]]
id = "a"
title = "A"

[[topics]]
id = "a"
title = "two\\nlines"
extra = 1
'''


def test_every_problem_is_listed_with_its_line():
    with pytest.raises(EventFileError) as caught:
        parse_event_text(BAD)
    lines = [(p.line, p.sentence.split(" ")[0]) for p in caught.value.problems]
    assert [line for line, _ in lines] == [1, 3, 4, 5, 6, 13, 14, 15]
    assert "8 problems" in str(caught.value)


@pytest.mark.parametrize(("text", "line"), [
    ("[event]\nid = \"x\"\nname = \"n\"\ndate = 2023-02-30\n", 4),  # TOML's own error keeps its line
    ("[event]\nid = \"x\"\nname = \"n\"\n", 1),  # missing date: the table's line
])
def test_a_broken_or_incomplete_file_names_the_line(text, line):
    with pytest.raises(EventFileError) as caught:
        parse_event_text(text)
    assert caught.value.problems[0].line == line


def test_more_than_a_hundred_topics_is_refused():
    topics = "".join(f'\n[[topics]]\nid = "t{n}"\ntitle = "Topic {n}"\n' for n in range(101))
    with pytest.raises(EventFileError) as caught:
        parse_event_text(f'[event]\nid = "x"\nname = "n"\ndate = 2023-06-27\n{topics}')
    assert "101 topics" in str(caught.value.problems[0])


def test_a_file_that_is_not_utf8_or_too_large_is_refused(tmp_path):
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'[event]\nid = "x"\nname = "caf\xe9"\ndate = 2023-06-27\n')
    with pytest.raises(EventFileError) as caught:
        read_event_file(latin)
    assert caught.value.problems[0].line == 3 and "UTF-8" in str(caught.value.problems[0])
    large = tmp_path / "large.toml"
    large.write_bytes(b"#" * 300_000)
    with pytest.raises(EventFileError, match="not a usable"):
        read_event_file(large)


def test_event_add_lists_every_problem_exits_2_and_keeps_nothing(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--home", str(tmp_path / "home"), "event", "add", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.count(".toml: line ") == 8 and "Nothing was kept" in result.stderr
    assert "two\nlines" not in result.stderr


def test_event_add_keeps_the_event_and_names_the_collective(tmp_path):
    home = str(tmp_path / "home")
    runner = CliRunner()
    added = runner.invoke(cli, ["--home", home, "event", "add", str(EXAMPLE)])
    assert added.exit_code == 0, added.output
    assert "added (30 topics)" in added.output
    again = runner.invoke(cli, ["--home", home, "event", "add", str(EXAMPLE)])
    assert "unchanged" in again.output
    listed = runner.invoke(cli, ["--home", home, "event", "list"])
    assert "oral-health: Children's oral health" in listed.output
    assert "Reducing Inequalities Alliance" in runner.invoke(cli, ["--home", home, "event", "collective"]).output
    runner.invoke(cli, ["--home", home, "event", "collective", "--clear"])
    assert "your organisation's inequalities group" in runner.invoke(cli, ["--home", home, "event", "collective"]).output


@pytest.fixture
def at_event(tmp_path):
    db = open_store(resolve(tmp_path / "home"))
    event = add_event(db, read_event_file(EXAMPLE)).event
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.EVENT, "", event_id=event.id, topic_id="transport")
    shared = create_commitment(db, Commitment(
        id="", title="Ask about bus fares", lens=Lens.SYSTEMS, mode=Mode.ADVOCACY, visibility=Visibility.ALLIANCE,
        reflection_id=reflection.id, target_date=date(2027, 5, 31), tags=("transport",)))
    add_checkin(db, shared, CheckIn("", shared.id, "", date(2026, 11, 2), 1, note="PRIVATE-NOTE-1", confidence=3,
                                    visibility=Visibility.PRIVATE))
    add_checkin(db, get_commitment(db, shared.id), CheckIn("", shared.id, "", date(2026, 12, 3), 3,
                                                           note="PRIVATE-NOTE-2", visibility=Visibility.PRIVATE))
    yield db, get_commitment(db, shared.id)
    db.close()


def test_a_commitment_made_at_an_event_carries_its_event_and_topic(at_event):
    db, shared = at_event
    assert (shared.event_id, shared.topic_id) == ("bdc-inequalities-workshop-2023", "transport")
    assert KEY.fullmatch(shared.share_key) and shared.share_key != shared.id


def test_alliance_export_version_2_has_exactly_the_agreed_shape(at_event):
    db, shared = at_event
    # Only check-ins shared with the group count, even as numbers: the two private ones (the newest, progress 3,
    # among them) are in no alliance file, not as a count, not as a month.
    add_checkin(db, shared, CheckIn("", shared.id, "", date(2026, 12, 1), 2, visibility=Visibility.ALLIANCE))
    text = render(summary(db, Audience.ALLIANCE, collective="Reducing Inequalities Alliance"), "json")
    data = json.loads(text)
    assert list(data) == ["format", "format_version", "audience", "exported_at", "since", "submitter",
                          "collective", "commitments"]
    assert data["format_version"] == 2 and data["submitter"] == submitter_key(db) and KEY.fullmatch(data["submitter"])
    assert data["collective"] == "Reducing Inequalities Alliance"
    [item] = data["commitments"]
    assert item == {"key": shared.share_key, "event_id": "bdc-inequalities-workshop-2023",
                    "event_name": "Inequalities Action Workshop", "topic_id": "transport",
                    "topic": "Transport and the cost of getting to appointments", "lens": "systems",
                    "mode": "advocacy", "title": "Ask about bus fares", "tags": ["transport"], "status": "active",
                    "target_month": "2027-05", "target_quarter": "2027-Q2", "progress": 2, "checkins": 1,
                    "last_checkin_month": "2026-12"}
    assert "PRIVATE-NOTE" not in text and shared.id not in text
    assert list(Draft202012Validator(schema()).iter_errors(data)) == []


def test_no_collective_set_says_plain_words_and_null(at_event):
    db, _ = at_event
    document = summary(db, Audience.ALLIANCE)
    assert json.loads(render(document, "json"))["collective"] is None
    assert "your organisation's inequalities group" in render(document, "md")
    assert "Alliance" not in render(document, "md").split("---")[0]


def test_a_new_submitter_key_is_made_for_later_files(tmp_path, at_event):
    db, _ = at_event
    before = submitter_key(db)
    result = CliRunner().invoke(cli, ["--home", str(tmp_path / "home"), "event", "new-key", "--yes"])
    assert result.exit_code == 0, result.output
    assert KEY.fullmatch(submitter_key(db)) and submitter_key(db) != before


def test_import_refuses_an_alliance_file_by_name(tmp_path, at_event):
    db, _ = at_event
    file = tmp_path / "alliance.json"
    file.write_text(render(summary(db, Audience.ALLIANCE), "json"), encoding="utf-8")
    with pytest.raises(ImportRefused, match="export for someone else"):
        load_export(file)


def test_a_me_export_carries_kept_events_and_round_trips(tmp_path, at_event):
    db, shared = at_event
    data = json.loads(render(summary(db, Audience.ME), "json"))
    assert data["events"][0]["id"] == "bdc-inequalities-workshop-2023" and len(data["events"][0]["topics"]) == 30
    manager = render(summary(db, Audience.MANAGER), "json")
    assert shared.share_key not in manager, "a manager never gets the key that would match an alliance file"
    file = tmp_path / "me.json"
    file.write_text(render(summary(db, Audience.ME), "json"), encoding="utf-8")
    from myrole.export.importer import import_file

    copy = open_store(resolve(tmp_path / "copy"))
    import_file(copy, file)
    assert [e.id for e in list_events(copy)] == ["bdc-inequalities-workshop-2023"]
    assert get_commitment(copy, shared.id).topic_id == "transport"
    copy.close()


HOSTILE_NAME = "[bold red]Alli[/] \x1b[31mX\u202e"


def test_a_collective_name_with_control_characters_is_refused_everywhere_it_can_be_set(tmp_path):
    home = tmp_path / "h"
    result = CliRunner().invoke(cli, ["--home", str(home), "event", "collective", HOSTILE_NAME])
    assert result.exit_code == 2 and "control character" in result.stderr
    assert not (home / "settings.toml").exists()
    from myrole.settings import load_settings, settings_file

    home.mkdir(exist_ok=True)
    import tomli_w

    settings_file(home).write_text(tomli_w.dumps({"collective_name": HOSTILE_NAME}), encoding="utf-8")
    loaded = load_settings(home)
    assert loaded.settings.collective_name == "" and "control character" in loaded.problems[0]
    with pytest.raises(EventFileError) as refused:
        parse_event_text('[event]\nid = "e1"\nname = "x\\u001b[31m"\ndate = 2026-06-27\n', "event.toml")
    assert any("control character" in str(problem) for problem in refused.value.problems)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_collective_name_in_an_alliance_title_is_inert_even_if_it_got_past_the_checks(db, fmt):
    document = summary(db, Audience.ALLIANCE, collective=HOSTILE_NAME)
    text = render(document, fmt)
    assert "\x1b" not in text and "\u202e" not in text
    if fmt == "md":
        assert "[bold red]" not in text.splitlines()[0] or "\\[bold red\\]" in text.splitlines()[0]
