"""Export files: written so that a reader never sees one half-written (a temporary file beside it, fsync,
rename, the folder fsynced so the rename lasts), and read back. Used by every export, derived output and the report."""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

STALE_AFTER = 3600   # seconds


@contextmanager
def publish_file(path: Path) -> Iterator[Path]:
    """A temporary path to write `path`'s new content to; moved into place when the block ends well, else deleted."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with suppress(FileNotFoundError):
            if time.time() - stale.stat().st_mtime > STALE_AFTER:
                stale.unlink()   # left behind by a killed build (a younger one may be another build's)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        tmp.chmod(0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every record of a JSON Lines export; none when the file is not there (yet: e.g. no events run so far)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
