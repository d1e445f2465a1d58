"""Tests the command line through the installed `myrole` entry point, as a person would run it."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from myrole import __version__

MYROLE = Path(sys.executable).parent / "myrole"
TIMEOUT = 60

GOOD_PACK = (Path(__file__).parents[1] / "packs" / "team.toml").read_text(encoding="utf-8")  # a valid pack

# The built-in packs, in the order `prompts list` shows them (by file name).
BUILT_IN_IDS = ["core", "end-of-shift", "gibbs", "one-thing", "what-so-what"]


def run(*args: str, home: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed `myrole` with no terminal, so it can never sit waiting in the app."""
    environment = dict(os.environ, **(env or {}))
    if home is not None:
        environment["MYROLE_HOME"] = str(home)
    return subprocess.run([str(MYROLE), *args], capture_output=True, text=True, timeout=TIMEOUT,
                          stdin=subprocess.DEVNULL, env=environment)


def assert_one_sentence_error(result: subprocess.CompletedProcess, *phrases: str) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("myrole: ")
    for phrase in phrases:
        assert phrase in lines[0], (phrase, lines[0])


def snapshot(path: Path) -> tuple[bytes, int, int]:
    info = path.stat()
    return path.read_bytes(), info.st_mtime_ns, info.st_ino


@pytest.fixture
def demo_folder(tmp_path, prepared_stores) -> Path:
    """tmp_path/demo holding the store `myrole demo --home FOLDER --seed-only` makes (its own tests are below).

    Made once per worker, in this process, and copied: for the tests that only need a realistic store to run
    other commands on, each of which ran the demo command first, a Python start-up and a seeding each.
    """
    from myrole.demo import seed
    from myrole.paths import resolve
    from myrole.store import open_store

    def seeded(paths) -> None:
        db = open_store(paths)
        seed(db)
        db.close()

    folder = tmp_path / "demo"
    prepared_stores(resolve(folder), "myrole demo --seed-only", seeded)
    return folder


@pytest.fixture
def junk_store(myrole_home) -> Path:
    myrole_home.mkdir(parents=True)
    store = myrole_home / "myrole.db"
    store.write_text("This is my shopping list, not a database.\n")
    return store


def test_entry_point_is_installed():
    assert MYROLE.exists(), f"{MYROLE} is missing: is the project installed in this environment?"


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"myrole, version {__version__}"


def test_where_shows_the_myrole_home_paths(myrole_home):
    result = run("where")
    assert result.returncode == 0
    home = myrole_home.resolve()
    assert f"your records:           {home / 'myrole.db'}" in result.stdout
    assert f"data folder:            {home}" in result.stdout
    assert f"your question sets:     {home / 'prompts'}" in result.stdout
    assert f"backups:                {home / 'backups'}" in result.stdout
    assert f"your settings:          {home / 'settings.toml'}" in result.stdout
    assert "built-in question sets: " in result.stdout
    assert not home.exists(), "`where` must not create anything"


def test_where_with_home_option(tmp_path):
    chosen = tmp_path / "elsewhere"
    result = run("--home", str(chosen), "where")
    assert f"your records:           {chosen.resolve() / 'myrole.db'}" in result.stdout


def test_prompts_list():
    result = run("prompts", "list")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["core", "36", "questions"]
    assert "My role: the full reflection (version 2)" in lines[0]
    assert any(line.startswith("one-thing") for line in lines)
    assert result.stderr == ""


def test_prompts_list_reports_a_broken_user_pack_and_lists_the_rest(myrole_home):
    folder = myrole_home / "prompts"
    folder.mkdir(parents=True)
    (folder / "team.toml").write_text(GOOD_PACK)
    (folder / "broken.toml").write_text(GOOD_PACK.replace('"team"', '"other"').replace('"action"', '"actoin"'))
    result = run("prompts", "list")
    assert result.returncode == 0
    ids = [line.split()[0] for line in result.stdout.splitlines()]
    assert ids == BUILT_IN_IDS + ["team"]
    assert "cannot be used:" in result.stderr
    assert str(folder / "broken.toml") in result.stderr
    assert "prompt 'team-1'" in result.stderr and "unknown mode 'actoin'" in result.stderr


def test_prompts_show_a_pack():
    result = run("prompts", "show", "core")
    assert result.returncode == 0
    assert result.stdout.startswith("My role: the full reflection (core, version 2)")
    assert "Source: Structure from The King's Fund" in result.stdout
    assert result.stdout.count("[Self / Raise awareness]") == 2
    assert "self-awareness-1" in result.stdout and "future-advocacy-2" in result.stdout


def test_prompts_show_a_prompt():
    result = run("prompts", "show", "self-awareness-1")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "self-awareness-1 (question set core)"
    assert lines[1] == "Lens: Self. Mode: Notice and share (raise awareness)."
    assert lines[2].startswith("Think of a time recently")
    assert lines[3].startswith("Hint: ")
    assert lines[4].startswith("  e.g. ")


def test_prompts_show_unknown_id():
    assert_one_sentence_error(run("prompts", "show", "nope"), "no question set or question", "'nope'")


def test_prompts_validate_a_good_file(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text(GOOD_PACK)
    result = run("prompts", "validate", str(path))
    assert result.returncode == 0
    assert result.stdout.strip() == f"{path}: question set 'team' can be used; it has 1 question."


def test_prompts_validate_the_builtin_pack():
    from myrole.prompts import builtin_folder

    core = builtin_folder() / "core.toml"  # the installed one: a copy elsewhere would clash with it (below)
    result = run("prompts", "validate", str(core))
    assert result.returncode == 0
    assert "question set 'core' can be used; it has 36 questions" in result.stdout


def test_prompts_validate_refuses_an_id_that_prompts_list_and_the_app_would_refuse(myrole_home, tmp_path):
    """validate says what `prompts list` and the app will say: a pack whose id a built-in set, or a set in another
    of your files, already has cannot be used."""
    copy_of_core = tmp_path / "mine.toml"
    copy_of_core.write_text(GOOD_PACK.replace('id = "team"', 'id = "core"', 1))
    assert_one_sentence_error(run("prompts", "validate", str(copy_of_core), home=myrole_home), str(copy_of_core),
                              "pack id 'core' is already used by a built-in question set; give this one an id of its own")
    folder = myrole_home / "prompts"
    folder.mkdir(parents=True)
    (folder / "team.toml").write_text(GOOD_PACK)
    second = tmp_path / "team-again.toml"
    second.write_text(GOOD_PACK)
    assert_one_sentence_error(run("prompts", "validate", str(second), home=myrole_home),
                              f"pack id 'team' is already used by the question set in {folder / 'team.toml'}")
    for lookalike in ("Core", "CORE", "core ", "co\\u200bre"):  # TOML's escape: a zero-width space
        copy_of_core.write_text(GOOD_PACK.replace('id = "team"', f'id = "{lookalike}"', 1))
        assert_one_sentence_error(run("prompts", "validate", str(copy_of_core), home=myrole_home),
                                  "is already used by a built-in question set")
    in_use = run("prompts", "validate", str(folder / "team.toml"), home=myrole_home)  # itself is no clash
    assert in_use.returncode == 0 and "question set 'team' can be used" in in_use.stdout


def test_prompts_show_lists_every_set_that_has_a_question_id(myrole_home):
    folder = myrole_home / "prompts"
    folder.mkdir(parents=True)
    (folder / "team.toml").write_text(GOOD_PACK.replace('id = "team-1"', 'id = "self-awareness-1"', 1))
    result = run("prompts", "show", "self-awareness-1", home=myrole_home)
    assert result.returncode == 0
    assert result.stdout.startswith("2 question sets have a question 'self-awareness-1':\nself-awareness-1 "
                                    "(question set core)\n")
    assert "\n\nself-awareness-1 (question set team)\n" in result.stdout


@pytest.mark.parametrize(("broken", "prompt_id", "problem"), [
    (GOOD_PACK.replace('lens = "services"', 'lens = "servces"'), "team-1", "unknown lens 'servces'"),
    (GOOD_PACK.replace('mode = "action"', 'mode = "doing"'), "team-1", "unknown mode 'doing'"),
    (GOOD_PACK + 'colour = "red"\n', "team-1", "unknown key 'colour'"),
    (GOOD_PACK.replace('hint = "One thing."\n', ""), "team-1", "missing 'hint'"),
    (GOOD_PACK + GOOD_PACK[GOOD_PACK.index("[[prompts]]"):], "team-1", "more than once"),
    (GOOD_PACK + GOOD_PACK[GOOD_PACK.index("[[prompts]]"):].replace('id = "team-1"', 'id = "TEAM-1 "'), "TEAM-1 ",
     "more than once (ids differing only in case or spaces read the same)"),
])
def test_prompts_validate_a_bad_file(tmp_path, broken, prompt_id, problem):
    path = tmp_path / "team.toml"
    path.write_text(broken)
    result = run("prompts", "validate", str(path))
    assert_one_sentence_error(result, str(path), f"prompt '{prompt_id}'", problem)
    assert result.stdout == ""


def test_prompts_validate_not_toml_and_missing_file(tmp_path):
    garbled = tmp_path / "garbled.toml"
    garbled.write_text("[pack\n")
    assert_one_sentence_error(run("prompts", "validate", str(garbled)), str(garbled), "not valid TOML")
    missing = tmp_path / "missing.toml"
    assert_one_sentence_error(run("prompts", "validate", str(missing)), str(missing), "cannot be read")


def test_prompts_validate_never_prints_terminal_control_from_the_file(tmp_path):
    path = tmp_path / "sneaky.toml"
    path.write_text(GOOD_PACK.replace('id = "team-1"', 'id = "team-1\\u001b[2J"')
                    .replace('lens = "services"', 'lens = "nope"'))
    result = run("prompts", "validate", str(path))
    assert_one_sentence_error(result, "unknown lens 'nope'", "\\x1b[2J")
    assert "\x1b" not in result.stderr


def test_reflect_with_an_unknown_pack_is_refused(myrole_home):
    assert_one_sentence_error(run("reflect", "--pack", "nope"), "no question set called 'nope'")
    assert not (myrole_home / "myrole.db").exists()


# -- demo -----------------------------------------------------------------------------------


def test_demo_seed_only_makes_a_realistic_store(tmp_path, myrole_home):
    folder = tmp_path / "demo"
    result = run("demo", "--home", str(folder), "--seed-only")
    assert result.returncode == 0, result.stderr
    store = folder.resolve() / "myrole.db"
    assert f"Demo records: {store}" in result.stdout
    assert not (myrole_home / "myrole.db").exists(), "demo touched the real store"
    conn = sqlite3.connect(store)
    try:
        finished = conn.execute("SELECT id FROM reflections WHERE finished_at IS NOT NULL").fetchall()
        assert len(finished) >= 1
        visibilities = {row[0] for row in conn.execute("SELECT visibility FROM answers WHERE text != ''")}
        assert "private" in visibilities and visibilities & {"manager", "alliance"}
        lenses = {row[0] for row in conn.execute("SELECT lens FROM commitments WHERE status = 'active'")}
        assert len(lenses) >= 3
        assert conn.execute("SELECT count(*) FROM commitments").fetchone()[0] >= 3
    finally:
        conn.close()
    due = run("--home", str(folder), "due")
    assert due.returncode == 0
    assert any("overdue" in line for line in due.stdout.splitlines())
    # Its workshop names the collective, and the demo takes it as `myrole event add` would.
    assert 'collective_name = "Reducing Inequalities Alliance"' in (folder / "settings.toml").read_text(encoding="utf-8")


def test_demo_without_home_never_touches_the_real_store(tmp_path, myrole_home):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = run("demo", "--seed-only", env={"TMPDIR": str(temporary)})
    assert result.returncode == 0, result.stderr
    [made] = list(temporary.iterdir())
    assert (made / "myrole.db").exists()
    assert not myrole_home.exists()


def test_demo_refuses_a_folder_that_already_holds_a_store(tmp_path):
    folder = tmp_path / "demo"
    assert run("demo", "--home", str(folder), "--seed-only").returncode == 0
    store = folder / "myrole.db"
    before = snapshot(store)
    result = run("demo", "--home", str(folder), "--seed-only")
    assert_one_sentence_error(result, "already holds myrole records")
    assert snapshot(store) == before


# -- due ---------------------------------------------------------------------------------------


def test_due_with_no_store_prints_nothing(myrole_home):
    result = run("due")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert not myrole_home.exists()


def test_due_on_the_demo_store(demo_folder):
    folder = demo_folder
    for args in (("--home", str(folder), "due"), (f"--home={folder}", "due")):
        result = run(*args)
        assert result.returncode == 0
        lines = result.stdout.splitlines()
        assert lines, "the demo store has overdue check-ins"
        checkins = [line for line in lines if line.startswith("Check in: ")]
        # The demo's next one-to-one is in three days, close enough to be nudged about.
        assert lines == checkins + [f"One-to-one with Alex Morgan on {date.today() + timedelta(days=3)} (in 3 days)"]
        assert "Check in: Offer an interpreter to every new patient (due " in result.stdout
        today = date.today().isoformat()
        assert all(line.split("(due ")[1][:10] <= today for line in checkins)


def test_due_through_click_matches_the_fast_path(demo_folder):
    folder = demo_folder
    fast = run("due", home=folder)
    slow = run("due", "--help")
    assert slow.returncode == 0 and "Print due and overdue check-ins" in slow.stdout
    via_python = subprocess.run([sys.executable, "-c", "from myrole.cli import cli; cli(['due'])"],
                                capture_output=True, text=True, timeout=TIMEOUT,
                                env=dict(os.environ, MYROLE_HOME=str(folder)))
    assert via_python.returncode == 0
    assert via_python.stdout == fast.stdout


def test_due_on_a_store_that_is_not_sqlite(junk_store):
    before = snapshot(junk_store)
    result = run("due")
    assert_one_sentence_error(result, str(junk_store), "could not be read")
    assert result.stdout == ""
    assert snapshot(junk_store) == before


def test_the_app_refuses_a_store_that_is_not_sqlite_without_opening(junk_store):
    before = snapshot(junk_store)
    result = run()
    assert_one_sentence_error(result, str(junk_store), "not an SQLite database")
    assert result.stdout == ""
    assert snapshot(junk_store) == before
    assert sorted(p.name for p in junk_store.parent.iterdir()) == ["myrole.db"]


def test_the_app_refuses_a_store_from_a_newer_version(myrole_home):
    from myrole.paths import resolve
    from myrole.store import open_store

    open_store(resolve()).close()
    store = myrole_home / "myrole.db"
    conn = sqlite3.connect(store)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('myrole', 'm999_future', '2030-01-01')")
    conn.commit()
    conn.close()
    before = snapshot(store)
    for args in ((), ("reflect",)):
        result = run(*args)
        assert_one_sentence_error(result, "newer version of myrole")
    assert snapshot(store) == before


def test_the_app_refuses_a_home_that_is_a_file(tmp_path):
    home = tmp_path / "not-a-folder"
    home.write_text("a note that happens to share the name\n")
    result = run(home=home)
    assert_one_sentence_error(result, str(home), "is a file, not a folder")
    assert home.read_text() == "a note that happens to share the name\n"


# -- a reader that leaves early, a newer store, hostile packs ----------------------------------


def run_into_a_closed_pipe(*args: str, home: Path) -> subprocess.CompletedProcess:
    """`myrole ARGS | head -1` at its worst: the reader has gone before the first byte is written."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run([str(MYROLE), *args], stdout=writer, stderr=subprocess.PIPE, text=True,
                              timeout=TIMEOUT, stdin=subprocess.DEVNULL, env=dict(os.environ, MYROLE_HOME=str(home)))
    finally:
        os.close(writer)


@pytest.mark.parametrize("args", [
    ("due",), ("export",), ("export", "--format", "json"), ("export", "--format", "html"), ("calendar",),
    ("prompts", "list"), ("prompts", "show", "core"), ("where",),
], ids=" ".join)
def test_a_reader_that_leaves_early_ends_the_command_quietly(demo_folder, args):
    result = run_into_a_closed_pipe(*args, home=demo_folder)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr


def test_due_on_a_store_from_a_newer_version_says_so_in_one_line(demo_folder):
    folder = demo_folder
    before = run("due", home=folder).stdout
    conn = sqlite3.connect(folder / "myrole.db")
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('myrole', 'm999_future', '2030-01-01')")
    conn.commit()
    conn.close()
    store = folder / "myrole.db"
    unchanged = snapshot(store)
    result = run("due", home=folder)
    assert result.returncode == 0
    assert result.stdout == before and before.startswith("Check in: "), "what can be read is still listed"
    assert result.stderr.splitlines() == [
        f"myrole: the store {store.resolve()} was written by a newer version of myrole, so these check-ins "
        "may be incomplete; please upgrade myrole."]
    assert snapshot(store) == unchanged


def test_prompts_list_names_each_hostile_pack_once_and_lists_the_good_ones(myrole_home):
    from hostile_packs import CANARY, write_hostile_packs

    expected = write_hostile_packs(myrole_home / "prompts")
    result = run("prompts", "list")
    assert result.returncode == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == BUILT_IN_IDS + ["team"]
    lines = result.stderr.splitlines()
    assert len(lines) == len(expected)
    for name, phrase in expected.items():
        [line] = [line for line in lines if line.startswith(f"cannot be used: {myrole_home.resolve() / 'prompts' / name}: ")]
        assert phrase in line
    assert CANARY not in result.stderr and "Traceback" not in result.stderr


def test_prompts_validate_a_pack_nested_fifty_thousand_deep(tmp_path):
    from hostile_packs import nested_too_deeply

    phrase = nested_too_deeply(tmp_path)
    path = tmp_path / "deep.toml"
    assert_one_sentence_error(run("prompts", "validate", str(path)), str(path), phrase)


@pytest.mark.parametrize(("args", "phrase"), [
    (("export", "--format", "docx"), "'docx' is not one of 'md', 'html', 'json', 'pdf'; see 'myrole export --help'."),
    (("no-such-command",), "No such command 'no-such-command'; see 'myrole --help'."),
    (("export", "--bogus"), "No such option '--bogus'"),
    (("restore",), "Missing argument 'FILE'; see 'myrole restore --help'."),
    (("search", "-interpreter"), "No such option '-i'; to give a word or file name that starts with '-', put -- "
                                 "before it; see 'myrole search --help'."),
])
def test_a_usage_mistake_is_one_sentence_not_four_lines_of_usage(tmp_path, args, phrase):
    result = run(*args, home=tmp_path / "home")
    assert_one_sentence_error(result, phrase)
    assert not (tmp_path / "home").exists()


def test_a_group_named_alone_still_shows_its_help(tmp_path):
    result = run("prompts", home=tmp_path)  # click shows the group's help (on stderr, exit 2)
    shown = result.stdout + result.stderr
    assert "Commands:" in shown and "validate" in shown and "Traceback" not in shown


def test_validating_a_missing_pack_is_a_sentence(tmp_path):
    result = run("prompts", "validate", str(tmp_path / "nope.toml"))
    assert_one_sentence_error(result, f"The prompt pack {tmp_path / 'nope.toml'} cannot be read (it does not exist).")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize("command", [("export", "--force", "-o"), ("calendar", "-o"), ("backup", "--force")])
def test_force_never_replaces_a_pipe_or_a_device(myrole_home, tmp_path, command):
    from myrole.paths import resolve
    from myrole.store import open_store

    open_store(resolve(myrole_home)).close()
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = run(*command, str(pipe), home=myrole_home)
    assert_one_sentence_error(result, "is not a regular file")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_prompts_list_and_validate_show_a_packs_id_version_and_file_name_inert(myrole_home, tmp_path):
    """A pack's id and version (and the file's own name) may hold terminal controls: they are shown, never obeyed."""
    folder = myrole_home / "prompts"
    folder.mkdir(parents=True)
    pack = (GOOD_PACK.replace('id = "team"', 'id = "team\\u001b]0;PWN\\u0007"', 1)  # TOML's escapes
            .replace('version = "2"', 'version = "2\\u001b[2J"', 1))
    hostile_name = folder / "team\x1b[31m.toml"
    hostile_name.write_text(pack, encoding="utf-8")

    listed = run("prompts", "list")
    validated = run("prompts", "validate", str(hostile_name))

    for result in (listed, validated):
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    [line] = [line for line in listed.stdout.splitlines() if line.startswith("team")]
    assert line.startswith("team\\x1b]0;PWN\\x07") and "(version 2\\x1b[2J)" in line
    assert "team\\x1b[31m.toml" in validated.stdout


def test_prompts_list_counts_one_question_as_one(myrole_home):
    folder = myrole_home / "prompts"
    folder.mkdir(parents=True)
    first_prompt_only = GOOD_PACK.split("[[prompts]]")[0] + "[[prompts]]" + GOOD_PACK.split("[[prompts]]")[1]
    (folder / "single.toml").write_text(first_prompt_only, encoding="utf-8")
    [line] = [line for line in run("prompts", "list").stdout.splitlines() if line.startswith("team")]
    assert line.split()[1:3] == ["1", "question"]


def test_ctrl_c_stops_a_command_with_one_sentence_and_the_interrupt_status(myrole_home, monkeypatch, capsys):
    """Ctrl+C in the middle of a command: one sentence (not click's "Aborted!"), exit status 130 as shells expect."""
    from myrole.cli import cli
    from myrole.paths import resolve
    from myrole.store import open_store

    open_store(resolve(myrole_home)).close()

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("myrole.calendar_export.build_calendar", interrupted)
    with pytest.raises(SystemExit) as stopped:
        cli.main(args=["--home", str(myrole_home), "calendar"], prog_name="myrole")
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "myrole: Stopped by Ctrl+C before it finished.\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="/dev/full is Linux's")
@pytest.mark.parametrize("args", [("due",), ("prompts", "list")])
def test_output_that_cannot_be_written_is_one_sentence(myrole_home, args):
    """`myrole due` runs from shell start-up files: a full disk under its output is a sentence, not a traceback."""
    from myrole.demo import seed
    from myrole.paths import resolve
    from myrole.store import open_store

    db = open_store(resolve(myrole_home))
    seed(db)  # check-ins due, so `due` has something to print
    db.close()
    with open("/dev/full", "w") as full:
        result = subprocess.run([str(MYROLE), *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=TIMEOUT,
                                stdin=subprocess.DEVNULL, env=dict(os.environ, MYROLE_HOME=str(myrole_home)))
    assert "Traceback" not in result.stderr
    assert result.returncode == 2 and "the disk is full" in result.stderr, result.stderr


@pytest.mark.skipif(os.name != "posix", reason="closing a child's standard output is done with POSIX file descriptors")
@pytest.mark.parametrize("args", [("due",), ("prompts", "list")])
def test_a_command_started_with_its_output_closed_ends_quietly(myrole_home, args):
    result = subprocess.run([str(MYROLE), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            timeout=TIMEOUT, stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(1),
                            env=dict(os.environ, MYROLE_HOME=str(myrole_home)))
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize("args", [("calendar",), ("export",)], ids=" ".join)  # both say no moment: outputs compare
def test_an_output_of_dash_is_standard_output_not_a_file_called_dash(demo_folder, tmp_path, args):
    to_file = run(*args, "-o", "-", home=demo_folder)
    plain = run(*args, home=demo_folder)
    assert to_file.returncode == 0 and to_file.stdout == plain.stdout != ""
    assert not (Path.cwd() / "-").exists()


# -- ending without Python's teardown after a document is written --------------------------------------------

WATCHED = ("import atexit, sys; atexit.register(lambda: print('teardown ran', file=sys.stderr)); "
           "from myrole.entry import main; main()")


def run_watched(*args: str, home: Path) -> subprocess.CompletedProcess:
    """myrole as its own process, with an atexit handler that says whether Python's teardown ran."""
    return subprocess.run([sys.executable, "-c", WATCHED, *args], capture_output=True, text=True, timeout=TIMEOUT,
                          stdin=subprocess.DEVNULL, env=dict(os.environ, MYROLE_HOME=str(home)))


def test_a_written_export_or_document_ends_at_once_with_everything_said_and_the_file_whole(demo_folder, tmp_path):
    target = tmp_path / "summary.md"
    result = run_watched("--home", str(demo_folder), "export", "--audience", "manager", "-o", str(target), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "teardown ran" not in result.stderr and "Wrote the line manager's summary" in result.stderr
    assert target.read_text(encoding="utf-8").rstrip().splitlines()[-1].startswith("Made with myrole.")  # whole
    printed = run_watched("export", "--format", "json", home=demo_folder)
    assert printed.returncode == 0 and "teardown ran" not in printed.stderr
    assert json.loads(printed.stdout)["format"] == "myrole-export"  # everything printed reached the reader
    document = run_watched("revalidation", "nmc", "-o", str(tmp_path / "nmc.md"), home=demo_folder)
    assert document.returncode == 0 and "teardown ran" not in document.stderr
    assert (tmp_path / "nmc.md").read_text(encoding="utf-8").startswith("# NMC revalidation")


def test_a_refused_export_and_other_commands_end_as_python_ends(demo_folder, tmp_path):
    refused = run_watched("export", "-o", str(tmp_path / "no-such-folder" / "x.md"), home=demo_folder)
    assert refused.returncode == 2 and "teardown ran" in refused.stderr
    listed = run_watched("prompts", "list", home=demo_folder)
    assert listed.returncode == 0 and "teardown ran" in listed.stderr


def test_making_an_account_writes_the_store_and_ends_as_python_ends_with_the_store_closed(demo_folder, tmp_path):
    listed = run_watched("revalidation", "account", home=demo_folder)
    reflection_id = next(line.split()[0] for line in listed.stdout.splitlines() if "no account yet" in line)
    made = run_watched("revalidation", "account", reflection_id, home=demo_folder)
    assert made.returncode == 0 and "Made an account" in made.stdout and "teardown ran" in made.stderr
    assert not (demo_folder / "myrole.db-wal").exists()  # the store closed, its journal folded back
