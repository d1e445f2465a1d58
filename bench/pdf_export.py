"""Provides the PDF benchmark: the ten-year store's manager summary as a PDF, and where the time goes.

Usage: python bench/pdf_export.py [--rounds N] [--skip-heavy]

Reports (no test, no assert): importing fpdf2, loading the fonts, the demo store's manager PDF
(whole command), and the heavy store's manager PDF (whole command; it runs for minutes, see
docs/performance.md) with its page count. Budget: under 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import MYROLE, PYTHON, Row, env_for, run_once  # noqa: E402
from stores import cached_heavy_store  # noqa: E402

BUDGET = 2.0


def _python_seconds(code: str) -> float:
    result = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True)
    return float(result.stdout.strip())


def fixed_costs(rounds: int) -> list[Row]:
    imports = [_python_seconds("import time; t = time.perf_counter(); import fpdf, uharfbuzz; "
                               "print(time.perf_counter() - t)") for _ in range(rounds)]
    fonts = [_python_seconds("import time; from myrole.export.pdf_sheet import Sheet; t = time.perf_counter(); "
                             "s = Sheet('x'); s._load_arabic(); print(time.perf_counter() - t)") for _ in range(rounds)]
    return [Row("pdf: import fpdf2 and uharfbuzz", statistics.median(imports), 0, "s", BUDGET),
            Row("pdf: load all five fonts", statistics.median(fonts), 0, "s", BUDGET)]


def export_pdf(home: Path, out: Path, label: str, rounds: int) -> list[Row]:
    command = [MYROLE, "export", "--format", "pdf", "--audience", "manager", "-o", str(out), "--force"]
    seconds = [run_once(command, env_for(home)) for _ in range(rounds)]
    from pypdf import PdfReader

    pages = len(PdfReader(out).pages)
    return [Row(f"pdf: manager summary, {label} ({pages:,} pages)", statistics.median(seconds), 0, "s", BUDGET)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-heavy", action="store_true", help="leave out the ten-year store (minutes)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="myrole-bench-pdf-") as tmp:
        root = Path(tmp)
        from myrole.demo import seed
        from myrole.paths import resolve
        from myrole.store import open_store

        db = open_store(resolve(root / "demo"))
        seed(db)
        db.close()
        rows = fixed_costs(options.rounds)
        rows += export_pdf(root / "demo", root / "demo.pdf", "demo store", options.rounds)
        if not options.skip_heavy:
            rows += export_pdf(cached_heavy_store(), root / "heavy.pdf", "ten-year store", 1)
    for row in rows:
        print(row.line())


if __name__ == "__main__":
    main()
