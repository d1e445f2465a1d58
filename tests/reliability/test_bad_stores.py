"""Bad stores: damaged, truncated, a lost or foreign journal, another program's file, a newer version,
a schema that is not exactly myrole's (a trigger, view, index or table added, a table or column
missing, a CHECK changed: see test_restore_schema.py).

Each is refused with one clear sentence and exit status 2, left byte for byte as it was (the
store and every side file), never recreated; where a backup exists, the sentence offers it.
"""

from __future__ import annotations

import random
import shutil

import pytest

from myrole.paths import resolve
from myrole.store import StoreError, open_store
from .helpers import assert_no_traceback, folder_bytes, invoke_cli, run_cli
from .stores import DAMAGE, REFUSED_WITHOUT_RESTORE, newer_version
from .test_restore_schema import FOREIGN_STORES

# Refused with the newest sound backup offered: damage, and a schema changed outside myrole.
OFFERS_BACKUP = DAMAGE + FOREIGN_STORES

# Commands that open the store for writing; `myrole` alone is the app.
COMMANDS = [[], ["reflect"], ["calendar"], ["export"], ["backup"]]


def damaged_home(tmp_path, damage):
    home = tmp_path / "home"
    damage(home, random.Random(damage.__name__))
    return home


@pytest.fixture(scope="session")
def damaged_once(tmp_path_factory):
    """damaged_home(tmp_path, damage), the home made once per session (per xdist worker) for each damage
    and copied, every file byte for byte, into the asking test's folder: the tests only read it."""
    made: dict = {}

    def copy(tmp_path, damage):
        if damage.__name__ not in made:
            made[damage.__name__] = damaged_home(tmp_path_factory.mktemp(damage.__name__), damage)
        home = tmp_path / "home"
        shutil.copytree(made[damage.__name__], home)
        return home

    return copy


@pytest.mark.parametrize("damage", OFFERS_BACKUP + REFUSED_WITHOUT_RESTORE, ids=lambda d: d.__name__)
def test_open_store_refuses_and_touches_nothing(tmp_path, damaged_once, damage):
    home = damaged_once(tmp_path, damage)
    before = folder_bytes(home)
    with pytest.raises(StoreError) as refused:
        open_store(resolve(home))
    assert folder_bytes(home) == before
    message = str(refused.value)
    assert "\n" not in message and "Traceback" not in message
    if damage in OFFERS_BACKUP:
        assert f"myrole restore {resolve(home).backups}" in message, "the backup is offered"
    else:
        assert "myrole restore" not in message


@pytest.mark.parametrize("damage", OFFERS_BACKUP + REFUSED_WITHOUT_RESTORE, ids=lambda d: d.__name__)
def test_every_command_says_one_sentence_and_exits_2(tmp_path, damaged_once, damage):
    home = damaged_once(tmp_path, damage)
    before = folder_bytes(home)
    for command in COMMANDS:
        # The app runs as a real process; the other commands through the same entry point in this one.
        result = run_cli(*command, home=home, timeout=60) if not command else invoke_cli(*command, home=home)
        assert result.returncode == 2, (command, result.stderr)
        assert_no_traceback(result)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("myrole: "), (command, result.stderr)
        assert folder_bytes(home) == before, f"`myrole {' '.join(command)}` changed the folder"
    assert resolve(home).store.exists(), "never deleted or recreated"


@pytest.mark.parametrize("damage", OFFERS_BACKUP + REFUSED_WITHOUT_RESTORE, ids=lambda d: d.__name__)
def test_due_stays_quick_and_never_crashes_or_touches_the_store(tmp_path, damaged_once, damage):
    """`myrole due` skips the full check (it runs at every shell start) but never crashes or writes."""
    home = damaged_once(tmp_path, damage)
    before = folder_bytes(home)
    result = invoke_cli("due", home=home)  # its own entry point's fast path, in this process
    assert_no_traceback(result)
    assert result.returncode in (0, 2)
    if result.returncode == 2:
        assert result.stderr.strip().splitlines() == [
            f"myrole: the store {resolve(home).store} could not be read; run `myrole` to see why."]
    assert folder_bytes(home) == before


def test_a_newer_store_says_to_upgrade(tmp_path):
    home = damaged_home(tmp_path, newer_version)
    result = run_cli(home=home)
    assert result.returncode == 2
    assert "newer version of myrole" in result.stderr and "upgrade" in result.stderr


def test_a_store_killed_mid_use_is_not_mistaken_for_damage(tmp_path):
    from .stores import killed_mid_use

    store = killed_mid_use(tmp_path / "home")
    db = open_store(resolve(tmp_path / "home"))
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        edited = db.execute("SELECT count(*) FROM answers WHERE text LIKE '% (edited)'").fetchone()[0]
        assert edited == db.execute("SELECT count(*) FROM answers").fetchone()[0] > 0
    finally:
        db.close()
    assert store.exists()


def test_only_a_sound_backup_is_offered(tmp_path):
    """The backups folder also keeps damaged stores set aside as found; those are never offered."""
    import os

    from .stores import used_store

    home = tmp_path / "home"
    store = used_store(home, backup=True)
    [good] = resolve(home).backups.glob("*.db")
    data = store.read_bytes()
    damaged_copy = resolve(home).backups / "myrole-20991231T000000Z-before-restore-as-found.db"
    damaged_copy.write_bytes(data[:4096])
    os.utime(damaged_copy, (good.stat().st_mtime + 60,) * 2)
    store.write_bytes(data[:4096])
    before = folder_bytes(home)
    with pytest.raises(StoreError) as refused:
        open_store(resolve(home))
    assert f"myrole restore {good}" in str(refused.value)
    assert damaged_copy.name not in str(refused.value)
    assert folder_bytes(home) == before
