"""Item pipelines: thin steps in the order extract -> record -> validate -> stage.

Each calls pure code from `crawler.templates`, `crawler.extract`, `crawler.parties`, `crawler.records`
and `crawler.timefields`; a page that cannot be read is logged and counted, and the crawl goes on. A
statement is one `Statement` from the extract step on, fetched or carried over alike; it carries its
stored row and record, so no step reads the state. The stage step puts what passed into the run's state
transaction; the exports are written from there when the run ends (`crawler.publish`).
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import replace
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from .archive.pending import Evidence, evidence
from .context import run_context, utc_now
from .exporters import LINE_SOURCES, signatory_text
from .extract.events import read_event_sightings
from .extract_pool import ArticleReading, crawl_pool
from .items import Carry, EventSightings, EventSource, Statement, StatementPage
from .parties.resolver import PartyResolver
from .records import BuiltRecord, builder_key, built_record, extracted_from_record, reused_record, template_name
from .recrawl import carried
from .runrecord import TEMPLATE_STAT
from .schemas import problems
from .state import KEEP_LINES, StoredRow
from .timefields import statement_times, with_first_seen

logger = logging.getLogger(__name__)


class _Step:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        assert crawler.stats is not None
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)


def kept(item: StatementPage | Statement, why: str) -> Statement:
    """A statement page that gives no statement this run: the record an earlier run stored is kept
    (carried over, built again like any other); a page the state does not know is dropped."""
    if item.previous is None or item.stored is None:
        raise DropItem(f"{item.url}: {why}")
    logger.warning("%s: %s; the record of an earlier run is kept", item.url, why)
    return carried(item.stored, item.previous, Carry.FAILED)


class ExtractPipeline(_Step):
    """Fetched page -> extracted values (`Statement`, or `EventSightings`); statement pages are read by
    `EXTRACT_WORKERS` worker processes (`crawler.extract_pool`): the spider has most of them read as it
    fetches them, for their links; this step reads the others."""

    async def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, StatementPage):
            reading = item.reading or await crawl_pool(self.crawler).read(item.html, item.selector, item.url, item.content_language, item.url)
            return self.statement(item, reading.article, await evidence(item.capture))
        if isinstance(item, EventSource):
            sightings = read_event_sightings(item.selector or item.html, item.url)
            for problem in sightings.problems:
                self.stats.inc_value("events/unreadable")
                logger.warning("%s: event %r left out of the export: %s %r", problem.url, problem.title, problem.reason, problem.text)
            return EventSightings(item.url, sightings.records, await evidence(item.capture))
        return item

    def statement(self, item: StatementPage, page: ArticleReading | None, capture: Evidence | None) -> Statement:
        if page is None:
            self.stats.inc_value("pages/not_article")
            return kept(item, "not an article page")
        self.stats.inc_value("pages/statements_read")
        self.stats.inc_value(f"{TEMPLATE_STAT}{page.template}")
        if page.template == "generic":
            self.stats.inc_value("pages/unknown_template")
            logger.warning("%s: unknown template, read with generic signals", item.url)
        extracted = replace(page.extracted, pdf_url=item.pdf_url)
        for problem in extracted.problems:
            self.stats.inc_value("pages/problems")
            logger.warning("%s: %s", item.url, problem)
        if extracted.title is None and not extracted.body.strip():
            self.stats.inc_value("pages/empty")
            return kept(item, "no title and no body: not exported as a statement")
        if extracted.title is None:
            self.stats.inc_value("pages/untitled")
        if extracted.posted_at is None:
            self.stats.inc_value("pages/undated")
        if extracted.dateline.unreadable:
            self.stats.inc_value("datelines/unreadable")
            logger.warning("%s: unreadable dateline %r", item.url, extracted.dateline.unreadable)
        # the worker's record, when it was built for this URL and PDF link: a page read by this step has its
        # links resolved against its canonical URL, not the one a redirect took it to, so its PDF link can differ
        built = page.built if page.built is not None and (page.built.record["url"], page.built.record["pdf_url"]) == (item.url, item.pdf_url) else None
        return Statement(
            url=item.url, template=template_name(page.template), extracted=extracted, stored=item.stored,
            previous=item.previous, etag=item.etag, last_modified=item.last_modified, capture=capture, built=built,
        )


class RecordPipeline(_Step):
    """Extracted values -> the exported record (`crawler.records.build_record`, unless the extraction pool
    built it as it read the page): party names resolved, then the time fields from the stored record
    (`crawler.timefields`). A statement carried over is built again from its stored record, unless the
    same code and registry built that (`crawler.records.builder_key`): it is what building gives."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        registry = crawler.settings.get("PARTY_REGISTRY")
        self.resolver = PartyResolver.shared(registry)
        self.builder = builder_key(registry)
        self.unresolved: Counter[str] = Counter()

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, Statement):
            self.build(item)
        return item

    def build(self, item: Statement) -> None:
        built = item.built or self.built(item)
        record, digest = built.record, built.digest   # the hash is blind to the time fields and capture set below
        self.unresolved.update(built.unresolved)
        now = run_context(self.crawler).stamp
        previous = item.previous
        record["signatories"] = with_first_seen(record["signatories"], (previous or {}).get("signatories", []), now)
        reason = item.carried
        capture = (previous or {}).get("capture") if reason else item.capture   # a carried-over record keeps its capture
        record["capture"] = capture
        changed = previous is not None and item.stored is not None and digest != item.stored.content_hash
        read_at = None if reason else item.capture["fetched_at"] if item.capture else utc_now()
        record.update(
            statement_times(
                previous, now, read_at=read_at, seen=reason is None or reason.seen,
                gone=reason is Carry.GONE, changed=changed, replayed=run_context(self.crawler).reextract,
            )
        )
        item.record, item.changed, item.digest = record, changed, digest

    def built(self, item: Statement) -> BuiltRecord:
        """From the values read this run; a carried-over statement from its stored record (as stored, when this builder made it)."""
        if item.extracted is not None:
            return built_record(item.url, item.template, item.extracted, self.resolver)
        row, previous = item.stored, item.previous   # carried over
        assert row is not None and previous is not None
        if row.built_with == self.builder:
            self.stats.inc_value("records/reused")
            return reused_record(previous, row.content_hash)
        return built_record(item.url, item.template, extracted_from_record(previous), self.resolver)

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.unresolved:
            logger.info("%d party names not in the registry (%d mentions)", len(self.unresolved), self.unresolved.total())
            for name, count in self.unresolved.most_common():
                logger.debug("unresolved party name: %r x%d", name, count)
        self.stats.set_value("parties/unresolved_names", len(self.unresolved))


class ValidatePipeline(RecordPipeline):
    """Every statement record is checked against its JSON Schema, the last step of its making; an invalid
    one is logged and counted, and the stored record of an earlier run is kept in its place (else it is
    dropped). Merged events are checked when they are published (`crawler.publish`)."""

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, Statement):
            return item
        if not (found := problems("statement", item.record)):
            return item
        self.stats.inc_value("items/invalid")
        why = f"invalid statement record: {'; '.join(found)}"
        if item.carried is not None:
            raise DropItem(f"{item.url}: {why}")
        fallback = kept(item, why)
        self.build(fallback)
        if found := problems("statement", fallback.record):
            raise DropItem(f"{item.url}: stored record invalid too: {'; '.join(found)}")
        return fallback

    def close_spider(self, spider: Spider | None = None) -> None:
        return None


class StagePipeline(_Step):
    """What passed goes into the run's state transaction, counted once: a statement as new, changed or
    unchanged when the site showed it; removed (gone this run), gone (removed earlier) or kept (not read:
    fetch failed or discovery incomplete) otherwise; event sightings into the run's event book.
    A statement passing twice in one run is dropped the second time."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.builder = builder_key(crawler.settings.get("PARTY_REGISTRY"))   # what built the records it stores

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        context = run_context(self.crawler)
        if isinstance(item, EventSightings):
            for event in item.records:
                context.events.add(event, item.capture)
            self.stats.inc_value("events/sighted", len(item.records))
            return item
        if not isinstance(item, Statement):
            return item
        record = item.record
        if record["id"] in context.staged:
            raise DropItem(f"statement {record['id']} passed twice in one run")
        self.stats.inc_value(f"items/{outcome(item)}")
        row, digest = item.stored, item.digest
        checked = context.number if item.carried in (None, Carry.NOT_MODIFIED) or row is None else row.checked_run
        if context.reextract and row is not None:   # read from the archive: the site was not checked
            checked = row.checked_run
        if item.carried is None or row is None:
            stored = StoredRow(record["id"], record["url"], record["posted_at"], digest, item.etag, item.last_modified, checked, built_with=self.builder)
        else:
            stored = StoredRow(row.id, row.url, row.posted_at, digest, row.etag, row.last_modified, checked, built_with=self.builder)
        context.state.save(stored, record, KEEP_LINES if self.lines_hold(item) else self.lines(item))
        context.staged.add(record["id"])
        context.tally.add(record)
        return item

    @staticmethod
    def lines(item: Statement) -> str:
        """The statement's signatory lines: the extraction pool's, made with its record for a statement new to the state."""
        built = item.built
        if built is not None and built.lines is not None and item.previous is None:
            return built.lines
        return signatory_text(item.record)

    def lines_hold(self, item: Statement) -> bool:
        """Whether the signatory lines stored for the statement are its lines now: made by this builder (which
        covers the Party Facts mapping) from the same values."""
        row, previous = item.stored, item.previous
        return (
            row is not None and row.has_lines and row.built_with == self.builder and previous is not None
            and all(item.record[name] == previous.get(name) for name in LINE_SOURCES)
        )


def outcome(item: Statement) -> str:
    """How a statement fared this run (the run record's counts)."""
    if item.carried is None or item.carried.seen:
        if item.previous is None:
            return "new"
        return "changed" if item.changed else "unchanged"
    if item.carried is Carry.GONE:
        return "gone" if (item.previous or {}).get("removed_at") else "removed"
    return "kept"
