"""What the archive's writer process runs (`crawler.workers`): the fetches `ArchiveMiddleware` queued, a
batch at a time, written to the run's WARC files and indexed in one commit. The crawl goes on meanwhile;
the record of a statement waits for its page's capture (`crawler.archive.pending`), so every capture an
export cites is written first.

The files and the index connection are the process's own, opened on its first fetch and closed (the
files fsynced) when it ends; a writer that died is replaced by the same calls in the crawl's process,
whose files go on under the next free file names.
"""

from __future__ import annotations

import sqlite3
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


Job = tuple[Fetch, Capture | None, dict[str, Any]]   # a fetch, the capture a 304 revisits, the capture's etag, last_modified and key


def record_fetches(target: Target, jobs: list[Job]) -> list[Recorded | str]:
    """Write each fetch (a revisit of its original capture when given), then index them all in one commit;
    a fetch that could not be written or indexed is the reason, in its place."""
    files, index = _opened(target)
    results: list[Recorded | str] = []
    for fetch, original, fields in jobs:
        before = (files.records, files.bytes)
        try:
            written = files.write(fetch, original)
        except OSError as error:
            results.append(str(error))
            continue
        capture = Capture(
            record_id=written.record_id, url=fetch.url, kind="revisit" if original is not None else "response",
            status=fetch.status, file=written.file, offset=written.offset, length=written.length, digest=written.digest,
            fetched_at=fetch.fetched.isoformat(timespec="seconds"), warc_date=warc_date(fetch.fetched),
            spider=target.spider, run=target.run, **fields,
        )
        results.append(Recorded(capture, files.records - before[0], files.bytes - before[1]))
    try:
        index.add(*(result.capture for result in results if isinstance(result, Recorded)))
    except sqlite3.Error as error:
        return [result if isinstance(result, str) else f"not indexed: {error}" for result in results]
    return results


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
