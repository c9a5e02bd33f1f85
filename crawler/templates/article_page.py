"""What a template parser reads off an article page: raw strings, no interpretation."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from parsel import Selector


@dataclass(frozen=True)
class ArticlePage:
    """The raw parts of one statement page."""

    template: str                      # "apollo", "mercury" or "generic"
    url: str
    title: str | None
    stamp: str | None                  # the posting stamp as printed ('12/10/18 3:36 PM')
    published: str | None              # a machine date (JSON-LD datePublished, <time datetime>)
    categories: list[str] = field(default_factory=list)
    body_html: str = ""                # the editor HTML of the body, paragraphs concatenated
    problems: list[str] = field(default_factory=list)   # what could not be read


def clean(text: str | None) -> str | None:
    """Collapse white space; None for empty."""
    if text is None:
        return None
    value = " ".join(text.split())
    return value or None


def _unescaped(value: Any) -> Any:
    """A parsed JSON value with every string HTML-unescaped until no entity is left: Mercury escapes
    JSON-LD strings (`&#039;`), 11.x twice (`&amp;#039;`)."""
    if isinstance(value, dict):
        return {key: _unescaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_unescaped(item) for item in value]
    if isinstance(value, str):
        while (decoded := html.unescape(value)) != value:
            value = decoded
    return value


def json_ld(sel: Selector) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, strings HTML-unescaped (broken blocks skipped)."""
    for raw in sel.css('script[type="application/ld+json"]::text').getall():
        try:
            data = _unescaped(json.loads(raw))
        except ValueError:
            continue
        for obj in data if isinstance(data, list) else [data]:
            if isinstance(obj, dict):
                yield obj


ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting")   # JSON-LD types of an article page


def article_json_ld(sel: Selector) -> dict[str, Any]:
    """The page's first JSON-LD object of an article type, else {}."""
    return next((o for o in json_ld(sel) if o.get("@type") in ARTICLE_TYPES), {})


def meta(sel: Selector, name: str) -> str | None:
    """The content of `<meta property=name>` or `<meta name=name>`."""
    return clean(sel.css(f'meta[property="{name}"]::attr(content), meta[name="{name}"]::attr(content)').get())
