"""What each CMS template looks like: recognise a page's template and read its raw parts."""

from __future__ import annotations

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


def is_article_page(sel: Selector, url: str) -> bool:
    """Whether a page is a statement, by its markup (a URL alone decides only for unknown templates)."""
    template = detect_template(sel)
    if template == "apollo":
        return apollo.is_article(sel)
    if template == "mercury":
        return mercury.is_article(sel)
    return generic.is_article(sel, url)


def parse_article(html: str | Selector, url: str) -> ArticlePage | None:
    """The raw parts of an article page, or None when the page is not an article."""
    sel = html if isinstance(html, Selector) else Selector(text=html)
    if not is_article_page(sel, url):
        return None
    parsers = {"apollo": apollo.parse, "mercury": mercury.parse, "generic": generic.parse}
    return parsers[detect_template(sel)](sel, url)


__all__ = ["ArticlePage", "detect_template", "is_article_page", "parse_article"]
