"""Deleting a commitment, reflection or one-to-one for good leaves no byte of its text in the store, its journal,
its search index or a later backup; `myrole erase` leaves nothing of the person's in the home folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from myrole.model import CheckIn, Commitment, Context, ItemKind, Lens, Mode, Visibility
from myrole.paths import resolve
from myrole.prompts import load_catalogue
from myrole.store import open_store
from myrole.store import one_to_ones as o2o
from myrole.store.backup import backup_beside
from myrole.store.checkins import add_checkin
from myrole.store.commitments import create_commitment, get_commitment
from myrole.store.drafts import Draft, list_drafts, save_draft
from myrole.store.erase import delete_commitment, delete_one_to_one, delete_reflection
from myrole.store.reflections import save_answer, start_reflection
from myrole.store.search import search
from myrole.store.window import window_open
from .helpers import assert_no_traceback, invoke_cli, run_cli
from .test_removal import CANARY, CANARY_TOKENS, TOKEN_BYTES, files_holding, index_terms

REPO = Path(__file__).resolve().parents[2]


def canary_store(paths):
    """A commitment (with check-ins), a reflection and a one-to-one, each holding the canary, and one record
    of each kind without it, which must stay. Returns the store and the canary records' ids."""
    db = open_store(paths)
    pack = load_catalogue().get("core")
    ids = {}
    for marked in (True, False):
        words = f"the family at {CANARY}" if marked else "the housing referral"
        reflection = start_reflection(db, pack, Context.SELF, topic=f"Visit to {words}")
        answer = save_answer(db, reflection.id, pack.prompts[0], f"We met {words}.", Visibility.PRIVATE)
        save_draft(db, Draft("answer", f"{reflection.id}:{pack.prompts[1].id}", "Answer",
                             {"answer": f"Unsaved words about {words}"}))
        made = create_commitment(db, Commitment(id="", title=f"Follow up {words}", detail=f"Ring {words}",
                                                lens=Lens.SELF, mode=Mode.ACTION, reflection_id=reflection.id,
                                                answer_id=answer.id))
        for day in (1, 8):
            add_checkin(db, get_commitment(db, made.id), CheckIn(
                id="", commitment_id="", at="", on_date=date(2026, 3, day), progress=1,
                note=f"Rang {words}. " + "A long note. " * 400, next_step=f"Write to {words}"))
        save_draft(db, Draft("commitment", made.id, "Edit", {"detail": f"Typed: {words}"}))
        if marked:
            ids.update(commitment=made.id, reflection=reflection.id)
    record = o2o.create_one_to_one(db, date(2026, 3, 2), "Alex")
    record = o2o.add_item(db, record, ItemKind.TALKING_POINT, f"The family at {CANARY}")
    record = o2o.set_dates(db, record, date(2026, 3, 2), date(2026, 3, 30))
    ids["one_to_one"] = o2o.mark_agreed(db, record).id
    return db, ids


def test_deleting_for_good_leaves_no_byte_anywhere_and_keeps_everything_else(paths):
    db, ids = canary_store(paths)
    assert files_holding(paths.data, CANARY) and search(db, "canary").total >= 5
    delete_commitment(db, ids["commitment"])
    delete_reflection(db, ids["reflection"])
    result = delete_one_to_one(db, ids["one_to_one"])
    assert result.journal_cleared
    assert search(db, "canary").total == 0 and not set(CANARY_TOKENS) & index_terms(db)
    assert files_holding(paths.data, CANARY, *TOKEN_BYTES) == []  # while open: the file and its -wal
    assert len(list_drafts(db)) == 2  # the other records' drafts stay
    assert search(db, "housing").total >= 5  # and so does everything else
    backup_beside(db, paths.store, reason="after-delete")
    db.close()
    assert files_holding(paths.data, CANARY, *TOKEN_BYTES) == []  # the file, and the backups folder


def test_a_record_already_deleted_elsewhere_is_one_sentence(paths):
    from myrole.store import StaleEditError

    db, ids = canary_store(paths)
    delete_commitment(db, ids["commitment"])
    with pytest.raises(StaleEditError, match="no longer there"):
        delete_commitment(db, ids["commitment"])
    db.close()


def full_home(home: Path) -> None:
    """A home with everything myrole keeps: the store, backups, a before-restore copy, settings and two packs."""
    paths = resolve(home)
    db, _ = canary_store(paths)
    backup_beside(db, paths.store, reason="test")
    db.close()
    backup = paths.backups / "myrole-keep.db"
    assert invoke_cli("backup", str(backup), home=home).returncode == 0  # in this process: only the setting up
    assert invoke_cli("restore", str(backup), home=home).returncode == 0  # keeps a before-restore copy
    (paths.config / "settings.toml").write_text(f'collective_name = "{CANARY}"\n', encoding="utf-8")
    paths.user_prompts.mkdir()
    for name in ("team.toml", "ward.toml"):
        (paths.user_prompts / name).write_text((REPO / "tests/packs/team.toml").read_text(encoding="utf-8")
                                               + f"\n# {CANARY}\n", encoding="utf-8")
    assert list(paths.backups.glob("*before-restore*"))


def test_erase_removes_everything_after_one_confirmation(tmp_path):
    home = tmp_path / "home"
    full_home(home)
    result = run_cli("erase", "--yes", home=home, stdin="y\n")
    assert result.returncode == 0, result.stderr
    assert_no_traceback(result)
    assert "backup" in result.stdout and "settings" in result.stdout and "team.toml" in result.stdout
    assert "myrole export" in result.stdout  # a copy first is suggested
    assert not home.exists() or not list(home.rglob("*")), list(home.rglob("*"))
    assert files_holding(tmp_path, CANARY, *TOKEN_BYTES) == []


def test_erase_says_no_and_nothing_goes(tmp_path):
    home = tmp_path / "home"
    full_home(home)
    before = sorted(p.relative_to(home) for p in home.rglob("*"))
    result = run_cli("erase", "--yes", home=home, stdin="n\n")
    assert result.returncode == 0 and "Nothing was erased" in result.stdout
    assert sorted(p.relative_to(home) for p in home.rglob("*")) == before


def test_erase_asks_about_each_pack_and_keeps_those_kept(tmp_path):
    home = tmp_path / "home"
    full_home(home)
    result = run_cli("erase", home=home, stdin="n\ny\ny\n")  # keep team.toml, erase ward.toml, confirm
    assert result.returncode == 0, result.stderr
    assert [p.name for p in home.rglob("*") if p.is_file()] == ["team.toml"]


def test_erase_is_refused_while_a_window_has_the_store_open(tmp_path):
    home = tmp_path / "home"
    full_home(home)
    before = sorted(p.relative_to(home) for p in home.rglob("*"))
    with window_open(resolve(home)):
        result = run_cli("erase", "--yes", home=home, stdin="y\n")
    assert result.returncode == 2 and "window has your store open" in result.stderr, result.stderr
    assert_no_traceback(result)
    assert sorted(p.relative_to(home) for p in home.rglob("*")) == before


def test_erase_with_no_answer_erases_nothing_and_says_so(tmp_path):
    import subprocess
    import sys

    home = tmp_path / "h"
    subprocess.run([sys.executable, "-m", "myrole", "demo", "--home", str(home), "--seed-only"], check=True,
                   capture_output=True)
    result = subprocess.run([sys.executable, "-m", "myrole", "--home", str(home), "erase"], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == "myrole: No answer came, so nothing was erased."
    assert (home / "myrole.db").exists()


def test_erase_removes_only_the_backups_myrole_made_and_never_follows_a_linked_folder(tmp_path):
    """A backups folder pointed at another disk or a synced folder keeps everything that is not a myrole backup."""
    home = tmp_path / "home"
    full_home(home)
    paths = resolve(home)
    elsewhere = tmp_path / "synced"
    paths.backups.rename(elsewhere)  # the person moved their backups to another folder and linked it
    paths.backups.symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "important.txt").write_text("precious", encoding="utf-8")
    (elsewhere / "photos").mkdir()
    (elsewhere / "photos" / "myrole-2020.db").write_text("not in the backups folder itself", encoding="utf-8")
    (elsewhere / "empty").mkdir()
    ours = sorted(p.name for p in elsewhere.glob("myrole-*.db"))
    assert len(ours) == 3  # backup_beside's, `myrole backup`'s and the before-restore copy

    result = run_cli("erase", "--yes", home=home, stdin="y\n")

    assert result.returncode == 0, result.stderr
    assert "3 backup files" in result.stdout
    assert "Left as they are: 3 other things" in result.stdout and "important.txt" in result.stdout
    assert (elsewhere / "important.txt").read_text(encoding="utf-8") == "precious"
    assert (elsewhere / "photos" / "myrole-2020.db").read_text(encoding="utf-8") == "not in the backups folder itself"
    assert (elsewhere / "empty").is_dir()
    assert not list(elsewhere.glob("myrole-*.db"))
    assert files_holding(tmp_path, CANARY, *TOKEN_BYTES) == []


def test_a_file_of_the_persons_in_the_backups_folder_stays(tmp_path):
    home = tmp_path / "home"
    full_home(home)
    notes = resolve(home).backups / "notes.txt"
    notes.write_text("my own notes", encoding="utf-8")
    result = run_cli("erase", "--yes", home=home, stdin="y\n")
    assert result.returncode == 0, result.stderr
    assert "Left as it is: 1 other thing" in result.stdout and "notes.txt" in result.stdout
    assert [p.relative_to(home) for p in home.rglob("*") if p.is_file()] == [Path("backups/notes.txt")]
    assert notes.read_text(encoding="utf-8") == "my own notes"


def test_a_leftover_name_linked_to_a_folder_elsewhere_is_only_unlinked(tmp_path):
    home = tmp_path / "home"
    full_home(home)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "important.txt").write_text("precious", encoding="utf-8")
    (home / ".myrole-check-evil").symlink_to(elsewhere, target_is_directory=True)
    result = run_cli("erase", "--yes", home=home, stdin="y\n")
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "important.txt").read_text(encoding="utf-8") == "precious"
    assert not (home / ".myrole-check-evil").is_symlink()


def test_folders_of_the_persons_stay_even_when_empty(tmp_path):
    home = tmp_path / "home"
    full_home(home)
    paths = resolve(home)
    (home / "my own folder").mkdir()
    (paths.backups / "kept empty").mkdir()
    (home / ".myrole-check-1" / "inner").mkdir(parents=True)  # a check folder myrole left: it goes
    result = run_cli("erase", "--yes", home=home, stdin="y\n")
    assert result.returncode == 0, result.stderr
    assert "kept empty" in result.stdout  # named as left as it is ...
    assert (home / "my own folder").is_dir() and (paths.backups / "kept empty").is_dir()  # ... and left
    assert not (home / ".myrole-check-1").exists()
    assert not [p for p in home.rglob("*") if p.is_file()]


def test_a_name_holding_a_line_separator_is_shown_on_one_line(tmp_path):
    home = tmp_path / "home"
    full_home(home)
    (resolve(home).backups / "two\u2028lines.txt").write_text("mine", encoding="utf-8")
    result = run_cli("erase", "--yes", home=home, stdin="y\n")
    assert result.returncode == 0, result.stderr
    assert "\u2028" not in result.stdout and "two / lines.txt" in result.stdout
