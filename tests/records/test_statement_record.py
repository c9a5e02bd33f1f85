"""Extracted values -> the statement record: resolution, numbering, one party listed twice."""

from __future__ import annotations

from crawler.extract.signatories import ListedParty
from crawler.parties.resolver import PartyResolver
from crawler.records import resolve_entries


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
