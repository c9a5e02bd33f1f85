"""The co-signature network: parties as nodes, an edge between two parties that signed the same text.

`texts` and `cosignature_pairs` are plain functions over statement records (lines of statements.jsonl), for any
reader that wants the counts (the static report uses them too); `write_network` writes GraphML and GEXF.
A text is a translation group (the same statement in several languages counts once); statements gone from the
site (`removed_at`) do not count, as in parties.jsonl; initiators and signatories both count as signing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from ..files import publish_file
from ..parties.tally import statement_date
from .translations import translation_groups


@dataclass(frozen=True)
class Text:
    """One statement text: its translation group, year (earliest of its pages) and the resolved parties that signed it."""

    group: str
    year: int | None
    parties: frozenset[str]


@dataclass(frozen=True)
class Pair:
    """Two parties (a < b by id) and the texts they signed together."""

    a: str
    b: str
    weight: int
    first_year: int | None
    last_year: int | None


def statement_year(record: Mapping[str, Any]) -> int | None:
    """The year of a statement: of its dateline date, else of its posting date."""
    when = statement_date(record)
    return when.year if when else None


def texts(statements: Iterable[Mapping[str, Any]], groups: Mapping[str, str] | None = None) -> list[Text]:
    """The texts of the statements still on the site, each translation group merged into one (sorted by group id)."""
    live = [s for s in statements if s.get("removed_at") is None]
    groups = groups if groups is not None else translation_groups(live)
    merged: dict[str, tuple[list[int], set[str]]] = {}
    for record in live:
        years, parties = merged.setdefault(groups.get(record["id"], record["id"]), ([], set()))
        year = statement_year(record)
        if year is not None:
            years.append(year)
        parties.update(e["party_id"] for e in [*record.get("initiators", []), *record.get("signatories", [])] if e.get("party_id"))
    return [Text(group, min(years) if years else None, frozenset(parties)) for group, (years, parties) in sorted(merged.items())]


def texts_signed(all_texts: Iterable[Text]) -> Counter[str]:
    """party_id -> how many texts it signed."""
    return Counter(party for text in all_texts for party in text.parties)


def cosignature_pairs(statements: Iterable[Mapping[str, Any]], groups: Mapping[str, str] | None = None) -> list[Pair]:
    """Every pair of parties that signed a text together, with the number of texts and the first and last year."""
    return pairs_of(texts(statements, groups))


def pairs_of(all_texts: Iterable[Text]) -> list[Pair]:
    weights: Counter[tuple[str, str]] = Counter()
    years: dict[tuple[str, str], list[int]] = {}
    for text in all_texts:
        for pair in combinations(sorted(text.parties), 2):
            weights[pair] += 1
            if text.year is not None:
                years.setdefault(pair, []).append(text.year)
    return [
        Pair(a, b, weights[(a, b)], min(years[(a, b)]) if (a, b) in years else None, max(years[(a, b)]) if (a, b) in years else None)
        for a, b in sorted(weights)
    ]


def graph(parties: Sequence[Mapping[str, Any]], all_texts: Sequence[Text]) -> nx.Graph:
    """The network: one node per party of parties.jsonl (and any other party that signed), one weighted edge per pair."""
    network = nx.Graph(name="Co-signatures of SolidNet statements")
    signed = texts_signed(all_texts)
    for party in parties:
        attributes = {
            "label": party["name"], "country": party.get("country"), "country_code": party.get("country_code"),
            "statements_signed": signed.get(party["party_id"], 0),
            "partyfacts_id": party.get("partyfacts_id"), "wikidata_id": party.get("wikidata_id"),
        }
        network.add_node(party["party_id"], **{k: v for k, v in attributes.items() if v is not None})   # GraphML has no null
    for party_id in signed:
        if party_id not in network:
            network.add_node(party_id, label=party_id, statements_signed=signed[party_id])
    for pair in pairs_of(all_texts):
        attributes = {"weight": pair.weight, "first_year": pair.first_year, "last_year": pair.last_year}
        network.add_edge(pair.a, pair.b, **{k: v for k, v in attributes.items() if v is not None})
    return network


def write_network(exports_dir: Path, parties: Sequence[Mapping[str, Any]], all_texts: Sequence[Text]) -> list[Path]:
    """exports/cosignatures.graphml and exports/cosignatures.gexf, each written atomically."""
    network = graph(parties, all_texts)
    written = []
    for suffix, write in (("graphml", nx.write_graphml), ("gexf", nx.write_gexf)):
        with publish_file(exports_dir / f"cosignatures.{suffix}") as tmp:
            write(network, str(tmp))
            written.append(exports_dir / f"cosignatures.{suffix}")
    return written
