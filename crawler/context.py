"""The run a crawler is in: its id, number, start, state store, recrawl decisions and events read, shared by
its components. Opened once per run (`run_context`); the previous run's rows are loaded here, once."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler

from .extract.events import EventBook
from .parties.tally import PartyTally
from .recrawl import Recrawl, RecrawlPolicy
from .state import StateStore

logger = logging.getLogger(__name__)
_ATTR = "_solidnet_run"


class Status(StrEnum):
    """How a run went (the run record's `status`, the schema's enum)."""

    OK = "ok"
    DEGRADED = "degraded"     # thresholds exceeded; exports still published
    FAILED = "failed"         # exports and state left as they were


@dataclass
class RunContext:
    run_id: str
    spider: str
    started_at: datetime
    number: int
    state: StateStore
    recrawl: Recrawl
    exports_dir: Path
    events: EventBook = field(default_factory=EventBook)   # every event sighting of this run, merged
    reextract: bool = False         # every page read from the web archive (REEXTRACT): the site is not seen
    staged: set[str] = field(default_factory=set)   # statements the stage step stored this run: each as the validate step passed it
    tally: PartyTally = field(default_factory=PartyTally)   # the parties of those still on the site (publishing adds the others)
    unfinished: list[Callable[[], Awaitable[None]]] = field(default_factory=list)   # work behind the crawl (the archive's
                                    # queued writes): each awaited before the run is judged
    status: Status | None = None    # set when the run ends
    published: bool = False         # set when the run ends: whether its exports and state changes were kept

    @property
    def stamp(self) -> str:
        """The value of the time fields (first_seen, last_seen, ...) this run sets: its start, UTC, seconds."""
        return self.started_at.isoformat(timespec="seconds")


def utc_now() -> str:
    """A time field value: UTC, ISO 8601, seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def current_context(crawler: Crawler) -> RunContext | None:
    """The crawler's run context if one was opened (never opens one)."""
    return getattr(crawler, _ATTR, None)


def run_context(crawler: Crawler) -> RunContext:
    """The crawler's run context, opened on first use and closed when the engine stops.

    Opening it moves stored URLs to the host of SOLIDNET_URL when that changed, then loads the index
    of the stored rows for the recrawl decisions."""
    context = current_context(crawler)
    if context is not None:
        return context
    settings = crawler.settings
    spider = crawler.spidercls.name
    started = datetime.now(UTC).replace(microsecond=0)
    run_id = f"{started:%Y%m%dT%H%M%SZ}-{spider}-{uuid.uuid4().hex[:6]}"
    policy = RecrawlPolicy(settings.getint("RECENT_DAYS"), settings.getint("RECHECK_RUNS"), settings.getbool("FULL_RECRAWL"))
    state = StateStore(Path(settings.get("STATE_DIR")) / spider)
    number = state.begin_run(spider, run_id, started.isoformat(timespec="seconds"))
    if moved := state.rehost(settings.get("SOLIDNET_URL")):
        logger.warning("SOLIDNET_URL changed host: %d stored statement URLs moved to it", moved)
    stats = crawler.stats
    assert stats is not None
    context = RunContext(
        run_id=run_id,
        spider=spider,
        started_at=started,
        number=number,
        state=state,
        recrawl=Recrawl(state, policy, number, started, stats.inc_value),
        exports_dir=Path(settings.get("EXPORTS_DIR")),
        reextract=settings.getbool("REEXTRACT"),
    )
    setattr(crawler, _ATTR, context)
    crawler.signals.connect(state.close, signal=signals.engine_stopped, weak=False)
    return context
