"""Tests for what Windows does differently, simulated here: SQLite's locks on a journal in use, local time before
1970, and redirected streams in the ANSI code page (myrole/journal.py, dates.py, streams.py; test_durable.py has
folders that cannot be opened)."""

from __future__ import annotations

import builtins
import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from myrole import dates, journal


def test_a_journal_locked_by_a_window_that_is_saving_is_left_to_sqlite(tmp_path, monkeypatch):
    """On Windows SQLite's locks cover the -shm while a window saves: reading it fails with PermissionError, and
    the store is then neither refused nor called damaged (before: "could not be used (permission denied)")."""
    store = tmp_path / "myrole.db"
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"myrole.db{suffix}").write_bytes(bytes(4096))
    real_open = builtins.open

    def locked(path, *args, **kwargs):
        if str(path).endswith(("-wal", "-shm")):
            raise PermissionError(13, "The process cannot access the file because another process has locked a "
                                      "portion of the file", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", locked)
    assert journal.trouble(str(store)) is None


def test_the_index_header_reads_only_its_own_bytes(tmp_path, monkeypatch):
    """Unbuffered, so a read of the header never reaches the bytes SQLite locks on Windows (from 120 on)."""
    shm = tmp_path / "myrole.db-shm"
    shm.write_bytes(bytes(32768))
    asked = []
    real_open = builtins.open

    def watched(path, mode="r", buffering=-1, *args, **kwargs):
        asked.append(buffering)
        return real_open(path, mode, buffering, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watched)
    assert journal.index_header(str(shm)) is None  # all zeros: not initialised
    assert asked == [0]


def test_a_moment_before_1970_is_given_in_utc_where_local_time_cannot_say(monkeypatch):
    class WindowsDatetime(datetime):
        def astimezone(self, tz=None):
            if self.year < 1970:
                raise OSError(22, "Invalid argument")
            return super().astimezone(tz)

    monkeypatch.setattr(dates, "datetime", WindowsDatetime)
    assert dates.local_date("1950-06-01T23:30:00Z") == date(1950, 6, 1)
    assert dates.local_moment("1950-06-01T23:30:00Z") == datetime(1950, 6, 1, 23, 30, tzinfo=timezone.utc)


def _myrole(home, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    """myrole in its own process, its streams in Windows' ANSI code page as when redirected there (cp1252)."""
    return subprocess.run([sys.executable, "-m", "myrole", *args], input=stdin, capture_output=True, timeout=60,
                          env={**os.environ, "MYROLE_HOME": str(home), "PYTHONIOENCODING": "cp1252"})


def test_redirected_output_is_utf8_whatever_the_code_page(tmp_path):
    """`myrole prompts list > sets.txt` on Windows: an Urdu title stopped it with UnicodeEncodeError (cp1252)."""
    folder = tmp_path / "prompts"
    folder.mkdir()
    pack = (Path(__file__).parents[1] / "packs" / "team.toml").read_text(encoding="utf-8")
    (folder / "team.toml").write_text(pack.replace("Our team's pack", "ہماری ٹیم", 1), encoding="utf-8")
    result = _myrole(tmp_path, "prompts", "list")
    assert result.returncode == 0, result.stderr
    assert "ہماری ٹیم" in result.stdout.decode("utf-8")


def test_piped_answers_are_read_as_utf8_and_a_byte_order_mark_is_dropped(tmp_path):
    """`myrole --plain < answers.txt` with a file Notepad saved: UTF-8 with a byte-order mark. Before, the name was
    read in cp1252 ("ZoÃ« CafÃ©") and the mark was part of the first answer."""
    answers = "\ufeffZoë Café\n\n\n\n\n".encode("utf-8")
    result = _myrole(tmp_path, "--plain", stdin=answers)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(tmp_path / "myrole.db")
    try:
        assert conn.execute("SELECT name FROM profile").fetchone() == ("Zoë Café",)
    finally:
        conn.close()


def test_a_path_pasted_from_windows_explorer_loses_its_quotes(tmp_path):
    from myrole.paths import typed_path

    assert typed_path(f' "{tmp_path / "my summary.md"}" ') == tmp_path / "my summary.md"
    assert typed_path(f"'{tmp_path}'") == tmp_path
    assert typed_path('"') == Path('"')  # a lone quote is a name, not quotes round one


def test_the_store_is_refused_as_an_export_target_however_it_is_written(tmp_path, monkeypatch):
    """A hard link is the store under another name (samefile); on a disk that folds case, MyRole.DB and
    MYROLE.DB-wal are the store and its journal (simulated here: this disk keeps case)."""
    from myrole.export import output
    from myrole.export.output import OutputError, check_target

    store = tmp_path / "myrole.db"
    store.write_bytes(b"store")
    os.link(store, tmp_path / "other-name.md")
    with pytest.raises(OutputError, match="is your myrole store"):
        check_target(tmp_path / "other-name.md", force=True, protected=(store,))
    check_target(tmp_path / "MyRole.DB", force=True, protected=(store,))  # another file on this disk
    monkeypatch.setattr(output, "_folds_case", lambda _store: True)
    for target in (tmp_path / "MyRole.DB", tmp_path / "MYROLE.DB-wal"):
        with pytest.raises(OutputError, match="is your myrole store"):
            check_target(target, force=True, protected=(store,))


def test_a_pack_saved_as_utf8_with_a_byte_order_mark_loads(tmp_path):
    from myrole.prompts import load_pack

    pack = (Path(__file__).parents[1] / "packs" / "team.toml").read_text(encoding="utf-8")
    path = tmp_path / "team.toml"
    path.write_bytes("\ufeff".encode("utf-8") + pack.encode("utf-8"))
    assert load_pack(path).id == "team"


def test_the_microsoft_store_python_is_warned_about_in_where_and_the_app(monkeypatch, tmp_path):
    """Store Python keeps AppData writes in its own package: uninstalling it would take the records with it. Only
    the platform's folders are warned about; a home of the person's own (MYROLE_HOME, --home) is theirs."""
    from click.testing import CliRunner

    from myrole import paths
    from myrole.cli import cli

    monkeypatch.setattr(paths.sys, "base_prefix",
                        r"C:\Program Files\WindowsApps\PythonSoftwareFoundation.Python.3.11_3.11.2544.0_x64__qbz5n2kfra8p0")
    monkeypatch.delenv("MYROLE_HOME", raising=False)
    platform = paths.resolve()
    monkeypatch.setattr(paths, "ON_WINDOWS", True)
    assert paths.kept_by_store_python(platform) and not paths.kept_by_store_python(paths.resolve(tmp_path))
    monkeypatch.setattr(paths, "ON_WINDOWS", False)
    assert not paths.kept_by_store_python(platform)  # python.org's, or not Windows
    monkeypatch.setattr(paths, "kept_by_store_python", lambda where: where == platform)
    shown = CliRunner().invoke(cli, ["where"])
    assert shown.exit_code == 0 and f"myrole: {paths.STORE_PYTHON_WARNING}\n" in shown.stderr
    assert "myrole:" not in CliRunner().invoke(cli, ["--home", str(tmp_path), "where"]).stderr


def test_a_file_another_program_has_open_on_windows_is_not_called_permission_denied():
    from myrole.os_errors import reason

    held = PermissionError(13, "The process cannot access the file because it is being used by another process")
    held.winerror = 32  # what Windows sets beside errno (EACCES) for a sharing violation
    assert reason(held) == "another program has it open"
    assert reason(PermissionError(13, "Permission denied")) == "permission denied"


def test_a_python_whose_sqlite_lacks_full_text_search_gets_one_sentence(tmp_path, monkeypatch):
    """Some Python builds leave FTS5 out of SQLite: search's index and its triggers cannot work, and the person is
    told why, with the store (made here by a Python that has it) left as it was."""
    from myrole.paths import resolve
    from myrole.store import StoreError, connection, open_store

    paths = resolve(tmp_path / "home")
    open_store(paths).close()
    before = paths.store.read_bytes()
    real_connect = sqlite3.connect

    class WithoutFts5(sqlite3.Connection):
        def execute(self, sql, *args):
            if "sqlite_compileoption_used('ENABLE_FTS5')" in sql:
                return real_connect(":memory:").execute("SELECT 0")
            return super().execute(sql, *args)

    monkeypatch.setattr(connection.sqlite3, "connect", lambda *a, **k: real_connect(*a, **k, factory=WithoutFts5))
    with pytest.raises(StoreError) as refused:
        open_store(paths)
    assert str(refused.value) == connection.NO_FTS5
    assert paths.store.read_bytes() == before


def test_a_file_with_a_name_near_the_limit_is_written(tmp_path):
    """The temporary file beside it has a short name of its own: with the file's name in it again (as before), a
    name of 240 characters made a temporary name over the 255 a folder allows, and on Windows a long OneDrive
    path went over its 260 characters the same way."""
    from myrole.export.output import write_private_file

    target = tmp_path / ("a" * 236 + ".ics")
    write_private_file(target, b"BEGIN:VCALENDAR", force=False)
    assert target.read_bytes() == b"BEGIN:VCALENDAR" and os.listdir(tmp_path) == [target.name]


def test_a_name_the_system_refuses_and_myrole_s_own_files_are_one_sentence_everywhere(tmp_path, monkeypatch):
    """A name too long for the system is refused as a folder that does not exist is (it once ended plain mode
    with status 2); the settings file is kept like the store, in the command line, the app and plain mode."""
    from click.testing import CliRunner

    from myrole.cli import cli
    from myrole.export.output import OutputError, check_target, write_private_file
    from myrole.paths import resolve

    paths = resolve(tmp_path)
    too_long = tmp_path / ("a" * 300 + ".md")
    with pytest.raises(OutputError, match=r"could not be used \(.+\); choose another file name\.$"):
        check_target(too_long, force=True, protected=paths.own_files)
    with pytest.raises(OutputError, match="could not be used"):
        write_private_file(too_long, b"x", force=True, protected=paths.own_files)
    settings = tmp_path / "settings.toml"
    settings.write_text('theme = "textual-dark"\n', encoding="utf-8")
    with pytest.raises(OutputError, match=r"is one of myrole's own files \(settings.toml\); choose another file name."):
        check_target(settings, force=True, protected=paths.own_files)
    monkeypatch.setenv("MYROLE_HOME", str(tmp_path))
    for args, said in ((["export", "-o", str(settings), "--force"], "is one of myrole's own files (settings.toml)"),
                       (["revalidation", "nmc", "-o", str(settings), "--force"], "is one of myrole's own files (settings.toml)"),
                       (["export", "-o", str(too_long)], "could not be used")):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2 and "Traceback" not in result.output, (args, result.output)
        assert len(result.stderr.strip().splitlines()) == 1 and said in result.stderr
    assert settings.read_text(encoding="utf-8") == 'theme = "textual-dark"\n'


def test_a_name_python_cannot_use_as_a_path_is_one_sentence(tmp_path):
    """A NUL character (piped into plain mode), links that point round in a loop, and ~name for a user the system
    does not know each end in the sentence, not a traceback."""
    from myrole.export.output import OutputError, check_target, write_private_file
    from myrole.paths import resolve, typed_path

    paths = resolve(tmp_path)
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    for name in (tmp_path / "nul\x00.md", tmp_path / "a"):
        with pytest.raises(OutputError, match="choose another file name"):
            check_target(name, force=True, protected=paths.own_files)
        with pytest.raises(OutputError, match="choose another file name"):
            write_private_file(name, b"x", force=True, protected=paths.own_files)
    unknown = typed_path("~no-such-user-of-myrole/nmc.md")
    assert str(unknown) == "~no-such-user-of-myrole/nmc.md"
    with pytest.raises(OutputError, match="does not exist"):
        check_target(unknown, force=True, protected=paths.own_files)


def test_the_mark_of_an_open_window_and_the_collation_list_are_never_written_over(tmp_path, monkeypatch):
    """Written over by an export, the mark an app window keeps beside the store no longer stopped `myrole restore`
    from replacing the store under the open window, whose later saves were lost."""
    from click.testing import CliRunner

    from myrole.cli import cli
    from myrole.store import open_store
    from myrole.store.window import window_open
    from myrole.paths import resolve

    paths = resolve(tmp_path)
    open_store(paths).close()
    monkeypatch.setenv("MYROLE_HOME", str(tmp_path))
    with window_open(paths):
        marker = tmp_path / ".myrole-window"
        assert marker.exists()
        for target in (marker, tmp_path / "collations.json"):
            result = CliRunner().invoke(cli, ["export", "--format", "md", "-o", str(target), "--force"])
            assert result.exit_code == 2 and f"is one of myrole's own files ({target.name})" in result.stderr
        assert marker.read_bytes() == b"" and not (tmp_path / "collations.json").exists()


def test_a_collation_report_is_never_written_over_the_store_or_the_settings(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from myrole.cli import cli
    from myrole.collate.sample import write_people
    from myrole.store import open_store
    from myrole.paths import resolve

    paths = resolve(tmp_path / "home")
    open_store(paths).close()
    (paths.config / "settings.toml").write_text("", encoding="utf-8")
    (tmp_path / "crowd").mkdir()
    write_people(tmp_path / "crowd", 6, 2)
    monkeypatch.setenv("MYROLE_HOME", str(paths.data))
    for target, said in ((paths.store, "is your myrole store"), (paths.config / "settings.toml", "settings.toml")):
        before = target.read_bytes()
        result = CliRunner().invoke(cli, ["collate", str(tmp_path / "crowd"), "-o", str(target), "--force"])
        assert result.exit_code == 2 and said in result.stderr, result.output
        assert target.read_bytes() == before
