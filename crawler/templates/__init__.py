"""What each CMS template looks like: recognise a page's template and read its raw parts."""

from __future__ import annotations

from collections.abc import Callable

from parsel import Selector

from . import apollo, generic, mercury
from .article_page import ArticlePage


def detect_template(sel: Selector) -> str:
    """'apollo', 'mercury' or 'generic' (markup of no known template)."""
    if apollo.matches(sel):
        return "apollo"
    if mercury.matches(sel):
        return "mercury"
    return "generic"


ArticleParser = Callable[[Selector, str], ArticlePage]


def _article_parser(sel: Selector, url: str) -> ArticleParser | None:
    """The parser of the page's template when the page is a statement (by its markup; a URL alone
    decides only for unknown templates), else None."""
    template = detect_template(sel)
    if template == "apollo":
        return apollo.parse if apollo.is_article(sel) else None
    if template == "mercury":
        return mercury.parse if mercury.is_article(sel) else None
    return generic.parse if generic.is_article(sel, url) else None


def is_article_page(sel: Selector, url: str) -> bool:
    """Whether a page is a statement."""
    return _article_parser(sel, url) is not None


def parse_article(html: str | Selector, url: str) -> ArticlePage | None:
    """The raw parts of an article page, or None when the page is not an article."""
    sel = html if isinstance(html, Selector) else Selector(text=html)
    parser = _article_parser(sel, url)
    return parser(sel, url) if parser else None


__all__ = ["ArticlePage", "detect_template", "is_article_page", "parse_article"]
