"""Datelines: the line that says where and when a statement was adopted.

A dateline is a short line made of a place and a date expression, in either order
(`Athens, 23-25 November 2018`, `November 25, 2018 Athens, Greece`), or a date alone.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from crawler.extract.dates import (
    LANGUAGES,
    DateRange,
    language_key,
    parse_date_range,
    range_from_tokens,
)
from crawler.extract.datetokens import CONTENT, WORD, YEAR_MARK, Token, tokenize
from crawler.extract.list_headings import match_heading
from crawler.extract.months import vocabulary
from crawler.extract.stamps import parse_from_line

MAX_DATELINE_CHARS = 90
MAX_PLACE_WORDS = 6
MAX_DATE_WORDS = 8
_PLACE_STRIP = " \t,،.;:-‐‑‒–—―"
# Lower-case words a place name may hold ('Rio de Janeiro', 'Kingston upon Hull').
_PLACE_CONNECTORS = frozenset({
    "de", "del", "da", "do", "dos", "das", "di", "la", "le", "les", "el", "of", "the", "and",
    "y", "e", "et", "upon", "on", "sur", "am", "an", "im", "al", "en", "du", "des", "van",
    "von", "der", "den", "i",
})
_DIGIT = re.compile(r"\d")
# Every readable date has a year: three or more digits, or the end of a numeric date (5/22/99).
_YEARISH = re.compile(r"\d{3}|\d[/.-]\d{1,2}[/.-]\d")
_COMMA = re.compile(r"[,،]")
_ELISION = re.compile(r"^[dlDL][’']")  # "Côte d'Ivoire"

T = TypeVar("T")


Day = date   # the field named `date` below would shadow the type in its own annotations


@dataclass(frozen=True)
class Dateline:
    """A dateline: the line as written (stripped), the place as written, first and last day."""

    text: str
    place: str | None
    date: Day
    end_date: Day


@dataclass(frozen=True)
class DatelineResult:
    """The body's dateline, or the text of a line that looked like one but could not be read."""

    dateline: Dateline | None
    unreadable: str | None


def parse_dateline(line: str, languages: Sequence[str] = LANGUAGES) -> Dateline | None:
    """Read one candidate line: place then date, date then place, or a date alone.

    The grammar of `dates` reads the date; only `Place, <date it cannot read>` goes on to
    `parse_date_range`'s dateparser fallback. A range that ends before it starts is not a dateline.
    """
    text = line.strip()
    if not _YEARISH.search(text):
        return None
    tokens = tokenize(text, vocabulary(language_key(languages)))
    for read in (_date_last, _date_first):
        found = read(text, tokens)
        if found is not None:
            place, dates = found
            return Dateline(text, place, dates.start, dates.end) if dates.is_valid else None
    return _fallback_dateline(text, languages)


def find_dateline(lines: Sequence[str], languages: Sequence[str] = LANGUAGES) -> DatelineResult:
    """Scan body lines: the last dateline before the first signatory heading, else the last one.

    Only short lines (<= MAX_DATELINE_CHARS) count, so prose that mentions a date is never taken.
    Without a dateline, the last short line that looks like a place and a date but cannot be read
    is returned as `unreadable`.
    """
    heading = next((i for i, line in enumerate(lines) if match_heading(line)), len(lines))
    found: list[tuple[int, Dateline]] = []
    attempts: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        text = line.strip()
        if len(text) > MAX_DATELINE_CHARS or not _YEARISH.search(text) or parse_from_line(text):
            continue  # a `From: SolidNet, <date>` line dates the posting, not the statement
        dateline = parse_dateline(text, languages)
        if dateline is not None:
            found.append((index, dateline))
        elif _looks_like_dateline(text):
            attempts.append((index, text))
    if found:
        return DatelineResult(_preferred(found, heading), None)
    return DatelineResult(None, _preferred(attempts, heading) if attempts else None)


def _preferred(items: list[tuple[int, T]], heading: int) -> T:
    """The last item before the heading, else the last item."""
    before = [item for index, item in items if index < heading]
    return before[-1] if before else items[-1][1]


def _date_last(text: str, tokens: list[Token]) -> tuple[str | None, DateRange] | None:
    """A date at the end of the line; whatever stands before it must be a place.

    A date that starts right after a comma is tried first, so that a month word in the place
    ('Rio de Janeiro, 20-22 November 2009') does not become the start of the range."""
    run = len(tokens)
    while run > 0 and tokens[run - 1].kind != WORD:
        run -= 1
    starts = [start for start in range(run, len(tokens)) if start == run or tokens[start].kind in CONTENT]
    after_comma = [start for start in range(max(run, 1), len(tokens)) if _COMMA.fullmatch(text[tokens[start - 1].start : tokens[start - 1].end])]
    for start in after_comma + starts:
        dates = range_from_tokens(tokens[start:])
        if dates is not None:
            place = _place(text[: tokens[start].start])
            return (place.text, dates) if place.ok else None
    return None


def _date_first(text: str, tokens: list[Token]) -> tuple[str | None, DateRange] | None:
    """A date at the start of the line; whatever follows it must be a place."""
    run = 0
    while run < len(tokens) and tokens[run].kind != WORD:
        run += 1
    for end in range(run, 0, -1):
        if tokens[end - 1].kind not in CONTENT and tokens[end - 1].kind != YEAR_MARK:
            continue
        dates = range_from_tokens(tokens[:end])
        if dates is not None:
            place = _place(text[tokens[end - 1].end :])
            return (place.text, dates) if place.ok else None
    return None


@dataclass(frozen=True)
class _Place:
    """A trimmed place part (None if empty) and whether it reads like a place name."""

    text: str | None
    ok: bool


def _place(raw: str) -> _Place:
    """The place part of a line, trimmed; `ok` if it is empty or reads like a place name."""
    text = raw.strip(_PLACE_STRIP)
    if not text:
        return _Place(None, True)
    words = text.split()
    ok = (
        len(words) <= MAX_PLACE_WORDS
        and not _DIGIT.search(text)
        and all(_place_word(word) for word in words)
    )
    return _Place(text, ok)


def _place_word(word: str) -> bool:
    """Capitalised (or in a script without case), a connector, or no letters at all."""
    letters = [c for c in _ELISION.sub("", word) if c.isalpha()]
    return not letters or not letters[0].islower() or word.strip("(),.").lower() in _PLACE_CONNECTORS


def _split_place(text: str) -> tuple[str, str] | None:
    """`Place, rest`: the place-like part before the first comma that is followed by a digit."""
    for comma in _COMMA.finditer(text):
        place = _place(text[: comma.start()])
        rest = text[comma.end() :]
        if place.ok and place.text and _DIGIT.search(_COMMA.split(rest, maxsplit=1)[0]):
            return place.text, rest.strip()
    return None


def _looks_like_dateline(text: str) -> bool:
    """A place, a comma, then a few words holding something like a year."""
    split = _split_place(text)
    return split is not None and len(split[1].split()) <= MAX_DATE_WORDS and bool(_YEARISH.search(split[1]))


def _fallback_dateline(text: str, languages: Sequence[str]) -> Dateline | None:
    """`Place, <date the grammar cannot read>`: give the date part to `parse_date_range`'s fallback."""
    split = _split_place(text)
    if split is None or len(split[1].split()) > MAX_DATE_WORDS:
        return None
    place, rest = split
    dates = parse_date_range(rest.rstrip(_PLACE_STRIP), languages)
    return Dateline(text, place, dates.start, dates.end) if dates is not None and dates.is_valid else None
