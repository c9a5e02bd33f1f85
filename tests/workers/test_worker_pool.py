"""The worker pool (`crawler.workers`) on real worker processes: tasks gathered into one message each get their
own answer, a failure (the function's, or an answer that cannot be pickled) is its own task's only, and
nothing is lost when the pool closes with tasks still gathering."""

from __future__ import annotations

import asyncio
import operator
import threading
from typing import Any

import pytest

from crawler.workers import WorkerPool


def lock() -> Any:
    """A result that cannot be pickled."""
    return threading.Lock()


async def gathered(pool: WorkerPool, calls: list[tuple[Any, ...]]) -> list[Any]:
    try:
        return list(await asyncio.gather(*(pool.run(*call) for call in calls), return_exceptions=True))
    finally:
        pool.close()


@pytest.mark.parametrize("gather", [0.0, 0.05])
def test_each_task_of_a_message_gets_its_own_answer(gather: float) -> None:
    calls = [(operator.truediv, n, n % 4) for n in range(1, 41)]   # every fourth divides by zero
    answers = asyncio.run(gathered(WorkerPool(2, "test workers", gather), calls))
    for (_function, n, d), answer in zip(calls, answers, strict=True):
        if d:
            assert answer == n / d
        else:
            assert isinstance(answer, ZeroDivisionError)


def test_an_answer_that_cannot_be_pickled_fails_its_task_only() -> None:
    answers = asyncio.run(gathered(WorkerPool(1, "test workers", 0.05), [(operator.add, 1, 2), (lock,), (operator.add, 3, 4)]))
    assert answers[0] == 3 and answers[2] == 7
    assert isinstance(answers[1], Exception) and "pickle" in str(answers[1]).lower(), answers[1]


def test_tasks_still_gathering_when_the_pool_closes_run_in_this_process() -> None:
    async def run() -> list[Any]:
        pool = WorkerPool(1, "test workers", gather=5.0)
        tasks = [asyncio.ensure_future(pool.run(operator.mul, n, 10)) for n in range(5)]
        await asyncio.sleep(0.05)
        pool.close()   # before the gathering is over: nothing was sent
        return list(await asyncio.gather(*tasks))
    assert asyncio.run(run()) == [0, 10, 20, 30, 40]
