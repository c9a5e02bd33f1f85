"""The signatory (and initiator) list of a statement, read from its body blocks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from crawler.extract.list_headings import Heading, is_group_heading, match_heading, names_a_group
from crawler.extract.list_layouts import split_entries
from crawler.extract.names import clean_raw, looks_party_like, repair_name
from crawler.extract.text import Block
from crawler.parties.countries import split_country

_MAX_ENTRY_WORDS = 20
_MAX_ENTRY_CHARS = 200
_MIN_SENTENCE_WORDS = 6
_LISTED_CACHE = 8192          # distinct list entries whose reading is remembered
_MAX_SKIPPED_TAIL = 3          # short non-party lines (dateline, 'open for subscriptions') after a list
_NAME_SEPARATORS = re.compile(r"(\s*[,،]\s*|\s+(?:and|y|et|e|и|&)\s+)")
_DASH_ENTRY = re.compile(r"^\s*[-–—‐]\s*\S")
_LEADING_ARTICLE = re.compile(
    r"^(?:[Tt]he|el|la|los|las|le|les|o|a|os|as|du|des|del|do|da|dos|das|de\s+la|de\s+los|de)\s+|^(?:de\s+)?l['’]"
)


@dataclass(frozen=True)
class ListedParty:
    """One entry of a signatory list."""

    raw: str                  # as written, without numbering or bullets, outer white space stripped
    name: str                 # cleaned: white space collapsed, look-alike letters and U+FFFD repaired
    party: str                # the party part of name ('AKEL' for 'AKEL, Cyprus')
    country_hint: str | None  # the country part where the layout gives one ('Cyprus')
    group: str | None         # the heading of the group the entry sits in, when a list has several groups


@dataclass(frozen=True)
class PartyList:
    """Initiators and signatories of one statement."""

    initiators: list[str]       # from 'Initiated by ...', 'Proposed by A, B and C'
    entries: list[ListedParty]  # in page order, exact duplicates (after cleaning) dropped
    duplicates_dropped: int
    heading: str | None


_Item = tuple[str, str | None]   # (entry as written, group heading)


def split_names(text: str) -> list[str]:
    """'the CP of Greece, AKEL, Cyprus and the PCP' -> names; pieces that are no party rejoin their neighbour."""
    parts = _NAME_SEPARATORS.split(text.strip())
    names: list[str] = []
    for index in range(0, len(parts), 2):
        piece = parts[index].strip()
        if names and piece and not looks_party_like(_LEADING_ARTICLE.sub("", piece)):
            names[-1] += parts[index - 1] + piece
        elif piece:
            names.append(piece)
    return [clean_raw(_LEADING_ARTICLE.sub("", name)).rstrip(";,.: ") for name in names]


def _first_line(block: Block) -> str:
    return block.text.split("\n", 1)[0]


def _is_entry_shaped(entry: str) -> bool:
    """Short, and not a sentence of prose."""
    words = len(entry.split())
    sentence = words >= _MIN_SENTENCE_WORDS and entry.endswith(".") and not looks_party_like(entry)
    return len(entry) <= _MAX_ENTRY_CHARS and words <= _MAX_ENTRY_WORDS and not sentence


def _block_entries(text: str) -> list[str] | None:
    """The entries of a block when it reads as part of a list, else None."""
    entries = split_entries(text)
    return entries if entries and all(map(_is_entry_shaped, entries)) else None


def _heading_entries(heading: Heading, block: Block) -> list[str]:
    """Entries written in the heading's own block: names after a list heading's colon, lines below it."""
    entries: list[str] = []
    if heading.kind == "list" and heading.rest:
        entries = split_entries(heading.rest)
        if len(entries) < 2:
            entries = split_names(heading.rest)
        if sum(map(looks_party_like, entries)) * 2 <= len(entries):
            entries = []                                   # 'The text is undersigned by the parties listed below.'
    below = block.text.split("\n", 1)[1] if "\n" in block.text else ""
    return entries + (_block_entries(below) or [])


def _trim_to_party_list(items: list[_Item]) -> list[_Item]:
    """Drop trailing non-party lines; keep the list only when most entries look like parties."""
    while items and not looks_party_like(items[-1][0]):
        items.pop()
    party_like = sum(looks_party_like(entry) for entry, _ in items)
    return items if items and party_like * 2 >= len(items) else []


def _collect_after(blocks: Sequence[Block], start: int, first: list[str]) -> list[_Item]:
    """The list that follows a heading: list-shaped blocks up to prose or the next heading."""
    items: list[_Item] = [(entry, None) for entry in first]
    group: str | None = None
    for block in blocks[start + 1:]:
        if match_heading(_first_line(block)):
            break
        if items and is_group_heading(block.text) and (names_a_group(block.text) or not looks_party_like(block.text)):
            group = block.text.strip().rstrip(":").strip()
            continue
        entries = _block_entries(block.text)
        if entries is None:
            break
        items.extend((entry, group) for entry in entries)
    return _trim_to_party_list(items)


def _is_dash_line(block: Block) -> bool:
    """A one-line list entry written with a dash: '- Communist Party of Greece'."""
    return "\n" not in block.text.strip() and bool(_DASH_ENTRY.match(block.text))


def _collect_trailing(blocks: Sequence[Block]) -> list[_Item]:
    """A list of party-like names closing the body, with no heading of its own (one name is enough when
    it is written as a dash list: '- Communist Party of Greece')."""
    items: list[_Item] = []
    skipped = 0
    for block in reversed(blocks):
        entries = _block_entries(block.text)
        if entries and sum(map(looks_party_like, entries)) * 2 > len(entries):
            items[:0] = [(entry, None) for entry in entries]
        elif not items and entries and skipped < _MAX_SKIPPED_TAIL:
            skipped += 1
        else:
            break
    single_dash = len(items) == 1 and _is_dash_line(blocks[-1 - skipped])
    return items if len(items) >= 2 or single_dash else []


@lru_cache(maxsize=_LISTED_CACHE)
def listed_party(entry: str, group: str | None = None) -> ListedParty:
    """One entry of a list as written -> its raw form, cleaned name, party part and country hint.
    Cached: the same parties sign statement after statement, and every carried-over record is read again."""
    name = repair_name(entry)
    party, country = split_country(name)
    return ListedParty(clean_raw(entry), name, party, country, group)


def _party_list(initiators: list[str], items: list[_Item], heading: str | None) -> PartyList:
    grouped = len({group for _, group in items}) > 1
    entries: list[ListedParty] = []
    seen: set[str] = set()
    duplicates = 0
    for entry, group in items:
        listed = listed_party(entry, (group or heading) if grouped else None)
        key = listed.name.casefold()
        if key in seen:
            duplicates += 1
        elif listed.name:
            seen.add(key)
            entries.append(listed)
    return PartyList(initiators, entries, duplicates, heading)


def extract_party_list(blocks: Sequence[Block]) -> PartyList:
    """Initiators and signatories of a statement body, in every layout and heading language of the site."""
    initiators: list[str] = []
    first_heading: str | None = None
    for index, block in enumerate(blocks):
        heading = match_heading(_first_line(block))
        if heading is None:
            continue
        first_heading = first_heading or heading.text
        if heading.kind == "initiators":
            initiators.extend(n for n in split_names(heading.rest) if n not in initiators)
        items = _collect_after(blocks, index, _heading_entries(heading, block))
        if items:
            return _party_list(initiators, items, heading.text)
    return _party_list(initiators, _collect_trailing(blocks), first_heading)
