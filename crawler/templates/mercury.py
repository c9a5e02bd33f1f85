"""The OpenCms Mercury template, Apollo's successor (`detail/article.jsp`, `detail/event.jsp`)."""

from __future__ import annotations

from html import escape

from .article_page import clean
from .base import Template
from .event_pages import EventPage, description_html, first, lang_of, ld_str, page_title, text_of
from .page import Page
from .registry import register

EVENT_TYPES = frozenset({"Event"})


@register
class Mercury(Template):
    name = "mercury"

    @classmethod
    def matches(cls, page: Page) -> bool:
        return page.has('#mercury-page, #template-info, link[href*="alkacon.mercury"], script[src*="alkacon.mercury"]')

    def is_article(self) -> bool:
        return bool(self.sel.css(".detail-page.type-article"))

    def title(self) -> str | None:
        return (
            clean(self.sel.css(".detail-page.type-article .intro-headline .headline").xpath("string()").get())
            or clean(str(self.page.article_ld.get("headline") or ""))
            or self.page.meta("og:title")
        )

    def stamp(self) -> str | None:
        return clean(self.sel.css(".detail-page.type-article .visual-info .info.date > div").xpath("string()").get())

    def published(self) -> str | None:
        return clean(str(self.page.article_ld.get("datePublished") or ""))

    def categories(self) -> list[str]:
        """Stock Mercury prints no categories; a site-made tag block is read where present."""
        return [c for t in self.sel.css(".type-custom-tags li, .tag-list li") if (c := clean(t.xpath("string()").get()))]

    def body_html(self) -> str:
        paragraphs: list[str] = []
        for piece in self.sel.css(".detail-page.type-article .detail-content > .paragraph"):
            paragraphs.extend(f"<h3>{escape(h)}</h3>" for h in piece.css(".heading .piece-heading").xpath("string()").getall())
            paragraphs.extend(piece.css(".body .text").getall())
        return "\n".join(paragraphs)

    def event_page(self) -> EventPage | None:
        root = first(self.sel, ".detail-page.type-event")
        if root is None:
            return None
        location = first(root, ".info.location")
        ld = self.page.ld_of(EVENT_TYPES)
        return EventPage(
            title=text_of(first(root, ".intro-headline .headline", ".intro-headline")) or page_title(self.sel),
            date_text=text_of(first(root, ".info.date > div")) or None,
            location=text_of(first(location, ".locname")) or text_of(first(location, ".address .locality")) or None,
            description_html=description_html(list(root.css(".detail-content"))),
            url=self.page.url,
            country=text_of(first(location, ".address .country")) or None,
            start_iso=ld_str(ld, "startDate"),
            end_iso=ld_str(ld, "endDate"),
            end_exclusive=True,
            lang=lang_of(root),
        )
