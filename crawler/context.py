"""The run a crawler is in: its id, number, start, state store and recrawl policy, shared by its components."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler

from .recrawl import RecrawlPolicy
from .state import StateStore

_ATTR = "_solidnet_run"


@dataclass
class RunContext:
    run_id: str
    spider: str
    started_at: datetime
    number: int
    state: StateStore
    policy: RecrawlPolicy
    exports_dir: Path
    status: str | None = None       # set when the run ends: ok, degraded or failed
    publish: bool = False           # set when the run ends: whether its exports and state changes are kept

    @property
    def stamp(self) -> str:
        """The value of the time fields (first_seen, last_seen, ...) this run sets: its start, UTC, seconds."""
        return self.started_at.isoformat(timespec="seconds")

    def finish(self, status: str, publish: bool) -> None:
        """The run's verdict: keep the state changes when the exports are published, else drop them."""
        self.status = status
        self.publish = publish
        if publish:
            self.state.commit()
        else:
            self.state.rollback()


def utc_now() -> str:
    """A time field value: UTC, ISO 8601, seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def current_context(crawler: Crawler) -> RunContext | None:
    """The crawler's run context if one was opened (never opens one)."""
    return getattr(crawler, _ATTR, None)


def run_context(crawler: Crawler) -> RunContext:
    """The crawler's run context, opened on first use and closed when the engine stops."""
    context = current_context(crawler)
    if context is not None:
        return context
    settings = crawler.settings
    spider = crawler.spidercls.name
    started = datetime.now(UTC).replace(microsecond=0)
    run_id = f"{started:%Y%m%dT%H%M%SZ}-{spider}-{uuid.uuid4().hex[:6]}"
    policy = RecrawlPolicy(settings.getint("RECENT_DAYS"), settings.getint("RECHECK_RUNS"), settings.getbool("FULL_RECRAWL"))
    state = StateStore(Path(settings.get("STATE_DIR")) / spider)
    context = RunContext(
        run_id=run_id,
        spider=spider,
        started_at=started,
        number=state.begin_run(spider, run_id, started.isoformat(timespec="seconds")),
        state=state,
        policy=policy,
        exports_dir=Path(settings.get("EXPORTS_DIR")),
    )
    setattr(crawler, _ATTR, context)
    crawler.signals.connect(state.close, signal=signals.engine_stopped, weak=False)
    return context
