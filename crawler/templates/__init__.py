"""What each CMS template looks like: the registry picks a page's template class from its markup;
the class reads the page's raw parts (statements, event teasers, event pages)."""

from __future__ import annotations

from parsel import Selector

from .apollo import Apollo105, ApolloPre105  # importing a template module registers its classes
from .article_page import ArticlePage
from .base import Template
from .event_pages import EventPage, EventTeaser, clean_event_url
from .generic import Generic
from .mercury import Mercury
from .page import Page
from .registry import TEMPLATES
from .registry import template_for as _template_for


def all_templates() -> list[type[Template]]:
    """Every template class (layouts included), the generic fallback last."""
    return [*TEMPLATES, Generic]


def template_for(html: str | Selector | Page, url: str = "") -> Template:
    """The template class instance reading this page."""
    page = html if isinstance(html, Page) else Page(html, url)
    return _template_for(page, Generic)


def detect_template(sel: Selector) -> str:
    """The template's name: 'apollo/10.5', 'apollo/pre-10.5', 'mercury' or 'generic'."""
    return template_for(sel).name


def is_article_page(sel: Selector, url: str) -> bool:
    """Whether a page is a statement (by its markup; a URL alone decides only for the generic reader)."""
    return template_for(sel, url).is_article()


def parse_article(html: str | Selector, url: str, content_language: str | None = None) -> ArticlePage | None:
    """The raw parts of an article page, or None when the page is not an article (`content_language`: the
    response's Content-Language header, one of the page's own language signals)."""
    template = template_for(Page(html, url, content_language))
    return template.article() if template.is_article() else None


def event_template(html: str | Selector, url: str) -> Template:
    """The template reading a page of events (its URL without Mercury's instance query)."""
    return template_for(html, clean_event_url(url, url) or url)


def parse_event_page(html: str | Selector, url: str) -> EventPage | None:
    """The event on a detail page, or None for a page that is not an event (or has no title)."""
    event = event_template(html, url).event_page()
    return event if event is not None and event.title else None


def parse_event_teasers(html: str | Selector, url: str) -> list[EventTeaser]:
    """Every event teaser on a page or AJAX list response, in page order."""
    return template_for(html, url).event_teasers()


__all__ = [
    "Apollo105",
    "ApolloPre105",
    "ArticlePage",
    "EventPage",
    "EventTeaser",
    "Generic",
    "Mercury",
    "Page",
    "Template",
    "all_templates",
    "detect_template",
    "event_template",
    "is_article_page",
    "parse_article",
    "parse_event_page",
    "parse_event_teasers",
    "template_for",
]
