"""Extracted values -> the statement record: resolution, numbering, one party listed twice."""

from __future__ import annotations

from crawler.extract.signatories import ListedParty
from crawler.parties.resolver import PartyResolver
from crawler.records import build_record, extracted_from_record, resolve_entries
from crawler.timefields import signatory_first_seen


def listed(raw: str, party: str | None = None, hint: str | None = None) -> ListedParty:
    return ListedParty(raw=raw, name=raw, party=party or raw, country_hint=hint, group=None)


def test_two_names_of_one_party_are_one_entry() -> None:
    unresolved: list[str] = []
    entries, dropped = resolve_entries(
        [listed("CP of Belgium"), listed("Communist Party of Belgium"), listed("AKEL, Cyprus", "AKEL", "Cyprus")],
        PartyResolver.shared(),
        unresolved,
    )
    assert dropped == 1
    assert [(e["position"], e["raw"], e["country_code"]) for e in entries] == [(1, "CP of Belgium", "BE"), (2, "AKEL, Cyprus", "CY")]
    assert unresolved == []


def test_unresolved_names_keep_the_cleaned_name_and_are_reported() -> None:
    unresolved: list[str] = []
    entries, dropped = resolve_entries([listed("Front of Imaginary Friends"), listed("Front of Imaginary Friends")], PartyResolver.shared(), unresolved)
    assert dropped == 0   # without a party id two unknown names are not merged here (exact repeats go earlier)
    assert [e["name"] for e in entries] == ["Front of Imaginary Friends"] * 2
    assert all(e["party_id"] is None for e in entries)
    assert unresolved == ["Front of Imaginary Friends"] * 2


def test_a_stored_record_is_resolved_again_keeping_first_seen() -> None:
    stored = {
        "id": "0123456789abcdef",
        "title": "Joint statement",
        "categories": ["Greece, Communist Party of Greece"],
        "initiators": [{"name": "x", "raw": "CP of Greece", "country": None, "country_code": None, "party_id": None}],
        "signatories": [
            {"position": 1, "name": "Tudeh", "raw": "Tudeh Party of Iran", "party_id": None, "group": None, "first_seen": "2020-01-01T00:00:00+00:00"},
            {"position": 2, "name": "KKE", "raw": "KKE", "party_id": None, "group": None, "first_seen": "2021-01-01T00:00:00+00:00"},
            {"position": 3, "name": "CP of Greece", "raw": "Communist Party of Greece", "party_id": None, "group": None, "first_seen": "2022-01-01T00:00:00+00:00"},
        ],
        "duplicates_dropped": 0,
    }
    again, _unresolved = build_record("https://x/article/j/", "apollo", extracted_from_record(stored), PartyResolver.shared())
    first_seen = signatory_first_seen(again["signatories"], stored["signatories"], "2025-01-01T00:00:00+00:00")
    assert [(s["raw"], s["party_id"]) for s in again["signatories"]] == [("Tudeh Party of Iran", "tudeh-party-of-iran"), ("KKE", "kke")]
    assert first_seen == ["2020-01-01T00:00:00+00:00", "2021-01-01T00:00:00+00:00"]   # matched by the text as written
    assert again["duplicates_dropped"] == 1     # KKE and the Communist Party of Greece are one party
    assert [p["party_id"] for p in again["parties"]] == ["kke"]
    assert [p["party_id"] for p in again["initiators"]] == ["kke"]
