"""Item pipelines: thin steps in the order extract -> normalize -> validate -> state.

Each calls pure code from `crawler.templates`, `crawler.extract` and `crawler.parties`; a page
that cannot be read is logged and counted, and the crawl goes on.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import asdict
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from .context import run_context, utc_now
from .extract.events import read_event_sightings
from .extract.statement import ExtractedStatement, read_statement
from .items import ArticleFetched, EventSightings, EventSource, Statement, StoredStatement
from .parties.resolver import PartyResolver, Resolved
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


class ExtractPipeline(_Step):
    """Fetched page -> extracted values (`Statement` with raw party lists, or `EventSightings`)."""

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, ArticleFetched):
            return self.statement(item)
        if isinstance(item, EventSource):
            sightings = read_event_sightings(item.html, item.url)
            for problem in sightings.problems:
                self.stats.inc_value("events/unreadable")
                logger.warning("%s: event %r left out of the export: %s %r", problem.url, problem.title, problem.reason, problem.text)
            return EventSightings(item.url, sightings.records)
        return item

    def statement(self, item: ArticleFetched) -> Statement:
        page = parse_article(item.html, item.url)
        if page is None:
            raise DropItem(f"{item.url} is not an article page")
        if page.template == "generic":
            self.stats.inc_value("pages/unknown_template")
            logger.warning("%s: unknown template, read with generic signals", item.url)
        extracted = read_statement(page)
        for problem in extracted.problems:
            self.stats.inc_value("pages/problems")
            logger.warning("%s: %s", item.url, problem)
        if extracted.title is None:
            self.stats.inc_value("pages/untitled")
        if extracted.dateline.unreadable:
            self.stats.inc_value("datelines/unreadable")
            logger.warning("%s: unreadable dateline %r", item.url, extracted.dateline.unreadable)
        return _statement(item, page.template, extracted)


def _statement(item: ArticleFetched, template: str, extracted: ExtractedStatement) -> Statement:
    dateline = extracted.dateline.dateline
    meeting = extracted.classified.meeting
    return Statement(
        id=page_id(item.url),
        url=item.url,
        title=extracted.title,
        posted_at=extracted.posted_at.isoformat(timespec="seconds") if extracted.posted_at else None,
        categories=extracted.categories,
        parties=[asdict(p) for p in extracted.classified.parties],
        meeting={"name": meeting.name, "number": meeting.number} if meeting else None,
        languages=extracted.classified.languages,
        body=extracted.body,
        dateline=(
            {"text": dateline.text, "place": dateline.place, "date": dateline.date.isoformat(), "end_date": dateline.end_date.isoformat()}
            if dateline
            else None
        ),
        initiators=[{"raw": name} for name in extracted.party_list.initiators],
        signatories=[asdict(entry) for entry in extracted.party_list.entries],
        duplicates_dropped=extracted.party_list.duplicates_dropped,
        template=template,
        crawled_at=utc_now(),
        etag=item.etag,
        last_modified=item.last_modified,
    )


class NormalizePipeline(_Step):
    """Party names -> registry parties: canonical name, id, country; one party twice in a list is a duplicate."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.resolver = PartyResolver.shared()
        self.unresolved: Counter[str] = Counter()

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, Statement) or item.crawled_at is None or _is_normalized(item):
            return item
        item.parties = [self._party(p["name"], p["country_hint"], with_raw=False) for p in item.parties]
        item.initiators = [self._party(p["raw"], None) for p in item.initiators]
        signatories: list[dict[str, Any]] = []
        seen_ids: set[str] = set()
        for entry in item.signatories:
            party = self._party(entry["party"], entry["country_hint"], raw=entry["raw"], cleaned=entry["name"])
            if party["party_id"] and party["party_id"] in seen_ids:
                item.duplicates_dropped += 1
                continue
            if party["party_id"]:
                seen_ids.add(party["party_id"])
            signatories.append({"position": len(signatories) + 1, **party, "group": entry["group"]})
        item.signatories = signatories
        return item

    def _party(
        self, name: str, hint: str | None, *, raw: str | None = None, cleaned: str | None = None, with_raw: bool = True
    ) -> dict[str, Any]:
        resolved: Resolved = self.resolver.resolve(name, hint)
        if resolved.party_id is None:
            self.unresolved[cleaned or name] += 1
            if cleaned:
                resolved = Resolved(cleaned, None, resolved.country, resolved.country_code)
        party = {
            "name": resolved.name,
            "country": resolved.country,
            "country_code": resolved.country_code,
            "party_id": resolved.party_id,
        }
        return {"name": party.pop("name"), "raw": raw or name, **party} if with_raw else {"name": resolved.name, **party}

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.unresolved:
            logger.info("%d party names not in the registry (%d mentions)", len(self.unresolved), self.unresolved.total())
            for name, count in self.unresolved.most_common():
                logger.debug("unresolved party name: %r x%d", name, count)
        self.stats.set_value("parties/unresolved_names", len(self.unresolved))


def _is_normalized(item: Statement) -> bool:
    return all("position" in s for s in item.signatories) and all("party_id" in p for p in item.parties)


class ValidatePipeline(_Step):
    """Every record is checked against its JSON Schema; an invalid one is logged, counted and kept out."""

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if isinstance(item, Statement):
            record = {k: v for k, v in ItemAdapter(item).items() if k in STATEMENT_FIELDS}
            if found := problems("statement", record):
                self.stats.inc_value("items/invalid")
                raise DropItem(f"{item.url}: invalid statement record: {'; '.join(found[:5])}")
        if isinstance(item, EventSightings):
            valid = []
            for record in item.records:
                if found := problems("event", {**record.to_dict(), "crawled_at": utc_now()}):
                    self.stats.inc_value("items/invalid")
                    logger.error("%s: invalid event record: %s", item.source_url, "; ".join(found[:5]))
                else:
                    valid.append(record)
            item.records = valid
        return item


class StatePipeline(_Step):
    """Time fields from the state of earlier runs: first_seen, last_seen, last_changed, removed_at,
    and a first_seen per signatory; then the state is updated."""

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        context = run_context(self.crawler)
        now = utc_now()
        if isinstance(item, StoredStatement):
            return self.carried_over(item, now)
        if not isinstance(item, Statement):
            return item
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
        record.update(last_seen=now, removed_at=None)
        context.state.save(
            StoredRow(item.id, item.url, item.posted_at, digest, record, item.etag, item.last_modified, context.number)
        )
        return Statement(**record)

    def carried_over(self, item: StoredStatement, now: str) -> Statement:
        context = run_context(self.crawler)
        record = dict(item.record)
        row = context.state.get(record["id"])
        if item.reason == "removed":
            self.stats.inc_value("items/removed")
            record["removed_at"] = record.get("removed_at") or now
        else:
            self.stats.inc_value("items/unchanged")
            record.update(last_seen=now, removed_at=None)
        if row is not None:
            checked = context.number if item.reason == "not-modified" else row.checked_run
            context.state.save(StoredRow(row.id, row.url, row.posted_at, row.content_hash, record, row.etag, row.last_modified, checked))
        return Statement(**record)

    def close_spider(self, spider: Spider | None = None) -> None:
        run_context(self.crawler).state.commit()


def _entry_key(entry: dict[str, Any]) -> str:
    return entry.get("party_id") or entry["name"].casefold()
