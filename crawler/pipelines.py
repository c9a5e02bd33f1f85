"""Item pipelines: thin steps in the order extract -> normalize -> validate -> state.

Each calls pure code from `crawler.templates`, `crawler.extract` and `crawler.parties`; a page
that cannot be read is logged and counted, and the crawl goes on.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from .context import run_context, utc_now
from .extract.events import EventRecord, read_event_sightings
from .extract.statement import read_statement
from .items import (
    ArticleFetched,
    EventSightings,
    EventSource,
    ExtractedPage,
    Statement,
    StoredStatement,
)
from .parties.registry import load_registry
from .parties.resolver import PartyResolver
from .records import reresolved, statement_record
from .recrawl import content_hash
from .schemas import STATEMENT_FIELDS, problems
from .state import StoredRow
from .templates import parse_article
from .urls import page_id

logger = logging.getLogger(__name__)


class _Step:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)

    def keep_or_drop(self, url: str, why: str) -> StoredStatement:
        """A page that cannot give a statement this run: what earlier runs stored of it is kept, else it is dropped."""
        row = run_context(self.crawler).state.get(page_id(url))
        if row is None:
            raise DropItem(f"{url}: {why}")
        logger.warning("%s: %s; the record of an earlier run is kept", url, why)
        return StoredStatement(row.record, "kept")


class ExtractPipeline(_Step):
    """Fetched page -> extracted values (`ExtractedPage`, or `EventSightings`)."""

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, ArticleFetched):
            return self.statement(item)
        if isinstance(item, EventSource):
            sightings = read_event_sightings(item.selector or item.html, item.url)
            for problem in sightings.problems:
                self.stats.inc_value("events/unreadable")
                logger.warning("%s: event %r left out of the export: %s %r", problem.url, problem.title, problem.reason, problem.text)
            return EventSightings(item.url, sightings.records, item.capture)
        return item

    def statement(self, item: ArticleFetched) -> ExtractedPage | StoredStatement:
        page = parse_article(item.selector or item.html, item.url)
        if page is None:
            self.stats.inc_value("pages/not_article")
            return self.keep_or_drop(item.url, "not an article page")
        self.stats.inc_value("pages/statements_read")
        if page.template == "generic":
            self.stats.inc_value("pages/unknown_template")
            logger.warning("%s: unknown template, read with generic signals", item.url)
        extracted = read_statement(page)
        for problem in extracted.problems:
            self.stats.inc_value("pages/problems")
            logger.warning("%s: %s", item.url, problem)
        if extracted.title is None:
            self.stats.inc_value("pages/untitled")
        if extracted.posted_at is None:
            self.stats.inc_value("pages/undated")
        if extracted.dateline.unreadable:
            self.stats.inc_value("datelines/unreadable")
            logger.warning("%s: unreadable dateline %r", item.url, extracted.dateline.unreadable)
        return ExtractedPage(item, page.template, extracted)


class NormalizePipeline(_Step):
    """Extracted values -> the statement record: party names resolved to registry parties, duplicates counted."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        registry = crawler.settings.get("PARTY_REGISTRY")
        self.resolver = PartyResolver(load_registry(Path(registry))) if registry else PartyResolver.shared()
        self.unresolved: Counter[str] = Counter()

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, StoredStatement):   # resolved again: registry growth reaches it too
            again = reresolved(item.record, self.resolver)
            self.unresolved.update(again.unresolved)
            return StoredStatement(again.fields, item.reason)
        if not isinstance(item, ExtractedPage):
            return item
        record = statement_record(item.fetched.url, item.template, item.extracted, self.resolver)
        self.unresolved.update(record.unresolved)
        capture = item.fetched.capture
        return Statement(
            **record.fields, pdf_url=item.fetched.pdf_url, capture=capture,
            crawled_at=capture["fetched_at"] if capture else utc_now(), etag=item.fetched.etag, last_modified=item.fetched.last_modified,
        )

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.unresolved:
            logger.info("%d party names not in the registry (%d mentions)", len(self.unresolved), self.unresolved.total())
            for name, count in self.unresolved.most_common():
                logger.debug("unresolved party name: %r x%d", name, count)
        self.stats.set_value("parties/unresolved_names", len(self.unresolved))


class ValidatePipeline(_Step):
    """Every record is checked against its JSON Schema; an invalid one is logged, counted and kept out."""

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, Statement):
            record = {k: v for k, v in ItemAdapter(item).items() if k in STATEMENT_FIELDS}
            if found := problems("statement", record):
                self.stats.inc_value("items/invalid")
                return self.keep_or_drop(item.url, f"invalid statement record: {'; '.join(found[:5])}")
        if isinstance(item, EventSightings):
            valid: list[EventRecord] = []
            for event in item.records:
                if found := problems("event", {**event.to_dict(), "crawled_at": utc_now()}):
                    self.stats.inc_value("items/invalid")
                    logger.error("%s: invalid event record: %s", item.source_url, "; ".join(found[:5]))
                else:
                    valid.append(event)
            item.records = valid
            self.stats.inc_value("events/sighted", len(valid))
        return item


class StatePipeline(_Step):
    """Time fields from the state of earlier runs: first_seen, last_seen, last_changed, removed_at,
    and a first_seen per signatory; then the state is updated (committed only if the run publishes).

    Every time field this run sets is the run's start (`RunContext.stamp`). Each statement passes
    once per run (a repeat is dropped) and is counted once: new, changed or unchanged when the site
    showed it; removed (gone this run), gone (removed earlier) or kept (not read: fetch failed or
    discovery incomplete) otherwise.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.emitted: set[str] = set()

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, (Statement, StoredStatement)):
            return item
        statement_id = item.id if isinstance(item, Statement) else item.record["id"]
        if statement_id in self.emitted:
            raise DropItem(f"statement {statement_id} passed twice in one run")
        self.emitted.add(statement_id)
        context = run_context(self.crawler)
        if isinstance(item, StoredStatement):
            return self.carried_over(item, context.stamp)
        return self.fetched(item, context.stamp)

    def fetched(self, item: Statement, now: str) -> Statement:
        context = run_context(self.crawler)
        previous = context.state.get(item.id)
        record = {k: v for k, v in ItemAdapter(item).items() if k in STATEMENT_FIELDS}
        old_entries = {_entry_key(s): s.get("first_seen") for s in previous.record["signatories"]} if previous else {}
        for entry in record["signatories"]:
            entry["first_seen"] = old_entries.get(_entry_key(entry)) or now
        digest = content_hash(record)
        if previous is None:
            self.stats.inc_value("items/new")
            record.update(first_seen=now, last_changed=now)
        else:
            changed = digest != previous.content_hash
            self.stats.inc_value("items/changed" if changed else "items/unchanged")
            record.update(
                first_seen=previous.record.get("first_seen") or now,
                last_changed=now if changed else previous.record.get("last_changed") or now,
            )
        seen, checked = now, context.number
        if previous is not None and self.crawler.settings.getbool("REEXTRACT"):   # read from the archive: the site was not seen
            seen, checked = previous.record.get("last_seen") or now, previous.checked_run
        record.update(last_seen=seen, removed_at=None)
        context.state.save(StoredRow(item.id, item.url, item.posted_at, digest, record, item.etag, item.last_modified, checked))
        return _statement(record)

    def carried_over(self, item: StoredStatement, now: str) -> Statement:
        """A statement not read this run. Its parties were resolved again upstream: when that changed
        the record (the registry grew), it counts as changed."""
        context = run_context(self.crawler)
        record = dict(item.record)
        row = context.state.get(record["id"])
        checked = row.checked_run if row is not None else context.number
        digest = content_hash(record)
        resolved_anew = row is not None and digest != row.content_hash
        if resolved_anew:
            record["last_changed"] = now
        if item.reason == "removed":
            self.stats.inc_value("items/gone" if record.get("removed_at") else "items/removed")
            record["removed_at"] = record.get("removed_at") or now
        elif item.reason in ("not-due", "not-modified"):
            self.stats.inc_value("items/changed" if resolved_anew else "items/unchanged")
            record.update(last_seen=now, removed_at=None)
            if item.reason == "not-modified":
                checked = context.number
        else:
            self.stats.inc_value("items/kept")
        if row is not None:
            context.state.save(StoredRow(row.id, row.url, row.posted_at, digest, record, row.etag, row.last_modified, checked))
        return _statement(record)


def _statement(record: dict[str, Any]) -> Statement:
    """The exported record as an item; keys of an older schema that the item no longer has are left out."""
    return Statement(**{k: v for k, v in record.items() if k in STATEMENT_FIELDS})


def _entry_key(entry: dict[str, Any]) -> str:
    """What makes a signatory the same one across runs: its registry party, else its name."""
    return f"id:{entry['party_id']}" if entry.get("party_id") else f"name:{entry['name'].casefold()}"
