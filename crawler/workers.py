"""Worker processes that run pure functions for the crawl's process: `WorkerPool.run(function, *args)`.

Each worker is a spawned process with a socket of its own; the crawl's event loop reads the answers
as they arrive, so the pool has no thread in the crawl's process competing with it for the GIL. A
function runs in a worker by name (a module-level function) on pickled arguments; its exception comes
back to the caller. A worker that ends (killed, crashed) is logged once, and from then on, and for
what it had in hand, the functions run in the crawl's process: nothing is lost. A worker ends when the
crawl's process closes its socket or ends, killed or not; functions' `multiprocessing.util.Finalize`
hooks run as it ends normally.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import pickle
import signal
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnContext
from typing import Any, TypeVar

logger = logging.getLogger(__name__)
T = TypeVar("T")
IN_FLIGHT = 2   # tasks sent to a worker ahead of its answers: one it runs, one waiting in its socket


class WorkerGone(Exception):
    """A worker process ended (killed, crashed) before it answered."""


def _serve(conn: Connection) -> None:
    """A worker: run each function sent on its arguments, answer with the result or the function's exception,
    until the crawl's process closes its end (or ends, killed or not: the socket then reads as closed)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C stops the crawl, which then closes its workers
    while True:
        try:
            function, args = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        try:
            answer = pickle.dumps((True, function(*args)))
        except Exception as error:   # the function's failure is the caller's to log
            try:
                answer = pickle.dumps((False, error))
            except Exception:
                answer = pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))
        conn.send_bytes(answer)


class _Worker:
    """One worker process and the crawl's end of its socket; at most `IN_FLIGHT` tasks sent ahead, so a
    send waits at most for the task the worker runs (when it does not fit in the socket's buffer)."""

    def __init__(self, context: SpawnContext, name: str) -> None:
        self.conn, child = multiprocessing.Pipe(duplex=True)
        self.process = context.Process(target=_serve, args=(child,), daemon=True, name=f"solidnet {name}")
        self.process.start()
        child.close()
        self.waiting: deque[asyncio.Future[Any]] = deque()   # sent, in the order the worker answers


class WorkerPool:
    """`workers` processes running functions for the crawl's process (`name`: what they are, in the log);
    none: every function runs in this process."""

    def __init__(self, workers: int, name: str) -> None:
        context = multiprocessing.get_context("spawn")   # the workers start, and import what they run, while the crawl goes on
        self.name = name
        self.workers = [_Worker(context, name) for _ in range(workers)]
        self.queued: deque[tuple[bytes, asyncio.Future[Any]]] = deque()   # not sent yet: every worker has IN_FLIGHT
        self.loop: asyncio.AbstractEventLoop | None = None

    @property
    def in_workers(self) -> bool:
        """Whether functions run in workers."""
        return bool(self.workers)

    def worker_pids(self) -> list[int]:
        """The workers' process ids."""
        return [worker.process.pid for worker in self.workers if worker.process.pid is not None]

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
        if self.loop is not None and not self.loop.is_closed():
            for worker in self.workers:
                self.loop.remove_reader(worker.conn.fileno())
        self.loop = None

    def _send(self) -> None:
        """Tasks queued go to the workers with the fewest in hand."""
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
        """A worker ended: logged once; every task sent or queued runs in this process, and so does every task after."""
        logger.error("the %s stopped (%s); its work is done in the crawl's process from now on",
                     self.name, type(error).__name__ if not str(error) else error)
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
