"""registry.csv integrity: ids, ISO codes, country names, alias uniqueness, size."""

from __future__ import annotations

import re
from collections import defaultdict

import pycountry

from crawler.parties.countries import country_name
from crawler.parties.names import name_key
from crawler.parties.registry import load_registry

PARTIES = load_registry()


def test_registry_has_at_least_120_parties() -> None:
    assert len(PARTIES) >= 120


def test_party_ids_are_unique_slugs() -> None:
    ids = [party.party_id for party in PARTIES]
    assert len(ids) == len(set(ids))
    assert [pid for pid in ids if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", pid)] == []


def test_country_codes_are_iso_and_names_match() -> None:
    for party in PARTIES:
        if party.country_code is None:
            assert party.country is None, party.party_id
            continue
        assert pycountry.countries.get(alpha_2=party.country_code) is not None, party.party_id
        assert party.country == country_name(party.country_code), party.party_id


def test_only_soviet_union_parties_lack_a_country() -> None:
    assert sorted(party.party_id for party in PARTIES if party.country_code is None) == ["cpsu", "ucp-cpsu"]


def test_no_name_or_alias_shared_by_two_parties() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for party in PARTIES:
        for alias in party.names:
            owners[name_key(alias)].add(party.party_id)
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


def test_names_and_aliases_are_trimmed_and_non_empty() -> None:
    for party in PARTIES:
        for alias in party.names:
            assert alias and alias == alias.strip() and "  " not in alias, party.party_id
