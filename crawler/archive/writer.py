"""WARC files written with warcio: a request and a response record per fetch, a revisit record for a 304.

Every record is its own gzip member, and the records of one fetch reach the file in one `write`
(after the file was opened with O_APPEND): a process killed at any moment leaves whole records
only, so standard tools (`warcio index`, `warcio check`, pywb) read every file to its end. A file
starts with a warcinfo record and is closed for a new one once the next write would take it past
the size limit (ARCHIVE_MAX_FILE_SIZE).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path

from warcio.recordbuilder import RecordBuilder
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .index import Capture

WARC_VERSION = "1.0"
Headers = list[tuple[str, str]]


def warc_date(moment: datetime) -> str:
    """WARC-Date of an aware UTC datetime (WARC/1.0: seconds, 'Z')."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


@dataclass(frozen=True)
class Fetch:
    """One request and what came back, as the downloader saw them (the body as received, before decoding)."""

    url: str
    method: str
    request_headers: Headers
    request_body: bytes
    status: int
    response_headers: Headers
    body: bytes
    fetched: datetime            # aware, UTC
    protocol: str = "HTTP/1.1"
    ip_address: str | None = None


@dataclass(frozen=True)
class Written:
    """Where a record went."""

    record_id: str
    file: str
    offset: int
    length: int
    digest: str


class WarcFiles:
    """The WARC files of one run: `<prefix>-<serial>.warc.gz` in `folder`."""

    def __init__(self, folder: str | Path, prefix: str, max_size: int, info: dict[str, str]) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.prefix = prefix
        self.max_size = max_size
        self.info = info
        self.builder = RecordBuilder(warc_version=WARC_VERSION)
        self.serial = 0
        self.name = ""
        self.fd: int | None = None
        self.size = 0
        self.records = 0          # records written (warcinfo included)
        self.bytes = 0            # bytes written

    # records -------------------------------------------------------------------

    def _request(self, fetch: Fetch, concurrent_to: str) -> ArcWarcRecord:
        target = fetch.url.split("://", 1)[-1]
        path = "/" + target.split("/", 1)[1] if "/" in target else "/"
        headers = StatusAndHeaders(f"{fetch.method} {path}", fetch.request_headers, protocol=fetch.protocol, is_http_request=True)
        return self.builder.create_warc_record(
            fetch.url, "request", payload=BytesIO(fetch.request_body), length=len(fetch.request_body), http_headers=headers,
            warc_headers_dict={"WARC-Date": warc_date(fetch.fetched), "WARC-Concurrent-To": concurrent_to},
        )

    def _response_headers(self, fetch: Fetch) -> StatusAndHeaders:
        return StatusAndHeaders(status_line(fetch.status), fetch.response_headers, protocol=fetch.protocol)

    def _warc_headers(self, fetch: Fetch) -> dict[str, str]:
        headers = {"WARC-Date": warc_date(fetch.fetched)}
        if fetch.ip_address:
            headers["WARC-IP-Address"] = fetch.ip_address
        return headers

    def _response(self, fetch: Fetch) -> ArcWarcRecord:
        return self.builder.create_warc_record(
            fetch.url, "response", payload=BytesIO(fetch.body), length=len(fetch.body),
            http_headers=self._response_headers(fetch), warc_headers_dict=self._warc_headers(fetch),
        )

    def _revisit(self, fetch: Fetch, original: Capture) -> ArcWarcRecord:
        """A 304: the server said the page is still the one of `original`."""
        record = self.builder.create_revisit_record(
            fetch.url, original.digest, original.url, original.warc_date,
            http_headers=self._response_headers(fetch),
            warc_headers_dict={**self._warc_headers(fetch), "WARC-Refers-To": original.record_id},
        )
        record.rec_headers.replace_header("WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/server-not-modified")
        return record

    # files ---------------------------------------------------------------------

    @staticmethod
    def _gzipped(record: ArcWarcRecord) -> bytes:
        buffer = BytesIO()
        WARCWriter(buffer, gzip=True, warc_version=WARC_VERSION).write_record(record)
        return buffer.getvalue()

    def _append(self, blob: bytes) -> int:
        """Append in one write; returns the offset the blob starts at. A write that fails part way
        (a full disk) is cut off again, so the file still ends with a whole record."""
        assert self.fd is not None
        offset = self.size
        view = memoryview(blob)
        try:
            while view:
                view = view[os.write(self.fd, view):]
        except OSError:
            os.ftruncate(self.fd, offset)
            raise
        self.size += len(blob)
        self.bytes += len(blob)
        return offset

    def _open_next(self) -> None:
        self.close()
        self.serial += 1
        self.name = f"{self.prefix}-{self.serial:05d}.warc.gz"
        self.fd = os.open(self.folder / self.name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
        self.size = 0
        self._append(self._gzipped(self.builder.create_warcinfo_record(self.name, self.info)))
        self.records += 1

    def write(self, fetch: Fetch, original: Capture | None = None) -> Written:
        """The fetch's response (a revisit of `original` when given) and its request, in one write.
        Returns where the response or revisit record went."""
        main = self._revisit(fetch, original) if original is not None else self._response(fetch)
        record_id = main.rec_headers.get_header("WARC-Record-ID")
        digest = main.rec_headers.get_header("WARC-Payload-Digest")
        blobs = [self._gzipped(main), self._gzipped(self._request(fetch, record_id))]
        total = sum(map(len, blobs))
        if self.fd is None or self.size + total > self.max_size:
            self._open_next()
        offset = self._append(b"".join(blobs))
        self.records += len(blobs)
        return Written(record_id, self.name, offset, len(blobs[0]), digest)

    def close(self) -> None:
        if self.fd is not None:
            os.fsync(self.fd)
            os.close(self.fd)
            self.fd = None
