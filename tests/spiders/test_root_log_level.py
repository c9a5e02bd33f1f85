"""The root logger at LOG_LEVEL while a crawl runs: calls below it stop at the logger, what is logged stays."""

from __future__ import annotations

import logging
from pathlib import Path

from crawler.loglevel import RootAtLogLevel
from crawler.sample_site.server import SampleServer
from tests.crawl_support import run_crawl


def test_debug_calls_stop_at_the_logger_while_the_engine_runs() -> None:
    extension = RootAtLogLevel("INFO")
    logger = logging.getLogger("scrapy.core.engine")
    before = logging.root.level
    extension.engine_started()
    try:
        assert not logger.isEnabledFor(logging.DEBUG)
        assert logger.isEnabledFor(logging.INFO)
    finally:
        extension.engine_stopped()
    assert logging.root.level == before


def test_a_crawl_logs_at_its_level_and_no_lower(sample_site: SampleServer, tmp_path: Path) -> None:
    debug = run_crawl("statements", sample_site.url, tmp_path / "debug", "-s", "LOG_LEVEL=DEBUG")
    assert debug.returncode == 0, debug.stderr[-2000:]
    assert "DEBUG: Crawled (200)" in debug.stderr
    info = run_crawl("statements", sample_site.url, tmp_path / "info", "-s", "LOG_LEVEL=INFO")
    assert info.returncode == 0, info.stderr[-2000:]
    assert "INFO: Spider closed (finished)" in info.stderr and "DEBUG:" not in info.stderr
