"""The report of the dataset for people: `exports/report/index.html` (figures, charts, what changed,
the health of the runs) and the Atom feed of changes `exports/changes.atom`, built from the exports.

Importing this package is cheap; the drawing libraries load when a report is built."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .loader import Exports


def build_report(exports_dir: Path, now: datetime | None = None) -> list[Path]:
    """Build `report/index.html` and `changes.atom` in `exports_dir` from its exports; returns their paths."""
    from .build import build_report as build
    return build(exports_dir, now)


def build_after_run(exports_dir: Path, exports: Exports | None = None) -> list[Path] | None:
    """`build_report` after a run that published; a failure is logged with its cause and gives None
    (the exports stay published; the run's exit code then says degraded)."""
    from .build import build_after_run as build
    return build(exports_dir, exports)
