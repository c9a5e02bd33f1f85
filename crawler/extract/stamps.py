"""The page stamp (when an article was posted) and the 2003-2005 `From:` line."""
from __future__ import annotations

import re
from datetime import date, datetime

from crawler.extract.dates import range_from_tokens
from crawler.extract.datetokens import WORD, expand_year, tokenize
from crawler.extract.months import vocabulary

_ENGLISH = ("en",)
_CLOCK = r"(?:,?\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\s*(?P<ampm>[AaPp])\.?\s?[Mm]\.?)?)?"
# `12/10/18 3:36 PM`, `10/31/23, 11:11 AM` (U+202F or U+00A0 before AM/PM are `\s` too).
_NUMERIC = re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{2}|\d{4})" + _CLOCK)
# `December 10, 2018 3:36 PM`, `Dec 10, 2018`.
_LONG = re.compile(r"(?P<name>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})" + _CLOCK)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?")
_FROM = re.compile(r"From\s*:\s*(?P<rest>.+)", re.IGNORECASE | re.DOTALL)


def parse_stamp(text: str) -> datetime | None:
    """The posting time a page prints, as naive wall time; a date alone gives midnight."""
    text = text.strip()
    if _ISO.fullmatch(text):
        return _iso(text)
    if match := _NUMERIC.fullmatch(text):
        year = match.group("year")
        return _moment(expand_year(int(year), len(year)), int(match.group("month")), int(match.group("day")), match)
    if match := _LONG.fullmatch(text):
        month = vocabulary(_ENGLISH).months.get(match.group("name").lower())
        if month is not None:
            return _moment(int(match.group("year")), month, int(match.group("day")), match)
    return None


def parse_from_line(text: str) -> date | None:
    """The day of a `From: SolidNet, Wednesday, October 20, 2004` line."""
    match = _FROM.match(text.strip())
    if match is None:
        return None
    tokens = tokenize(match.group("rest"), vocabulary(_ENGLISH))
    after_words = max((i + 1 for i, token in enumerate(tokens) if token.kind == WORD), default=0)
    found = range_from_tokens(tokens[after_words:])
    return found.start if found is not None and found.start == found.end else None


def _moment(year: int, month: int, day: int, match: re.Match[str]) -> datetime | None:
    """Assemble a datetime from the date and the optional clock groups; None if impossible."""
    hour = int(match.group("hour") or 0)
    ampm = match.group("ampm")
    if ampm is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm in "Pp" else 0)
    try:
        return datetime(year, month, day, hour, int(match.group("minute") or 0), int(match.group("second") or 0))
    except ValueError:
        return None


def _iso(text: str) -> datetime | None:
    """ISO 8601 date or date-time; an offset is dropped, the wall time kept."""
    try:
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return None
