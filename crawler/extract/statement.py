"""A whole statement read off its page: every field extractor applied to the template's raw parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..templates import ArticlePage
from .categories import Categories, classify_categories
from .datelines import DatelineResult, find_dateline
from .signatories import PartyList, extract_party_list
from .stamps import parse_from_line, parse_stamp
from .text import blocks_to_text, html_to_blocks


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


def posted_at(page: ArticlePage, body_lines: list[str]) -> datetime | None:
    """The machine date where the template gives one, else the printed stamp, else an old `From:` line."""
    for candidate in (page.published, page.stamp):
        if candidate and (moment := parse_stamp(candidate)):
            return moment
    for line in body_lines[:3]:
        if line.startswith("From:") and (day := parse_from_line(line)):
            return datetime(day.year, day.month, day.day)
    return None


def read_statement(page: ArticlePage) -> ExtractedStatement:
    """Extract every field of a statement from its page's raw parts."""
    blocks = html_to_blocks(page.body_html)
    body = blocks_to_text(blocks)
    lines = [line for line in body.splitlines() if line.strip()]
    problems = list(page.problems)
    moment = posted_at(page, lines)
    if moment is None and (page.stamp or page.published):
        problems.append(f"unreadable stamp {page.stamp or page.published!r}")
    if not page.title:
        problems.append("no title")
    return ExtractedStatement(
        title=page.title,
        posted_at=moment,
        categories=page.categories,
        classified=classify_categories(page.categories, page.title or ""),
        body=body,
        dateline=find_dateline(lines),
        party_list=extract_party_list(blocks),
        problems=problems,
    )
