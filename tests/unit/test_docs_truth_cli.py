"""Tests what README.md and docs/events.md promise of `myrole event` and of the words exports use for the group
you share commitments with: no records is not an error, a question answered no changes nothing (exit 0), and no
answer stops with one sentence (exit 2), as `myrole erase` does."""

from __future__ import annotations

import pytest
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


@pytest.mark.parametrize(("answer", "status", "said"), [
    ("n\n", 0, "No new key was made.\n"),  # on standard output: nothing went wrong
    ("", 2, "myrole: No answer came, so no new key was made.\n"),  # one sentence on standard error, as erase does
], ids=["no", "no-answer"])
def test_new_key_not_answered_yes_changes_nothing_in_one_sentence(tmp_path, answer, status, said):
    paths, key = a_store(tmp_path)
    result = CliRunner().invoke(cli, ["--home", str(paths.data), "event", "new-key"], input=answer)
    assert result.exit_code == status
    assert (result.stdout if status == 0 else result.stderr).endswith(said) and "Aborted" not in result.output
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
