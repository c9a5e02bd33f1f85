"""The recrawl decisions of a statements run, in one component the spider calls (`Recrawl`): which
statements to fetch (new, due, removed ones that may be back, known ones no list showed), which to carry
over from the state and why, and which requests never came back. Also the policy that says what is due
(what counts as a change is `crawler.records.content_hash`). No Scrapy: the spider turns a `Fetch` into a request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from parsel import Selector

from .archive.pending import CaptureRef
from .extract_pool import PageReading
from .items import Carry, Statement, StatementPage
from .records import template_name
from .state import StateStore, StoredRow
from .urls import page_id


@dataclass(frozen=True)
class RecrawlPolicy:
    """Recent statements every run; older ones on a rolling schedule; everything when `full`."""

    recent_days: int
    recheck_runs: int
    full: bool = False

    def __post_init__(self) -> None:
        if self.recheck_runs < 1:
            raise ValueError(f"RECHECK_RUNS must be at least 1, not {self.recheck_runs}")

    def is_due(self, statement_id: str, posted_at: str | None, checked_run: int, run: int, now: datetime) -> bool:
        """Whether run number `run` fetches a known statement again (conditionally unless `full`).

        Due: on a full recrawl; when the page gives no date; when posted within `recent_days` of `now`
        (naive, like `posted_at`); when not checked for `recheck_runs` runs; and in the one run of each
        cycle of `recheck_runs` runs that the id's slot picks, which spreads old pages evenly.
        """
        if self.full or posted_at is None:
            return True
        if now - datetime.fromisoformat(posted_at).replace(tzinfo=None) <= timedelta(days=self.recent_days):
            return True
        if run - checked_run >= self.recheck_runs:
            return True
        return int(statement_id[:8], 16) % self.recheck_runs == run % self.recheck_runs


def carried(row: StoredRow, previous: dict[str, Any], reason: Carry) -> Statement:
    """A statement not read this run, as the item the pipelines build its record again from (its stored record)."""
    return Statement(
        url=row.url,
        template=template_name(previous.get("template", "apollo")),
        extracted=None,
        stored=row,
        previous=previous,
        carried=reason,
        etag=row.etag,
        last_modified=row.last_modified,
    )


@dataclass(frozen=True)
class Fetch:
    """A statement page to request; `headers` make it conditional when the state knows the page."""

    url: str
    statement_id: str
    headers: dict[str, str]


@dataclass(frozen=True)
class Lost:
    """A statement requested this run that neither came back nor failed: Scrapy dropped the request."""

    url: str
    reason: str
    statement: Statement | None   # its stored record, carried over; None when the state does not know it


class Recrawl:
    """Every recrawl decision of one run. The index of the stored rows is loaded once; a stored record
    is read once, when its statement is carried over or its page comes back, and travels with the item.

    Each statement is decided once per run (`seen`). `pending` holds the statements requested and not
    yet answered: at the end those were dropped by Scrapy (off-site filter, duplicate filter) and are
    carried over (`lost`), so every statement the state holds reaches the exports.
    """

    def __init__(self, state: StateStore, policy: RecrawlPolicy, run: int, now: datetime, count: Callable[[str], None]) -> None:
        self.state = state
        self.policy = policy
        self.run = run
        self.now = now.replace(tzinfo=None)
        self.count = count
        self.rows: dict[str, StoredRow] = state.rows()
        self.seen: set[str] = set()
        self.pending: dict[str, str] = {}
        self.dropped: dict[str, str] = {}

    def knows(self, statement_id: str) -> bool:
        return statement_id in self.rows

    @property
    def fetches_all(self) -> bool:
        """Whether this run fetches every statement page: a first run or a full recrawl."""
        return self.policy.full or not self.rows

    @property
    def whole_lists(self) -> bool:
        """Whether this run reads every page of every list: a first run, a full recrawl, and the first run of
        each cycle of RECHECK_RUNS runs. Other runs read a list only as deep as new entries go."""
        return self.fetches_all or self.run % self.policy.recheck_runs == 0

    def list_goes_on(self, entry_ids: list[str]) -> bool:
        """Whether the page after this one of a list (lists show the newest first) is worth reading: this one
        shows a statement the state does not hold."""
        return any(statement_id not in self.rows for statement_id in entry_ids)

    def unseen_count(self) -> int:
        """How many statements the state holds (and has not marked removed) were found by nothing so far."""
        return sum(1 for statement_id, row in self.rows.items() if statement_id not in self.seen and not row.removed_at)

    def discovered(self, url: str) -> Fetch | Statement | None:
        """A statement URL discovery found: fetch it, carry it over (known and not due), or nothing
        (already decided this run). A statement the state marks removed is fetched: it may be back."""
        statement_id = page_id(url)
        if statement_id in self.seen:
            return None
        self.seen.add(statement_id)
        row = self.rows.get(statement_id)
        if row is not None and not row.removed_at and not self.policy.is_due(statement_id, row.posted_at, row.checked_run, self.run, self.now):
            return self.carry(statement_id, Carry.NOT_DUE)
        return self.fetch(url, statement_id)

    def fetch(self, url: str, statement_id: str) -> Fetch:
        self.pending[statement_id] = url
        row = self.rows.get(statement_id)
        headers: dict[str, str] = {}
        if row is not None and not self.policy.full:
            if row.etag:
                headers["If-None-Match"] = row.etag
            if row.last_modified:
                headers["If-Modified-Since"] = row.last_modified
        return Fetch(url, statement_id, headers)

    def claim(self, url: str) -> str | None:
        """A page not requested as a statement turned out to be one: its id, unless already decided."""
        statement_id = page_id(url)
        if statement_id in self.seen:
            return None
        self.seen.add(statement_id)
        return statement_id

    def page(
        self, statement_id: str, url: str, html: str, selector: Selector | None, etag: str | None, last_modified: str | None,
        pdf_url: str | None = None, capture: CaptureRef = None, content_language: str | None = None,
        reading: PageReading | None = None,
    ) -> StatementPage:
        """A statement page came back (200): with its stored row and record, for the pipelines (`pdf_url`: the
        PDF it links; `capture`: where the archive holds it; `reading`: the page read already)."""
        self.pending.pop(statement_id, None)
        row = self.rows.get(statement_id)
        previous = self.state.record(statement_id) if row is not None else None
        return StatementPage(url, html, selector, etag, last_modified, row, previous, pdf_url, capture, content_language, reading)

    def answered(self, statement_id: str, reason: Carry) -> Statement | None:
        """A statement request ended without a page to read (304, 404/410, failure): its stored record
        carried over for `reason`, when the state holds one."""
        self.pending.pop(statement_id, None)
        return self.carry(statement_id, reason)

    def carry(self, statement_id: str, reason: Carry) -> Statement | None:
        """The stored record of a statement not read this run, as the item the pipelines build it again from."""
        row = self.rows.get(statement_id)
        if row is None:
            return None
        if reason in (Carry.NOT_DUE, Carry.NOT_MODIFIED):
            self.count(f"incremental/{reason.value.replace('-', '_')}")
            self.count("incremental/requests_saved")
        return carried(row, self.state.record(statement_id), reason)

    def unseen(self, discovery_complete: bool) -> tuple[list[Fetch], list[Statement]]:
        """The statements the state holds that discovery did not find this run: those marked removed
        stay removed; the others are re-checked (a 404 or 410 marks them removed), or carried over as
        they are when discovery was incomplete."""
        rows = [row for statement_id, row in sorted(self.rows.items()) if statement_id not in self.seen]
        self.seen.update(row.id for row in rows)
        fetches: list[Fetch] = []
        carried = [self.carry(row.id, Carry.GONE) for row in rows if row.removed_at]
        for row in rows:
            if row.removed_at:
                continue
            if discovery_complete:
                fetches.append(self.fetch(row.url, row.id))
            else:
                carried.append(self.carry(row.id, Carry.UNSEEN))
        return fetches, [item for item in carried if item is not None]

    def lost(self) -> Iterator[Lost]:
        """The statements still pending once the crawl is idle: their requests were dropped by Scrapy."""
        pending, self.pending = self.pending, {}
        for statement_id, url in sorted(pending.items()):
            reason = self.dropped.get(statement_id, "the request was dropped before it was sent (an off-site redirect?)")
            yield Lost(url, reason, self.carry(statement_id, Carry.FAILED))
