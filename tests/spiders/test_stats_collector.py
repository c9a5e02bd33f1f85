"""The crawl's stats collector keeps Scrapy's stats as Scrapy's in-memory collector does."""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.stats import PlainStatsCollector


def test_it_counts_as_scrapys_collector_does() -> None:
    crawler = get_crawler()
    ours, scrapys = PlainStatsCollector(crawler), MemoryStatsCollector(crawler)
    for stats in (ours, scrapys):
        stats.inc_value("pages/html")
        stats.inc_value("pages/html", 2)
        stats.set_value("start", 5)
        stats.max_value("depth", 3)
        stats.max_value("depth", 1)
        stats.min_value("low", 4)
        stats.min_value("low", 2)
    assert ours.get_stats() == scrapys.get_stats() == {"pages/html": 3, "start": 5, "depth": 3, "low": 2}
    assert ours.get_value("missing", 0) == 0

