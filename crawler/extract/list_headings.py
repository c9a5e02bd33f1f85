"""Multilingual vocabulary of the headings that open (or announce) a signatory list."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

HeadingKind = Literal["list", "initiators", "undersigned"]

_MAX_HEADING_CHARS = 250

# Initiators: the names follow the phrase on the same line ('Initiated by the Hungarian Workers' Party').
_INITIATORS = (
    r"(?:initiated|proposed|convened|sponsored|presented|submitted)\s+by",
    r"(?:(?:on|at|by)\s+the\s+)?initiative\s+of(?:\s+the)?",
    r"initiators?\s*:",
    r"(?:iniciad|propuest|presentad|convocad)[oa]s?\s+por(?:\s+(?:el|la|los|las))?",
    r"(?:(?:a|por|con)\s+(?:la\s+)?)?iniciativa\s+(?:del|de\s+la|de\s+los|de\s+las|de|do|da|dos|das)",
    r"(?:(?:iniciad|propost|apresentad)[oa]s?\s+(?:pel[oa]s?|por))",
    r"(?:à|a|sur)\s+l['’]initiative\s+(?:de\s+la|de\s+l['’]|du|des|de)",
    r"(?:initi|propos|présent)ée?s?\s+par(?:\s+(?:le|la|les|l['’]))?",
    r"по\s+инициативе",
    r"инициатор(?:ы)?\s*:?",
    r"инициирован[оаы]?",
    r"предложен[оаы]?(?:\s+партиями|\s+партией)?\s*:?",
    r"بمبادرة(?:\s+من)?",
)
# List headings. Those ending in 'by' / 'por' / 'par' may carry the names on the same line.
_LIST_BY = (
    r"signed\s+by", r"(?:also\s+)?(?:supported|endorsed|subscribed|undersigned)\s+by",
    r"the\s+text\s+is\s+(?:undersigned|signed|subscribed)\s+by",
    r"(?:this|the)\s+(?:statement|declaration|resolution|appeal)\s+(?:is|was|has\s+been)\s+"
    r"(?:signed|subscribed|endorsed|undersigned)\s+by",
    r"firmad[oa]s?\s+por", r"suscrit[oa]s?\s+por", r"sign[ée]e?s?\s+par", r"assinad[oa]s?\s+por",
    r"subscrit[oa]s?\s+por", r"подписан[оаы]?",
)
_LIST = (
    r"(?:the\s+)?(?:subscribing|signatory|signing|undersigned|signatories)\s+parties\b",
    r"(?:the\s+)?parties\s*:", r"the\s+parties\s*$",
    r"signatories\b", r"signatures\b", r"signing\s+parties\b",
    r"(?:the\s+)?list\s+of\s+(?:the\s+)?(?:signator|signing|subscrib|parties)",
    r"\w+\s+parties\s+(?:signing|that\s+(?:have\s+)?signed|who\s+(?:have\s+)?signed)",
    r"parties\s+(?:signing|that\s+(?:have\s+)?signed|who\s+(?:have\s+)?signed)",
    r"the\s+following\s+parties\b",
    r"(?:lista\s+de\s+(?:los\s+)?)?partidos\s+(?:firmantes|suscriptores|signatarios|que\s+(?:firman|suscriben))",
    r"(?:firman|suscriben|adhieren)\s*:", r"firmantes\b", r"signatarios\b", r"partidos\s*:",
    r"(?:liste\s+des\s+)?partis\s+(?:signataires|souscripteurs)", r"signataires\b", r"souscripteurs\b", r"partis\s*:",
    r"ont\s+sign[ée]", r"(?:lista\s+dos\s+)?partidos\s+(?:signatários|subscritores|que\s+(?:assinam|subscrevem))",
    r"(?:assinam|subscrevem)\s*:", r"signatários\b",
    r"(?:список\s+)?(?:подписавшие|подписавших)(?:\s+(?:партии|партий))?", r"партии\s*:",
    r"партии,\s+подписавшие", r"подписали\b",
    r"الأحزاب\s+الموق[ّ]?عة", r"الموقعون",
    r"احزاب\s+امضا[\s\u200c]*کننده", r"امضا[\s\u200c]*کنندگان",
)
# 'We, the undersigned ...': a statement whose list stands at the end of the body.
_UNDERSIGNED = (
    r"(?:we|nous|nosotros|nós|мы)\s*,?\s+(?:the\s+|los\s+|les\s+|os\s+)?"
    r"(?:undersigned|soussignés|abajo\s+firmantes|abaixo[\s-]assinados|нижеподписавшиеся)",
    r"(?:the|los|les|os)\s+(?:undersigned|partidos\s+abajo\s+firmantes|partis\s+soussignés|"
    r"partidos\s+abaixo[\s-]assinados)",
)
# A second group inside one list ('Other parties').
_GROUP = re.compile(
    r"^(?:other|otros|otras|autres|outros|outras|altri|другие|non[-\s]solidnet|also)\b", re.IGNORECASE
)


def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(patterns) + r")", re.IGNORECASE)


_INITIATORS_RE = _compile(_INITIATORS)
_LIST_BY_RE = _compile(_LIST_BY)
_LIST_RE = re.compile(r"^(?:(?:the|los|las|les|os|as|el|la|le)\s+)?(?:" + "|".join(_LIST) + r")", re.IGNORECASE)
_UNDERSIGNED_RE = _compile(_UNDERSIGNED)
_LEADING_MARKS = " \t*•·-–—:>\"'“«"


@dataclass(frozen=True)
class Heading:
    """A heading line: its kind, its text, and any names that follow the phrase on the same line."""

    kind: HeadingKind
    text: str
    rest: str


def match_heading(line: str) -> Heading | None:
    """Recognise a line that opens or announces a signatory list, in en/es/fr/pt/ru/ar/fa."""
    text = line.lstrip(_LEADING_MARKS).strip()
    found = _UNDERSIGNED_RE.match(text)
    if found:
        return Heading("undersigned", found.group(), "")
    if len(text) > _MAX_HEADING_CHARS:
        return None
    patterns: tuple[tuple[HeadingKind, re.Pattern[str]], ...] = (("initiators", _INITIATORS_RE), ("list", _LIST_BY_RE))
    for kind, pattern in patterns:
        found = pattern.match(text)
        if found:
            rest = text[found.end():].strip().lstrip(":").strip()
            return Heading(kind, text.rstrip(" :"), rest)
    found = _LIST_RE.match(text)
    if found:
        after = text[found.end():]
        rest = after.split(":", 1)[1].strip() if ":" in after else ""
        if found.group().rstrip().endswith(":"):
            rest = after.strip()
        return Heading("list", text.rstrip(" :"), rest)
    return None


def names_a_group(line: str) -> bool:
    """A group heading by its first word ('Other parties', 'Otros partidos', 'Другие партии'), though
    the noun that follows makes it read like a party name."""
    return is_group_heading(line) and bool(_GROUP.match(line.lstrip(_LEADING_MARKS).strip()))


def is_group_heading(line: str) -> bool:
    """A short line that opens a further group inside a list: 'Other parties', 'Observers:'."""
    text = line.lstrip(_LEADING_MARKS).strip()
    return 0 < len(text) <= 80 and "\n" not in text and (bool(_GROUP.match(text)) or text.endswith(":"))
