"""Provides the whole-store `me` JSON export made the usual way, every record through Python, as a command.

Usage: python bench/export_usual.py FILE   (the store in MYROLE_HOME)

`myrole export --format json` has SQLite write the answers and check-ins of such an export
(myrole/export/json_records.py); bench/run.py times this beside it, so that each run shows
whether the 1 s budget still needs that second route (docs/performance.md).
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    import myrole.cli  # noqa: F401 - the command line's own start-up, as `myrole export` pays it
    from myrole.export import render_pieces, summary
    from myrole.export.output import write_private_file
    from myrole.paths import resolve
    from myrole.privacy import Audience
    from myrole.store import open_store

    conn = open_store(resolve(), create=False)
    try:
        document = summary(conn, Audience.ME, None)
    finally:
        conn.close()
    pieces = [piece.encode("utf-8") for piece in render_pieces(document, "json")]
    write_private_file(Path(sys.argv[1]), pieces, force=True)


if __name__ == "__main__":
    main()
