"""Tests what README.md and docs/events.md promise of `myrole event` and of the words exports use for the group
you share commitments with: no records is not an error, a question answered no changes nothing (exit 0), and no
answer stops with one sentence (exit 2), as `myrole erase` does."""

from __future__ import annotations

from click.testing import CliRunner

from myrole.cli import cli
from myrole.model import Commitment, Lens, Mode, Visibility
from myrole.paths import resolve
from myrole.store import open_store
from myrole.store.commitments import create_commitment
from myrole.store.events import submitter_key


def test_event_list_with_no_records_yet_says_so_and_exits_0(tmp_path):
    result = CliRunner().invoke(cli, ["--home", str(tmp_path / "home"), "event", "list"])
    assert result.exit_code == 0
    assert result.stdout == "No events kept yet; add an organiser's event file with `myrole event add FILE`.\n"
    assert result.stderr == "" and not (tmp_path / "home" / "myrole.db").exists()  # a reading command makes nothing


def a_store(tmp_path):
    paths = resolve(tmp_path / "home")
    db = open_store(paths)
    key = submitter_key(db)
    db.close()
    return paths, key


def test_new_key_answered_no_says_nothing_changed_and_exits_0(tmp_path):
    paths, key = a_store(tmp_path)
    result = CliRunner().invoke(cli, ["--home", str(paths.data), "event", "new-key"], input="n\n")
    assert result.exit_code == 0
    assert result.stdout == "No new key was made.\n" and "Aborted" not in result.output
    db = open_store(paths)
    assert submitter_key(db) == key
    db.close()


def test_new_key_with_no_answer_stops_with_one_sentence_and_exit_2(tmp_path):
    paths, key = a_store(tmp_path)
    result = CliRunner().invoke(cli, ["--home", str(paths.data), "event", "new-key"], input="")
    assert result.exit_code == 2
    assert result.stderr.endswith("myrole: No answer came, so no new key was made.\n")
    assert "Aborted" not in result.output
    db = open_store(paths)
    assert submitter_key(db) == key
    db.close()


def test_new_key_answered_yes_makes_one(tmp_path):
    paths, key = a_store(tmp_path)
    result = CliRunner().invoke(cli, ["--home", str(paths.data), "event", "new-key"], input="y\n")
    assert result.exit_code == 0 and "Made a new submitter key" in result.stdout
    db = open_store(paths)
    assert submitter_key(db) != key
    db.close()


def test_your_own_export_never_calls_the_group_the_alliance(tmp_path):
    paths = resolve(tmp_path / "home")
    db = open_store(paths)
    create_commitment(db, Commitment(id="", title="Ask about bus fares", lens=Lens.SYSTEMS, mode=Mode.ADVOCACY,
                                     visibility=Visibility.ALLIANCE))
    db.close()
    runner = CliRunner()
    for name in (None, "Reducing Inequalities Group"):
        if name:
            assert runner.invoke(cli, ["--home", str(paths.data), "event", "collective", name]).exit_code == 0
        for fmt in ("md", "html"):
            result = runner.invoke(cli, ["--home", str(paths.data), "export", "--format", fmt])
            assert result.exit_code == 0, result.output
            assert "the Alliance" not in result.stdout
            assert "my line manager and the group I share commitments with" in result.stdout


def test_export_help_does_not_name_a_group_called_the_alliance():
    result = CliRunner().invoke(cli, ["export", "--help"])
    assert result.exit_code == 0 and "the Alliance" not in result.output
    assert "the group you share commitments with" in " ".join(result.output.split())
