"""Provides the collation report as JSON (format "myrole-collation", version 2): a hidden count is null."""

from __future__ import annotations

from typing import Any

from myrole.collate.report import Report
from myrole.collate.words import suppression, title
from myrole.export.json_format import dumps
from myrole.model import Lens, Mode

FORMAT = "myrole-collation"
FORMAT_VERSION = 2  # 2: one count of hidden numbers (version 1 split it by reason, which gave small ones away)


def as_data(report: Report) -> dict[str, Any]:
    files = report.files
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "title": title(report), "collective": report.collective,
        "event_name": report.event_name, "threshold": report.threshold, "event": report.event,
        "people": report.people, "commitments": report.commitments,
        "cells": [{"lens": lens.value, "mode": mode.value, "count": report.cells[lens, mode]}
                  for lens in Lens for mode in Mode],
        "lenses": [{"lens": lens.value, "count": value} for lens, value in report.lens_totals.items()],
        "modes": [{"mode": mode.value, "count": value} for mode, value in report.mode_totals.items()],
        "topics": [{"topic": row.label, "kind": row.kind, "count": row.count, "people": row.people,
                    "titles": list(row.titles)} for row in report.topics],
        "statuses": [{"status": status.value, "count": value} for status, value in report.statuses.items()],
        "months": [{"month": row.month, "label": row.label, "count": row.count, "done": row.done,
                    "not_done": row.not_done, "done_share": _rounded(row.done_share),
                    "mean_progress": _rounded(row.mean_progress)} for row in report.months],
        "tags": [{"tag": row.tag, "count": row.count, "people": row.people} for row in report.tags],
        "suppression": {"hidden": report.hidden, "explanation": " ".join(suppression(report))},
        # No file is named (organisers name files after their senders): how many were skipped, and why.
        "files": {"read": files.read, "version_1": files.version_1, "replaced": files.replaced,
                  "copies": files.copies, "skipped": files.skipped_count,
                  "skipped_reasons": list(files.skipped_reasons), "outside_event": files.outside_event},
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def render(report: Report) -> str:
    """The report as JSON text, risky invisible characters escaped as in every myrole export."""
    return dumps(as_data(report))
