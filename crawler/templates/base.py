"""The template class: one per CMS template, its fields as methods over a page parsed once;
layout versions are subclasses that override only what changed."""

from __future__ import annotations

from typing import ClassVar

from .article_page import ArticlePage
from .event_pages import EventPage, EventTeaser, parse_event_teasers
from .page import Page


class Template:
    """What a CMS template prints, read off one page. `name` is recorded in the export (`apollo/10.5`)."""

    name: ClassVar[str]

    def __init__(self, page: Page) -> None:
        self.page = page
        self.sel = page.sel

    @classmethod
    def matches(cls, page: Page) -> bool:
        """Whether the page is in this template (and layout)."""
        raise NotImplementedError

    # statements ------------------------------------------------------------

    def is_article(self) -> bool:
        raise NotImplementedError

    def title(self) -> str | None:
        raise NotImplementedError

    def stamp(self) -> str | None:
        """The posting stamp as printed ('12/10/18 3:36 PM')."""
        return None

    def published(self) -> str | None:
        """A machine-readable posting date (JSON-LD `datePublished`, `<time datetime>`)."""
        return None

    def categories(self) -> list[str]:
        return []

    def body_html(self) -> str:
        raise NotImplementedError

    def language(self) -> str | None:
        """The page's own language tag, for pages without language badges."""
        return self.page.language

    def problems(self, body: str) -> list[str]:
        return [] if body.strip() else ["no body text"]

    def article(self) -> ArticlePage:
        body = self.body_html()
        return ArticlePage(
            template=self.name,
            url=self.page.url,
            title=self.title(),
            stamp=self.stamp(),
            published=self.published(),
            categories=self.categories(),
            body_html=body,
            problems=self.problems(body),
            language=self.language(),
        )

    # events ----------------------------------------------------------------

    def event_teasers(self) -> list[EventTeaser]:
        """Every event teaser on the page (side lists, list pages), in page order."""
        return parse_event_teasers(self.sel, self.page.url)

    def event_page(self) -> EventPage | None:
        """The event of a detail page, or None when the page is not one."""
        return None
