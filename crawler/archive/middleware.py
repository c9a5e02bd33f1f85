"""Downloader middleware: every response archived as it arrives; re-extraction and resumption served from the archive.

It sits next to the downloader (after compression, redirects and retries; priority 950), so it sees
each request with every header it is sent with, and each response exactly as received: the body
still compressed when the server compressed it, each redirect hop and each retried error as a
capture of its own.

* Normal runs: a request and a response record per fetch, a revisit record for a 304. The response
  goes on at once: its fetch is queued, and written with the others queued meanwhile, a batch at a
  time, while the crawl goes on; `response.meta["capture"]` is the capture being written
  (`crawler.archive.pending`), which a record citing it waits for. The run is judged once every
  queued fetch is written (`RunContext.unfinished`). A request marked `ARCHIVE_RESUME` (statement pages and
  their PDFs) that an earlier run fetched and no published run has used since (the run was killed or
  failed) is answered from the archive instead of the site; one marked `ARCHIVE_CONDITIONAL` gets
  If-None-Match / If-Modified-Since from its latest archived 200. One marked `ARCHIVE_REVISIT` is
  conditional too, and a 304 to it is answered with that 200's body, read back from the archive:
  a page whose every reading is needed again (the events) is read as it was, and not downloaded.
* Re-extraction (`REEXTRACT`): no request leaves; each is answered with its latest archived
  response that is not a server error, or fails with `NotInArchive` when the archive has none
  (logged and counted by the spider's errback as `fetch_failures/not_in_archive`).
  A request marked `ARCHIVE_KEY` (an AJAX list page, whose URL names the page the list sits on)
  is also answered by a capture of another URL that stood for the same thing: which page's
  instance of a list a run reads first depends on the order responses arrive in.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from contextlib import suppress
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.http.headers import Headers
from scrapy.responsetypes import responsetypes
from scrapy.settings import BaseSettings

from ..context import run_context
from ..workers import WorkerPool, take_fitting
from .index import ArchiveIndex, Capture
from .pending import Evidence
from .reader import read_response
from .recorder import Job, Recorded, Target, close_all, record_fetches
from .writer import Fetch

logger = logging.getLogger(__name__)

CAPTURE = "capture"                           # response.meta key: the capture's evidence (Capture.evidence())
ARCHIVE_RESUME = "archive_resume"             # request.meta key: may be answered with an unpublished run's capture
ARCHIVE_CONDITIONAL = "archive_conditional"   # request.meta key: conditional on its latest archived 200
ARCHIVE_REVISIT = "archive_revisit"           # request.meta key: conditional, and a 304 answered with the archived 200
ARCHIVE_KEY = "archive_key"                   # request.meta key: what the request stands for, where URLs vary (see ArchiveIndex.latest)
VALIDATED_BY = "archive_validated_by"         # request.meta key: the capture whose ETag / Last-Modified the request carries
ARCHIVED = "archived"                         # flag of a response read from the archive
DROPPED_HEADERS = (b"Transfer-Encoding",)     # the body is stored de-chunked
VALIDATORS = (b"If-None-Match", b"If-Modified-Since")     # a conditional request's headers
BATCH_WAIT = 0.02                             # seconds a queued fetch waits for others to join its batch
BATCH_FETCHES = 64                            # fetches written in one call of the writer, at most ...
BATCH_BYTES = 8 * 2**20                       # ... and bytes of their bodies (a single larger one goes alone)
Queued = tuple[Job, asyncio.Future[Evidence | None]]   # a fetch to write, and its capture's evidence to come


class NotInArchive(IgnoreRequest):
    """A re-extraction run asked for a page the archive does not hold."""


def archive_dir(settings: BaseSettings) -> Path:
    """ARCHIVE_DIR, by default STATE_DIR/archive."""
    return Path(settings.get("ARCHIVE_DIR") or Path(settings.get("STATE_DIR")) / "archive")


def _headers(headers: Any) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        if name not in DROPPED_HEADERS
        for value in values
    ]


class ArchiveMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.folder = archive_dir(crawler.settings)
        self.replay = crawler.settings.getbool("REEXTRACT")
        self.max_size = crawler.settings.getint("ARCHIVE_MAX_FILE_SIZE")
        self._index: ArchiveIndex | None = None
        self._writer: WorkerPool | None = None
        self._moved = False   # whether the archive writer process took over (`writer`)
        self._target: Target | None = None
        self.writer_after = crawler.settings.getint("ARCHIVE_WRITER_AFTER")
        self.fetches = 0      # archived this run
        self.seq = 0   # this run's seq in the index (0 in a re-extraction, which records no run)
        self.queue: deque[Queued] = deque()   # fetches not written yet
        self.writing: asyncio.Task[None] | None = None   # writes the queue, batch after batch, until it is empty
        self.hurry = asyncio.Event()   # set when a response that waits for its capture is queued: its batch goes at once
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveMiddleware:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        run_context(self.crawler).unfinished.append(self.written)

    @property
    def index(self) -> ArchiveIndex:
        if self._index is None:
            self._index = ArchiveIndex(self.folder)
            if not self.replay:
                context = run_context(self.crawler)
                self.seq = self._index.begin_run(context.spider, context.number, context.run_id, context.stamp)
        return self._index

    @cached_property
    def may_resume(self) -> bool:
        """Whether an earlier run left captures this run may take over (asked once: only this run adds captures)."""
        index = self.index   # opening the index begins the run, which gives its seq
        return index.any_resumable(self.crawler.spidercls.name, self.seq)

    @property
    def writer(self) -> WorkerPool:
        """Where the archive is written: by this process for a run's first `ARCHIVE_WRITER_AFTER` fetches, then
        by a process of its own (another core), in files of its own. A small run (a rerun, the events) never
        pays for starting one."""
        if self._writer is None or (not self._moved and 0 <= self.writer_after <= self.fetches):
            self._moved = self._writer is not None or self.writer_after == 0
            if self._moved:
                close_all()   # this process's files, fsynced: the writer process begins the next one
            self._writer = WorkerPool(1 if self._moved else 0, "archive writer")
        return self._writer

    @property
    def target(self) -> Target:
        if self._target is None:
            context = run_context(self.crawler)
            info = {"software": self.crawler.settings.get("USER_AGENT"), "format": "WARC File Format 1.0",
                    "isPartOf": f"solidnet-crawler {context.spider} run {context.number}", "run_id": context.run_id}
            index = self.index   # opening the index begins the run, which gives its seq
            self._target = Target(str(index.path.parent), f"solidnet-{context.run_id}", self.max_size, info, context.spider, self.seq)
        return self._target

    # requests ------------------------------------------------------------------

    def process_request(self, request: Request, spider: Spider | None = None) -> Response | None:
        if not request.url.startswith(("http://", "https://")):
            return None
        if self.replay:
            if (capture := self.index.latest(request.url, request.meta.get(ARCHIVE_KEY))) is None:
                raise NotInArchive("not in the archive")   # the spider's errback logs and counts it (`crawler.fetch_failures`)
            self.stats.inc_value("archive/replayed")
            return self.from_archive(request, capture)
        if (
            request.meta.get(ARCHIVE_RESUME) and self.may_resume
            and (capture := self.index.resumable(request.url, self.crawler.spidercls.name, self.seq)) is not None
        ):
            self.stats.inc_value("archive/resumed")
            logger.debug("resumed from the archive (run %d): %s", capture.run, request.url)
            return self.from_archive(request, capture)
        if request.meta.get(ARCHIVE_CONDITIONAL) or request.meta.get(ARCHIVE_REVISIT):
            self.validate(request)
        return None

    def validate(self, request: Request) -> None:
        """The validators of the request URL's own latest archived 200, or none (a redirected request
        arrives with those of the URL it was redirected from)."""
        for name in VALIDATORS:
            request.headers.pop(name, None)
        request.meta.pop(VALIDATED_BY, None)
        if (capture := self.index.latest_ok(request.url)) is None:
            return
        request.meta[VALIDATED_BY] = capture
        if capture.etag:
            request.headers[b"If-None-Match"] = capture.etag.encode("latin-1")
        if capture.last_modified:
            request.headers[b"If-Modified-Since"] = capture.last_modified.encode("latin-1")

    def from_archive(self, request: Request, capture: Capture) -> Response:
        stored = read_response(self.folder, capture)
        headers = Headers()
        for name, value in stored.headers:
            headers.appendlist(name, value)
        cls = responsetypes.from_args(headers=headers, url=request.url, body=stored.body)
        request.meta[CAPTURE] = capture.evidence()
        return cls(url=request.url, status=stored.status, headers=headers, body=stored.body, request=request, flags=[ARCHIVED])

    # responses -----------------------------------------------------------------

    async def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response | Request:
        if ARCHIVED in response.flags or not request.url.startswith(("http://", "https://")) or self.replay:
            return response
        revisit = response.status == 304 and bool(request.meta.get(ARCHIVE_REVISIT))
        capture = self.archive(request, response, hurry=revisit)
        request.meta[CAPTURE] = capture
        if not revisit:
            return response
        if await capture is None:   # a revisit answered from the archive: its record first
            request.meta.pop(CAPTURE, None)
            return self.unconditional(request, "its revisit could not be archived")
        if (original := request.meta.get(VALIDATED_BY)) is None:
            return self.unconditional(request, "no archived 200 sent its validators")
        try:
            revisited = self.from_archive(request, original)
        except (OSError, ValueError) as error:
            return self.unconditional(request, f"its archived 200 cannot be read: {error}")
        self.stats.inc_value("archive/revisits_read")
        request.meta[CAPTURE] = capture   # this run's evidence: the revisit record, which refers to the 200
        return revisited

    def unconditional(self, request: Request, why: str) -> Request:
        """A 304 to a request marked ARCHIVE_REVISIT that cannot be answered from the archive: the page
        is asked for again, without validators (logged and counted), so it is still read."""
        self.stats.inc_value("archive/revisits_fetched_again")
        logger.warning("%s answered 304, but %s: asked for again without validators", request.url, why)
        headers = request.headers.copy()
        for name in VALIDATORS:
            headers.pop(name, None)
        meta = {key: value for key, value in request.meta.items() if key not in (ARCHIVE_REVISIT, VALIDATED_BY, CAPTURE)}
        return request.replace(headers=headers, meta=meta, dont_filter=True)

    def archive(self, request: Request, response: Response, hurry: bool = False) -> asyncio.Future[Evidence | None]:
        """Queue the fetch for the WARC files and the index; its capture's evidence once written (None when
        it could not be: logged and counted, and the page is still read, its record without a capture).
        `hurry`: the response waits for it, so its batch goes without waiting for more."""
        fetch = Fetch(
            url=request.url,
            method=request.method,
            request_headers=[("Host", request.url.split("://", 1)[1].split("/", 1)[0]), *_headers(request.headers)],
            request_body=request.body,
            status=response.status,
            response_headers=_headers(response.headers),
            body=response.body,
            fetched=datetime.now(UTC).replace(microsecond=0),
            protocol=getattr(response, "protocol", None) or "HTTP/1.1",
            ip_address=str(response.ip_address) if response.ip_address else None,
        )
        original = (request.meta.get(VALIDATED_BY) or self.index.latest_ok(request.url)) if response.status == 304 else None
        fields = {"etag": _header(response, b"ETag"), "last_modified": _header(response, b"Last-Modified"), "key": request.meta.get(ARCHIVE_KEY)}
        loop = asyncio.get_running_loop()
        capture: asyncio.Future[Evidence | None] = loop.create_future()
        self.queue.append(((fetch, original, fields), capture))
        if self.writing is None:
            self.writing = loop.create_task(self.write_queue())
        if hurry:
            self.hurry.set()
        return capture

    async def write_queue(self) -> None:
        """Write the queued fetches, a batch at a time (what was queued in `BATCH_WAIT`, at most `BATCH_FETCHES`:
        one message to the writer and one commit of the index for all), here for a run's first
        `ARCHIVE_WRITER_AFTER` fetches, then in the archive writer process."""
        try:
            while self.queue:
                if len(self.queue) < BATCH_FETCHES:   # the fetches that arrive meanwhile join the batch
                    with suppress(TimeoutError):
                        await asyncio.wait_for(self.hurry.wait(), BATCH_WAIT)
                self.hurry.clear()
                batch = take_fitting(self.queue, _body_size, BATCH_BYTES, self.before_writer() or BATCH_FETCHES)
                writer = self.writer
                self.fetches += len(batch)
                try:
                    results = await writer.run(record_fetches, self.target, [job for job, _capture in batch])
                except Exception as error:   # the files or the index cannot be opened
                    results = [f"{type(error).__name__}: {error}"] * len(batch)
                for (job, capture), result in zip(batch, results, strict=True):
                    evidence = self.recorded(job[0].url, result)
                    if not capture.done():   # (cancelled with what awaited it, at shutdown)
                        capture.set_result(evidence)
        finally:
            self.writing = None

    def before_writer(self) -> int:
        """How many fetches this process still archives itself before the writer process takes over (0: none)."""
        return max(0, self.writer_after - self.fetches) if not self._moved else 0

    def recorded(self, url: str, result: Recorded | str) -> Evidence | None:
        if isinstance(result, str):
            self.stats.inc_value("archive/errors")
            logger.error("could not archive %s: %s", url, result)
            return None
        self.stats.inc_value("archive/records", result.records)
        self.stats.inc_value("archive/bytes", result.bytes)
        return result.capture.evidence()

    async def written(self) -> None:
        """Once every fetch queued so far is written (or failed)."""
        while self.writing is not None:
            await self.writing

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        """Once the queue is written, close the files (the writer process ends, and this one's, had it taken
        over); mark the run published in the index when it was (the run record decided first)."""
        await self.written()
        if self._writer is not None:
            self._writer.close()
        close_all()
        if self._index is not None:
            context = run_context(self.crawler)
            if context.published and not self.replay:
                self._index.mark_published(self.seq)
            self._index.close()


def _body_size(queued: Queued) -> int:
    return len(queued[0][0].body)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
