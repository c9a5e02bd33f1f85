"""Records read back from the archive: one record from its file and offset, or every record of a file."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from .index import Capture


@dataclass(frozen=True)
class StoredResponse:
    """An archived HTTP response: its status, headers and body as received (Content-Encoding not undone)."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


def read_response(folder: str | Path, capture: Capture) -> StoredResponse:
    """The response record a capture points to."""
    with (Path(folder) / capture.file).open("rb") as fh:
        fh.seek(capture.offset)
        blob = fh.read(capture.length)
    for record in ArchiveIterator(BytesIO(blob)):
        if record.rec_type in ("response", "revisit") and record.http_headers is not None:
            status = int(record.http_headers.get_statuscode())
            return StoredResponse(status, list(record.http_headers.headers), record.raw_stream.read())
    raise ValueError(f"{capture.file}@{capture.offset}: no response record there")


