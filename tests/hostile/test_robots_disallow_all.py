"""A site whose robots.txt disallows everything gets no request but /robots.txt, from either spider."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.sample_site.hostile import DISALLOW_ALL
from crawler.sample_site.server import SampleServer
from tests.crawl_support import read_jsonl, run_crawl


@pytest.mark.parametrize("spider", ["statements", "events"])
def test_nothing_but_robots_txt_is_requested(hostile_site: SampleServer, tmp_path: Path, spider: str) -> None:
    hostile_site.hostile["/robots.txt"] = DISALLOW_ALL
    result = run_crawl(spider, hostile_site.url, tmp_path)
    assert hostile_site.log.paths() == ["/robots.txt"], result.stderr[-3000:]
    run = read_jsonl(tmp_path / "exports" / "runs.jsonl")[-1]
    assert run["counts"]["robots_forbidden"] >= 3
    assert (result.returncode, run["status"]) == (4, "failed")   # nothing could be read: the run says so
    assert "(Forbidden by robots.txt)" in result.stderr
