"""WARC files: a request and a response record per fetch, a revisit record for a 304.

The records are serialized here (WARC/1.0, ISO 28500: named fields, then the HTTP message as the
block, with its SHA-1 block and payload digests), not with warcio's builder, which costs the crawl
several times as much per fetch; the tests read every file back and check every digest with warcio.

Every record is its own gzip member, and the records of one fetch reach the file in one `write`
(after the file was opened with O_APPEND): a process killed at any moment leaves whole records
only, so standard tools (`warcio index`, `warcio check`, pywb) read every file to its end. A file
starts with a warcinfo record and is closed for a new one once the next write would take it past
the size limit (ARCHIVE_MAX_FILE_SIZE).
"""

from __future__ import annotations

import base64
import hashlib
import os
import uuid
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path

from .index import Capture

WARC_VERSION = "1.0"
GZIP_LEVEL = 6   # zlib's default: warcio's own gzip writer uses 9, a third slower for 0.2% smaller files
ZLIB_LOOKAHEAD = 262   # bytes of its window zlib keeps for look-ahead (MIN_LOOKAHEAD): a record matches back over the rest
REVISIT_PROFILE = "http://netpreserve.org/warc/1.0/revisit/server-not-modified"
CRLF = b"\r\n"
Headers = list[tuple[str, str]]


def warc_date(moment: datetime) -> str:
    """WARC-Date of an aware UTC datetime (WARC/1.0: seconds, 'Z')."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def sha1_digest(data: bytes) -> str:
    """A WARC digest: 'sha1:' and the base32 SHA-1."""
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def record_id() -> str:
    return f"<urn:uuid:{uuid.uuid4()}>"


def http_block(first_line: str, headers: Headers) -> bytes:
    """An HTTP message head: its first line, its header lines, the empty line."""
    lines = [first_line, *(f"{name}: {value}" for name, value in headers), "", ""]
    return "\r\n".join(lines).encode("latin-1", "replace")


def warc_record(fields: list[tuple[str, str]], content_type: str, block: bytes, payload_digest: str | None = None) -> bytes:
    """One WARC/1.0 record: its named fields (Content-Type, Content-Length and the digests added), the
    block, the two CRLFs that end it."""
    named = [*fields]
    if payload_digest is not None:
        named.append(("WARC-Payload-Digest", payload_digest))
    named += [("WARC-Block-Digest", sha1_digest(block)), ("Content-Type", content_type), ("Content-Length", str(len(block)))]
    head = "WARC/1.0\r\n" + "".join(f"{name}: {value}\r\n" for name, value in named) + "\r\n"
    return b"".join((head.encode("utf-8"), block, CRLF, CRLF))


def gzip_member(data: bytes) -> bytes:
    """A record as one gzip member, compressed in one call. Its window and hash table are sized to the
    record (no larger than zlib's defaults): as small a member, but setting up zlib's full-size tables
    took most of the time for a request record of a few hundred bytes."""
    window = min(zlib.MAX_WBITS, max(9, (len(data) + ZLIB_LOOKAHEAD).bit_length()))
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, window | 16, min(8, window - 5))
    return compressor.compress(data) + compressor.flush()


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
        self.serial = 0
        self.name = ""
        self.fd: int | None = None
        self.size = 0
        self.records = 0          # records written (warcinfo included)
        self.bytes = 0            # bytes written

    # records -------------------------------------------------------------------

    @staticmethod
    def _request(fetch: Fetch, concurrent_to: str) -> bytes:
        target = fetch.url.split("://", 1)[-1]
        path = "/" + target.split("/", 1)[1] if "/" in target else "/"
        block = http_block(f"{fetch.method} {path} {fetch.protocol}", fetch.request_headers) + fetch.request_body
        fields = [("WARC-Type", "request"), ("WARC-Record-ID", record_id()), ("WARC-Date", warc_date(fetch.fetched)),
                  ("WARC-Target-URI", fetch.url), ("WARC-Concurrent-To", concurrent_to)]
        return warc_record(fields, "application/http; msgtype=request", block)

    @staticmethod
    def _fields(kind: str, fetch: Fetch, main_id: str) -> list[tuple[str, str]]:
        fields = [("WARC-Type", kind), ("WARC-Record-ID", main_id), ("WARC-Date", warc_date(fetch.fetched)), ("WARC-Target-URI", fetch.url)]
        if fetch.ip_address:
            fields.append(("WARC-IP-Address", fetch.ip_address))
        return fields

    @staticmethod
    def _response_head(fetch: Fetch) -> bytes:
        return http_block(f"{fetch.protocol} {status_line(fetch.status)}", fetch.response_headers)

    def _response(self, fetch: Fetch, main_id: str) -> tuple[bytes, str]:
        """The response record and its payload digest."""
        digest = sha1_digest(fetch.body)
        head = self._response_head(fetch)
        record = warc_record(self._fields("response", fetch, main_id), "application/http; msgtype=response", head + fetch.body, digest)
        return record, digest

    def _revisit(self, fetch: Fetch, main_id: str, original: Capture) -> bytes:
        """A 304: the server said the page is still the one of `original` (the block: the 304's headers only)."""
        fields = [
            *self._fields("revisit", fetch, main_id),
            ("WARC-Profile", REVISIT_PROFILE), ("WARC-Refers-To-Target-URI", original.url),
            ("WARC-Refers-To-Date", original.warc_date), ("WARC-Refers-To", original.record_id),
        ]
        return warc_record(fields, "application/http; msgtype=response", self._response_head(fetch), original.digest)

    def _warcinfo(self) -> bytes:
        block = "".join(f"{name}: {value}\r\n" for name, value in self.info.items()).encode("utf-8")
        fields = [("WARC-Type", "warcinfo"), ("WARC-Record-ID", record_id()), ("WARC-Filename", self.name),
                  ("WARC-Date", warc_date(datetime.now(UTC)))]
        return warc_record(fields, "application/warc-fields", block)

    # files ---------------------------------------------------------------------

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
        """The next file of the run, under the next name no file has (the crawl's process, taking over from
        an archive writer process that died, goes on after its files)."""
        self.close()
        while self.fd is None:
            self.serial += 1
            self.name = f"{self.prefix}-{self.serial:05d}.warc.gz"
            try:
                self.fd = os.open(self.folder / self.name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
            except FileExistsError:
                continue
        self.size = 0
        self._append(gzip_member(self._warcinfo()))
        self.records += 1

    def write(self, fetch: Fetch, original: Capture | None = None) -> Written:
        """The fetch's response (a revisit of `original` when given) and its request, in one write.
        Returns where the response or revisit record went."""
        main_id = record_id()
        if original is not None:
            main, digest = self._revisit(fetch, main_id, original), original.digest
        else:
            main, digest = self._response(fetch, main_id)
        blobs = [gzip_member(main), gzip_member(self._request(fetch, main_id))]
        total = sum(map(len, blobs))
        if self.fd is None or self.size + total > self.max_size:
            self._open_next()
        offset = self._append(b"".join(blobs))
        self.records += len(blobs)
        return Written(main_id, self.name, offset, len(blobs[0]), digest)

    def close(self) -> None:
        if self.fd is not None:
            os.fsync(self.fd)
            os.close(self.fd)
            self.fd = None
