"""Fallback for markup of no known template: JSON-LD, `og:` tags, `<title>`, `<time datetime>`, the largest text block."""

from __future__ import annotations

from parsel import Selector

from .article_page import ArticlePage, article_json_ld, clean, meta

BLOCK_CHILDREN = "./p | ./ol | ./ul[not(@class)] | ./pre | ./blockquote | ./h3 | ./h4 | ./table"  # classed lists: menus, badges


def is_article(sel: Selector, url: str) -> bool:
    return (
        meta(sel, "og:type") == "article"
        or bool(article_json_ld(sel))
        or "/article/" in url
    )


def largest_block(scope: Selector) -> Selector | None:
    """The element (within scope) whose own paragraphs and lists hold the most text."""
    best, best_size = None, 0
    for node in scope.xpath(".//*[self::div or self::article or self::section or self::main or self::td]"):
        size = sum(len(t) for t in node.xpath(BLOCK_CHILDREN).xpath("string()").getall())
        if size > best_size:
            best, best_size = node, size
    return best


def _time_near(block: Selector | None, sel: Selector) -> str | None:
    """A `<time datetime>` of the article: in its text block or the block's container, else in an
    `<article>`, else the page's first (side widgets come last)."""
    scopes = [block, *(block.xpath("..") if block is not None else []), *sel.css("article"), sel]
    for scope in scopes:
        if scope is not None and (found := clean(scope.css("time[datetime]::attr(datetime)").get())):
            return found
    return None


def parse(sel: Selector, url: str) -> ArticlePage:
    ld = article_json_ld(sel)
    body = sel.css("body")
    block = largest_block(body[0] if body else sel)
    title = (
        clean(str(ld.get("headline") or ""))
        or meta(sel, "og:title")
        or clean(sel.css("h1").xpath("string()").get())
        or clean(sel.css("title::text").get())
    )
    published = (
        clean(str(ld.get("datePublished") or ""))
        or meta(sel, "article:published_time")
        or _time_near(block, sel)
    )
    problems = []
    if block is None:
        problems.append("no body text")
    if not published:
        problems.append("no date")
    return ArticlePage(
        template="generic",
        url=url,
        title=title,
        stamp=None,
        published=published,
        categories=[c for c in sel.css('meta[property="article:tag"]::attr(content)').getall() if c.strip()],
        body_html="\n".join(block.xpath(BLOCK_CHILDREN).getall()) if block is not None else "",
        problems=problems,
    )
