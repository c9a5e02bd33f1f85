"""What a person sees in the terminal: a live progress line while a run goes (only when stdout is a
terminal, so cron stays quiet) and a short summary when it ends."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from .files import read_jsonl
from .report.loader import Record

REFRESH_SECONDS = 0.25


def progress_wanted(value: Any, stream: Any = None) -> bool:
    """The PROGRESS setting: 'auto' (the default) shows progress when stdout is a terminal; true or false force it."""
    if str(value).strip().lower() == "auto":
        stream = stream or sys.stdout
        return bool(getattr(stream, "isatty", lambda: False)())
    return str(value).strip().lower() in ("1", "true", "yes", "on")


class Progress:
    """Scrapy extension: pages fetched, statements (or events) read, errors and rate, drawn with rich."""

    def __init__(self, crawler: Crawler) -> None:
        from rich.console import Console
        from rich.progress import Progress as Bar
        from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

        self.crawler = crawler
        self.console = Console(file=sys.stdout)
        self.bar = Bar(
            SpinnerColumn(finished_text="[green]✓[/]"), TextColumn("[bold]{task.description}[/]"), TextColumn("{task.fields[pages]:>6,} pages"),
            TextColumn("{task.fields[read]:>6,} {task.fields[what]} read"), TextColumn("{task.fields[errors]} errors"),
            TextColumn("{task.fields[rate]:>6.1f} pages/s"), TimeElapsedColumn(),
            console=self.console, redirect_stdout=False, redirect_stderr=True,
        )
        self.task: Any = None
        self.started = 0.0
        self.loop = task.LoopingCall(self.update)
        self.rerouted: list[tuple[logging.StreamHandler[Any], Any]] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        if not progress_wanted(crawler.settings.get("PROGRESS", "auto")):
            raise NotConfigured   # no message: Scrapy would log it as a warning on every cron run
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def counts(self) -> dict[str, Any]:
        stats = self.crawler.stats
        assert stats is not None
        spider = self.crawler.spidercls.name
        pages = int(stats.get_value("response_received_count", 0) or 0)
        read_key = "events/sighted" if spider == "events" else "pages/statements_read"
        elapsed = max(time.monotonic() - self.started, 1e-6)
        return {
            "pages": pages,
            "read": int(stats.get_value(read_key, 0) or 0),
            "what": "event sightings" if spider == "events" else "statements",
            "errors": int(stats.get_value("log_count/ERROR", 0) or 0),
            "rate": pages / elapsed,
        }

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.monotonic()
        self.bar.start()
        self.task = self.bar.add_task(spider.name, total=None, **self.counts())
        # Scrapy's log handler holds the real stderr: when that is the terminal too, its lines go through
        # rich, above the progress line (a stderr sent elsewhere keeps them)
        if sys.__stderr__ is not None and sys.__stderr__.isatty():
            for handler in logging.getLogger().handlers:
                if isinstance(handler, logging.StreamHandler) and handler.stream is sys.__stderr__:
                    self.rerouted.append((handler, handler.setStream(sys.stderr)))
        self.loop.start(REFRESH_SECONDS, now=False)

    def update(self) -> None:
        self.bar.update(self.task, **self.counts())

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.loop.running:
            self.loop.stop()
        self.update()
        self.bar.update(self.task, total=1, completed=1)   # the spinner gives way to a tick
        self.bar.stop()
        for handler, stream in self.rerouted:
            handler.setStream(stream)
        self.rerouted.clear()


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else plural or word + 's'}"


def run_line(run: Record, exports_dir: Path) -> str:
    """One run in one line: status and what it changed ('statements ok: 1 new, 1 changed, ...')."""
    counts = run.get("counts", {})
    head = f"{run['spider']} run {run['run_id']}: {run['status']}" + (f" ({run['reason']})" if run.get("reason") else "")
    errors = counts.get("errors", 0) + counts.get("discovery_errors", 0) + counts.get("invalid", 0)
    if run["spider"] == "events":
        events = read_jsonl(exports_dir / "events.jsonl") if run.get("published") else []
        new = sum(1 for e in events if e.get("first_seen") == run["started_at"])
        body = (f"{_plural(len(events), 'event')} exported, {new:,} new; {_plural(errors, 'error')}; "
                f"{_plural(counts.get('pages', 0), 'page')}, {_plural(counts.get('events', 0), 'event sighting')}")
    else:
        body = (f"{counts.get('new', 0):,} new, {counts.get('changed', 0):,} changed, {counts.get('removed', 0):,} removed, "
                f"{_plural(errors, 'error')}; {_plural(counts.get('pages', 0), 'page')}, "
                f"{_plural(counts.get('read', 0), 'statement')} read, {counts.get('requests_saved', 0):,} fetches saved")
    if not run.get("published"):
        body += "; exports NOT published (the previous ones are kept)"
    return f"{head}\n  {body}"


def summary(runs: Sequence[Record], exports_dir: Path, report: Path | None, feed: Path | None = None) -> str:
    """The closing words of a run (or of the demo): each run's line, then where the exports and the report are."""
    lines = [run_line(run, exports_dir) for run in runs]
    lines.append(f"exports: {exports_dir.resolve()}")
    if report is not None:
        lines.append(f"report:  {report.absolute()}")
    if feed is not None:
        lines.append(f"feed:    {feed.absolute()}")
    return "\n".join(lines)


def run_record(exports_dir: Path, run_id: str) -> Record | None:
    """A run's line in runs.jsonl."""
    return next((r for r in reversed(read_jsonl(exports_dir / "runs.jsonl")) if r.get("run_id") == run_id), None)


def print_summary(run_id: str, exports_dir: Path, derived: Sequence[Path] | None) -> None:
    """Print the summary of the run `run_id` (its line in runs.jsonl) and where its outputs are."""
    run = run_record(exports_dir, run_id)
    report = next((p for p in derived or () if p.name == "index.html"), None)
    feed = next((p for p in derived or () if p.suffix == ".atom"), None)
    if run is None:
        print(f"run {run_id}: no line in {exports_dir / 'runs.jsonl'}", flush=True)
        return
    print(summary([run], exports_dir, report, feed), flush=True)
