"""What the archive's writer process runs (`crawler.workers`): each fetch written to the run's WARC files
and indexed, committed at once, as `ArchiveMiddleware` sends it. The crawl's process waits for the
capture before the response goes on, so every capture an export cites is written first.

The files and the index connection are the process's own, opened on its first fetch and closed (the
files fsynced) when it ends; a writer that died is replaced by the same calls in the crawl's process,
whose files go on under the next free file names.
"""

from __future__ import annotations

from dataclasses import dataclass
from multiprocessing.util import Finalize
from typing import Any

from .index import ArchiveIndex, Capture
from .writer import Fetch, WarcFiles, warc_date

_OPEN: dict[str, tuple[WarcFiles, ArchiveIndex]] = {}   # this process's files and index, by archive folder
_FINALIZERS: list[Finalize] = []                        # closes them as the process ends


@dataclass(frozen=True)
class Target:
    """Where and as what a run's fetches are archived."""

    folder: str
    prefix: str                 # of the WARC file names
    max_size: int               # ARCHIVE_MAX_FILE_SIZE
    info: dict[str, str]        # the warcinfo record's fields
    spider: str
    run: int                    # the run's seq in the index


@dataclass(frozen=True)
class Recorded:
    capture: Capture
    records: int                # WARC records written (a new file's warcinfo included)
    bytes: int


def record_fetch(target: Target, fetch: Fetch, original: Capture | None, fields: dict[str, Any]) -> Recorded:
    """Write the fetch (a revisit of `original` when given) and index it; `fields`: the capture's
    etag, last_modified and key."""
    files, index = _opened(target)
    before = (files.records, files.bytes)
    written = files.write(fetch, original)
    capture = Capture(
        record_id=written.record_id, url=fetch.url, kind="revisit" if original is not None else "response",
        status=fetch.status, file=written.file, offset=written.offset, length=written.length, digest=written.digest,
        fetched_at=fetch.fetched.isoformat(timespec="seconds"), warc_date=warc_date(fetch.fetched),
        spider=target.spider, run=target.run, **fields,
    )
    index.add(capture)
    return Recorded(capture, files.records - before[0], files.bytes - before[1])


def _opened(target: Target) -> tuple[WarcFiles, ArchiveIndex]:
    if target.folder not in _OPEN:
        _OPEN[target.folder] = (WarcFiles(target.folder, target.prefix, target.max_size, target.info), ArchiveIndex(target.folder))
        if not _FINALIZERS:
            _FINALIZERS.append(Finalize(None, close_all, exitpriority=10))   # as a worker process ends
    return _OPEN[target.folder]


def close_all() -> None:
    """Close this process's files (fsynced) and index connections."""
    while _OPEN:
        files, index = _OPEN.popitem()[1]
        files.close()
        index.close()
