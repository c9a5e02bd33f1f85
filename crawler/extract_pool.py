"""Statement pages (and the statements spider's list pages) read in worker processes, so the crawl's
process goes on fetching and discovering while another core parses and extracts (`EXTRACT_WORKERS`;
0 reads them in the crawl's own process).

What a worker runs is the same pure reading the crawl's process runs without workers (`read_page`):
the links discovery follows (`crawler.templates.links.page_links`), then the template's raw parts and
every field (`crawler.extract.statement.read_statement`). The spider awaits the reading of each
statement page it fetched and follows the links; the extract step takes the fields. A page is
parsed once, off the crawl's process. A worker that dies is logged once and the pages are read in
the crawl's process from then on; nothing is lost. A worker ends when the crawl's process closes its
socket or ends, killed or not."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import pickle
import signal
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext
from typing import TYPE_CHECKING, Any, TypeVar

from parsel import Selector

from .extract.statement import ExtractedStatement, read_statement
from .templates import parse_article
from .templates.links import PageLinks, page_links

if TYPE_CHECKING:   # the workers import this module: they need no Scrapy
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
_ATTR = "_solidnet_extraction_pool"
T = TypeVar("T")
IN_FLIGHT = 2   # pages sent to a worker ahead of its answers: one it reads, one waiting in its socket


@dataclass(frozen=True)
class ArticleReading:
    """What an article page gives: its template's name and its extracted values."""

    template: str
    extracted: ExtractedStatement


@dataclass(frozen=True)
class PageReading:
    links: PageLinks                 # what discovery follows
    article: ArticleReading | None   # None: the page is not an article


def read_page(html: str | Selector, url: str, content_language: str | None) -> PageReading:
    """A statement page's links and its statement, from one parse (as HTML, as Scrapy parses a page)."""
    sel = html if isinstance(html, Selector) else Selector(text=html, type="html")
    links = page_links(sel, url)
    page = parse_article(sel, url, content_language)
    return PageReading(links, None if page is None else ArticleReading(page.template, read_statement(page)))


class WorkerGone(Exception):
    """A worker process ended (killed, crashed) before it answered."""


def _serve(conn: Connection) -> None:
    """A worker: run each reader sent on its arguments, answer with the result or the reader's exception,
    until the crawl's process closes its end (or ends, killed or not: the socket then reads as closed)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C stops the crawl, which then closes its workers
    while True:
        try:
            reader, args = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        try:
            answer = pickle.dumps((True, reader(*args)))
        except Exception as error:   # the reader's failure is the caller's to log
            try:
                answer = pickle.dumps((False, error))
            except Exception:
                answer = pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))
        conn.send_bytes(answer)


class _Worker:
    """One worker process and the crawl's end of its socket; at most `IN_FLIGHT` pages sent ahead, so a
    send waits at most for the page the worker is reading (when it does not fit in the socket's buffer)."""

    def __init__(self, context: SpawnContext) -> None:
        self.conn, child = multiprocessing.Pipe(duplex=True)
        self.process = context.Process(target=_serve, args=(child,), daemon=True, name="solidnet-extract")
        self.process.start()
        child.close()
        self.waiting: deque[asyncio.Future[Any]] = deque()   # sent, in the order the worker answers


class ExtractionPool:
    """`workers` processes reading statement pages; none: read in this process.

    Each worker has a socket of its own; the crawl's event loop reads the answers as they arrive (no
    threads of the pool in the crawl's process, so nothing of it competes with the crawl for the GIL)."""

    def __init__(self, workers: int) -> None:
        context = multiprocessing.get_context("spawn")   # the workers start, and import the readers, while the crawl starts
        self.workers = [_Worker(context) for _ in range(workers)]
        self.queued: deque[tuple[bytes, asyncio.Future[Any]]] = deque()   # not sent yet: every worker has IN_FLIGHT
        self.loop: asyncio.AbstractEventLoop | None = None

    @property
    def in_workers(self) -> bool:
        """Whether pages are read by workers (then `read` wants no selector: the page is not parsed here)."""
        return bool(self.workers)

    def worker_pids(self) -> list[int]:
        """The workers' process ids."""
        return [worker.process.pid for worker in self.workers if worker.process.pid is not None]

    async def read(self, html: str, selector: Selector | None, url: str, content_language: str | None) -> PageReading:
        """The page read by a worker (from its text); in this process (from `selector`, else its text) without one."""
        return await self.run(read_page, html if self.workers or selector is None else selector, url, content_language)

    async def run(self, reader: Callable[..., T], *args: Any) -> T:
        """`reader(*args)` in a worker, or in this process without one (`reader`: a module-level function,
        which a worker imports by name)."""
        if self.workers:
            try:
                result: T = await self._in_worker(reader, *args)
                return result
            except WorkerGone:
                pass
        return reader(*args)

    async def _in_worker(self, reader: Callable[..., Any], *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        if self.loop is not loop:
            self._listen(loop)
        future: asyncio.Future[Any] = loop.create_future()
        self.queued.append((pickle.dumps((reader, args)), future))
        self._send()
        return await future

    def _listen(self, loop: asyncio.AbstractEventLoop) -> None:
        self._unlisten()
        self.loop = loop
        for worker in self.workers:
            loop.add_reader(worker.conn.fileno(), self._answered, worker)

    def _unlisten(self) -> None:
        if self.loop is not None and not self.loop.is_closed():
            for worker in self.workers:
                self.loop.remove_reader(worker.conn.fileno())
        self.loop = None

    def _send(self) -> None:
        """Pages queued go to the workers with the fewest pages in hand."""
        while self.queued and self.workers:
            worker = min(self.workers, key=lambda w: len(w.waiting))
            if len(worker.waiting) >= IN_FLIGHT:
                return
            task, future = self.queued.popleft()
            try:
                worker.conn.send_bytes(task)
            except OSError as error:
                self.queued.appendleft((task, future))
                self._stopped(error)
                return
            worker.waiting.append(future)

    def _answered(self, worker: _Worker) -> None:
        try:
            ok, value = pickle.loads(worker.conn.recv_bytes())
        except (EOFError, OSError) as error:
            self._stopped(error)
            return
        future = worker.waiting.popleft()
        if not future.done():
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        self._send()

    def _stopped(self, error: BaseException) -> None:
        """A worker ended: logged once; every page sent or queued is read in this process, and so is every page after."""
        logger.error("the extraction workers stopped (%s); pages are read in the crawl's process from now on",
                     type(error).__name__ if not str(error) else error)
        waiting = [future for worker in self.workers for future in worker.waiting] + [future for _task, future in self.queued]
        self.queued.clear()
        self.close()
        for future in waiting:
            if not future.done():
                future.set_exception(WorkerGone())

    def close(self) -> None:
        """End the workers and wait for them (so their CPU time counts in the crawl's)."""
        self._unlisten()
        workers, self.workers = self.workers, []
        for worker in workers:
            worker.conn.close()   # the worker reads the end of its socket and returns
        for worker in workers:
            worker.process.join()


def crawl_pool(crawler: Crawler) -> ExtractionPool:
    """The crawl's pool (`EXTRACT_WORKERS`), opened on first use (the statements spider opens it as it
    starts) and closed when the spider closes."""
    from scrapy import signals  # here: the workers import this module, and need no Scrapy

    pool: ExtractionPool | None = getattr(crawler, _ATTR, None)
    if pool is None:
        pool = ExtractionPool(crawler.settings.getint("EXTRACT_WORKERS"))
        setattr(crawler, _ATTR, pool)
        crawler.signals.connect(pool.close, signal=signals.spider_closed, weak=False)
    return pool
