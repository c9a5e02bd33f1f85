"""The generic reader: markup no template claims. Semantic HTML (`<article>`, `<h1>`, `<time>`, tag
links), JSON-LD, microdata and `meta`/OpenGraph; dates and categories only from the article itself,
never from `aside`, `nav`, page headers and footers, or widgets."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from crawler.urls import is_event_path

from .article_page import clean
from .base import Template
from .event_pages import EventPage, ld_place_name, ld_str, page_title
from .page import Page

BLOCK_CHILDREN = "./p | ./ol | ./ul[not(@class)] | ./pre | ./blockquote | ./h3 | ./h4 | ./table"  # classed lists: menus, badges
EVENT_TYPES = frozenset({"Event", "EducationEvent", "SocialEvent", "BusinessEvent", "Festival"})

# Elements that are not the article: side widgets, menus, comments.
_WIDGET = (
    "self::aside or self::nav or @role='complementary' or @role='navigation'"
    " or contains(@class, 'widget') or contains(@class, 'sidebar') or contains(@class, 'comment')"
)
OUTSIDE_WIDGETS = f"not(ancestor-or-self::*[not(self::body or self::html)][{_WIDGET}])"   # body classes are page flags
# Page-level header and footer (an `<article>`'s own header holds its title and date).
OUTSIDE_PAGE_FRAME = "not(ancestor-or-self::*[(self::header or self::footer) and not(ancestor::article)])"
# Class-name words of tag and category markup.
_TAG_WORDS = frozenset({"tag", "tags", "category", "categories", "cat", "topic", "topics", "keyword", "keywords", "subject", "subjects"})
_CLASS_WORD = re.compile(r"[^a-z]+")
# `Title | Site`, `Site - Title`: the separators of a page title.
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|»|·)\s+")
# Labels of an event's place.
_PLACE_WORDS = ("location", "venue", "place", "where", "address", "locality")
_DATE_WORDS = ("date", "dates", "when", "time", "schedule")
_MAX_LABELLED = 200   # longer text is a container, not a date line or a place
_LABEL = re.compile(r"^\s*(?:location|venue|place|where|address|when|date|dates)\s*:\s*", re.IGNORECASE)


def largest_block(scope: Selector) -> Selector | None:
    """The element (within scope) whose own paragraphs and lists hold the most text."""
    best, best_size = None, 0
    containers = "self::div or self::article or self::section or self::main or self::td"
    for node in scope.xpath(f".//*[({containers}) and {OUTSIDE_WIDGETS} and {OUTSIDE_PAGE_FRAME}]"):
        size = sum(len(t) for t in node.xpath(BLOCK_CHILDREN).xpath("string()").getall())
        if size > best_size:
            best, best_size = node, size
    return best


def _is_label(element: Any) -> bool:
    return element.tag in ("dt", "label") or any(c.endswith("label") for c in str(element.get("class", "")).split())


def _unlabelled_text(node: Selector) -> str:
    """The text under an element without that of its labels (`dt`, `label`, `.field__label`)."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        if element is not node.root and _is_label(element):
            return
        parts.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
            parts.append(child.tail or "")

    walk(node.root)
    return clean(" ".join(parts)) or ""


def _item_of(element: Any) -> Any:
    """The microdata item a property element belongs to: its nearest `itemscope` ancestor."""
    return next((a for a in element.iterancestors() if a.get("itemscope") is not None), None)


def _class_words(node: Selector) -> set[str]:
    return {w for w in _CLASS_WORD.split(node.attrib.get("class", "").lower()) if w}


def _ld_strings(value: object) -> list[str]:
    """A JSON-LD value that may be a string or a list of strings (or named objects)."""
    items = value if isinstance(value, list) else [value]
    found = [item.get("name") if isinstance(item, dict) else item for item in items]
    return [c for f in found if isinstance(f, str) and (c := clean(f))]


def strip_site_name(title: str | None, site_name: str | None, heading: str | None = None) -> str | None:
    """`Title | Site` or `Site - Title` without the site name (`og:site_name`), else the page's heading when
    the title is the heading and something beside it; a title without a known site part is kept whole."""
    if not title:
        return None
    sep = _TITLE_SEPARATOR.pattern
    if site_name:
        name = re.escape(site_name)
        for pattern in (rf"^{name}{sep}(?P<rest>.+)$", rf"^(?P<rest>.+?){sep}{name}$"):
            if match := re.match(pattern, title, re.IGNORECASE):
                return match["rest"]
    if heading and re.match(rf"^(?:{re.escape(heading)}{sep}.+|.+?{sep}{re.escape(heading)})$", title, re.IGNORECASE):
        return heading
    return title


class Generic(Template):
    """Any markup: the fallback of the registry."""

    name = "generic"

    def __init__(self, page: Page) -> None:
        super().__init__(page)
        self._found: dict[str, list[Selector]] = {}

    @classmethod
    def matches(cls, page: Page) -> bool:
        return True

    # the article and what surrounds it ------------------------------------------

    @cached_property
    def root(self) -> Selector:
        """The article element: the `<article>` (outside widgets) with the heading or the most text, else
        `<main>`, else the body."""
        articles = self.sel.xpath(f"//article[{OUTSIDE_WIDGETS}][not(ancestor::article)]")
        if len(articles) == 1:
            return articles[0]
        if articles:
            with_heading = [a for a in articles if a.xpath(".//h1")]
            return with_heading[0] if with_heading else max(articles, key=lambda a: len(a.xpath("string()").get() or ""))
        for query in ("//main", "//*[@role='main']", "//body"):
            if found := self.sel.xpath(query):
                return found[0]
        return self.sel

    def _in_article(self, xpath: str) -> list[Selector]:
        """Nodes under the article element, widgets and the page's own header and footer left out (each
        query run once per page)."""
        if xpath not in self._found:
            self._found[xpath] = list(self.root.xpath(f"{xpath}[{OUTSIDE_WIDGETS} and {OUTSIDE_PAGE_FRAME}]"))
        return self._found[xpath]

    @cached_property
    def site_name(self) -> str | None:
        """The site's name as the page gives it: `og:site_name`, `application-name`, JSON-LD publisher or
        WebSite, else the text of the link home (`rel=home`, the branding every page of a site repeats)."""
        publisher = self.page.article_ld.get("publisher")
        website = self.page.ld_of({"WebSite"}) or {}
        return (
            self.page.meta("og:site_name")
            or self.page.meta("application-name")
            or (clean(publisher.get("name")) if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) else None)
            or (clean(website["name"]) if isinstance(website.get("name"), str) else None)
            or clean(self.sel.xpath("string(//a[contains(concat(' ', normalize-space(@rel), ' '), ' home ')])").get())
        )

    def heading(self) -> str | None:
        """The article's `<h1>`, else the page's first `<h1>` outside widgets."""
        for node in [*self._in_article(".//h1"), *self.sel.xpath(f"//h1[{OUTSIDE_WIDGETS}]")]:
            if text := clean(node.xpath("string()").get()):
                return text
        return None

    def clean_title(self, title: str | None) -> str | None:
        """A title without the site name (called only once `heading()` has found nothing)."""
        return strip_site_name(title, self.site_name) if title else None

    def microdata(self, prop: str, scope_type: str | None = None) -> list[str]:
        """Values of `itemprop=prop` (content, datetime or text; a nested item's name), outside widgets; with
        `scope_type`, only the item of that type's own properties."""
        if scope_type:
            scopes = self.sel.xpath(f"//*[@itemscope][contains(@itemtype, '{scope_type}')]")
            if not scopes:
                return []
            scope = scopes[0].root
            nodes = [n for n in scopes[0].xpath(f".//*[@itemprop='{prop}']") if _item_of(n.root) is scope]
        else:
            nodes = list(self.sel.xpath(f"//*[@itemprop='{prop}'][{OUTSIDE_WIDGETS}]"))
        values = []
        for node in nodes:
            if "itemscope" in node.attrib:
                named = [n for n in node.xpath(".//*[@itemprop='name']") if _item_of(n.root) is node.root]
                node = named[0] if named else node
            value = node.attrib.get("content") or node.attrib.get("datetime") or node.xpath("string()").get()
            if value and (text := clean(value)):
                values.append(text)
        return values

    # statements ------------------------------------------------------------------

    def is_article(self) -> bool:
        return (
            self.page.meta("og:type") == "article"
            or bool(self.page.article_ld)
            or bool(self.sel.xpath("//*[@itemscope][contains(@itemtype, 'Article') or contains(@itemtype, 'BlogPosting')]"))
            or "/article/" in self.page.url
        )

    def title(self) -> str | None:
        return (
            clean(str(self.page.article_ld.get("headline") or ""))
            or next(iter(self.microdata("headline")), None)
            or self.heading()
            or self.clean_title(self.page.meta("og:title"))
            or self.clean_title(self.page.title_tag)
        )

    def published(self) -> str | None:
        """JSON-LD, microdata or meta, else a `<time>` of the article (the one marked published first)."""
        meta = self.page.meta
        found = (
            clean(str(self.page.article_ld.get("datePublished") or ""))
            or next(iter(self.microdata("datePublished")), None)
            or meta("article:published_time")
            or meta("dc.date.issued")
            or meta("dc.date")
            or meta("date")
        )
        if found:
            return found
        times = self._in_article(".//time[@datetime]")
        marked = [t for t in times if {"published", "pubdate", "created", "submitted"} & _class_words(t) or "pubdate" in t.attrib]
        return next((clean(t.attrib["datetime"]) for t in [*marked, *times]), None)

    def categories(self) -> list[str]:
        """One per badge, in page order: `rel=tag` links and items of tag/category/topic/keyword markup in the
        article; else `article:tag`/`article:section` meta; else JSON-LD `keywords`/`articleSection`; else microdata."""
        found: list[str] = []
        for node in self._in_article(".//a[@rel] | .//*[@class]"):
            if node.root.tag == "a" and "tag" in node.attrib.get("rel", "").split():
                found.append(node.xpath("string()").get() or "")
            elif _class_words(node) & _TAG_WORDS and not node.xpath(".//a[@rel]"):
                items = node.xpath(".//li[not(.//li)] | .//a[not(ancestor::li)]") or [node]
                found.extend(item.xpath("string()").get() or "" for item in items)
        badges = list(dict.fromkeys(c for f in found if (c := clean(f))))
        ld = self.page.article_ld
        return (
            badges
            or [*self.page.metas.get("article:tag", []), *self.page.metas.get("article:section", [])]
            or _ld_strings(ld.get("keywords")) + _ld_strings(ld.get("articleSection"))
            or self.microdata("keywords") + self.microdata("articleSection")
        )

    def body_html(self) -> str:
        block = largest_block(self.root)
        return "\n".join(block.xpath(BLOCK_CHILDREN).getall()) if block is not None else ""

    def problems(self, body: str) -> list[str]:
        return super().problems(body) + ([] if self.published() else ["no date"])

    # events ----------------------------------------------------------------------

    def event_page(self) -> EventPage | None:
        """A JSON-LD or microdata Event, or an event URL with dates: two `<time>` elements or a date line."""
        ld = self.page.ld_of(EVENT_TYPES)
        micro = bool(self.sel.xpath("//*[@itemscope][contains(@itemtype, 'Event')]"))
        if ld is None and not micro and not is_event_path(urlsplit(self.page.url).path):
            return None
        title = ld_str(ld, "name") or next(iter(self.microdata("name", "Event")), None) or self.heading()
        title = title or self.clean_title(page_title(self.sel))
        if not title:
            return None
        start, end, exclusive = self._event_times(ld)
        return EventPage(
            title=title,
            date_text=None if start else self._labelled_text(_DATE_WORDS, date_like=True),
            location=self._event_location(ld),
            description_html=self._event_description(),
            url=self.page.url,
            start_iso=start,
            end_iso=end,
            end_exclusive=exclusive,
            lang=self.page.language,
        )

    def _event_times(self, ld: dict[str, Any] | None) -> tuple[str | None, str | None, bool]:
        if ld is not None and (start := ld_str(ld, "startDate")):
            return start, ld_str(ld, "endDate"), True
        starts, ends = self.microdata("startDate", "Event"), self.microdata("endDate", "Event")
        if starts:
            return starts[0], next(iter(ends), None), False
        times = [t for n in self._in_article(".//time[@datetime]") if (t := clean(n.attrib["datetime"]))]
        if times:
            return times[0], times[1] if len(times) > 1 else None, False
        return None, None, False

    def _labelled(self, words: tuple[str, ...], *, outermost: bool) -> list[Selector]:
        """Elements of the article whose class, itemprop or aria-label says one of `words`: the outermost of
        nested ones (a date range around its start and end) or the innermost (a venue inside its section)."""
        found = []
        for node in self._in_article(".//*[@class or @itemprop or @aria-label]"):
            said = _class_words(node) | {node.attrib.get("itemprop", "").lower()} | set(node.attrib.get("aria-label", "").lower().split())
            if said & set(words):
                found.append(node)
        roots = {n.root for n in found}
        if outermost:
            return [n for n in found if not any(a in roots for a in n.root.iterancestors())]
        return [n for n in found if not any(d in roots for d in n.root.iterdescendants())]

    def _labelled_text(self, words: tuple[str, ...], *, date_like: bool = False) -> str | None:
        """The text of the first such element, its label (`Location`, `Venue:`) left out."""
        for node in self._labelled(words, outermost=date_like):
            text = _LABEL.sub("", _unlabelled_text(node))
            if text and len(text) <= _MAX_LABELLED and (not date_like or any(ch.isdigit() for ch in text)):
                return text
        return None

    def _event_location(self, ld: dict[str, Any] | None) -> str | None:
        if ld is not None and (name := ld_place_name(ld.get("location"))):
            return name
        if ld is not None and isinstance(place := ld.get("location"), str) and (text := clean(place)):
            return text
        micro = self.microdata("location", "Event")
        return micro[0] if micro else self._labelled_text(_PLACE_WORDS)

    def _event_description(self) -> str | None:
        block = largest_block(self.root)
        if block is None:
            return None
        labelled = {n.root for n in self._labelled((*_PLACE_WORDS, *_DATE_WORDS), outermost=True)}
        parts = [p.get() for p in block.xpath(BLOCK_CHILDREN) if p.root not in labelled and not any(a in labelled for a in p.root.iterancestors())]
        return "\n".join(parts).strip() or None

