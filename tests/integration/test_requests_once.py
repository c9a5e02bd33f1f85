"""The spiders ask for each page once: links that every page repeats (menus, side lists, teasers) are
dropped by the spider before a request is made, not by Scrapy's duplicate filter after. Only a first
link back to a start page (requested by `start`, not by a link) still reaches the filter."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from crawler.sample_site.server import SampleServer
from crawler.spiders.statements import StatementsSpider
from tests.crawl_support import run_crawl

FILTERED = re.compile(r"'dupefilter/filtered': (\d+)")


START_PAGES = {"statements": len(StatementsSpider.start_paths), "events": 0}   # events: start pages are no event pages


@pytest.mark.parametrize("spider", ["statements", "events"])
def test_each_page_is_requested_once_and_repeated_links_never_reach_the_duplicate_filter(
    spider: str, own_site: SampleServer, tmp_path: Path
) -> None:
    own_site.log.clear()
    result = run_crawl(spider, own_site.url, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Dumping Scrapy stats" in result.stderr

    asked = Counter(target for target, _status in own_site.log.entries)
    assert len(asked) > 10, asked
    assert [target for target, count in asked.items() if count > 1] == []
    filtered = sum(int(n) for n in FILTERED.findall(result.stderr))
    assert filtered <= START_PAGES[spider], f"{filtered} requests were made only for the duplicate filter to drop them"
