"""Propose Party Facts links for the party registry, keep the reviewers' decisions, write the shipped mapping.

    .venv/bin/python tools/partyfacts_match.py [--snapshot ../shared/partyfacts] [--snapshot-name NAME]

Reads a Party Facts snapshot (`core-parties.csv`, `wikipedia.csv` for parties added after the core
table, `wikidata.csv` for the Wikidata ids) and `crawler/parties/registry.csv`, and proposes, per
registry party, the Party Facts rows of the same country whose names come close:

* `exact`: a full name of the registry party (canonical name or a long alias) equals a full name of
  the row, after folding case, accents and punctuation; the row is active after 1999; and it is the
  only such row for that party. Taken without review.
* `inactive`, `acronym`, `similar`, `ambiguous`: everything else (an exact name on a party that
  ended before 2000, a short form alone, a near name or one name within the other, the linked
  Wikidata item's label, or several exact rows). Each waits for a
  reviewer's `accepted` or `rejected` in `crawler/parties/partyfacts-review.csv`; undecided ones
  are not shipped.

The review file keeps every candidate with its decision and note (re-running keeps the decisions);
`crawler/parties/partyfacts.csv` gets the exact and accepted links, with the snapshot they came from.
Nothing here runs at crawl time: the crawler only reads the reviewed mapping.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycountry
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.parties.links import LINKS_PATH, REVIEW_PATH  # noqa: E402  (after the path fix above)
from crawler.parties.registry import Party, load_registry  # noqa: E402

DEFAULT_SNAPSHOT = ROOT.parent.parent / "shared" / "partyfacts"
SNAPSHOT_NAME = "hdigital/partyfactsdata@764de8978f84 (2026-03-11)"
ACTIVE_AFTER = 1999
SIMILAR = 88          # rapidfuzz token_sort_ratio from which a near name becomes a candidate
REVIEW_FIELDS = ("party_id", "partyfacts_id", "pf_country", "pf_name", "pf_years", "proposed", "decision", "wikidata_id", "note")
REVIEWED = ("accepted", "rejected")   # a reviewer's decisions; they win over the proposal, even over an exact one
LINK_FIELDS = ("party_id", "partyfacts_id", "wikidata_id", "match", "note", "snapshot")
_HISTORIC_CODES = {"DDR": "DE", "NIR": "GB", "XKX": "XK"}   # Party Facts codes that pycountry does not know


@dataclass(frozen=True)
class PartyFactsRow:
    """One Party Facts party: its id, country (alpha-2), names and years."""

    partyfacts_id: str
    country_code: str | None
    full_names: tuple[str, ...]   # its own names: native, English, other names
    short_names: tuple[str, ...]
    linked_names: tuple[str, ...]  # the labels of the Wikidata item it links to (evidence, never an exact match)
    year_first: int | None
    year_last: int | None

    @property
    def active_after(self) -> bool:
        return self.year_last is None or self.year_last > ACTIVE_AFTER

    @property
    def years(self) -> str:
        return f"{self.year_first or '?'}-{self.year_last or ''}"


@dataclass(frozen=True)
class Candidate:
    party_id: str
    row: PartyFactsRow
    proposed: str   # exact, inactive, acronym, similar, ambiguous


def fold(name: str) -> str:
    """A name for comparison: no accents, case, punctuation or leading article."""
    text = unicodedata.normalize("NFKD", name.replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def _alpha2(code: str) -> str | None:
    if code in _HISTORIC_CODES:
        return _HISTORIC_CODES[code]
    country = pycountry.countries.get(alpha_3=code)
    return country.alpha_2 if country is not None else None


def _year(value: str) -> int | None:
    match = re.match(r"\d{4}", value or "")
    return int(match.group()) if match else None


def _other_names(value: str) -> list[str]:
    """A name field may hold several names, ' / '-separated (former names), some prefixed with their language ('Greek: ...')."""
    return [re.sub(r"^[A-Z][a-z]+: ", "", part).strip() for part in re.split(r"\s+/+\s+|; ", value or "") if part.strip()]


def load_snapshot(folder: Path) -> tuple[list[PartyFactsRow], dict[str, str]]:
    """The non-technical Party Facts parties (core table, then the newer rows of wikipedia.csv) and id -> Wikidata id."""
    rows: dict[str, PartyFactsRow] = {}
    wikidata_names: dict[str, list[str]] = {}
    wikidata: dict[str, str] = {}
    with (folder / "wikidata.csv").open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            wikidata[line["partyfacts_id"]] = line["wikidata_id"]
            wikidata_names[line["partyfacts_id"]] = [line["name"], line["name_native"]]
    with (folder / "core-parties.csv").open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            if line["technical"]:
                continue
            names = [*_other_names(line["name"]), *_other_names(line["name_english"]), *_other_names(line["name_other"])]
            rows[line["partyfacts_id"]] = PartyFactsRow(
                line["partyfacts_id"], _alpha2(line["country"]), tuple(n for n in names if n),
                tuple(n for n in line["name_short"].split("/") if n.strip()),
                tuple(n for n in wikidata_names.get(line["partyfacts_id"], []) if n), _year(line["year_first"]), _year(line["year_last"]),
            )
    with (folder / "wikipedia.csv").open(encoding="utf-8", newline="") as handle:
        for line in csv.DictReader(handle):
            if line["partyfacts_id"] in rows:
                continue
            names = [line["name"], line["name_native"]]
            rows[line["partyfacts_id"]] = PartyFactsRow(
                line["partyfacts_id"], _alpha2(line["country"]), tuple(n for n in names if n),
                tuple(n for n in [line["name_short"]] if n),
                tuple(n for n in wikidata_names.get(line["partyfacts_id"], []) if n), _year(line["year_founded"]), _year(line["year_dissolved"]),
            )
    return list(rows.values()), wikidata


def _is_short(name: str) -> bool:
    """A short form (acronym), not a full name: one word of capitals, digits and marks ('KKE', 'CPI(M)', 'PCdoB')."""
    return " " not in name.strip() and sum(ch.isupper() for ch in name) >= 2


def _near(a: str, b: str) -> bool:
    """Near names: nearly the same words, or all words of one (three at least) within the other."""
    if fuzz.token_sort_ratio(a, b) >= SIMILAR:
        return True
    words_a, words_b = set(a.split()), set(b.split())
    return min(len(words_a), len(words_b)) >= 3 and (words_a <= words_b or words_b <= words_a)


def propose(registry: Iterable[Party], rows: Sequence[PartyFactsRow]) -> list[Candidate]:
    """Every candidate row per registry party (same country only), with how it was proposed."""
    by_country: dict[str, list[PartyFactsRow]] = {}
    for row in rows:
        if row.country_code:
            by_country.setdefault(row.country_code, []).append(row)
    candidates: list[Candidate] = []
    for party in registry:
        full = {fold(n) for n in party.names if not _is_short(n)}
        short = {fold(n) for n in party.names if _is_short(n)}
        found: list[Candidate] = []
        for row in by_country.get(party.country_code or "", []):
            row_full = {fold(n) for n in row.full_names}
            if full & row_full:
                found.append(Candidate(party.party_id, row, "exact" if row.active_after else "inactive"))
            elif short & {fold(n) for n in row.short_names}:
                found.append(Candidate(party.party_id, row, "acronym"))
            elif full & {fold(n) for n in row.linked_names} or any(_near(a, b) for a in full for b in row_full):
                found.append(Candidate(party.party_id, row, "similar"))
        if sum(c.proposed == "exact" for c in found) > 1:
            found = [Candidate(c.party_id, c.row, "ambiguous") if c.proposed == "exact" else c for c in found]
        candidates.extend(found)
    return candidates


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, fields: Sequence[str], rows: Iterable[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def review_rows(candidates: Sequence[Candidate], previous: Sequence[dict[str, str]]) -> list[dict[str, str]]:
    """The review file's rows: every candidate, with the earlier decision and note where there was one."""
    decided = {(r["party_id"], r["partyfacts_id"]): r for r in previous}
    rows = []
    for candidate in candidates:
        old = decided.get((candidate.party_id, candidate.row.partyfacts_id), {})
        rows.append({
            "party_id": candidate.party_id,
            "partyfacts_id": candidate.row.partyfacts_id,
            "pf_country": candidate.row.country_code or "",
            "pf_name": " / ".join(dict.fromkeys(candidate.row.full_names[:3])),
            "pf_years": candidate.row.years,
            "proposed": candidate.proposed,
            "decision": old["decision"] if old.get("decision") in REVIEWED else ("exact" if candidate.proposed == "exact" else ""),
            "wikidata_id": old.get("wikidata_id", ""),
            "note": old.get("note", ""),
        })
    return rows


def link_rows(review: Sequence[dict[str, str]], wikidata: dict[str, str], snapshot: str) -> list[dict[str, str]]:
    """The shipped mapping: exact and accepted candidates; a party with two accepted rows is an error.

    A reviewer's `wikidata_id` replaces the snapshot's link: `-` for none (the linked item is another entity),
    or an id the snapshot gives for the same party elsewhere."""
    links: dict[str, dict[str, str]] = {}
    for row in review:
        if row["decision"] not in ("exact", "accepted"):
            continue
        if row["party_id"] in links:
            raise SystemExit(f"{row['party_id']}: more than one Party Facts row accepted; reject all but one")
        links[row["party_id"]] = {
            "party_id": row["party_id"],
            "partyfacts_id": row["partyfacts_id"],
            "wikidata_id": _wikidata(row, wikidata),
            "match": "exact" if row["decision"] == "exact" else "reviewed",
            "note": row["note"],
            "snapshot": snapshot,
        }
    return [links[key] for key in sorted(links)]


def _wikidata(row: dict[str, str], wikidata: dict[str, str]) -> str:
    chosen = row.get("wikidata_id", "")
    if chosen == "-":
        return ""
    return chosen or wikidata.get(row["partyfacts_id"], "")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--snapshot", type=Path, default=DEFAULT_SNAPSHOT, help="folder with core-parties.csv, wikipedia.csv, wikidata.csv")
    parser.add_argument("--snapshot-name", default=SNAPSHOT_NAME, help="where the snapshot came from (stored with every link)")
    parser.add_argument("--registry", type=Path, default=None)
    args = parser.parse_args(argv)
    registry = load_registry(args.registry) if args.registry else load_registry()
    rows, wikidata = load_snapshot(args.snapshot)
    review = review_rows(propose(registry, rows), _read(REVIEW_PATH))
    _write(REVIEW_PATH, REVIEW_FIELDS, review)
    links = link_rows(review, wikidata, args.snapshot_name)
    _write(LINKS_PATH, LINK_FIELDS, links)
    undecided = [r for r in review if not r["decision"]]
    print(f"{len(registry)} registry parties, {len(review)} candidates: "
          f"{sum(r['decision'] == 'exact' for r in review)} exact, {sum(r['decision'] == 'accepted' for r in review)} accepted, "
          f"{sum(r['decision'] == 'rejected' for r in review)} rejected, {len(undecided)} undecided")
    print(f"{len(links)} parties linked ({sum(bool(r['wikidata_id']) for r in links)} with a Wikidata id) -> {LINKS_PATH.relative_to(ROOT)}")
    for row in undecided:
        print(f"  to review: {row['party_id']} ~ {row['partyfacts_id']} {row['pf_name']} ({row['pf_years']}, {row['proposed']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
