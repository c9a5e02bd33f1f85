"""Split the text of one block into list entries, whatever the layout (numbers, bullets, tabs, ...)."""

from __future__ import annotations

import re

_MARKER = re.compile(
    r"^\s*(?:\(?\d{1,3}\s*[.)]|\d{1,3}\s+[-–]\s|[•·*●▪◦‣○■□►➢➤\-–—‐])+\s*"
)                                              # '1. ', '10.Name', '(3) ', '4 - ', '• ', '- ', '– '
_FIRST_NUMBER = re.compile(r"\s*(\d{1,3})\s*[.)]\s*")
_TABS = re.compile(r"\t+")
_ARABIC_SEPARATORS = re.compile(r"[،؛\n]")


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


def split_entries(text: str) -> list[str]:
    """Entries of a block's text, numbering and bullets removed, empty ones dropped.

    Tab-separated text is split on tabs and its line breaks are hard wraps inside a name;
    Arabic-comma text is split on '،'; otherwise each line is an entry, or several when the
    line carries running numbers.
    """
    if "\t" in text:
        pieces = _TABS.split(text.replace("\n", " "))
    elif "،" in text:
        pieces = _ARABIC_SEPARATORS.split(text)
    else:
        pieces = []
        for line in text.split("\n"):
            pieces.extend(_split_inline_numbers(line) or [line])
    return [entry for entry in map(strip_marker, pieces) if entry]
