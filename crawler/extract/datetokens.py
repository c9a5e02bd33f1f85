"""Split a date expression into typed tokens, keeping each token's place in the text.

Numeric dates are read by one fixed rule (documented in `numeric_date`), so the same
string always gives the same day.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from crawler.extract.months import RANGE_WORDS, YEAR_MARKS, Vocabulary, fold

_TOKEN = re.compile(
    r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))"
    r"(?:T\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
    r"|(?P<numeric>(?P<a>\d{1,2})(?P<s>[/.-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2}))(?!\d)"
    r"|(?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?i:[ap]\.?\s?m\.?)(?!\w))?)"
    r"|(?P<num>\d+)(?:\s?(?i:st|nd|rd|th)(?!\w)|(?:er|ère|ero|ro|º|ª|°|ης|η|-?го|-?е)(?!\w))?"
    r"|(?P<word>[^\W\d_]+)\.?"
    r"|(?P<dash>[-‐‑‒–—―−~]+)"
    r"|(?P<punct>\S)"
)

# Token kinds.
NUM, MONTH, DATE, TIME, SEP, SKIP, YEAR_MARK, PUNCT, WORD = (
    "num", "month", "date", "time", "sep", "skip", "year_mark", "punct", "word",
)
CONTENT = frozenset({NUM, MONTH, DATE})
DATE_PUNCT = frozenset(",،.;:()")


@dataclass(frozen=True, slots=True)
class Token:
    """One piece of a date expression, with its span in the text."""

    kind: str
    start: int
    end: int
    value: int = 0               # a number, or a month 1..12
    digits: int = 0              # how many digits a number was written with
    day: date | None = None      # a full date (DATE tokens)


def expand_year(year: int, digits: int) -> int:
    """Two-digit years pivot at 70: 99 -> 1999, 18 -> 2018."""
    if digits > 2:
        return year
    return year + (1900 if year >= 70 else 2000)


def numeric_date(a: int, b: int, year: int, year_digits: int, separator: str) -> date | None:
    """Read `a<sep>b<sep>year`, or None if no such day exists.

    * `M/D/YY` (slash, two-digit year) is the CMS's own US format: month first, unless the
      first number cannot be a month (> 12).
    * Everything else (`.` or `-`, or a four-digit year) is typed by people and read day first,
      unless the middle number cannot be a month (> 12): then it is US order (`09-13-2023`).
    """
    year = expand_year(year, year_digits)
    month_first = (separator == "/" and year_digits == 2 and a <= 12) or b > 12
    month, day = (a, b) if month_first else (b, a)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def tokenize(text: str, vocabulary: Vocabulary) -> list[Token]:
    """Tokens of `text` in order; unknown words, impossible dates and stray characters are WORD tokens."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if match.group("iso") or match.group("numeric"):
            day = _iso_date(match) if match.group("iso") else _numeric_match(match)
            tokens.append(Token(DATE, start, end, day=day) if day else Token(WORD, start, end))
        elif match.group("time"):
            tokens.append(Token(TIME, start, end))
        elif (digits := match.group("num")) is not None:
            tokens.append(Token(NUM, start, end, int(digits), len(digits)))
        elif (word := match.group("word")) is not None:
            tokens.append(_word_token(fold(word), vocabulary, start, end))
        elif match.group("dash"):
            tokens.append(Token(SEP, start, end))
        else:
            tokens.append(Token(PUNCT if match.group() in DATE_PUNCT else WORD, start, end))
    return tokens


def _word_token(folded: str, vocabulary: Vocabulary, start: int, end: int) -> Token:
    """Classify one folded word."""
    if (month := vocabulary.months.get(folded)) is not None:
        return Token(MONTH, start, end, month)
    if folded in RANGE_WORDS:
        return Token(SEP, start, end)
    if folded in YEAR_MARKS:
        return Token(YEAR_MARK, start, end)
    if folded in vocabulary.fillers or folded in vocabulary.weekdays:
        return Token(SKIP, start, end)
    return Token(WORD, start, end)


def _iso_date(match: re.Match[str]) -> date | None:
    try:
        return date(int(match.group("iy")), int(match.group("im")), int(match.group("id")))
    except ValueError:
        return None


def _numeric_match(match: re.Match[str]) -> date | None:
    year = match.group("y")
    return numeric_date(int(match.group("a")), int(match.group("b")), int(year), len(year), match.group("s"))
