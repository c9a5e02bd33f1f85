"""A server that trickles costs at most DOWNLOAD_TIMEOUT per attempt; a run that outlasts
CLOSESPIDER_TIMEOUT ends as failed (exit 4) and keeps the previous exports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.sample_site.hostile import Trickle
from crawler.sample_site.server import SampleServer
from crawler.urls import page_id
from tests.crawl_support import read_jsonl, run_crawl

SEED = "/article/20-IMCWP-Statement-of-Solidarity-of-Communist-and-Workers-Parties/"


@pytest.fixture
def trickle() -> Iterator[Trickle]:
    """A page sent 16 bytes every half second (some 20 minutes for the whole page); released at the end."""
    answer = Trickle(interval=0.5)
    yield answer
    answer.released.set()


def test_a_trickling_page_times_out_is_counted_and_kept_out(hostile_site: SampleServer, tmp_path: Path, trickle: Trickle) -> None:
    hostile_site.hostile[SEED] = trickle
    result = run_crawl("statements", hostile_site.url, tmp_path, "-s", "DOWNLOAD_TIMEOUT=1")
    assert result.returncode == 0, result.stderr[-3000:]
    run = read_jsonl(tmp_path / "exports" / "runs.jsonl")[-1]
    assert (run["counts"]["timeouts"], run["counts"]["errors"]) == (1, 1)
    assert page_id(SEED) not in {s["id"] for s in read_jsonl(tmp_path / "exports" / "statements.jsonl")}
    assert f"could not fetch statement {hostile_site.url}{SEED} (timeout)" in result.stderr


def test_a_run_past_its_time_limit_fails_and_keeps_the_previous_exports(
    hostile_site: SampleServer, tmp_path: Path, trickle: Trickle
) -> None:
    assert run_crawl("statements", hostile_site.url, tmp_path).returncode == 0
    exports = tmp_path / "exports"
    before = {name: (exports / name).read_bytes() for name in ("statements.jsonl", "signatories.jsonl", "parties.jsonl")}
    hostile_site.hostile[SEED] = trickle
    result = run_crawl("statements", hostile_site.url, tmp_path, "-a", "full=1", "-s", "DOWNLOAD_TIMEOUT=5", "-s", "CLOSESPIDER_TIMEOUT=2")
    assert result.returncode == 4, result.stderr[-3000:]
    assert {name: (exports / name).read_bytes() for name in before} == before
    run = read_jsonl(exports / "runs.jsonl")[-1]
    assert (run["status"], run["finish_reason"], run["published"]) == ("failed", "closespider_timeout", False)
