"""Tests `myrole export`, `backup` and `restore` on the command line: output files, refusals, and nothing lost."""

from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import stat
import tempfile

import pytest
from click.testing import CliRunner

from myrole.cli import cli
from myrole.model import Commitment, Lens, Mode
from myrole.store import open_store
from myrole.store.commitments import create_commitment, list_commitments
from myrole.store.versions import applied_names, known_names
from share_store import fill


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def filled(db):
    fill(db)
    db.close()


@pytest.fixture
def out(tmp_path):
    """An empty folder for output files (tmp_path also holds the test's home)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _refused(result) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("myrole: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_export_defaults_to_markdown_for_me_on_standard_output(filled):
    result = run("export")
    assert result.exit_code == 0
    assert result.stdout.startswith("# My commitment summary\n")
    assert "Night shifts" in result.stdout  # me: everything, private included


def _untimed(text: str) -> str:
    """The export without the moment it was made (two runs differ only there)."""
    # JSON's exported_at (2026-11-29T23:35:12Z), and the readable formats' "29 November 2026 at 23:35 UTC"
    return re.sub(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z|\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2} UTC", "WHEN", text)


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_export_to_a_file_is_private_and_complete(filled, out, fmt):
    target = out / f"summary.{fmt}"
    result = run("export", "--format", fmt, "--audience", "manager", "-o", str(target))
    assert result.exit_code == 0
    assert _mode(target) == 0o600
    on_screen = run("export", "--format", fmt, "--audience", "manager").stdout
    assert _untimed(target.read_text(encoding="utf-8")) == _untimed(on_screen)
    assert [p.name for p in out.iterdir()] == [target.name]  # no temporary file left behind


def test_export_with_no_store_says_so_and_makes_none(paths):
    _refused(run("export"))
    assert not paths.store.exists()


def test_export_since_takes_a_date(filled):
    result = run("export", "--format", "json", "--since", "2026-10-02")
    assert result.exit_code == 0 and json.loads(result.stdout)["since"] == "2026-10-02"
    _refused(run("export", "--since", "last tuesday"))
    from datetime import date

    assert run("export", "--since", date.today().isoformat()).exit_code == 0  # today is the latest allowed
    later = run("export", "--since", "2999-01-01")
    _refused(later)
    assert "The since date is after today; choose today or an earlier date." in later.stderr


def test_a_summary_says_when_a_commitment_had_no_check_ins_in_the_period(filled):
    for fmt in ("md", "html"):
        everything, recent = run("export", "--format", fmt), run("export", "--format", fmt, "--since", "2026-11-01")
        assert "no check-ins in this period" not in everything.stdout
        assert "no check-ins in this period" in recent.stdout and "no check-ins yet" not in recent.stdout


def test_export_refuses_a_missing_folder(filled, tmp_path):
    _refused(run("export", "-o", str(tmp_path / "nowhere" / "summary.md")))
    assert not (tmp_path / "nowhere").exists()


def test_export_refuses_a_folder(filled, tmp_path):
    _refused(run("export", "-o", str(tmp_path)))


def test_export_never_overwrites_without_force(filled, tmp_path):
    target = tmp_path / "summary.md"
    target.write_text("keep me", encoding="utf-8")
    result = run("export", "-o", str(target))
    _refused(result)
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    assert run("export", "-o", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# My commitment summary")
    assert _mode(target) == 0o600


def test_export_refuses_to_write_over_the_store(filled, paths):
    before = paths.store.read_bytes()
    _refused(run("export", "-o", str(paths.store), "--force"))
    assert paths.store.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not stop root")
def test_export_refuses_a_read_only_folder(filled, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    try:
        _refused(run("export", "-o", str(folder / "summary.md")))
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_export_to_a_read_only_file_system_writes_nothing(filled, out, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    result = run("export", "-o", str(out / "summary.md"))
    _refused(result)
    assert "Read-only file system" in result.stderr
    assert list(out.iterdir()) == []


def test_a_failed_write_leaves_neither_half_a_file_nor_a_temporary_one(filled, out, monkeypatch):
    target = out / "summary.md"
    target.write_text("the old export", encoding="utf-8")

    def full_disk(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    _refused(run("export", "-o", str(target), "--force"))
    assert target.read_text(encoding="utf-8") == "the old export"
    assert [p.name for p in out.iterdir()] == ["summary.md"]


# --- backup and restore ---------------------------------------------------------------------------


def _titles(paths) -> list[str]:
    db = open_store(paths)
    try:
        return sorted(c.title for c in list_commitments(db))
    finally:
        db.close()


def test_backup_makes_a_checked_private_copy_in_the_backups_folder(filled, paths):
    result = run("backup")
    assert result.exit_code == 0
    [copy] = list(paths.backups.glob("myrole-*.db"))
    assert str(copy) in result.stdout
    assert _mode(copy) == 0o600 and _mode(paths.backups) == 0o700
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM commitments").fetchone()[0] == 5
    conn.close()
    assert run("backup").exit_code == 0
    assert len(list(paths.backups.glob("myrole-*.db"))) == 2  # two in the same second do not collide


def test_backup_to_a_named_file_and_its_refusals(filled, tmp_path):
    target = tmp_path / "copy.db"
    assert run("backup", str(target)).exit_code == 0
    assert _mode(target) == 0o600
    _refused(run("backup", str(target)))
    assert run("backup", str(target), "--force").exit_code == 0
    _refused(run("backup", str(tmp_path / "missing" / "copy.db")))
    _refused(run("backup", str(tmp_path)))


def test_backup_with_no_store_says_so(paths, tmp_path):
    _refused(run("backup", str(tmp_path / "copy.db")))
    assert not paths.store.exists()


def test_restore_brings_back_a_backup_and_keeps_the_current_store_aside(filled, paths, tmp_path):
    backup = tmp_path / "before.db"
    assert run("backup", str(backup)).exit_code == 0
    db = open_store(paths)
    create_commitment(db, Commitment(id="", title="Made after the backup", lens=Lens.SELF, mode=Mode.ACTION))
    db.close()
    result = run("restore", str(backup))
    assert result.exit_code == 0, result.output
    assert "Made after the backup" not in _titles(paths)
    assert len(_titles(paths)) == 5
    assert _mode(paths.store) == 0o600
    [kept] = list(paths.backups.glob("*before-restore*.db"))
    assert str(kept) in result.stdout
    conn = sqlite3.connect(kept)
    assert "Made after the backup" in [r[0] for r in conn.execute("SELECT title FROM commitments")]
    conn.close()
    assert backup.exists()  # the backup itself is never changed


def _newer(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('myrole', 'm999', 'x')")
    conn.commit()
    conn.close()


def _plain_sqlite(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE other (x)")
    conn.commit()
    conn.close()


def _damaged(path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:8192] = os.urandom(4096)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("spoil", ["not sqlite", "not myrole", "newer", "damaged", "missing"])
def test_restore_refuses_a_bad_backup_and_changes_nothing(filled, paths, tmp_path, spoil):
    backup = tmp_path / "backup.db"
    assert run("backup", str(backup)).exit_code == 0
    if spoil == "not sqlite":
        backup.write_bytes(b"not a database at all" * 100)
    elif spoil == "not myrole":
        backup.unlink()
        _plain_sqlite(backup)
    elif spoil == "newer":
        _newer(backup)
    elif spoil == "damaged":
        _damaged(backup)
    else:
        backup.unlink()
    before = paths.store.read_bytes()
    backup_bytes = backup.read_bytes() if backup.exists() else None
    _refused(run("restore", str(backup)))
    assert paths.store.read_bytes() == before
    assert (backup.read_bytes() if backup.exists() else None) == backup_bytes
    assert not list(paths.backups.glob("*before-restore*")) if paths.backups.exists() else True
    assert not [p for p in paths.data.iterdir() if p.name.startswith(".myrole-restore")]


def test_restore_of_an_older_backup_brings_it_up_to_date(filled, paths, tmp_path):
    backup = tmp_path / "backup.db"
    assert run("backup", str(backup)).exit_code == 0
    assert run("restore", str(backup)).exit_code == 0
    db = open_store(paths)
    assert applied_names(db) == known_names()
    db.close()
