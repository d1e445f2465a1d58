"""Provides the stores the benchmarks run against, with the ten-year heavy store cached between runs.

The heavy store takes seconds to make, so one copy is kept in the temporary folder under a name
made from a hash of the code that shapes it (its maker and the store's schema) and today's date;
each run works on a fresh copy of it, so nothing a run writes reaches the cache.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = Path(tempfile.gettempdir()) / "myrole-bench-cache"


def make_homes(root: Path) -> dict[str, Path]:
    """Empty (onboarded), demo, typing (an unfinished reflection) and the ten-year heavy store."""
    from myrole.demo import seed
    from myrole.model import Context, Profile
    from myrole.paths import resolve
    from myrole.prompts import load_catalogue
    from myrole.store import open_store
    from myrole.store.profile import save_profile
    from myrole.store.reflections import start_reflection

    homes = {name: root / name for name in ("empty", "demo", "typing", "heavy")}
    for name in ("empty", "typing"):
        db = open_store(resolve(homes[name]))
        save_profile(db, Profile(name="Bench", onboarded=True))
        if name == "typing":  # on launch the app offers to resume it: one Enter reaches the editor
            start_reflection(db, load_catalogue().get("core"), Context.SELF)
        db.close()
    db = open_store(resolve(homes["demo"]))
    seed(db)
    db.close()
    shutil.copytree(cached_heavy_store(), homes["heavy"])
    return homes


def cached_heavy_store() -> Path:
    """The folder of the cached heavy store, made first if this version of it is not there yet."""
    from make_heavy_store import make

    import myrole.store

    digest = hashlib.sha256(date.today().isoformat().encode())
    schema = Path(myrole.store.__file__).parent
    for source in (HERE / "make_heavy_store.py", schema / "migrations.py", schema / "versions.py"):
        digest.update(source.read_bytes())
    folder = CACHE / f"heavy-{digest.hexdigest()[:16]}"
    if not folder.exists():
        CACHE.mkdir(exist_ok=True)
        for stale in CACHE.glob("heavy-*"):
            shutil.rmtree(stale, ignore_errors=True)
        partial = Path(tempfile.mkdtemp(prefix="partial-", dir=CACHE))
        make(partial / "heavy")
        (partial / "heavy").rename(folder)  # only a finished store is ever under the cache's name
        partial.rmdir()
    return folder
