"""PartyResolver: variants, near misses, typos, look-alike letters, hints, the seed page, unresolved names."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.parties.names import clean_name
from crawler.parties.resolver import PartyResolver, Resolved
from tests.seed import SEED_PAGE

# (name as written, country hint, expected party_id or None)
VARIANTS: list[tuple[str, str | None, str | None]] = [
    # canonical names and short forms
    ("Communist Party of Greece", None, "kke"),
    ("KKE", None, "kke"),
    ("kke", None, "kke"),
    ("Κομμουνιστικό Κόμμα Ελλάδας", None, "kke"),
    ("CP of Greece", None, "kke"),
    ("C.P. of Greece", None, "kke"),
    ("K.K.E.", None, "kke"),
    ("CP of Albania", None, "cp-of-albania"),
    ("WP of Bangladesh", None, "workers-party-of-bangladesh"),
    ("NCP of Britain", None, "new-cp-of-britain"),
    ("AKEL", None, "akel"),
    ("PCP", None, "portuguese-communist-party"),
    ("Partido Comunista Português", None, "portuguese-communist-party"),
    ("TKP", None, "tkp"),
    ("Türkiye Komünist Partisi", None, "tkp"),
    ("CPRF", None, "cprf"),
    ("KPRF", None, "cprf"),
    ("Коммунистическая партия Российской Федерации", None, "cprf"),
    ("Communist Party of the Russian Federation (KPRF)", None, "cprf"),
    ("CPUSA", None, "cpusa"),
    ("Communist Party of the USA", None, "cpusa"),
    ("Communist Party, USA", None, "cpusa"),
    ("Partido Comunista de España", None, "cp-of-spain"),
    ("Parti communiste français", None, "french-communist-party"),
    ("PCF", None, "french-communist-party"),
    ("CPI(M)", None, "cp-of-india-marxist"),
    ("PCdoB", None, "cp-of-brazil"),
    ("SACP", None, "sacp"),
    ("South African CP", None, "sacp"),
    ("PADS", None, "algerian-party-for-democracy-and-socialism"),
    # apostrophes, articles, case, white space
    ("The Worker's Party of Ireland", None, "workers-party-of-ireland"),
    ("Workers Party of Ireland", None, "workers-party-of-ireland"),
    ("Hungarian Workers’ Party", None, "hungarian-workers-party"),
    ("  HUNGARIAN   workers' party ", None, "hungarian-workers-party"),
    ("Communist Party of Soviet Union", None, "cpsu"),
    ("New Communist Party of Netherlands", None, "new-cp-of-the-netherlands"),
    # near misses: both names exist, each resolves to itself
    ("Communist Party of India", None, "cp-of-india"),
    ("Communist Party of India (Marxist)", None, "cp-of-india-marxist"),
    ("Communist Party of Spain", None, "cp-of-spain"),
    ("Communist Party of the Peoples of Spain", None, "cp-of-the-peoples-of-spain"),
    ("Communist Party of Britain", None, "cp-of-britain"),
    ("New Communist Party of Britain", None, "new-cp-of-britain"),
    ("Communist Party in Denmark", None, "cp-in-denmark"),
    ("Communist Party of Denmark", None, "cp-of-denmark"),
    ("Brazilian Communist Party", None, "brazilian-communist-party"),
    ("Communist Party of Brazil", None, "cp-of-brazil"),
    ("Communist Party of Austria", None, "cp-of-austria"),
    ("Party of Labour of Austria", None, "party-of-labour-of-austria"),
    # near misses that must not match anything
    ("Communist Party of India (Maoist)", None, None),
    ("Communist Party of Spain (Marxist-Leninist)", None, None),
    ("Communist Party of Iran", None, None),
    ("Revolutionary Communist Party of Britain", None, None),
    ("Communist Party of Greece (Marxist-Leninist)", None, None),
    ("Communist Party", None, None),
    ("Partido Comunista", None, None),   # generic Spanish, one letter from the Italian party's own name
    # typos
    ("Communist Party of Tukey", None, "tkp"),
    ("Algierian Party for Democracy and Socialism", None, "algerian-party-for-democracy-and-socialism"),
    ("Communist Party of Swazalind", None, "cp-of-swaziland"),
    ("Comunist Party of Greece", None, "kke"),
    ("Portugese Communist Party", None, "portuguese-communist-party"),
    ("Communist Party in Danmark", None, "cp-in-denmark"),
    # look-alike letters and replacement characters
    ("Communist Party of Gr\u0435ece", None, "kke"),             # Cyrillic е
    ("\u0421ommunist Party of Cuba", None, "cp-of-cuba"),        # Cyrillic С
    ("Communist Party of \u0399ndia", None, "cp-of-india"),      # Greek Ι
    ("\u0410\u041aEL", None, "akel"),                            # Cyrillic А, К
    ("Hungarian Workers\ufffd Party", None, "hungarian-workers-party"),
    ("Portugu\ufffdse Communist Party", None, "portuguese-communist-party"),
    # country in the name or in the hint
    ("AKEL, Cyprus", None, "akel"),
    ("AKEL", "Cyprus", "akel"),
    ("PADS, Algeria", None, "algerian-party-for-democracy-and-socialism"),
    ("Hungary, Hungarian Workers' Party", None, "hungarian-workers-party"),
    ("Hungary - Hungarian Workers' Party", None, "hungarian-workers-party"),
    ("Communist Party (Italy)", None, "communist-party-italy"),
    ("Communist Party", "Italy", "communist-party-italy"),
    ("Communist Party, Italy", None, "communist-party-italy"),
    ("Communist Party", "Denmark", "cp-of-denmark"),
    ("Socialist Party, Lithuania", None, "socialist-party-of-lithuania"),
    ("Workers' Party (Ireland)", None, "workers-party-of-ireland"),
    ("Hungarain Workers Party", "Hungary", "hungarian-workers-party"),
]


@pytest.fixture(scope="module")
def resolver() -> PartyResolver:
    return PartyResolver.shared()


@pytest.mark.parametrize(("name", "hint", "expected"), VARIANTS)
def test_variant_resolves_to_party(
    resolver: PartyResolver, name: str, hint: str | None, expected: str | None
) -> None:
    assert resolver.resolve(name, hint).party_id == expected


def test_table_is_large_enough() -> None:
    assert len(VARIANTS) >= 60


def test_resolved_carries_registry_name_and_country(resolver: PartyResolver) -> None:
    assert resolver.resolve("CP of Turkey") == Resolved("Communist Party of Turkey", "tkp", "Türkiye", "TR")
    assert resolver.resolve("UCP-CPSU") == Resolved(
        "Union of Communist Parties - Communist Party of the Soviet Union", "ucp-cpsu", None, None
    )


@pytest.mark.parametrize(
    ("name", "hint", "expected"),
    [
        ("Foo Party", "Chile", Resolved("Foo Party", None, "Chile", "CL")),
        ("  Communist Party of Iran ", None, Resolved("Communist Party of Iran", None, "Iran", "IR")),
        (
            "Revolutionary Workers\ufffd Party, Peru",
            None,
            Resolved("Revolutionary Workers' Party, Peru", None, "Peru", "PE"),
        ),
        ("Bolivarian Cl\u0430ss Party", None, Resolved("Bolivarian Class Party", None, None, None)),
        ("Galician People's Union", None, Resolved("Galician People's Union", None, None, None)),
    ],
)
def test_unresolved_keeps_cleaned_name_and_country(
    resolver: PartyResolver, name: str, hint: str | None, expected: Resolved
) -> None:
    assert resolver.resolve(name, hint) == expected


def _seed_entries() -> list[str]:
    text = SEED_PAGE.read_text(encoding="utf-8")
    return re.findall(r"^\s+\d+\.\s+(.+?)\s*$", text, flags=re.MULTILINE)


# Expected country code of each seed entry, read off the entry itself ('' = a party of no country).
SEED_COUNTRIES = ["DZ", "AR", "AU", "AT", "AZ", "BD", "BY", "BE", "BR", "GB", "GB", "BG", "BG", "CA", "HR", "CU", "CY", "CZ", "DK", "DK", "EC", "EE", "MK", "DE", "GE", "HU", "IN", "IE", "IL", "IT", "KZ", "KP", "KG", "LV", "LB", "LT", "LU", "MT", "MX", "NL", "NO", "PK", "PS", "PS", "PY", "PT", "RO", "-", "RU", "RU", "-", "RS", "RS", "SK", "ZA", "ES", "ES", "LK", "SZ", "TR", "UA", "UA", "US", "VE"]


def test_seed_page_entries_all_resolve_with_their_country(resolver: PartyResolver) -> None:
    entries = _seed_entries()
    assert len(entries) == 64 == len(SEED_COUNTRIES)
    got = [(entry, resolver.resolve(entry)) for entry in entries]
    assert [entry for entry, resolved in got if resolved.party_id is None] == []
    assert [resolved.country_code or "-" for _, resolved in got] == SEED_COUNTRIES


def test_seed_page_distinct_parties(resolver: PartyResolver) -> None:
    ids = [resolver.resolve(entry).party_id for entry in _seed_entries()]
    assert len(set(ids)) == 63  # entries 56 and 57 are the same party
    in_denmark = resolver.resolve("Communist Party in Denmark").party_id
    assert in_denmark != resolver.resolve("Communist Party of Denmark").party_id


def test_results_are_cached(resolver: PartyResolver) -> None:
    assert resolver.resolve("CP of Belgium") is resolver.resolve("CP of Belgium")


def test_every_registry_name_and_alias_resolves_to_its_party(resolver: PartyResolver) -> None:
    wrong = [
        (alias, party.party_id, resolver.resolve(alias).party_id)
        for party in resolver.parties
        for alias in party.names
        if resolver.resolve(alias).party_id != party.party_id
    ]
    assert wrong == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.one_of(st.none(), st.text(max_size=30)))
def test_resolve_never_fails_and_unresolved_keeps_the_cleaned_name(name: str, hint: str | None) -> None:
    resolved = PartyResolver.shared().resolve(name, hint)
    if resolved.party_id is None:
        assert resolved.name == clean_name(name)
    assert (resolved.country is None) == (resolved.country_code is None)
