"""Test set-up: every test gets its own MYROLE_HOME, so no test can touch a real store, and the same terminal;
work every new app would repeat with the same result is done once per process."""

from __future__ import annotations

import gc
import itertools
import os
import re
from collections import defaultdict
from functools import cached_property

import pytest

TMP_PATH_NUMBERS: defaultdict[str, itertools.count] = defaultdict(itertools.count)

# The myrole processes tests start (`python -c "from myrole.entry import main; main()"`, `python -m myrole`) run
# the installed myrole, as a person's `myrole` command does and as the tests in this process do, not the
# checkout's source that Python would otherwise find first in their working folder (the repository). With
# PYTHONDONTWRITEBYTECODE set, as on this project's machines, that source was compiled again in each of the
# suite's 400 or so processes (0.1-0.3 s of CPU each); pip compiled the installed package once. An editable
# install's package is the source anyway, and a test that sets PYTHONPATH to the repository still runs it.
os.environ["PYTHONSAFEPATH"] = "1"


def pytest_collection_finish(session: pytest.Session) -> None:
    """Python's cycle collector walks what lasts the whole run once, and the whole heap a tenth as often.

    A test process holds everything it imported and collected, and the leftovers of the apps its earlier
    tests ran (promoted to the oldest generation while they ran). Python's full collection walks all of
    them each time, about 0.25 s at a time, and ran about once a Pilot test: a quarter of test_drafts'
    CPU time. Moving what exists now to the permanent generation (gc.freeze) and a full collection after
    every 1,000 young ones rather than 100 took that file's collector time from 12 s to 4 s and its CPU
    time from 48 s to 35 s, for about 30 MB more memory a worker. The app itself freezes what its
    start-up made (MyRoleApp.after_first_paint); the tests start apps without launch.start, so that never
    happens here. Nothing a test checks depends on when the collector runs (test_export_screen collects
    by hand what it checks is let go).
    """
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 100)


@pytest.fixture(scope="session", autouse=True)
def once_per_process():
    """Textual's CSS parsed, and the built-in prompt packs read, once per test process rather than once per app.

    A person's myrole makes one app per process, and parses and reads these once; the tests make an app
    for nearly every test, and each paid for both again (CSS parsing was about a tenth of a Pilot test's
    CPU). The results are the same: each is kept under everything it is made from.
    """
    with pytest.MonkeyPatch.context() as patch:
        share_css_parsing(patch)
        share_builtin_packs(patch)
        yield


def share_css_parsing(patch: pytest.MonkeyPatch) -> None:
    """Stylesheet._parse_rules keeps its rules in one cache for the process instead of one per Stylesheet (per app).

    The key is Textual's own (the CSS text, where it was read from, default or not, tie breaker, scope) and the
    stylesheet's CSS variables (the theme's colours), which is everything the parse reads. The rule sets are
    read, never changed, once parsed: one app already shares them among all its widgets and its re-parses.
    """
    from textual.css.stylesheet import Stylesheet

    parse_rules = Stylesheet._parse_rules
    parsed: dict[tuple, list] = {}

    def shared_parse_rules(self: Stylesheet, css: str, read_from: tuple, is_default_rules: bool = False,
                           tie_breaker: int = 0, scope: str = "") -> list:
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(self._variables.items()))
        if key not in parsed:
            parsed[key] = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        return parsed[key]

    patch.setattr(Stylesheet, "_parse_rules", shared_parse_rules)


def share_builtin_packs(patch: pytest.MonkeyPatch) -> None:
    """Each app's catalogue (MyRoleApp.catalogue) is read once per process while only the built-in packs are there.

    Kept under the built-in folder and the name and contents of every pack file in it; a home with packs of its
    own reads them all as the app does. load_catalogue itself is never cached, so the tests of it read and check
    every file each time.
    """
    import myrole.prompts as prompts
    from myrole.ui.app import MyRoleApp

    read: dict[tuple, object] = {}

    def catalogue(app: MyRoleApp):
        try:
            own_packs = prompts.pack_files(app.paths.user_prompts)
            builtin = prompts.builtin_folder()
            key = (builtin, *((path.name, path.read_bytes()) for path in prompts.pack_files(builtin)))
        except (prompts.PackError, OSError):
            own_packs, key = [], None
        if own_packs or key is None:
            return prompts.load_catalogue(app.paths.user_prompts)
        if key not in read:
            read[key] = prompts.load_catalogue(app.paths.user_prompts)
        return read[key]

    shared = cached_property(catalogue)
    shared.__set_name__(MyRoleApp, "catalogue")
    patch.setattr(MyRoleApp, "catalogue", shared)


@pytest.fixture
def tmp_path(request, tmp_path_factory):
    """pytest's tmp_path (a new, empty folder, readable by this user only, with the same name), without its cost.

    pytest names a test's folder after the test and numbers it after the highest number among the folders of
    that name, listing every folder made so far in the session, and points a "-current" link at it: with a
    folder for every test (each test's home is in it) that grew to milliseconds a test in a worker running a
    thousand tests. The numbers are counted in this process instead, so the names are the ones pytest gives
    (a report that shows a path wraps where it did). pytest's default of keeping every test's folder (of the
    three newest runs) is kept; this does not read tmp_path_retention_policy, which the project does not set.
    """
    name = re.sub(r"[\W]", "_", request.node.name)[:30]
    while True:
        path = tmp_path_factory.getbasetemp() / f"{name}{next(TMP_PATH_NUMBERS[name])}"
        try:
            path.mkdir(mode=0o700)
            return path
        except FileExistsError:  # a folder another way made with this name and number: the next number
            continue


@pytest.fixture(autouse=True)
def myrole_home(tmp_path, monkeypatch):
    """A private, empty home folder for this test (also blocks the platform folders)."""
    home = tmp_path / "home"
    monkeypatch.setenv("MYROLE_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # The machine's terminal settings must not choose for the tests: TERM=dumb or ACCESSIBLE would
    # open plain mode instead of the app, and NO_COLOR would change every snapshot. Tests of those
    # set them themselves.
    for variable in ("ACCESSIBLE", "NO_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    return home


@pytest.fixture
def paths(myrole_home):
    from myrole.paths import resolve

    return resolve()


@pytest.fixture
def db(paths):
    """An open, migrated, empty store in the test's home folder."""
    from myrole.store import open_store

    database = open_store(paths)
    yield database
    database.close()


@pytest.fixture(scope="session")
def prepared_stores(tmp_path_factory):
    """Stores made once per session (per xdist worker) and copied into a test's home on request.

    `prepared_stores(paths, name, make)` builds the store `make(paths)` would build, the first time
    it is asked for by that name, in a folder of its own; then it copies that file into paths' data folder (as made: closed, its journal
    folded in) and returns what make returned. A copy costs a file copy instead of a store's
    migrations and writes, each synced to disk; a test that changes its copy changes nothing else.
    """
    import shutil

    from myrole.paths import ensure_private_folder, resolve

    made: dict = {}

    def copy_into(paths, name: str, make):
        if name not in made:
            source = resolve(tmp_path_factory.mktemp("prepared"))
            made[name] = (source, make(source))
        source, result = made[name]
        leftovers = [path.name for path in source.data.iterdir() if path.name != source.store.name]
        assert not leftovers, f"a prepared store must be closed and alone in its folder: {leftovers}"
        ensure_private_folder(paths.data)
        shutil.copy2(source.store, paths.store)
        return result

    return copy_into


@pytest.fixture
def quick_autosave(monkeypatch):
    """Drafts and answers save after 0.05 s without a key instead of 0.4 s: the same timer, shorter.

    For tests that wait for an autosave to happen, not for the timing of it.
    """
    import myrole.ui.drafts

    monkeypatch.setattr(myrole.ui.drafts, "AUTOSAVE_PAUSE", 0.05)


@pytest.fixture
def empty_db(paths, prepared_stores):
    """As db, an open, migrated, empty store in the test's home, but copied from one migrated once per worker.

    Migrating a new store costs several times a copy. Every copy holds the same submitter key, so a
    test about a new store's own key or its migrations uses db.
    """
    from myrole.store import open_store

    prepared_stores(paths, "empty", lambda source: open_store(source).close())
    database = open_store(paths)
    yield database
    database.close()
