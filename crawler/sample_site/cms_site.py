"""Routing of the sample site in another CMS's markup (`SampleServer(markup="wordpress" | "drupal")`):
the same articles and events as the OpenCms site, at the same paths, in markup only the crawler's
generic reader can read."""

from __future__ import annotations

from urllib.parse import parse_qs

from . import drupal_markup as drupal
from . import wordpress_markup as wordpress
from .cms_markup import SITE_NAME, event_path, paged
from .content import Article, Event, SiteContent
from .site import DISALLOWED, Page, SampleSite

MARKUPS = ("opencms", "wordpress", "drupal")


def _html(body: str, modified: float, status: int = 200) -> Page:
    return Page(status, "text/html; charset=utf-8", body, modified)


def _page_number(query: str) -> int:
    values = parse_qs(query, keep_blank_values=True).get("page", ["0"])
    return int(values[-1]) if values[-1].isdigit() else 0


class CmsSite:
    """Answers GET requests in WordPress or Drupal markup; RSS and robots.txt as the OpenCms site has them."""

    def __init__(self, content: SiteContent, markup: str) -> None:
        if markup not in ("wordpress", "drupal"):
            raise ValueError(f"unknown markup {markup!r}; one of {', '.join(MARKUPS)}")
        self.content = content
        self.markup = markup
        self.opencms = SampleSite(content)   # RSS, the disallowed search page

    # what every page shows ----------------------------------------------------------

    def _upcoming(self) -> list[Event]:
        return [e for e in self.content.events if e.sidebar]

    def _number(self, item: Article | Event) -> int:
        """A node or post number, as the CMS would print it."""
        items: list[Article] | list[Event] = self.content.articles if isinstance(item, Article) else self.content.events
        return 100 + [i.name for i in items].index(item.name)

    def _page(self, title: str, main: str, base_url: str, path: str, head: str = "") -> str:
        if self.markup == "drupal":
            return drupal.page(title, main, drupal.sidebar(self._upcoming()), base_url, path, head)
        side = wordpress.widgets(self.content.articles[:5], self._upcoming())
        return wordpress.page(title, main, side, base_url, path, head)

    # routes ----------------------------------------------------------------------

    def get(self, path: str, query: str, base_url: str) -> Page:
        self.content.refresh()
        modified = self.content.last_modified
        if path in ("/robots.txt", "/rss.xml", DISALLOWED):
            page = self.opencms.get(path, query, base_url)
            if path == "/robots.txt" and self.markup == "drupal":   # no sitemap on this site
                return Page(200, page.content_type, page.body.split("\n\n", 1)[-1], modified)
            return page
        if path in ("/", "/news/statements/", "/news/", "/events/"):
            return _html(self._section(path, query, base_url), modified)
        if self.markup == "wordpress" and path in ("/sitemap.xml", "/wp-sitemap-posts-post-1.xml", "/wp-sitemap-posts-tribe_events-1.xml"):
            return Page(200, "application/xml; charset=utf-8", self._sitemap(path, base_url), modified)
        if item := self.content.article_at(path):
            body = self._article(item, base_url)
            if item.truncate_after and item.paragraphs:   # the transfer breaks off where the body begins
                body = body[: body.index(item.paragraphs[0])]
            return _html(body, item.mtime)
        if event := self._event_at(path):
            return _html(self._event(event, base_url), modified)
        if path.startswith(("/category/", "/taxonomy/term/")):
            return _html(self._archive(path, base_url), modified)
        return _html(self._page("Page not found", "<p>The page was not found.</p>", base_url, path), modified, 404)

    def _event_at(self, path: str) -> Event | None:
        wanted = path.rstrip("/")
        return next((e for e in self.content.events if event_path(e).rstrip("/") == wanted), None)

    def _section(self, path: str, query: str, base_url: str) -> str:
        articles, events = self.content.articles, self.content.events
        if self.markup == "wordpress":
            if path == "/events/":
                return self._page("Events", wordpress.event_list(events[: wordpress.EVENTS_SIZE]), base_url, path)
            if path == "/news/":
                return self._page("News", '<p><a href="/news/statements/">Statements</a> <a href="/events/">Events</a></p>', base_url, path)
            title = SITE_NAME if path == "/" else "Statements"
            return self._page(title, wordpress.post_list([a for a in articles if a.listed][: wordpress.HOME_SIZE]), base_url, path)
        if path == "/events/":
            listing = paged([drupal.event_teaser(e) for e in events], _page_number(query), drupal.EVENTS_SIZE)
            return self._page("Events", drupal.event_view(path, listing), base_url, path)
        if path == "/news/":
            return self._page("News", '<p><a href="/news/statements/">Statements</a> <a href="/events/">Events</a></p>', base_url, path)
        if path == "/":
            front = "\n".join(drupal.statement_teaser(a) for a in articles[: drupal.FRONT_SIZE])
            more = '<div class="more-link"><a href="/news/statements/">More statements</a></div>'
            return self._page(SITE_NAME, front + more, base_url, path)
        listing = paged([drupal.statement_teaser(a) for a in articles], _page_number(query), drupal.STATEMENTS_SIZE)
        return self._page("Statements", drupal.statement_view(path, listing), base_url, path)

    def _archive(self, path: str, base_url: str) -> str:
        """A category (WordPress) or taxonomy term (Drupal) page: the statements filed under it."""
        if self.markup == "wordpress":
            slug = path.removeprefix("/category/").strip("/")
            filed = [a for a in self.content.articles if slug in (wordpress.category_slug(c) for c in a.categories)]
            return self._page(f"Category: {slug}", wordpress.post_list(filed), base_url, path)
        return self._page("Term", "\n".join(drupal.statement_teaser(a) for a in self.content.articles[: drupal.FRONT_SIZE]), base_url, path)

    def _article(self, item: Article, base_url: str) -> str:
        build = drupal.article if self.markup == "drupal" else wordpress.article
        head, main = build(item, self._number(item))
        return self._page(item.title, main, base_url, item.path, head)

    def _event(self, item: Event, base_url: str) -> str:
        main = drupal.event(item, self._number(item)) if self.markup == "drupal" else wordpress.event(item)
        return self._page(item.title, main, base_url, event_path(item))

    def _sitemap(self, path: str, base_url: str) -> str:
        if path == "/sitemap.xml":
            return wordpress.sitemap_index(base_url)
        if "tribe_events" in path:
            return wordpress.sitemap(base_url, [(event_path(e), None) for e in self.content.events])
        return wordpress.sitemap(base_url, [(a.path, a.mtime) for a in self.content.articles if a.in_sitemap])
