"""Worker processes that run pure functions for the crawl's process: `WorkerPool.run(function, *args)`.

Each worker is a new Python process with a socket of its own (`python -c`, importing only what it
runs: a `multiprocessing` spawn would import the crawl's main module, all of Scrapy, into every
worker); the crawl's event loop reads the answers as they arrive, so the pool has no thread in the
crawl's process competing with it for the GIL. A function runs in a worker by name (a module-level
function) on pickled arguments; its exception comes back to the caller. Tasks go in messages, as
many as are queued (and, with `gather`, as arrive within that many seconds), each message answered
in one: every wake-up of a worker and of the crawl's event loop costs more than a small task. A
worker that ends (killed, crashed) is logged once, and from then on, and for what it had in hand, the
functions run in the crawl's process: nothing is lost. A worker ends when the crawl's process closes
its socket or ends, killed or not; functions' `multiprocessing.util.Finalize` hooks run as it ends
normally.
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
Q = TypeVar("Q")
WORKER_NICENESS = 10     # below the crawl's event loop, which every page waits on, when the cores are all busy
AHEAD_BYTES = 64 * 1024   # the largest message sent to a worker that is running one (a Unix socket buffers about 200 KiB)
MESSAGE_BYTES = 4 * 2**20   # the tasks sent in one message to an idle worker, at most (one larger task goes alone)
WORKER_MAIN = "import sys; sys.path[:0] = sys.argv[2:]; from crawler.workers import serve; serve(int(sys.argv[1]))"


class WorkerGone(Exception):
    """A worker process ended (killed, crashed) before it answered."""


def serve(fd: int) -> None:
    """A worker process's main (`WORKER_MAIN`): serve the socket it was given."""
    _serve(Connection(fd))


def _serve(conn: Connection) -> None:
    """A worker: run each function of each message on its arguments, answer the message with their results
    or exceptions, in order, until the crawl's process closes its end (or ends, killed or not: the socket
    then reads as closed)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C stops the crawl, which then closes its workers
    os.nice(WORKER_NICENESS)
    while True:
        try:
            message = conn.recv_bytes()
        except (EOFError, OSError):
            return
        try:
            answer = _answer([_run(task) for task in pickle.loads(message)])
        except Exception as error:   # a message that cannot be read: one failure, for each of its tasks
            answer = pickle.dumps([_picklable((False, error))])
        try:
            conn.send_bytes(answer)
        except OSError:   # the crawl's process is gone
            return


def _run(task: bytes) -> tuple[bool, Any]:
    try:
        function, args = pickle.loads(task)
        return True, function(*args)
    except Exception as error:   # the function's failure (or its task's) is the caller's to log
        return False, error


def _answer(results: list[tuple[bool, Any]]) -> bytes:
    try:
        return pickle.dumps(results)
    except Exception:
        return pickle.dumps([_picklable(result) for result in results])


def _picklable(result: tuple[bool, Any]) -> tuple[bool, Any]:
    """The result, or its pickling error (or an exception that cannot be pickled, as a RuntimeError)."""
    try:
        pickle.dumps(result)
        return result
    except Exception as error:
        failure = error if result[0] else result[1]
    try:
        pickle.dumps(failure)
        return False, failure
    except Exception:
        return False, RuntimeError(f"{type(failure).__name__}: {failure}")


class _Worker:
    """One worker process and the crawl's end of its socket. Tasks go in messages, as many as are queued: a
    worker gets a second message while it runs one only when that message is small (`AHEAD_BYTES`, well
    inside a socket's buffer), so the send never waits; a larger one is sent once the worker is idle,
    reading its socket. Either way the crawl's process never waits on a worker that waits on it (to take
    an answer, whatever its size)."""

    def __init__(self) -> None:
        mine, theirs = socket.socketpair()
        with theirs:   # the worker finds the crawl's modules where the crawl's process does
            command = [sys.executable, "-c", WORKER_MAIN, str(theirs.fileno()), *sys.path]
            self.process = subprocess.Popen(command, pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
        self.conn = Connection(mine.detach())
        self.tasks: deque[list[asyncio.Future[Any]]] = deque()   # each message sent: for whom, in the order the worker answers


class WorkerPool:
    """`workers` processes running functions for the crawl's process (`name`: what they are, in the log);
    none: every function runs in this process. With `gather` (seconds), a task waits that long for others
    to go with it in one message, answered in one message: fewer wake-ups of the worker and of the
    crawl's event loop, for that much more latency. As the crawl's process ends, however it ends short
    of being killed, the pool is closed first (its workers finish what they were sent)."""

    def __init__(self, workers: int, name: str, gather: float = 0.0) -> None:
        self.name = name
        self.gather = gather
        self._gathering: asyncio.TimerHandle | None = None   # sends what was queued once `gather` is over
        self.workers = [_Worker() for _ in range(workers)]   # they start, and import what they run, while the crawl goes on
        self.queued: deque[tuple[bytes, asyncio.Future[Any]]] = deque()   # not sent yet: gathering, or every worker has its hands full
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
        if not self.gather:
            self._send()
        elif self._gathering is None:
            self._gathering = loop.call_later(self.gather, self._gathered)
        return await future

    def _gathered(self) -> None:
        self._gathering = None
        self._send()

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
        """Tasks queued go, in order, in one message to an idle worker (at most `MESSAGE_BYTES` of them, at
        least one), else in one small message (`AHEAD_BYTES`) to a worker with a single message in hand."""
        while self.queued and self.workers:
            worker = min(self.workers, key=lambda w: len(w.tasks))
            if len(worker.tasks) > 1:
                return
            batch = take_fitting(self.queued, _task_size, AHEAD_BYTES if worker.tasks else MESSAGE_BYTES, allow_large=not worker.tasks)
            if not batch:
                return
            try:
                worker.conn.send_bytes(pickle.dumps([task for task, _future in batch]))
            except OSError as error:
                self.queued.extendleft(reversed(batch))
                self._stopped(worker, error)
                continue
            worker.tasks.append([future for _task, future in batch])

    def _answered(self, worker: _Worker) -> None:
        try:
            message = worker.conn.recv_bytes()
        except (EOFError, OSError) as error:
            self._stopped(worker, error)
            return
        futures = worker.tasks.popleft()
        try:
            answers: list[tuple[bool, Any]] = pickle.loads(message)
        except Exception as error:   # an answer that cannot be read is its tasks' failure
            answers = [(False, error)]
        if len(answers) != len(futures):   # a message the worker could not read: one failure, for each of its tasks
            answers = answers[:1] * len(futures)
        for future, (ok, value) in zip(futures, answers, strict=True):
            if not future.done():
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)
        if self._gathering is None:
            self._send()

    def _stopped(self, worker: _Worker, error: BaseException) -> None:
        """A worker ended: logged; its task runs in this process. The other workers go on; once none is
        left, every task queued and every task after runs in this process."""
        self._ignore(worker)
        self.workers.remove(worker)
        worker.conn.close()
        _wait(worker, timeout=5)
        _gone(future for futures in worker.tasks for future in futures)
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
        if self._gathering is not None:
            self._gathering.cancel()
            self._gathering = None
        _gone([future for worker in workers for futures in worker.tasks for future in futures] + [future for _task, future in self.queued])
        self.queued.clear()


def take_fitting(queue: deque[Q], size: Callable[[Q], int], most_bytes: int, most: int | None = None, allow_large: bool = True) -> list[Q]:
    """The first items of `queue`, taken off it, that fit in `most_bytes` (and number at most `most`); a
    larger first one alone when `allow_large`."""
    taken: list[Q] = []
    total = 0
    while queue and (most is None or len(taken) < most):
        if total + size(queue[0]) > most_bytes and not (allow_large and not taken):
            break
        total += size(queue[0])
        taken.append(queue.popleft())
    return taken


def _task_size(queued: tuple[bytes, asyncio.Future[Any]]) -> int:
    return len(queued[0])


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
