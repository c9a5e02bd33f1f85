"""The OpenCms Apollo template, the site's main one: the 10.5 layout (`blog-detail.jsp`,
`event-detail.jsp`) and the pre-10.5 layout (`.blog-page`, apollo.md §6)."""

from __future__ import annotations

from parsel import Selector, SelectorList

from .article_page import clean
from .base import Template
from .event_pages import EventPage, description_html, first, has_class, lang_of, page_title, text_of
from .generic import BLOCK_CHILDREN, largest_block
from .page import Page, within
from .registry import register


@register
class Apollo105(Template):
    """Apollo 10.5: `.ap-blog-page` articles, `.ap-event-page` events.

    The page is searched from the top once per part (`Page.found`, shared with `matches`): the article
    elements and the blog headers; what lies inside them is asked below them (`within`)."""

    name = "apollo/10.5"
    article_scope = ".ap-detail-page"          # the element that holds the whole article

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self.from_largest_block = False

    @classmethod
    def matches(cls, page: Page) -> bool:
        return page.has(".ap-detail-page") or page.has("#apollo-page, #apollo-info")

    def articles(self) -> SelectorList[Selector]:
        """The elements holding an article (`article_scope`), in page order."""
        return self.page.found(self.article_scope)

    def headers(self) -> SelectorList[Selector]:
        """The blog headers (title, stamp, badges), in page order."""
        return self.page.found(".ap-blog-header")

    def is_article(self) -> bool:
        """`.ap-blog-page, .ap-detail-page:not(.ap-event-page)`."""
        return self.page.has(".ap-blog-page") or any(not a.xpath(f"self::*[{has_class('ap-event-page')}]") for a in self.articles())

    def title(self) -> str | None:
        in_blog_page = f"ancestor::*[{has_class('ap-blog-page')}]"
        return (
            _string(within((h for h in self.headers() if h.xpath(in_blog_page)), ".headline h2"))
            or _string(within(self.articles(), ".headline h2"))
            or clean(self.sel.css("title::text").get())
            or clean(self.sel.css(".breadcrumbs h1").xpath("string()").get())
        )

    def stamp(self) -> str | None:
        return _string(within(self.headers(), ".detail-date h5"))

    def badges(self) -> list[Selector]:
        return within(self.headers(), "ul.detail-category span.badge")

    def categories(self) -> list[str]:
        """One category per badge: titles may hold commas, so never split on them."""
        return [c for b in self.badges() if (c := clean(b.xpath("string()").get()))]

    def paragraphs(self) -> list[Selector]:
        """`.ap-detail-page > .ap-paragraph`."""
        return [p for a in self.articles() for p in a.xpath(f"./*[{has_class('ap-paragraph')}]")]

    def body_html(self) -> str:
        """The text `div` of every `.ap-paragraph`, with the paragraph headline as an `<h3>`; else the
        largest text block of the article."""
        parts: list[str] = []
        for paragraph in self.paragraphs():
            parts.extend(paragraph.css(".headline h3").getall())
            texts = paragraph.xpath("./div[not(@class)] | ./div[contains(@class, 'row')]/div[contains(@class, 'col-md-8')]/div")
            parts.extend(texts.getall())
        body = "\n".join(parts)
        if not body.strip() and (container := self.articles()) and (block := largest_block(container[0])) is not None:
            self.from_largest_block = True
            return "\n".join(block.xpath(BLOCK_CHILDREN).getall())
        return body

    def problems(self, body: str) -> list[str]:
        found = ["body read from the largest text block (no .ap-paragraph)"] if self.from_largest_block else []
        return found + super().problems(body)

    def event_page(self) -> EventPage | None:
        root = first(self.sel, ".ap-event-page")
        if root is None:
            return None
        header = first(root, ".ap-event-header") or root
        location = first(header, ".detail-location")
        return EventPage(
            title=text_of(first(header, ".headline h2", ".headline")) or page_title(self.sel),
            date_text=text_of(first(header, ".detail-date h5", ".detail-date")) or None,
            location=text_of(first(location, "h5")) or None,
            description_html=description_html(root.xpath(f"./*[{has_class('ap-paragraph')}]")),
            url=self.page.url,
            country=text_of(first(location, ".adress .country", ".country")) or None,
            lang=lang_of(root),
        )


@register
class ApolloPre105(Apollo105):
    """Apollo before 10.5: `.blog-page` with the stamp in `ul.blog-info` and no `.ap-paragraph`."""

    name = "apollo/pre-10.5"
    article_scope = ".blog-page"

    @classmethod
    def matches(cls, page: Page) -> bool:
        return super().matches(page) and not page.has(".ap-blog-page") and page.has(".blog-page")

    def is_article(self) -> bool:
        return bool(self.articles())

    def stamp(self) -> str | None:
        return _string(within(self.articles(), "ul.blog-info li"))

    def badges(self) -> list[Selector]:
        return within(self.articles(), "ul.detail-category span.badge")

    def paragraphs(self) -> list[Selector]:
        return within(self.articles(), ".ap-paragraph")


def _string(found: list[Selector]) -> str | None:
    """The text of the first element found, white space collapsed."""
    return clean(found[0].xpath("string()").get()) if found else None
