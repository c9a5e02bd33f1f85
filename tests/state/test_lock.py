"""The run lock: one holder at a time, released by `release()` or by the holder's death."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from crawler.commands.crawl import worst_exit
from crawler.lock import RunLock

HOLD_AND_DIE = """
import os, sys
from pathlib import Path
from crawler.lock import RunLock
assert RunLock(Path(sys.argv[1])).acquire()
os._exit(0)
"""


def test_a_second_holder_is_refused_until_release(tmp_path: Path) -> None:
    path = tmp_path / "state" / "statements.lock"
    first, second = RunLock(path), RunLock(path)
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


def test_the_lock_dies_with_its_process(tmp_path: Path) -> None:
    path = tmp_path / "statements.lock"
    subprocess.run([sys.executable, "-c", HOLD_AND_DIE, str(path)], check=True, cwd=Path(__file__).parents[2])
    lock = RunLock(path)
    assert lock.acquire()
    assert path.read_text().strip().isdigit()
    lock.release()


def test_the_worst_exit_ranks_a_failure_above_a_held_lock() -> None:
    assert worst_exit([0, 3]) == 3
    assert worst_exit([75, 4]) == 4
    assert worst_exit([3, 75]) == 75
    assert worst_exit([4, 1]) == 1    # a crash or a usage error is worse still
    assert worst_exit([]) == 0
