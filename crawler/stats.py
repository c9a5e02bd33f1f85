"""The crawl's stats collector: Scrapy's in-memory one, without the hook Scrapy 2.13 put on every attribute
lookup of a stats collector (to warn about a deprecated `spider` argument). The hook costs each
`inc_value` a few failed lookups, each an exception: about 0.3 s of the crawl's event loop at 3,000
statements, where every response and item counts several stats. The crawl passes no `spider` argument.
"""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector


class PlainStatsCollector(MemoryStatsCollector):
    __getattribute__ = object.__getattribute__
