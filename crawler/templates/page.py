"""One fetched page parsed once: the selector and the page-wide signals every template reads
(JSON-LD, `meta`/OpenGraph, the page's own language)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache, cached_property
from typing import Any

from parsel import Selector, SelectorList
from parsel.csstranslator import css2xpath

from .article_page import clean, json_ld

ARTICLE_TYPES = frozenset({"Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle"})


def ld_types(obj: dict[str, Any]) -> set[str]:
    """The `@type` of a JSON-LD object as a set (it may be a string or a list)."""
    value = obj.get("@type")
    return {v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)}


@cache
def _below(css: str) -> str:
    """The XPath of a CSS query (no `,`) asked below an element, as the right part of `scope css`."""
    xpath = css2xpath(css)
    if not xpath.startswith("descendant-or-self::") or " | " in xpath:
        raise ValueError(f"not a single CSS query: {css!r}")
    return "descendant::" + xpath.removeprefix("descendant-or-self::")


def within(scopes: Iterable[Selector], css: str) -> list[Selector]:
    """What `css` matches below each of `scopes` (as the right part of the query `scope css`), in scope order,
    each element once: the part of a page a template found already is not searched again from the top."""
    found: dict[Any, Selector] = {}
    query = _below(css)
    for scope in scopes:
        for element in scope.xpath(query):
            found.setdefault(element.root, element)
    return list(found.values())


class Page:
    """A page's selector and its shared signals, each read at most once."""

    def __init__(self, html: str | Selector, url: str, content_language: str | None = None) -> None:
        self.sel = html if isinstance(html, Selector) else Selector(text=html)
        self.url = url
        self.content_language = content_language   # the HTTP header, when the fetcher passes it on
        self._found: dict[str, SelectorList[Selector]] = {}

    @cached_property
    def json_ld(self) -> list[dict[str, Any]]:
        """Every JSON-LD object, `@graph` members included."""
        found: list[dict[str, Any]] = []
        for obj in json_ld(self.sel):
            found.append(obj)
            graph = obj.get("@graph")
            found.extend(o for o in (graph if isinstance(graph, list) else []) if isinstance(o, dict))
        return found

    def ld_of(self, types: frozenset[str] | set[str]) -> dict[str, Any] | None:
        """The first JSON-LD object of one of these types."""
        return next((o for o in self.json_ld if ld_types(o) & types), None)

    @cached_property
    def article_ld(self) -> dict[str, Any]:
        return self.ld_of(ARTICLE_TYPES) or {}

    @cached_property
    def metas(self) -> dict[str, list[str]]:
        """`<meta>` contents by `property`, `name` or `http-equiv` (lower case), in page order."""
        found: dict[str, list[str]] = {}
        for node in self.sel.xpath("//meta[@content]"):
            key = node.attrib.get("property") or node.attrib.get("name") or node.attrib.get("http-equiv")
            if key and (value := clean(node.attrib["content"])):
                found.setdefault(key.strip().lower(), []).append(value)
        return found

    def meta(self, name: str) -> str | None:
        values = self.metas.get(name.lower())
        return values[0] if values else None

    @cached_property
    def html_lang(self) -> str | None:
        return clean(self.sel.xpath("/html/@lang").get())

    @cached_property
    def language(self) -> str | None:
        """The page's own language tag: `<html lang>`, Content-Language, `og:locale`, JSON-LD `inLanguage`."""
        return next((value.strip() for value in self._language_signals() if value and value.strip()), None)

    def _language_signals(self) -> Iterator[str | None]:
        """The language signals in order, each read only when the ones before it said nothing."""
        yield self.html_lang
        yield self.content_language
        yield self.meta("content-language")
        yield self.meta("og:locale")
        ld_lang = self.article_ld.get("inLanguage")
        yield ld_lang if isinstance(ld_lang, str) else None

    def found(self, css: str) -> SelectorList[Selector]:
        """Every element on the page matching `css`, in page order; each query evaluated once per page (a
        layout's `matches` asks its template's question again, and a template reads what matching found)."""
        if css not in self._found:
            self._found[css] = self.sel.css(css)
        return self._found[css]

    def has(self, css: str) -> bool:
        """Whether anything on the page matches `css` (`found`)."""
        return bool(self.found(css))

    @cached_property
    def title_tag(self) -> str | None:
        return clean(self.sel.xpath("string(//head/title | //title)").get())
