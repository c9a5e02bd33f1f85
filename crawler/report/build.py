"""Building the report and the feed from the exports, and publishing them atomically.

`exports/report` is a symbolic link to a build folder in `exports/.report-builds/`: a new build
is written whole into a folder of its own, then the link is swapped in one rename, so a reader
sees the old report or the new one, never half of one. `exports/changes.atom` is written to a
temporary file and renamed into place.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from ..files import fsync_dir, publish_file
from .atom import atom_feed
from .loader import Exports, load_exports
from .page import render_page

REPORT = "report"
BUILDS = ".report-builds"
FEED = "changes.atom"

logger = logging.getLogger(__name__)


def _write(path: Path, data: bytes) -> None:
    with path.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    path.chmod(0o644)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write a file through a temporary file beside it, renamed into place."""
    with publish_file(path) as tmp:
        tmp.write_bytes(data)
    return path


def publish_folder(exports_dir: Path, files: dict[str, bytes]) -> Path:
    """Write `files` into a new build folder and point `exports_dir/report` at it; older builds are deleted."""
    builds = exports_dir / BUILDS
    builds.mkdir(exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f"{datetime.now(UTC):%Y%m%dT%H%M%S}-", dir=builds))
    try:
        for name, data in files.items():
            _write(build / name, data)
        build.chmod(0o755)
        fsync_dir(build)
        link = exports_dir / REPORT
        if link.is_dir() and not link.is_symlink():   # a plain folder (copied, or made by hand) gives way once
            os.replace(link, builds / f"old-{build.name}")
        swap = exports_dir / f".{REPORT}.{os.getpid()}.tmp"
        swap.unlink(missing_ok=True)
        swap.symlink_to(build.relative_to(exports_dir))
        os.replace(swap, link)
        fsync_dir(exports_dir)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    for old in builds.iterdir():
        if old != build:
            shutil.rmtree(old, ignore_errors=True)
    return link


def build_report(exports_dir: Path, now: datetime | None = None, exports: Exports | None = None) -> list[Path]:
    """Build `exports_dir/report/index.html` and `exports_dir/changes.atom` from the exports in
    `exports_dir` (`exports`: those exports, when the caller has read them already); returns their paths.
    Builds are serialised by a lock file (two spiders may end at once)."""
    exports_dir = Path(exports_dir)
    now = now or datetime.now(UTC)
    exports_dir.mkdir(parents=True, exist_ok=True)
    with (exports_dir / f".{REPORT}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        exports = exports or load_exports(exports_dir)
        page = render_page(exports, now).encode("utf-8")
        feed = atom_feed(exports, now)
        report = publish_folder(exports_dir, {"index.html": page})
        atom = write_atomic(exports_dir / FEED, feed)
    return [report / "index.html", atom]


def build_after_run(exports_dir: Path, exports: Exports | None = None) -> list[Path] | None:
    """`build_report`, logging how long it took, or why it failed (then None)."""
    started = time.perf_counter()
    try:
        paths = build_report(exports_dir, exports=exports)
    except Exception:
        logger.exception("the report could not be built from %s (the exports are published; the old report is kept)", exports_dir)
        return None
    logger.info("report built in %.1f s: %s", time.perf_counter() - started, ", ".join(map(str, paths)))
    return paths
