"""A sitemap's requests go out `SITEMAP_BATCH` at a time: the next batch waits until the scheduler holds none."""

from __future__ import annotations

import asyncio
from typing import Any

import scrapy
from scrapy.http import XmlResponse
from scrapy.utils.test import get_crawler

from crawler.spiders.events import EventsSpider

BASE_URL = "https://www.solidnet.org"
SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    + "".join(f"<url><loc>{BASE_URL}/event/Event-{n}/</loc></url>" for n in range(5))
    + "</urlset>"
)


def test_a_batch_of_sitemap_requests_waits_while_the_scheduler_holds_requests() -> None:
    crawler = get_crawler(EventsSpider, {"SOLIDNET_URL": BASE_URL, "SITEMAP_BATCH": 2})
    spider = EventsSpider.from_crawler(crawler)
    stats = crawler.stats
    assert stats is not None
    response = XmlResponse(f"{BASE_URL}/sitemap.xml", body=SITEMAP.encode())

    async def run() -> list[Any]:
        outputs = spider.parse_sitemap(response)
        got = [await anext(outputs), await anext(outputs)]   # the first batch
        stats.set_value("scheduler/enqueued", 2)             # the scheduler holds it ...
        held = asyncio.ensure_future(anext(outputs))
        await asyncio.sleep(0.05)
        assert not held.done()
        stats.set_value("scheduler/dequeued", 2)             # ... until it has none to give
        spider.ran_dry()
        got.append(await held)
        got += [output async for output in outputs]          # the scheduler's counts say it is dry: no wait
        return got

    got = asyncio.run(run())
    assert [request.url for request in got if isinstance(request, scrapy.Request)] == [f"{BASE_URL}/event/Event-{n}/" for n in range(5)]
    assert stats.get_value("sitemap/batches_held") == 1 and stats.get_value("sitemap/requests") == 5
