"""Tests plain mode from the command line: `myrole --plain reflect` fed by a pipe, `myrole` alone with
TERM=dumb or ACCESSIBLE=1 (never Textual or Rich, nor, for `myrole` alone, the click command line), and its refusals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from myrole.paths import resolve
from myrole.plain.menu import CHOICES
from myrole.store import open_store
from myrole.store.profile import get_profile
from myrole.store.reflections import get_answers, list_reflections

QUIT = str(len(CHOICES))  # the plain menu's last choice
MYROLE = [sys.executable, "-c", "from myrole.entry import main; main()"]


def myrole(args: list[str], stdin: str, home, **env: str):
    environ = {k: v for k, v in os.environ.items() if k not in ("TERM", "ACCESSIBLE")}
    return subprocess.run([*MYROLE, *args], input=stdin, capture_output=True, text=True, timeout=60,
                          env={**environ, "MYROLE_HOME": str(home), "TERM": "xterm", **env})


def stored(home):
    db = open_store(resolve(home))
    try:
        reflection, _ = list_reflections(db)[0]
        return db, reflection, get_answers(db, reflection.id)
    except Exception:
        db.close()
        raise


def test_piped_reflection_saves_each_answer_and_ends_with_status_0(tmp_path):
    home = tmp_path / "home"
    result = myrole(["--plain", "reflect", "--pack", "one-thing", "--context", "event", "--topic", "Oral health"],
                    "\nFirst answer\n.\n2\n3\nThird answer,\nstill third\n", home)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    # One thing: Enter keeps the first lens; after its answer, "another lens's question" (2), the third lens.
    assert "The lens you chose, Self; Notice and share (raise awareness). Back chooses another lens." in result.stdout
    assert result.stdout.rstrip().endswith("The input ended; everything you typed is saved.")
    db, reflection, answers = stored(home)
    try:
        assert (reflection.context.value, reflection.topic, reflection.finished_at) == ("event", "Oral health", None)
        assert [a.text for a in answers] == ["First answer", "Third answer,\nstill third"]
        assert get_profile(db).onboarded is False  # a scripted reflection asks nothing else
    finally:
        db.close()


def test_myrole_alone_with_term_dumb_opens_plain_mode_without_textual_rich_or_click(tmp_path):
    code = textwrap.dedent("""
        import json, sys
        from myrole.entry import main
        try:
            main([])
        except SystemExit as stop:
            status = stop.code
        loaded = sorted({name.split(".")[0] for name in sys.modules} | {n for n in sys.modules if n.startswith("myrole.")})
        print("MODULES=" + json.dumps(loaded), file=sys.stderr)
        sys.exit(status)
    """)
    home = tmp_path / "home"
    environ = {k: v for k, v in os.environ.items() if k != "ACCESSIBLE"}
    result = subprocess.run([sys.executable, "-c", code], input=f"Sam\n\n\n\n\n1\n2\n\nAn answer\n.\nquit\n{QUIT}\n",
                            capture_output=True, text=True, timeout=60,
                            env={**environ, "MYROLE_HOME": str(home), "TERM": "dumb"})
    assert result.returncode == 0, result.stderr
    assert "Goodbye; everything is saved." in result.stdout
    loaded = set(json.loads(result.stderr.split("MODULES=")[1]))
    assert "myrole" in loaded
    for heavy in ("textual", "rich", "myrole.cli", "myrole.ui"):
        assert heavy not in loaded, heavy
    # click itself comes in with sqlite-utils, which the store's functions take until they move to sqlite3.
    db, _, answers = stored(home)
    try:
        assert get_profile(db).name == "Sam"
        assert [a.text for a in answers] == ["An answer"]
    finally:
        db.close()


def test_accessible_and_the_plain_flag_choose_plain_mode_and_no_plain_overrides(tmp_path):
    home = tmp_path / "home"
    assert "in plain mode" in myrole([], f"\n\n\n\n{QUIT}\n", home, ACCESSIBLE="1").stdout
    assert "in plain mode" in myrole(["--plain"], f"{QUIT}\n", home).stdout
    assert "in plain mode" in myrole(["--home", str(home), "--plain"], f"{QUIT}\n", home).stdout
    refused = myrole(["--no-plain", "reflect", "--context", "event"], "", home, TERM="dumb")
    assert refused.returncode == 2
    assert refused.stderr.startswith("myrole: --context and --topic work in plain mode only")


@pytest.mark.parametrize("args", [[], ["--home", "{home}"], ["--home", "{home}", "reflect"]], ids=repr)
def test_with_no_terminal_myrole_runs_plain_mode_and_ends_at_the_end_of_input(tmp_path, args):
    # Standard input and output are pipes here (TERM=xterm, no ACCESSIBLE): the app would never see a key.
    home = tmp_path / "home"
    to_reflect = ["\n\n\n\n\n1\n"] if "reflect" not in args else []
    result = myrole([a.format(home=home) for a in args], "".join([*to_reflect, "1\n2\n\nAn answer\n.\n"]), home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Which set of questions?" if to_reflect == [] else "myrole in plain mode")
    assert "\x1b" not in result.stdout
    assert result.stdout.endswith("The input ended; everything you typed is saved.\n")
    db, _, answers = stored(home)
    try:
        assert [a.text for a in answers] == ["An answer"]
    finally:
        db.close()


@pytest.mark.parametrize("args", [["--no-plain"], ["--home", "{home}", "--no-plain"]], ids=repr)
def test_the_app_asked_for_with_no_terminal_is_refused_in_one_sentence(tmp_path, args):
    home = tmp_path / "home"
    result = myrole([a.format(home=home) for a in args], "", home)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("myrole: The app needs a terminal, and standard input or output is not one; "
                             "use myrole --plain to answer line by line from a pipe or a file.\n")


def test_plain_reflect_refuses_an_unknown_pack_and_a_topic_without_an_event(tmp_path):
    home = tmp_path / "home"
    unknown = myrole(["--plain", "reflect", "--pack", "nope"], "", home)
    assert unknown.returncode == 2
    assert "There is no question set called 'nope'" in unknown.stderr
    lonely = myrole(["--plain", "reflect", "--pack", "core", "--topic", "x"], "", home)
    assert lonely.returncode == 2
    assert lonely.stderr.strip() == "myrole: --topic goes with --context event (the event's topic)."
    assert not (home / "myrole.db").exists()


def test_plain_mode_on_a_damaged_store_says_one_sentence_and_exits_2(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "myrole.db").write_bytes(b"not a database at all" * 100)
    result = myrole(["--plain"], f"{QUIT}\n", home)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("myrole: ") and len(result.stderr.strip().splitlines()) == 1
