from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from crawler.sample_site.server import SampleServer
from tests.crawl_support import run_crawl


@pytest.fixture(scope="session")
def crawled(sample_site: SampleServer, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[subprocess.CompletedProcess[str]]]:
    """A statements run, then an events run, of the bundled sample site (each builds the report): the exports and the runs."""
    workdir = tmp_path_factory.mktemp("report")
    results = [run_crawl(spider, sample_site.url, workdir) for spider in ("statements", "events")]
    for result in results:
        assert result.returncode == 0, result.stderr[-3000:]
    return workdir / "exports", results
