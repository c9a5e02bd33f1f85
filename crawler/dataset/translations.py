"""Which statement pages are the same text in different languages: one `translation_group` id per text.

A pure function over statement records (lines of statements.jsonl). Two pages are taken for translations of each
other when a careful reader would say so from what the pages show:

1. they are in different languages (language badges and title markers, `languages`; a page whose language is not
   marked is never grouped), and a group never holds two pages of one language;
2. they were adopted on the same occasion: the same dateline date range, or, when neither has a dateline, the
   same meeting and posting dates at most a week apart;
3. the same parties put their names to them: initiators and signatories (resolved ids) overlap by 80% or more
   (a translation may lack a late signature), or, for single-party pages without a list, the same category parties;
4. the texts agree where translation leaves words alone: the numbers of the body (years, figures, resolution and
   congress numbers; the dateline and signatory lines aside) mostly coincide; only when the bodies have no numbers
   do the titles decide, by sharing most of their numbers, acronyms and word stems ('Solidarity with the
   Palestinian people' / 'Solidaridad con el pueblo palestino'). Titles alone are weak evidence: the resolutions
   of one meeting share most title words ('Resolution on solidarity with ...').

A bilingual page is one record and so one group already. The group id is the id of its earliest-posted page
(then the smallest id), which stays the same as later translations join.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

PARTY_OVERLAP = 0.8        # Jaccard of the parties' ids from which two signatory sets are "the same"
NUMBER_AGREEMENT = 0.6     # Jaccard of the body numbers from which two bodies say the same
TITLE_AGREEMENT = 0.5      # share of the shorter title's tokens found in the other
POSTED_WITHIN_DAYS = 7


@dataclass(frozen=True)
class _Page:
    id: str
    order: tuple[bool, str, str]     # earliest posted first, undated last, then id
    languages: frozenset[str]
    occasion: tuple[Any, ...] | None
    posted: date | None
    parties: frozenset[str]
    numbers: frozenset[str]
    title_tokens: frozenset[str]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _posted(record: Mapping[str, Any]) -> date | None:
    value = record.get("posted_at")
    return datetime.fromisoformat(value).date() if value else None


def _occasion(record: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """What two translations share: their dateline dates, or (no dateline) their meeting."""
    dateline = record.get("dateline")
    if dateline:
        return ("dateline", dateline["date"], dateline["end_date"])
    meeting = record.get("meeting")
    if meeting:
        return ("meeting", meeting["name"].casefold(), meeting.get("number"))
    return None


def _parties(record: Mapping[str, Any]) -> frozenset[str]:
    listed = [*record.get("initiators", []), *record.get("signatories", [])]
    ids = {entry["party_id"] for entry in listed if entry.get("party_id")}
    if not listed:
        ids = {entry["party_id"] for entry in record.get("parties", []) if entry.get("party_id")}
    return frozenset(ids)


def _body_numbers(record: Mapping[str, Any]) -> frozenset[str]:
    """Numbers of the body text, leaving out the dateline and the lines of the signatory list."""
    names = [entry["raw"] for entry in [*record.get("initiators", []), *record.get("signatories", [])] if len(entry.get("raw", "")) > 2]
    dateline = (record.get("dateline") or {}).get("text")
    numbers: set[str] = set()
    for line in (record.get("body") or "").splitlines():
        if (dateline and dateline in line) or any(name in line for name in names):
            continue
        numbers.update(n.lstrip("0") or "0" for n in re.findall(r"\d+", line))
    return frozenset(numbers)


def _title_tokens(title: str) -> frozenset[str]:
    """Numbers, acronyms and five-letter word stems: what survives translating a title."""
    title = re.sub(r"\[[^\]]*\]", " ", title)   # language markers: [En., Sp.]
    tokens = set(re.findall(r"\d+", title))
    tokens.update(_fold(word) for word in re.findall(r"\b[A-Z]{2,}\b", title))
    tokens.update(_fold(word)[:5] for word in re.findall(r"[^\W\d_]{4,}", title))
    return frozenset(tokens)


def _page(record: Mapping[str, Any]) -> _Page:
    posted = record.get("posted_at") or ""
    return _Page(
        id=record["id"],
        order=(not posted, posted, record["id"]),
        languages=frozenset(record.get("languages") or ()),
        occasion=_occasion(record),
        posted=_posted(record),
        parties=_parties(record),
        numbers=_body_numbers(record),
        title_tokens=_title_tokens(record.get("title") or ""),
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def agreement(a: _Page, b: _Page) -> float:
    """How well two pages fit as translations of each other: 0 when they cannot be, else a score above 0."""
    if not a.languages or not b.languages or a.languages & b.languages:
        return 0.0
    if a.occasion is None or a.occasion != b.occasion:
        return 0.0
    if a.occasion[0] == "meeting" and (a.posted is None or b.posted is None or abs((a.posted - b.posted).days) > POSTED_WITHIN_DAYS):
        return 0.0
    if not a.parties or _jaccard(a.parties, b.parties) < PARTY_OVERLAP:
        return 0.0
    shorter = min(len(a.title_tokens), len(b.title_tokens))
    title = len(a.title_tokens & b.title_tokens) / shorter if shorter else 0.0
    if len(a.numbers | b.numbers) >= 2:   # the bodies' numbers decide: resolutions of one meeting share title words
        numbers = _jaccard(a.numbers, b.numbers)
        return numbers + title if numbers >= NUMBER_AGREEMENT else 0.0
    return title if title >= TITLE_AGREEMENT else 0.0


def translation_groups(records: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """statement id -> translation_group id, for every record (a page with no translation is a group of its own)."""
    pages = [_page(record) for record in records]
    by_occasion: dict[tuple[Any, ...], list[_Page]] = {}
    for page in pages:
        if page.occasion is not None and page.languages:
            by_occasion.setdefault(page.occasion, []).append(page)
    pairs: list[tuple[float, _Page, _Page]] = []
    for group in by_occasion.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                score = agreement(a, b)
                if score > 0:
                    pairs.append((score, a, b))
    members = {page.id: [page] for page in pages}
    for _score, a, b in sorted(pairs, key=lambda p: (-p[0], p[1].id, p[2].id)):
        first, second = members[a.id], members[b.id]
        if first is second or _languages(first) & _languages(second):
            continue
        first.extend(second)
        for page in second:
            members[page.id] = first
    return {page.id: min(members[page.id], key=lambda p: p.order).id for page in pages}


def _languages(group: Sequence[_Page]) -> frozenset[str]:
    return frozenset().union(*(page.languages for page in group))
