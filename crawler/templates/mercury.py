"""The OpenCms Mercury article page (`detail/article.jsp`), the CMS's successor template."""

from __future__ import annotations

from html import escape

from parsel import Selector

from .article_page import ArticlePage, article_json_ld, clean, meta


def matches(sel: Selector) -> bool:
    return bool(sel.css('#mercury-page, #template-info, link[href*="alkacon.mercury"], script[src*="alkacon.mercury"]'))


def is_article(sel: Selector) -> bool:
    return bool(sel.css(".detail-page.type-article"))


def parse(sel: Selector, url: str) -> ArticlePage:
    ld = article_json_ld(sel)
    detail = sel.css(".detail-page.type-article")
    paragraphs: list[str] = []
    for piece in detail.css(".detail-content > .paragraph"):
        paragraphs.extend(f"<h3>{escape(h)}</h3>" for h in piece.css(".heading .piece-heading").xpath("string()").getall())
        paragraphs.extend(piece.css(".body .text").getall())
    # stock Mercury prints no categories; a site-made tag block is read where present
    tags = [c for t in sel.css(".type-custom-tags li, .tag-list li") if (c := clean(t.xpath("string()").get()))]
    return ArticlePage(
        template="mercury",
        url=url,
        title=clean(detail.css(".intro-headline .headline").xpath("string()").get())
        or clean(str(ld.get("headline") or "")) or meta(sel, "og:title"),
        stamp=clean(detail.css(".visual-info .info.date > div").xpath("string()").get()),
        published=clean(str(ld.get("datePublished") or "")),
        categories=tags,
        body_html="\n".join(paragraphs),
        problems=[] if "".join(paragraphs).strip() else ["no body text"],
    )
