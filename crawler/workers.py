"""Worker processes that run pure functions for the crawl's process: `WorkerPool.run(function, *args)`.

Each worker is a new Python process with a socket of its own (`python -c`, importing only what it
runs: a `multiprocessing` spawn would import the crawl's main module, all of Scrapy, into every
worker); the crawl's event loop reads the answers as they arrive, so the pool has no thread in the crawl's process competing with it for the GIL. A
function runs in a worker by name (a module-level function) on pickled arguments; its exception comes
back to the caller. A worker that ends (killed, crashed) is logged once, and from then on, and for
what it had in hand, the functions run in the crawl's process: nothing is lost. A worker ends when the
crawl's process closes its socket or ends, killed or not; functions' `multiprocessing.util.Finalize`
hooks run as it ends normally.
"""

from __future__ import annotations

import asyncio
import logging
import os
import pickle
import signal
import socket
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from multiprocessing.util import Finalize
from typing import Any, TypeVar

logger = logging.getLogger(__name__)
T = TypeVar("T")
WORKER_NICENESS = 10     # below the crawl's event loop, which every page waits on, when the cores are all busy
AHEAD_BYTES = 64 * 1024   # the largest task sent to a worker that is running one (a Unix socket buffers about 200 KiB)
WORKER_MAIN = "import sys; sys.path[:0] = sys.argv[2:]; from crawler.workers import serve; serve(int(sys.argv[1]))"


class WorkerGone(Exception):
    """A worker process ended (killed, crashed) before it answered."""


def serve(fd: int) -> None:
    """A worker process's main (`WORKER_MAIN`): serve the socket it was given."""
    _serve(Connection(fd))


def _serve(conn: Connection) -> None:
    """A worker: run each function sent on its arguments, answer with the result or the function's exception,
    until the crawl's process closes its end (or ends, killed or not: the socket then reads as closed)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C stops the crawl, which then closes its workers
    os.nice(WORKER_NICENESS)
    while True:
        try:
            task = conn.recv_bytes()
        except (EOFError, OSError):
            return
        try:
            function, args = pickle.loads(task)
            answer = pickle.dumps((True, function(*args)))
        except Exception as error:   # the function's failure (or its task's) is the caller's to log
            try:
                answer = pickle.dumps((False, error))
            except Exception:
                answer = pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))
        try:
            conn.send_bytes(answer)
        except OSError:   # the crawl's process is gone
            return


class _Worker:
    """One worker process and the crawl's end of its socket. A worker gets a second task while it runs
    one only when that task is small (`AHEAD_BYTES`, well inside a socket's buffer), so the send never
    waits; a large task is sent once the worker is idle, reading its socket. Either way the crawl's
    process never waits on a worker that waits on it (to take an answer, whatever its size)."""

    def __init__(self) -> None:
        mine, theirs = socket.socketpair()
        with theirs:   # the worker finds the crawl's modules where the crawl's process does
            command = [sys.executable, "-c", WORKER_MAIN, str(theirs.fileno()), *sys.path]
            self.process = subprocess.Popen(command, pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
        self.conn = Connection(mine.detach())
        self.tasks: deque[asyncio.Future[Any]] = deque()   # sent, for whom, in the order the worker answers


class WorkerPool:
    """`workers` processes running functions for the crawl's process (`name`: what they are, in the log);
    none: every function runs in this process. As the crawl's process ends, however it ends short of
    being killed, the pool is closed first (its workers finish what they were sent)."""

    def __init__(self, workers: int, name: str) -> None:
        self.name = name
        self.workers = [_Worker() for _ in range(workers)]   # they start, and import what they run, while the crawl goes on
        self.queued: deque[tuple[bytes, asyncio.Future[Any]]] = deque()   # not sent yet: every worker has a task
        self.loop: asyncio.AbstractEventLoop | None = None
        if self.workers:
            Finalize(None, self.close, exitpriority=1)   # as this process ends (multiprocessing runs these at exit)

    @property
    def in_workers(self) -> bool:
        """Whether functions run in workers."""
        return bool(self.workers)

    def worker_pids(self) -> list[int]:
        """The workers' process ids."""
        return [worker.process.pid for worker in self.workers]

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """`function(*args)` in a worker, or in this process without one (`function`: a module-level
        function, which a worker imports by name)."""
        if self.workers:
            try:
                result: T = await self._in_worker(function, *args)
                return result
            except WorkerGone:
                pass
        return function(*args)

    async def _in_worker(self, function: Callable[..., Any], *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        if self.loop is not loop:
            self._listen(loop)
        future: asyncio.Future[Any] = loop.create_future()
        self.queued.append((pickle.dumps((function, args)), future))
        self._send()
        return await future

    def _listen(self, loop: asyncio.AbstractEventLoop) -> None:
        self._unlisten()
        self.loop = loop
        for worker in self.workers:
            loop.add_reader(worker.conn.fileno(), self._answered, worker)

    def _unlisten(self) -> None:
        for worker in self.workers:
            self._ignore(worker)
        self.loop = None

    def _ignore(self, worker: _Worker) -> None:
        """Stop reading the worker's answers."""
        if self.loop is not None and not self.loop.is_closed():
            self.loop.remove_reader(worker.conn.fileno())

    def _send(self) -> None:
        """Tasks queued go, in order, to an idle worker, else (a small task) to one with a single task."""
        while self.queued and self.workers:
            task, future = self.queued[0]
            worker = min(self.workers, key=lambda w: len(w.tasks))
            if worker.tasks and (len(worker.tasks) > 1 or len(task) > AHEAD_BYTES):
                return
            self.queued.popleft()
            try:
                worker.conn.send_bytes(task)
            except OSError as error:
                self.queued.appendleft((task, future))
                self._stopped(worker, error)
                continue
            worker.tasks.append(future)

    def _answered(self, worker: _Worker) -> None:
        try:
            ok, value = pickle.loads(worker.conn.recv_bytes())
        except (EOFError, OSError) as error:
            self._stopped(worker, error)
            return
        except Exception as error:   # an answer that cannot be read is that task's failure
            ok, value = False, error
        future = worker.tasks.popleft()
        if not future.done():
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        self._send()

    def _stopped(self, worker: _Worker, error: BaseException) -> None:
        """A worker ended: logged; its task runs in this process. The other workers go on; once none is
        left, every task queued and every task after runs in this process."""
        self._ignore(worker)
        self.workers.remove(worker)
        worker.conn.close()
        _wait(worker, timeout=5)
        _gone(worker.tasks)
        why = type(error).__name__ if not str(error) else error
        if self.workers:
            logger.error("one of the %s stopped (%s); the others go on", self.name, why)
            self._send()
            return
        logger.error("the %s stopped (%s); its work is done in the crawl's process from now on", self.name, why)
        self.close()

    def close(self) -> None:
        """End the workers and wait for them (so their CPU time counts in the crawl's); a task queued or
        under way from now on runs in this process."""
        self._unlisten()
        workers, self.workers = self.workers, []
        for worker in workers:
            worker.conn.close()   # the worker reads the end of its socket and returns
        for worker in workers:
            _wait(worker)
        _gone([future for worker in workers for future in worker.tasks] + [future for _task, future in self.queued])
        self.queued.clear()


def _wait(worker: _Worker, timeout: float | None = None) -> None:
    """Wait for a worker to end (its socket closed); one that does not within `timeout` is killed."""
    try:
        worker.process.wait(timeout)
    except subprocess.TimeoutExpired:
        worker.process.kill()
        worker.process.wait()


def _gone(futures: Iterable[asyncio.Future[Any]]) -> None:
    """Tasks no worker will answer: their callers run them in this process (`WorkerGone`)."""
    for future in futures:
        if not future.done():
            future.set_exception(WorkerGone())
