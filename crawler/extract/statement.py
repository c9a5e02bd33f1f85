"""A whole statement read off its page: every field extractor applied to the template's raw parts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar

from ..templates import ArticlePage
from .categories import Categories, classify_categories, language_code
from .datelines import DatelineResult, find_dateline
from .signatories import PartyList, extract_party_list
from .stamps import parse_from_line, parse_stamp
from .text import Block, blocks_to_text, html_to_blocks

T = TypeVar("T")


@dataclass(frozen=True)
class ExtractedStatement:
    """The extracted values of one page, before party names are resolved."""

    title: str | None
    posted_at: datetime | None
    categories: list[str]
    classified: Categories
    body: str
    dateline: DatelineResult
    party_list: PartyList
    problems: list[str] = field(default_factory=list)
    pdf_url: str | None = None     # the PDF the page links ("Show PDF"; `crawler.templates.pdf`)


def posted_at(page: ArticlePage, body_lines: list[str]) -> datetime | None:
    """The machine date where the template gives one, else the printed stamp, else an old `From:` line."""
    for candidate in (page.published, page.stamp):
        if candidate and (moment := parse_stamp(candidate)):
            return moment
    for line in body_lines[:3]:
        if line.startswith("From:") and (day := parse_from_line(line)):
            return datetime(day.year, day.month, day.day)
    return None


def with_page_language(classified: Categories, language: str | None) -> Categories:
    """Languages from badges and title markers, else the page's own language (`en-US` -> `en`)."""
    if classified.languages or not language:
        return classified
    code = language_code(language.replace("_", "-").split("-")[0])
    return replace(classified, languages=[code]) if code else classified


def _attempt(problems: list[str], what: str, extractor: Callable[..., T], *args: Any, default: T) -> T:
    """One field's extractor; if it fails on markup it cannot take, the field gets its default,
    the failure is noted, and the other fields are still read."""
    try:
        return extractor(*args)
    except Exception as exc:
        problems.append(f"{what} could not be read: {exc!r}")
        return default


def read_statement(page: ArticlePage) -> ExtractedStatement:
    """Extract every field of a statement from its page's raw parts; what cannot be read is listed in `problems`."""
    problems = list(page.problems)
    blocks: list[Block] = _attempt(problems, "body", html_to_blocks, page.body_html, default=[])
    body = blocks_to_text(blocks)
    lines = [line for line in body.splitlines() if line.strip()]
    moment = _attempt(problems, "stamp", posted_at, page, lines, default=None)
    if moment is None and (page.stamp or page.published):
        problems.append(f"unreadable stamp {page.stamp or page.published!r}")
    if not page.title:
        problems.append("no title")
    classified = _attempt(
        problems, "categories", classify_categories, page.categories, page.title or "", default=Categories([], None, [])
    )
    return ExtractedStatement(
        title=page.title,
        posted_at=moment,
        categories=page.categories,
        classified=with_page_language(classified, page.language),
        body=body,
        dateline=_attempt(problems, "dateline", find_dateline, lines, default=DatelineResult(None, None)),
        party_list=_attempt(problems, "signatory list", extract_party_list, blocks, default=PartyList([], [], 0, None)),
        problems=problems,
    )
