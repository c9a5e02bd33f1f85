"""The run record: decides at the end of a run whether it was ok, degraded or failed, whether its
exports are published, and appends one line to `exports/runs.jsonl`."""

from __future__ import annotations

import fcntl
import logging
from dataclasses import dataclass

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from .context import RunContext, Status, run_context, utc_now
from .publish import PublishError, append_line, publish

logger = logging.getLogger(__name__)

TEMPLATE_STAT = "pages/template/"   # + a template's name: statement pages it read this run

COUNTS = {
    "pages": "response_received_count",
    "items": "item_scraped_count",
    "new": "items/new",
    "changed": "items/changed",
    "unchanged": "items/unchanged",
    "removed": "items/removed",
    "gone": "items/gone",
    "kept": "items/kept",
    "lost": "statements/lost",
    "invalid": "items/invalid",
    "dropped": "item_dropped_count",
    "errors": "log_count/ERROR",
    "retries": "retry/count",
    "requests_saved": "incremental/requests_saved",
    "not_due": "incremental/not_due",
    "not_modified": "incremental/not_modified",
    "reused": "records/reused",
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
    "empty": "pages/empty",
    "too_large": "fetch_failures/too_large",
    "timeouts": "fetch_failures/timeout",
    "offsite": "offsite/filtered",   # Scrapy drops most off-site requests before any errback sees them
    "redirect_loops": "fetch_failures/redirect_loop",
    "charset_mismatches": "pages/charset_mismatch",
    "too_deep": "pages/too_deep",
    "archived_records": "archive/records",
    "archived_bytes": "archive/bytes",
    "archive_resumed": "archive/resumed",
    "archive_replayed": "archive/replayed",
    "archive_missing": "fetch_failures/not_in_archive",
    "archive_errors": "archive/errors",
}


@dataclass(frozen=True)
class Thresholds:
    """Shares beyond which a run is degraded (settings MAX_ERROR_SHARE, MAX_UNTITLED_SHARE, MAX_UNDATED_SHARE)."""

    errors: float
    untitled: float
    undated: float


def judge(spider: str, finish_reason: str, counts: dict[str, int], limits: Thresholds) -> tuple[Status, str | None]:
    """The run's status and, when it is not ok, why.

    Failed: the crawl did not finish, nothing was fetched, or the site showed nothing (no event read;
    every statement exported a removal or kept from earlier runs). Degraded: too large a share of
    pages failed or could not be used, too many statement pages without a title or without a date,
    or robots.txt forbids the lists the statements are discovered through."""
    if finish_reason != "finished":
        return Status.FAILED, f"the crawl did not finish ({finish_reason})"
    if counts["pages"] == 0:
        return Status.FAILED, "no page could be fetched"
    found = counts["events"] if spider == "events" else counts["items"] - counts["removed"] - counts["gone"] - counts["kept"]
    if found <= 0:
        return Status.FAILED, f"no {spider} found on the site"
    error_share = (counts["errors"] + counts["invalid"] + counts["not_article"] + counts["empty"]) / counts["pages"]
    if error_share > limits.errors:
        return Status.DEGRADED, f"{error_share:.0%} of pages failed or could not be used (limit {limits.errors:.0%})"
    for missing, key, limit in (("title", "untitled", limits.untitled), ("date", "undated", limits.undated)):
        share = counts[key] / max(counts["read"], 1)
        if share > limit:
            return Status.DEGRADED, f"{share:.0%} of statement pages had no {missing} (limit {limit:.0%})"
    if counts["lists_forbidden"]:
        return Status.DEGRADED, f"robots.txt forbids {counts['lists_forbidden']} list request(s): statements are found through links only"
    return Status.OK, None


class RunRecord:
    """Scrapy extension: at the end of a run, its verdict, its publication and its line in runs.jsonl."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunRecord:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        run_context(self.crawler)

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        """Once the work behind the crawl is done (`RunContext.unfinished`), judge the run, publish it unless
        it failed (`crawler.publish`), append its line to runs.jsonl."""
        context: RunContext = run_context(self.crawler)
        for unfinished in context.unfinished:
            await unfinished()
        stats = self.crawler.stats
        assert stats is not None
        counts = {name: int(stats.get_value(key, 0) or 0) for name, key in COUNTS.items()}
        counts["pages"] -= int(stats.get_value("pages/internal", 0) or 0)
        settings = self.crawler.settings
        limits = Thresholds(
            settings.getfloat("MAX_ERROR_SHARE"), settings.getfloat("MAX_UNTITLED_SHARE"), settings.getfloat("MAX_UNDATED_SHARE")
        )
        status, why = judge(spider.name, reason, counts, limits)
        if status is Status.FAILED:
            context.state.rollback()
        else:
            try:
                counts["invalid"] += publish(context)
                context.published = True
            except PublishError as error:   # said once, in the run's closing line below
                status, why = Status.FAILED, str(error)
        context.status = status
        record = {
            "run_id": context.run_id,
            "spider": spider.name,
            "started_at": context.started_at.isoformat(timespec="seconds"),
            "ended_at": utc_now(),
            "status": status.value,
            "reason": why,
            "finish_reason": reason,
            "counts": counts,
            "templates": {
                key.removeprefix(TEMPLATE_STAT): int(value)
                for key, value in sorted(stats.get_stats().items())
                if key.startswith(TEMPLATE_STAT)
            },
            "published": context.published,
        }
        try:
            runs = context.exports_dir / "runs.jsonl"
            runs.parent.mkdir(parents=True, exist_ok=True)
            with (runs.parent / f".{runs.name}.lock").open("a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)   # the two spiders may end at once: one appends after the other
                append_line(runs, record)
        except OSError as error:
            logger.error("cannot write the run record in %s: %s", context.exports_dir, error.strerror or error)
        log = logger.info if status is Status.OK else logger.error
        log("run %s: %s%s; exports %s", context.run_id, status.value, f" ({why})" if why else "",
            "published" if context.published else "NOT published, the previous ones are kept")
