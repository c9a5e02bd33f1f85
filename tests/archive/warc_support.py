"""Reading an archive folder back with warcio, as any WARC tool would."""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

WARCIO = [sys.executable, "-m", "warcio.cli"]


@dataclass(frozen=True)
class Record:
    file: str
    offset: int
    type: str
    record_id: str
    target: str | None
    status: int | None
    headers: dict[str, str]   # the record's WARC headers
    http: dict[str, str]      # its HTTP headers (lower-cased names)
    payload: bytes            # as stored (Content-Encoding not undone)


def read_archive(folder: Path) -> list[Record]:
    """Every record of every WARC file in the folder, files in name order."""
    records = []
    for path in sorted(folder.glob("*.warc.gz")):
        with path.open("rb") as fh:
            iterator = ArchiveIterator(fh)
            for record in iterator:
                http = {k.lower(): v for k, v in record.http_headers.headers} if record.http_headers else {}
                status = int(record.http_headers.get_statuscode()) if record.http_headers and record.rec_type != "request" else None
                payload = record.raw_stream.read()
                records.append(Record(
                    path.name, iterator.get_record_offset(), record.rec_type, record.rec_headers.get_header("WARC-Record-ID"),
                    record.rec_headers.get_header("WARC-Target-URI"), status, dict(record.rec_headers.headers), http, payload,
                ))
    return records


def sha1_digest(payload: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(payload).digest()).decode("ascii")


def target_path(record: Record) -> str:
    """The record's URL as the server's request log writes it: path and query."""
    assert record.target is not None
    parts = urlsplit(record.target)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def warcio_check(folder: Path) -> subprocess.CompletedProcess[str]:
    """`warcio check` over every file: digests verified, whole records only."""
    files = [str(p) for p in sorted(folder.glob("*.warc.gz"))]
    return subprocess.run([*WARCIO, "check", *files], capture_output=True, text=True, check=False)
