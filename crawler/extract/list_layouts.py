"""Split the text of one block into list entries, whatever the layout (numbers, bullets, tabs, ...)."""

from __future__ import annotations

import re

from crawler.parties.countries import is_country_name

_MARKER = re.compile(
    r"^\s*(?:\(?\d{1,3}\s*[.)]|\d{1,3}\s+[-–]\s|[•·*●▪◦‣○■□►➢➤\-–—‐])+\s*"
)                                              # '1. ', '10.Name', '(3) ', '4 - ', '• ', '- ', '– '
_FIRST_NUMBER = re.compile(r"\s*(\d{1,3})\s*[.)]\s*")
_TABS = re.compile(r"\t+")
_ARABIC_SEPARATORS = re.compile(r"[،؛\n]")
# Column labels of old tab-separated tables ('Party\t\tWorkers' Party of Belgium\t\t...'): never an entry.
_COLUMN_LABELS = frozenset({"party", "parties", "partido", "partidos", "parti", "partis", "country", "name", "no", "nr"})


def strip_marker(item: str) -> str:
    """Remove list numbering or a bullet from the start of an entry."""
    return _MARKER.sub("", item, count=1).strip()


def _split_inline_numbers(line: str) -> list[str] | None:
    """'1. Algeria, PADS 2. Azerbaijan, CP ...' -> entries, when the numbers run on in one line."""
    first = _FIRST_NUMBER.match(line)
    if not first:
        return None
    number, cuts = int(first.group(1)), [(first.start(1), first.end())]
    while True:
        number += 1
        following = re.compile(rf"(?<!\S){number}\s*[.)]\s*").search(line, cuts[-1][1])
        if not following:
            break
        cuts.append((following.start(), following.end()))
    if len(cuts) < 2:
        return None
    ends = [start for start, _ in cuts[1:]] + [len(line)]
    return [line[end_of_marker:end] for (_, end_of_marker), end in zip(cuts, ends, strict=True)]


def _rejoin_countries(pieces: list[str]) -> list[str]:
    """A piece that is only a country belongs to the entry before it: 'آکل، قبرس' (AKEL, Cyprus) is one entry."""
    joined: list[str] = []
    for piece in pieces:
        if joined and piece.strip() and is_country_name(piece.strip()) and not is_country_name(joined[-1].strip()):
            joined[-1] = f"{joined[-1].rstrip()}، {piece.strip()}"
        else:
            joined.append(piece)
    return joined


def split_entries(text: str) -> list[str]:
    """Entries of a block's text, numbering and bullets removed, empty ones dropped.

    Tab-separated text is split on tabs and its line breaks are hard wraps inside a name (a column label
    such as 'Party' is left out); Arabic-comma text is split on '،', a country alone staying with the
    entry before it; otherwise each line is an entry, or several when the
    line carries running numbers.
    """
    if "\t" in text:
        pieces = [p for p in _TABS.split(text.replace("\n", " ")) if p.strip().rstrip(":.").casefold() not in _COLUMN_LABELS]
    elif "،" in text:
        pieces = _rejoin_countries(_ARABIC_SEPARATORS.split(text))
    else:
        pieces = []
        for line in text.split("\n"):
            pieces.extend(_split_inline_numbers(line) or [line])
    return [entry for entry in map(strip_marker, pieces) if entry]
