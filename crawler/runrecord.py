"""The run record: decides at the end of a run whether it was ok, degraded or failed, whether its
exports are published, and appends one line to `exports/runs.jsonl`."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from .context import RunContext, run_context, utc_now

logger = logging.getLogger(__name__)

COUNTS = {
    "pages": "response_received_count",
    "items": "item_scraped_count",
    "new": "items/new",
    "changed": "items/changed",
    "unchanged": "items/unchanged",
    "removed": "items/removed",
    "gone": "items/gone",
    "kept": "items/kept",
    "invalid": "items/invalid",
    "dropped": "item_dropped_count",
    "errors": "log_count/ERROR",
    "retries": "retry/count",
    "requests_saved": "incremental/requests_saved",
    "not_due": "incremental/not_due",
    "not_modified": "incremental/not_modified",
    "read": "pages/statements_read",
    "not_article": "pages/not_article",
    "events": "events/sighted",
    "untitled": "pages/untitled",
    "undated": "pages/undated",
    "unknown_template": "pages/unknown_template",
    "problems": "pages/problems",
    "unreadable_datelines": "datelines/unreadable",
    "unreadable_events": "events/unreadable",
    "discovery_errors": "discovery/errors",
    "lists_forbidden": "discovery/lists_forbidden",
    "robots_forbidden": "robotstxt/forbidden",
    "archived_records": "archive/records",
    "archived_bytes": "archive/bytes",
    "archive_resumed": "archive/resumed",
    "archive_replayed": "archive/replayed",
    "archive_missing": "archive/missing",
    "archive_errors": "archive/errors",
}


@dataclass(frozen=True)
class Thresholds:
    """Shares beyond which a run is degraded (settings MAX_ERROR_SHARE, MAX_UNTITLED_SHARE, MAX_UNDATED_SHARE)."""

    errors: float
    untitled: float
    undated: float


def judge(spider: str, finish_reason: str, counts: dict[str, int], limits: Thresholds) -> tuple[str, str | None]:
    """The run's status and, when it is not ok, why.

    Failed: the crawl did not finish, nothing was fetched, or the site showed nothing (no event read;
    every statement exported a removal or kept from earlier runs). Degraded: too large a share of
    pages failed or could not be used, too many statement pages without a title or without a date,
    or robots.txt forbids the lists the statements are discovered through."""
    if finish_reason != "finished":
        return "failed", f"the crawl did not finish ({finish_reason})"
    if counts["pages"] == 0:
        return "failed", "no page could be fetched"
    found = counts["events"] if spider == "events" else counts["items"] - counts["removed"] - counts["gone"] - counts["kept"]
    if found <= 0:
        return "failed", f"no {spider} found on the site"
    error_share = (counts["errors"] + counts["invalid"] + counts["not_article"]) / counts["pages"]
    if error_share > limits.errors:
        return "degraded", f"{error_share:.0%} of pages failed or could not be used (limit {limits.errors:.0%})"
    for missing, key, limit in (("title", "untitled", limits.untitled), ("date", "undated", limits.undated)):
        share = counts[key] / max(counts["read"], 1)
        if share > limit:
            return "degraded", f"{share:.0%} of statement pages had no {missing} (limit {limit:.0%})"
    if counts["lists_forbidden"]:
        return "degraded", f"robots.txt forbids {counts['lists_forbidden']} list request(s): statements are found through links only"
    return "ok", None


def append_line(path: Path, record: dict[str, Any]) -> None:
    """Append one JSON line by rewriting the file atomically: readers see the old or the new file, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with (path.parent / f".{path.name}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)   # the two spiders may end at once: one appends after the other
        old = path.read_bytes() if path.exists() else b""
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(old)
            fh.write((json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(name, 0o644)
        os.replace(name, path)


class RunRecord:
    """Scrapy extension; enabled before the feed exporter so its verdict is known when feeds are stored."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecord:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        run_context(self.crawler)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        context: RunContext = run_context(self.crawler)
        stats = self.crawler.stats
        counts = {name: int(stats.get_value(key, 0) or 0) for name, key in COUNTS.items()}
        counts["pages"] -= int(stats.get_value("pages/internal", 0) or 0)
        settings = self.crawler.settings
        limits = Thresholds(
            settings.getfloat("MAX_ERROR_SHARE"), settings.getfloat("MAX_UNTITLED_SHARE"), settings.getfloat("MAX_UNDATED_SHARE")
        )
        status, why = judge(spider.name, reason, counts, limits)
        context.finish(status, publish=status != "failed")
        record = {
            "run_id": context.run_id,
            "spider": spider.name,
            "started_at": context.started_at.isoformat(timespec="seconds"),
            "ended_at": utc_now(),
            "status": status,
            "reason": why,
            "finish_reason": reason,
            "counts": counts,
            "published": context.publish,
        }
        append_line(context.exports_dir / "runs.jsonl", record)
        log = logger.info if status == "ok" else logger.error
        log("run %s: %s%s; exports %s", context.run_id, status, f" ({why})" if why else "",
            "published" if context.publish else "NOT published, the previous ones are kept")
