"""Every command meets the operating system with one sentence: exit status 2, `myrole: ...` on stderr, nothing changed.

The conditions are real, not simulated: a home that is a file, a home or file with no
permission (mode 000; as root the child process gives up the capability that overrides file
modes, as a normal user is refused), a read-only home (a read-only bind mount), a missing
folder, a folder where a file is wanted, and a file that cannot be replaced (`chattr +i`).
Each command runs in its own process through the installed entry point, so the fast paths
in entry.py (`myrole` alone, `myrole due`) are tried as well as click.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .disks import read_only_view
from .helpers import REPO, folder_bytes
from .stores import used_store

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2

GOOD_PACK = (Path(__file__).parents[1] / "packs" / "team.toml").read_text(encoding="utf-8")  # a valid pack


def _obey_file_modes() -> None:
    """In the child, before it starts: as root, give up overriding file modes, so mode 000 refuses as it would a user."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


@pytest.fixture(scope="module")
def can_obey_file_modes() -> None:
    if sys.platform != "linux":
        pytest.skip("file modes are simulated for root through Linux capabilities")
    probe = subprocess.run(["true"], preexec_fn=_obey_file_modes, capture_output=True)
    if probe.returncode != 0:
        pytest.skip("root here cannot give up CAP_DAC_OVERRIDE, so no file can be refused to it")


def myrole(*args: str | Path, home: Path) -> subprocess.CompletedProcess:
    """`myrole ARGS` as a person would run it, with MYROLE_HOME=home, obeying file modes even as root."""
    return subprocess.run(
        [sys.executable, "-c", "from myrole.entry import main; main()", *map(str, args)],
        env={**os.environ, "MYROLE_HOME": str(home), "TERM": "dumb", "NO_COLOR": "1"},
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, cwd=REPO,
        preexec_fn=_obey_file_modes,
    )


def assert_one_sentence(result: subprocess.CompletedProcess, *phrases: str) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("myrole: "), result.stderr
    for phrase in phrases:
        assert phrase in lines[0], (phrase, lines[0])


def state(*places: Path) -> dict[str, object]:
    """Everything in places (files' bytes, folders' contents, modes), to prove nothing changed."""
    seen: dict[str, object] = {}
    for place in places:
        if place.is_dir():
            seen[str(place)] = (folder_bytes(place), sorted(p.name for p in place.rglob("*")))
        elif place.exists():
            seen[str(place)] = place.read_bytes()
        else:
            seen[str(place)] = None
    return seen


@contextmanager
def mode(path: Path, bits: int) -> Iterator[Path]:
    """path with the given mode for the length of the block (put back, so the folder can be cleaned up)."""
    before = path.stat().st_mode & 0o7777
    os.chmod(path, bits)
    try:
        yield path
    finally:
        os.chmod(path, before)


@contextmanager
def immutable(path: Path) -> Iterator[Path]:
    """A file that no one, not even root, may replace or change (chattr +i)."""
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot make a file immutable here ({made.stderr.strip() or 'chattr failed'})")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A used store, its `me` export and a backup, made once and copied for each test."""
    folder = tmp_path_factory.mktemp("template")
    used_store(folder / "home")
    subprocess.run([sys.executable, "-c", "from myrole.entry import main; main()", "export", "--format", "json",
                    "-o", str(folder / "me.json")], env={**os.environ, "MYROLE_HOME": str(folder / "home")},
                   check=True, capture_output=True, cwd=REPO)
    shutil.copyfile(folder / "home" / "myrole.db", folder / "backup.db")
    (folder / "team.toml").write_text(GOOD_PACK)
    return folder


@pytest.fixture
def place(tmp_path, template) -> Path:
    """This test's copy of the template: home/ (a used store), me.json, backup.db, team.toml."""
    shutil.copytree(template, tmp_path / "place")
    return tmp_path / "place"


def every_command(home: Path, place: Path) -> dict[str, list[str | Path]]:
    """Each command with its arguments; home is also MYROLE_HOME, so `myrole` alone uses it."""
    return {
        "myrole": [],
        "myrole --home": ["--home", home],
        "reflect": ["--home", home, "reflect"],
        "due": ["--home", home, "due"],
        "calendar": ["--home", home, "calendar"],
        "export": ["--home", home, "export"],
        "import": ["--home", home, "import", place / "me.json"],
        "backup": ["--home", home, "backup"],
        "restore": ["--home", home, "restore", place / "backup.db"],
        "prompts list": ["--home", home, "prompts", "list"],
        "prompts show": ["--home", home, "prompts", "show", "core"],
        "prompts validate": ["--home", home, "prompts", "validate", place / "team.toml"],
        "demo": ["demo", "--home", home, "--seed-only"],
        "where": ["--home", home, "where"],
    }


COMMANDS = list(every_command(Path("home"), Path("place")))


# -- the home folder -----------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_a_home_that_is_a_file(place, command):
    home = place / "notes.txt"
    home.write_text("a note that happens to have the name\n")
    before = state(place)
    result = myrole(*every_command(home, place)[command], home=home)
    assert_one_sentence(result, str(home), "is a file, not a folder")
    assert state(place) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_a_home_with_no_permission(place, command, can_obey_file_modes):
    home = place / "home"
    before = state(place)
    with mode(home, 0o000):
        result = myrole(*every_command(home, place)[command], home=home)
    assert_one_sentence(result, str(home), "cannot be opened (permission denied)")
    assert state(place) == before


# On a read-only home, commands that only read still work; the others say so and change nothing.
READS_ONLY = {"due", "prompts list", "prompts show", "prompts validate", "where"}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_read_only_home(place, tmp_path, command):
    with read_only_view(place / "home", tmp_path / "read-only") as home:
        before = state(place)
        result = myrole(*every_command(home, place)[command], home=home)
        if command in READS_ONLY:
            assert "Traceback" not in result.stderr
            assert (result.returncode, result.stderr) == (0, ""), result.stderr
            assert result.stdout
        else:
            assert_one_sentence(result, str(home))
            if command != "demo":  # the demo refuses first because the folder already holds a store
                assert "read-only" in result.stderr
        assert state(place) == before


def test_due_with_no_permission_on_the_store_itself_says_so(place, can_obey_file_modes):
    """`myrole due` exits 0 with nothing when there is no store; a store it may not read is not 'no store'."""
    home = place / "home"
    with mode(home / "myrole.db", 0o000):
        result = myrole("due", home=home)
    assert_one_sentence(result, str(home / "myrole.db"), "could not be read")


def test_a_backups_folder_that_is_a_file(place):
    home = place / "home"
    (home / "backups").write_text("not a folder\n")
    before = state(place)
    assert_one_sentence(myrole("backup", home=home), str(home / "backups"))
    assert state(place) == before
    assert_one_sentence(myrole("restore", place / "backup.db", home=home), "your store was not replaced")
    assert state(place) == before


# -- files named on the command line -------------------------------------------------------

WRITES = {
    "export": lambda target: ["export", "-o", target],
    "calendar": lambda target: ["calendar", "-o", target],
    "backup": lambda target: ["backup", target],
}
READS = {
    "import": lambda source: ["import", source],
    "restore": lambda source: ["restore", source],
    "prompts validate": lambda source: ["prompts", "validate", source],
}


@pytest.mark.parametrize("command", sorted(WRITES) + sorted(READS))
def test_a_file_in_a_folder_that_does_not_exist(place, command):
    home, missing = place / "home", place / "no" / "such" / "folder" / "x.md"
    before = state(place)
    args = {**WRITES, **READS}[command](missing)
    assert_one_sentence(myrole(*args, home=home), str(missing.parent) if command in WRITES else str(missing))
    assert state(place) == before


@pytest.mark.parametrize("command", sorted(WRITES) + sorted(READS))
def test_a_folder_where_a_file_is_wanted(place, command):
    home, folder = place / "home", place / "a-folder"
    folder.mkdir()
    before = state(place)
    args = {**WRITES, **READS}[command](folder)
    assert_one_sentence(myrole(*args, home=home), str(folder))
    assert state(place) == before


@pytest.mark.parametrize("command", sorted(WRITES))
def test_writing_into_a_folder_with_no_permission(place, command, can_obey_file_modes):
    home, folder = place / "home", place / "not-mine"
    folder.mkdir()
    before = state(place)
    with mode(folder, 0o555):
        result = myrole(*WRITES[command](folder / "out"), home=home)
    assert_one_sentence(result, str(folder), "read-only")
    assert state(place) == before


@pytest.mark.parametrize("command", sorted(WRITES))
def test_replacing_a_file_that_cannot_be_replaced(place, command):
    home, target = place / "home", place / "kept.out"
    target.write_text("an earlier file, kept\n")
    before = state(place)
    with immutable(target):
        result = myrole(*WRITES[command](target), "--force", home=home)
    assert_one_sentence(result, str(target))
    assert state(place) == before


@pytest.mark.parametrize("command", sorted(READS))
def test_reading_a_file_with_no_permission(place, command, can_obey_file_modes):
    home = place / "home"
    source = {"import": place / "me.json", "restore": place / "backup.db", "prompts validate": place / "team.toml"}[command]
    before = state(place)
    with mode(source, 0o000):
        result = myrole(*READS[command](source), home=home)
    assert_one_sentence(result, str(source))
    assert "permission denied" in result.stderr.lower()  # the importer and restore say "Permission denied"
    assert state(place) == before
