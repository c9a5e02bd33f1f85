"""A page that no longer gives a statement keeps what an earlier run stored of it; an unknown one is dropped."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.context import run_context
from crawler.extract_pool import crawl_pool
from crawler.items import Carry, Statement, StatementPage
from crawler.pipelines import ExtractPipeline
from crawler.spiders.statements import StatementsSpider
from crawler.state import StoredRow
from crawler.urls import page_id

KNOWN = "https://www.solidnet.org/article/Known-Statement/"
NOT_AN_ARTICLE = "<html><body><div id='apollo-page'><p>Maintenance</p></div></body></html>"


@pytest.fixture
def pipeline(tmp_path: Path) -> Iterator[ExtractPipeline]:
    project = {name: getattr(project_settings, name) for name in dir(project_settings) if name.isupper()}
    crawler = get_crawler(
        StatementsSpider, {**project, "STATE_DIR": str(tmp_path / "state"), "EXPORTS_DIR": str(tmp_path / "exports")}
    )
    run_context(crawler)
    step = ExtractPipeline(crawler)   # the page is read by a real extraction worker (EXTRACT_WORKERS)
    yield step
    crawl_pool(crawler).close()   # as the spider's close does


def processed(pipeline: ExtractPipeline, item: StatementPage) -> Any:
    return asyncio.run(pipeline.process_item(item))


STORED = StoredRow(page_id(KNOWN), KNOWN, None, "hash", None, None, 1)
RECORD = {"id": page_id(KNOWN), "url": KNOWN, "title": "Known statement", "signatories": [], "template": "mercury"}


def test_a_known_statement_is_kept(pipeline: ExtractPipeline) -> None:
    kept = processed(pipeline, StatementPage(KNOWN, NOT_AN_ARTICLE, stored=STORED, previous=RECORD))
    assert isinstance(kept, Statement)
    assert (kept.carried, kept.extracted, kept.template, kept.previous) == (Carry.FAILED, None, "mercury", RECORD)


def test_an_unknown_page_is_dropped(pipeline: ExtractPipeline) -> None:
    with pytest.raises(DropItem, match="not an article page"):
        processed(pipeline, StatementPage("https://www.solidnet.org/article/Other/", NOT_AN_ARTICLE))
