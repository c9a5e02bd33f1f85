"""Statement pages (and the statements spider's list pages) read in worker processes, so the crawl's
process goes on fetching and discovering while another core parses and extracts (`EXTRACT_WORKERS`;
0 reads them in the crawl's own process).

What a worker runs is the same pure reading the crawl's process runs without workers (`read_page`):
the links discovery follows (`crawler.templates.links.page_links`), then the template's raw parts and
every field (`crawler.extract.statement.read_statement`), then, for a page read as a statement (`RecordSpec`), its
record (`crawler.records.built_record`: parties resolved, its content hash). The spider awaits the reading of each
statement page it fetched and follows the links; the extract step takes the fields. A page is
parsed once, off the crawl's process. The workers are a `crawler.workers.WorkerPool`: a worker that
dies is logged once and its pages are read in the crawl's process; nothing is lost."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from parsel import Selector

from .exporters import signatory_text
from .extract.statement import ExtractedStatement, read_statement
from .parties.resolver import PartyResolver
from .records import BuiltRecord, built_record, template_name
from .templates import parse_article
from .templates.links import PageLinks, page_links
from .timefields import with_first_seen
from .workers import WorkerPool

if TYPE_CHECKING:   # the workers import this module: they need no Scrapy
    from scrapy.crawler import Crawler

_ATTR = "_solidnet_extraction_pool"
READ_GATHER = 0.02   # seconds a page waits for others to go to a worker in one message with it


@dataclass(frozen=True)
class ArticleReading:
    """What an article page gives: its template's name and its extracted values."""

    template: str
    extracted: ExtractedStatement
    built: BuiltRecord | None = None   # its record, when read for a statement (the pipelines complete it in place)


@dataclass(frozen=True)
class RecordSpec:
    """The statement a page is read for: its URL as exported, the party registry (`PARTY_REGISTRY`), and for a
    statement the state does not hold, the run's stamp: every signatory is first seen then, so its signatory
    lines are made here too."""

    url: str
    registry: str | None = None
    first_seen: str | None = None


@dataclass(frozen=True)
class PageReading:
    links: PageLinks                 # what discovery follows
    article: ArticleReading | None   # None: the page is not an article


def read_page(html: str | Selector, url: str, content_language: str | None, spec: RecordSpec | None = None) -> PageReading:
    """A statement page's links and its statement, from one parse (as HTML, as Scrapy parses a page); with
    `spec`, the statement's record too."""
    sel = html if isinstance(html, Selector) else Selector(text=html, type="html")
    links = page_links(sel, url)
    page = parse_article(sel, url, content_language)
    if page is None:
        return PageReading(links, None)
    extracted = read_statement(page)
    built = None
    if spec is not None:
        statement = replace(extracted, pdf_url=links.pdf_url)
        built = built_record(spec.url, template_name(page.template), statement, PartyResolver.shared(spec.registry))
        if spec.first_seen is not None:
            built = replace(built, lines=new_statement_lines(built.record, spec.first_seen))
    return PageReading(links, ArticleReading(page.template, extracted, built))


def new_statement_lines(record: dict[str, Any], now: str) -> str:
    """The signatory lines of a statement the state does not hold, as the record step completes it: each
    signatory first seen `now` (`crawler.timefields.with_first_seen`)."""
    return signatory_text({**record, "signatories": with_first_seen(record["signatories"], [], now)})


class ExtractionPool(WorkerPool):
    """`workers` processes reading statement pages (and list pages, `run`); none: read in this process."""

    def __init__(self, workers: int, registry: str | None = None) -> None:
        super().__init__(workers, "extraction workers", gather=READ_GATHER)
        self.registry = registry   # PARTY_REGISTRY, which records are built with

    async def read(
        self, html: str, selector: Selector | None, url: str, content_language: str | None, statement_url: str | None = None,
        first_seen: str | None = None,
    ) -> PageReading:
        """The page read by a worker (from its text); in this process (from `selector`, else its text) without one.
        With `statement_url` (the statement's URL as exported), its record is built too (and with `first_seen`,
        for a statement new to the state, its signatory lines)."""
        spec = RecordSpec(statement_url, self.registry, first_seen) if statement_url else None
        return await self.run(read_page, html if self.workers or selector is None else selector, url, content_language, spec)


def crawl_pool(crawler: Crawler) -> ExtractionPool:
    """The crawl's pool (`EXTRACT_WORKERS`), opened on first use (the statements spider opens it as it
    starts) and closed when the spider closes."""
    from scrapy import signals  # here: the workers import this module, and need no Scrapy

    pool: ExtractionPool | None = getattr(crawler, _ATTR, None)
    if pool is None:
        pool = ExtractionPool(crawler.settings.getint("EXTRACT_WORKERS"), crawler.settings.get("PARTY_REGISTRY"))
        setattr(crawler, _ATTR, pool)
        crawler.signals.connect(pool.close, signal=signals.spider_closed, weak=False)
    return pool
