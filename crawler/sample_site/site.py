"""Routing of the sample site: which page answers which URL."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from urllib.parse import parse_qs

from . import apollo_markup as apollo
from . import mercury_markup as mercury
from . import plain_markup as plain
from .content import Article, Event, SiteContent
from .pdf import statement_pdf

APOLLO_PAGE_SIZE = 5
MERCURY_PAGE_SIZE = 6
STATEMENTS_LIST = "/.content/lists/l_00010.xml"
EVENTS_LIST = "/.content/lists/l_00004.xml"
MERCURY_LIST = "/.content/list-m/list_00003.xml"
DISALLOWED = "/search/"


@dataclass(frozen=True)
class Page:
    status: int
    content_type: str
    body: str
    last_modified: float
    raw: bytes | None = None   # a binary body (a PDF), sent instead of `body`
    content_language: str | None = None   # the Content-Language header, when the page sends one


def _html(body: str, modified: float, status: int = 200) -> Page:
    return Page(status, "text/html; charset=utf-8", body, modified)


class SampleSite:
    """Answers GET requests from the content folder, in the real site's markup."""

    def __init__(self, content: SiteContent) -> None:
        self.content = content

    def get(self, path: str, query: str, base_url: str) -> Page:
        self.content.refresh()
        modified = self.content.last_modified
        routes = {
            "/": self._home,
            "/news/statements/": self._statements,
            "/events/": self._events,
            "/news/": self._mercury_news,
            "/news/index.html": self._mercury_news,
            apollo.AJAX_PATH: self._apollo_ajax,
            mercury.AJAX_PATH: self._mercury_ajax,
            "/links/communist-and-workers-parties/": self._parties,
            DISALLOWED: self._search,
        }
        if path in routes:
            return _html(routes[path](query), modified)
        if path == "/robots.txt":
            return Page(200, "text/plain; charset=utf-8", self._robots(base_url), modified)
        if path == "/sitemap.xml":
            return Page(200, "application/xml; charset=utf-8", self._sitemap(base_url), modified)
        if path == "/rss.xml":
            return Page(200, "application/rss+xml; charset=utf-8", self._rss(base_url), modified)
        if item := self.content.article_at(path):   # /article/... and the old paths some pages kept
            body = self._article(item, base_url)
            if item.truncate_after and item.truncate_after in body:
                body = body[: body.index(item.truncate_after) + len(item.truncate_after)]
            return replace(_html(body, item.mtime), content_language=item.content_language)
        if path.startswith("/pdflink/") and (item := self.content.pdf_at(path)):
            return Page(200, "application/pdf", "", item.mtime, statement_pdf(item))
        if path.startswith("/event/") and (event := self.content.event_at(path)):
            body = mercury.event(event, base_url) if event.template == "mercury" else self._apollo_event(event)
            return _html(body, modified)
        return _html(apollo.page("Page not found", "<p>The page was not found.</p>"), modified, 404)

    # pages -----------------------------------------------------------------

    def _side(self) -> str:
        return apollo.side_list([e for e in self.content.events if e.sidebar])

    def _home(self, _query: str) -> str:
        lists = apollo.list_container("li_1a2b3c4d", "le_1a2b3c4d", STATEMENTS_LIST, "/", "Latest statements")
        intro = '<div class="ap-plain"><p>The portal of the International Meeting of Communist and Workers\' Parties.</p></div>'
        return apollo.page("SolidNet", intro + lists, self._side())

    def _statements(self, _query: str) -> str:
        lists = apollo.list_container("li_4f434004", "le_8a2c1e77", STATEMENTS_LIST, "/news/statements/", "Statements")
        return apollo.page("Statements", lists, self._side(), '\n<li><a href="/news/statements/">Statements</a></li>')

    def _events(self, _query: str) -> str:
        lists = apollo.list_container("li_7e3b9a10", "le_c1d2e3f4", EVENTS_LIST, "/events/", "Upcoming Events")
        return apollo.page("Events", lists, "", '\n<li><a href="/events/">Events</a></li>')

    def _parties(self, _query: str) -> str:
        return apollo.page("Communist and Workers' Parties", '<div class="ap-plain"><p>Member parties of SolidNet.</p></div>')

    def _search(self, _query: str) -> str:
        return apollo.page("Search", '<form action="/search/"><input name="q"></form>')

    def _article(self, item: Article, base_url: str) -> str:
        if item.template == "mercury":
            return mercury.article(item, base_url)
        if item.template == "plain":
            return plain.article(item, base_url)
        crumb = '\n<li><a href="/article/">Article</a></li>'
        return apollo.page(item.title, apollo.article(item), self._side(), crumb)

    def _apollo_event(self, event: Event) -> str:
        return apollo.page(event.title, apollo.event(event), self._side())

    # lists -----------------------------------------------------------------

    def _listed(self) -> list[Article]:
        return [a for a in self.content.articles if a.listed]

    @staticmethod
    def _page_number(query: str) -> int:
        values = parse_qs(query, keep_blank_values=True).get("page", ["1"])
        return int(values[-1]) if values[-1].isdigit() else 1

    def _apollo_ajax(self, query: str) -> str:
        params = parse_qs(query, keep_blank_values=True)
        path = params.get("contentpath", [""])[0]
        list_id = params.get("instanceId", ["li_00000000"])[0]
        entries: list[Event] | list[Article] = []
        if path == EVENTS_LIST:
            entries = [e for e in self.content.events if e.listed]
        elif path == STATEMENTS_LIST:
            entries = self._listed()
        found = len(entries)
        pages = max(1, -(-found // APOLLO_PAGE_SIZE))
        current = min(self._page_number(query), pages)
        first = (current - 1) * APOLLO_PAGE_SIZE
        shown = [
            apollo.event_teaser(e) if isinstance(e, Event) else apollo.blog_teaser(e)
            for e in entries[first : first + APOLLO_PAGE_SIZE]
        ]
        return apollo.ajax_response(list_id, shown, current, pages, found, first + 1)

    def _mercury_slice(self, query: str) -> tuple[list[str], int, int, int, int]:
        listed = self._listed()
        pages = max(1, -(-len(listed) // MERCURY_PAGE_SIZE))
        current = min(self._page_number(query), pages)
        first = (current - 1) * MERCURY_PAGE_SIZE
        shown = [mercury.teaser(a) for a in listed[first : first + MERCURY_PAGE_SIZE]]
        return shown, current, pages, len(listed), first + 1

    def _mercury_news(self, query: str) -> str:
        shown, _current, pages, _found, _start = self._mercury_slice(query)
        return mercury.list_page("li_9c8b7a6d", MERCURY_LIST, "/news/", shown, pages)

    def _mercury_ajax(self, query: str) -> str:
        shown, current, pages, found, start = self._mercury_slice(query)
        list_id = parse_qs(query).get("instanceId", ["li_9c8b7a6d"])[0]
        return mercury.ajax_response(list_id, shown, current, pages, found, start)

    # machine-readable files -------------------------------------------------

    @staticmethod
    def _robots(base_url: str) -> str:
        return f"Sitemap: {base_url}/sitemap.xml\n\nUser-agent: *\nDisallow: {DISALLOWED}\n"

    def _sitemap(self, base_url: str) -> str:
        urls = [f"<url><loc>{base_url}/</loc></url>"]
        for item in (a for a in self.content.articles if a.in_sitemap):
            stamp = datetime.fromtimestamp(item.mtime, UTC).isoformat(timespec="seconds")
            urls.append(f"<url><loc>{escape(base_url + item.path.rstrip('/'))}</loc><lastmod>{stamp}</lastmod></url>")
        body = "\n".join(urls)
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{body}\n</urlset>\n'

    def _rss(self, base_url: str) -> str:
        items = "\n".join(
            f"<item><title>{escape(a.title)}</title><link>{escape(base_url + a.path)}</link>"
            f"<pubDate>{format_datetime(a.published.replace(tzinfo=UTC))}</pubDate></item>"
            for a in [a for a in self.content.articles if a.in_feed][:10]
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>SolidNet</title>'
            f"<link>{base_url}/</link>\n{items}\n</channel></rss>\n"
        )
