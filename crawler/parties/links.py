"""Linked party ids: the reviewed Party Facts / Wikidata mapping shipped with the registry (`partyfacts.csv`).

Built and reviewed with `tools/partyfacts_match.py` from a named Party Facts snapshot; never matched at crawl time.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LINKS_PATH = Path(__file__).with_name("partyfacts.csv")
REVIEW_PATH = Path(__file__).with_name("partyfacts-review.csv")


@dataclass(frozen=True)
class PartyLinks:
    """A registry party's ids in other datasets (None where none is known)."""

    partyfacts_id: int | None = None
    wikidata_id: str | None = None

    def as_fields(self) -> dict[str, int | str | None]:
        return {"partyfacts_id": self.partyfacts_id, "wikidata_id": self.wikidata_id}


NO_LINKS = PartyLinks()


def load_links(path: Path = LINKS_PATH) -> dict[str, PartyLinks]:
    """party_id -> its linked ids, from the mapping CSV (columns party_id, partyfacts_id, wikidata_id, ...)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            row["party_id"]: PartyLinks(int(row["partyfacts_id"]) if row["partyfacts_id"] else None, row["wikidata_id"] or None)
            for row in csv.DictReader(handle)
        }


@cache
def _bundled() -> dict[str, PartyLinks]:
    return load_links()


def links_of(party_id: str | None) -> PartyLinks:
    """The bundled mapping's ids for a registry party (none for an unresolved or unlinked one)."""
    return _bundled().get(party_id, NO_LINKS) if party_id else NO_LINKS
