"""The Party Facts mapping: how candidates are proposed (on a few real snapshot rows, traps included), and the
shipped, reviewed mapping itself."""

from __future__ import annotations

import csv
from pathlib import Path

from crawler.parties.links import LINKS_PATH, REVIEW_PATH, PartyLinks, links_of, load_links
from crawler.parties.registry import Party, load_registry
from tools.partyfacts_match import fold, link_rows, load_snapshot, propose, review_rows

SNAPSHOT = Path(__file__).parent / "fixtures" / "partyfacts"   # rows copied from the snapshot (MIT, LICENSE.md beside them)


def party(party_id: str, name: str, aliases: tuple[str, ...], country_code: str) -> Party:
    return Party(party_id, name, aliases, None, country_code)


REGISTRY = [
    party("cp-of-denmark", "Communist Party of Denmark", ("Danmarks Kommunistiske Parti",), "DK"),
    party("cp-in-denmark", "Communist Party in Denmark", ("KPiD", "Kommunistisk Parti i Danmark"), "DK"),
    party("cp-of-germany", "Communist Party of Germany", ("KPD", "Kommunistische Partei Deutschlands"), "DE"),
    party("german-communist-party", "German Communist Party", ("DKP", "Deutsche Kommunistische Partei"), "DE"),
    party("cp-of-canada", "Communist Party of Canada", ("Parti communiste du Canada",), "CA"),
    party("japanese-communist-party", "Japanese Communist Party", ("JCP",), "JP"),
    party("cp-of-ecuador", "Communist Party of Ecuador", ("Partido Comunista del Ecuador",), "EC"),
    party("cp-of-bangladesh", "Communist Party of Bangladesh", (), "BD"),
    party("cp-of-ireland", "Communist Party of Ireland", (), "IE"),
    party("popular-vanguard-party", "Popular Vanguard Party", ("PVP", "Partido Vanguardia Popular"), "CR"),
    party("cp-of-denmark-ml", "Communist Party of Denmark (Marxist-Leninist)", (), "DK"),
]


def proposals() -> dict[tuple[str, str], str]:
    rows, _ = load_snapshot(SNAPSHOT)
    return {(c.party_id, c.row.partyfacts_id): c.proposed for c in propose(REGISTRY, rows)}


def test_fold_ignores_case_accents_punctuation_and_the_article() -> None:
    assert fold("The Workers' Party") == fold("workers party")
    assert fold("Parti communiste français") == "parti communiste francais"


def test_an_exact_name_in_the_same_country_active_after_1999_is_exact() -> None:
    found = proposals()
    assert found[("cp-of-denmark", "277")] == "exact"
    assert found[("cp-of-canada", "875")] == "exact"            # 'Communist Party of Canada / Labor-Progressive Party': former names split
    assert found[("cp-of-bangladesh", "8680")] == "exact"       # a party added after the core table (wikipedia.csv only)
    assert found[("popular-vanguard-party", "5093")] == "exact"  # 'Partido Vanguardia Popular // ...': ' // ' separates names too


def test_traps_are_left_for_review() -> None:
    found = proposals()
    assert found[("cp-of-germany", "1135")] == "inactive"        # the historic KPD (1919-1956)
    assert found[("cp-in-denmark", "277")] == "similar"          # Communist Party in Denmark is not the DKP
    assert found[("german-communist-party", "2125")] == "acronym"  # DKP: the German Conservative Party of 1876
    assert found[("japanese-communist-party", "736")] == "acronym"
    assert found[("cp-of-ecuador", "7487")] == "similar"         # FADI: only its Wikidata label says Communist Party of Ecuador
    assert found[("cp-of-ecuador", "6359")] == "inactive"
    assert not any(pid == "cp-of-ireland" for pid, _ in found)   # no row of that country in the fixture
    assert found[("cp-of-denmark-ml", "277")] == "similar"   # all words of one name within the other


def test_review_decisions_win_and_overrides_reach_the_mapping() -> None:
    rows, wikidata = load_snapshot(SNAPSHOT)
    previous = [
        {"party_id": "cp-of-ecuador", "partyfacts_id": "6359", "decision": "accepted", "wikidata_id": "Q1815140", "note": "same party"},
        {"party_id": "cp-of-denmark", "partyfacts_id": "277", "decision": "rejected", "wikidata_id": "", "note": "test"},
        {"party_id": "cp-of-canada", "partyfacts_id": "875", "decision": "", "wikidata_id": "-", "note": "item is another entity"},
    ]
    review = review_rows(propose(REGISTRY, rows), previous)
    links = {row["party_id"]: row for row in link_rows(review, wikidata, "fixture")}
    assert links["cp-of-ecuador"] == {"party_id": "cp-of-ecuador", "partyfacts_id": "6359", "wikidata_id": "Q1815140",
                                      "match": "reviewed", "note": "same party", "snapshot": "fixture"}
    assert "cp-of-denmark" not in links
    assert links["cp-of-canada"]["wikidata_id"] == "" and links["cp-of-canada"]["match"] == "exact"
    assert links["cp-of-bangladesh"]["wikidata_id"] == wikidata["8680"]
    assert "cp-of-germany" not in links and "cp-in-denmark" not in links   # undecided candidates are not shipped


def test_the_shipped_mapping_is_the_reviewed_one() -> None:
    registry = {p.party_id for p in load_registry()}
    with LINKS_PATH.open(encoding="utf-8", newline="") as handle:
        shipped = list(csv.DictReader(handle))
    with REVIEW_PATH.open(encoding="utf-8", newline="") as handle:
        review = {(r["party_id"], r["partyfacts_id"]): r for r in csv.DictReader(handle)}
    assert shipped and all(r["decision"] in ("exact", "accepted", "rejected") for r in review.values())
    for row in shipped:
        assert row["party_id"] in registry
        assert review[(row["party_id"], row["partyfacts_id"])]["decision"] in ("exact", "accepted")
        assert row["snapshot"] and (row["wikidata_id"] == "" or row["wikidata_id"].startswith("Q"))
    ids = [row["partyfacts_id"] for row in shipped]
    assert len(ids) == len(set(ids)), "two registry parties share one Party Facts id"
    rejected = {key for key, r in review.items() if r["decision"] == "rejected"}
    assert not rejected & {(r["party_id"], r["partyfacts_id"]) for r in shipped}


def test_links_are_looked_up_by_registry_id() -> None:
    links = load_links()
    assert links_of("kke") == PartyLinks(48, links["kke"].wikidata_id) and links["kke"].wikidata_id
    assert links_of("cp-of-britain") == PartyLinks()     # the old CPGB was rejected: no link
    assert links_of(None) == PartyLinks()
