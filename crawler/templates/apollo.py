"""The OpenCms Apollo 10.5 article page (`blog-detail.jsp`), the site's main template."""

from __future__ import annotations

from parsel import Selector

from .article_page import ArticlePage, clean
from .generic import BLOCK_CHILDREN, largest_block


def matches(sel: Selector) -> bool:
    return bool(sel.css("#apollo-page, #apollo-info, .ap-detail-page"))


def is_article(sel: Selector) -> bool:
    """The 10.5 blog detail, or the pre-10.5 `.blog-page` (apollo.md §6)."""
    return bool(sel.css(".ap-blog-page, .ap-detail-page:not(.ap-event-page), .blog-page"))


def title(sel: Selector) -> str | None:
    return (
        clean(sel.css(".ap-blog-page .ap-blog-header .headline h2").xpath("string()").get())
        or clean(sel.css(".ap-detail-page .headline h2, .blog-page .headline h2").xpath("string()").get())
        or clean(sel.css("title::text").get())
        or clean(sel.css(".breadcrumbs h1").xpath("string()").get())
    )


def stamp(sel: Selector) -> str | None:
    return clean(sel.css(".ap-blog-header .detail-date h5").xpath("string()").get()) or clean(
        sel.css(".blog-page ul.blog-info li").xpath("string()").get()
    )


def categories(sel: Selector) -> list[str]:
    """One category per badge: titles may hold commas, so never split on them."""
    badges = sel.css(".ap-blog-header ul.detail-category span.badge, .blog-page ul.detail-category span.badge")
    return [c for b in badges if (c := clean(b.xpath("string()").get()))]


def body_html(sel: Selector) -> str:
    """The text `div` of every `.ap-paragraph`, with the paragraph headline as an `<h3>`."""
    parts: list[str] = []
    for paragraph in sel.css(".ap-detail-page > .ap-paragraph, .blog-page .ap-paragraph"):
        parts.extend(paragraph.css(".headline h3").getall())
        texts = paragraph.xpath("./div[not(@class)] | ./div[contains(@class, 'row')]/div[contains(@class, 'col-md-8')]/div")
        parts.extend(texts.getall())
    return "\n".join(parts)


def parse(sel: Selector, url: str) -> ArticlePage:
    body, problems = body_html(sel), []
    container = sel.css(".ap-detail-page, .blog-page")
    if not body.strip() and container and (block := largest_block(container[0])) is not None:
        body = "\n".join(block.xpath(BLOCK_CHILDREN).getall())
        problems.append("body read from the largest text block (no .ap-paragraph)")
    if not body.strip():
        problems.append("no body text")
    return ArticlePage(
        template="apollo",
        url=url,
        title=title(sel),
        stamp=stamp(sel),
        published=None,
        categories=categories(sel),
        body_html=body,
        problems=problems,
    )
