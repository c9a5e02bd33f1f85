"""Running the real spiders as `scrapy crawl` processes against a real sample-site server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from crawler.sample_site.content import SiteContent
from crawler.sample_site.server import RequestLog

ROOT = Path(__file__).resolve().parent.parent

FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8")


def crawl_command(spider: str, base_url: str, workdir: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "scrapy", "crawl", spider,
        "-s", f"SOLIDNET_URL={base_url}",
        "-s", f"EXPORTS_DIR={workdir / 'exports'}",
        "-s", f"STATE_DIR={workdir / 'state'}",
        *FAST, *extra,
    ]


def run_crawl(spider: str, base_url: str, workdir: Path, *extra: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """One `scrapy crawl` run in the project folder; its output is kept for the assertion messages."""
    return subprocess.run(
        crawl_command(spider, base_url, workdir, *extra),
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False,
    )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every line of a JSON Lines file, each parsed (a broken line fails the test)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]



def statement_fetches(log: RequestLog, content: Path, status: int | None = None) -> int:
    """How many of the server's answers were statement pages of this content (with this status, when given)."""
    return log.count_paths(SiteContent(content).article_paths(), status)
