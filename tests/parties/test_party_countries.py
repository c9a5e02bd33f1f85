"""country_of, country_from_party_name and split_country."""

from __future__ import annotations

import pytest

from crawler.parties.countries import country_from_party_name, country_of, split_country


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Lisbon, Portugal", "PT"),
        ("Portugal", "PT"),
        ("Turkiye", "TR"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Izmir, Turkiye", "TR"),
        ("Catalonia", "ES"),
        ("Bohemia and Moravia", "CZ"),
        ("Swaziland", "SZ"),
        ("Macedonia", "MK"),
        ("Britain", "GB"),
        ("Great Britain", "GB"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("the Netherlands", "NL"),
        ("Athens", "GR"),
        ("Beirut", "LB"),
        ("Izmir", "TR"),
        ("Havana", "CU"),
        ("Caracas", "VE"),
        ("New Delhi", "IN"),
        ("Tshwane – South Africa", "ZA"),
        ("Minsk", "BY"),
        ("Lisbon", "PT"),
        ("Moscow", "RU"),
        ("Barcelona", "ES"),
        ("São Paulo", "BR"),
        ("Beirut.", "LB"),
        ("España", "ES"),
        ("Grèce", "GR"),
        ("Espanha", "ES"),
        ("Россия", "RU"),
        ("Германия", "DE"),
        ("Syria", "SY"),
        ("Russian Federation", "RU"),
        ("Korea, Democratic People's Republic of", "KP"),
    ],
)
def test_country_of(text: str, code: str) -> None:
    result = country_of(text)
    assert result is not None and result[1] == code


@pytest.mark.parametrize(
    "text", ["Soviet Union", "USSR", "Korea", "Kurdistan", "Atlantis", "", "Communist Party"]
)
def test_country_of_unknown_or_no_single_country(text: str) -> None:
    assert country_of(text) is None


def test_country_of_names() -> None:
    assert country_of("Lisbon, Portugal") == ("Portugal", "PT")
    assert country_of("Catalonia") == ("Spain", "ES")
    assert country_of("Palestine") == ("Palestine", "PS")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Communist Party of Freedonia", None),
        ("Communist Party of Chile", "CL"),
        ("Communist Party of the Philippines", "PH"),
        ("Communist Party of India (Marxist)", "IN"),
        ("Communist Party in Denmark", "DK"),
        ("Party of the Communists of Kyrgyzstan", "KG"),
        ("German Communist Party", "DE"),
        ("Portuguese Communist Party", "PT"),
        ("Lebanese Communist Party", "LB"),
        ("Palestinian People's Party", "PS"),
        ("Brazilian Communist Party", "BR"),
        ("Hungarian Workers' Party", "HU"),
        ("Romanian Socialist Party", "RO"),
        ("Paraguayan Communist Party", "PY"),
        ("Algerian Party for Democracy and Socialism", "DZ"),
        ("South African Communist Party", "ZA"),
        ("Party of the Bulgarian Communists", "BG"),
        ("AKEL, Cyprus", "CY"),
        ("Socialist Party, Lithuania", "LT"),
        ("Communist Party (Italy)", "IT"),
        ("Greece - Communist Party of Greece", "GR"),
        ("Communist Party USA", "US"),
        ("Communist Party of Soviet Union", None),
        ("Workers' Party of Korea", None),
    ],
)
def test_country_from_party_name(name: str, code: str | None) -> None:
    result = country_from_party_name(name)
    assert (result[1] if result else None) == code


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("AKEL, Cyprus", ("AKEL", "Cyprus")),
        ("Algeria, PADS", ("PADS", "Algeria")),
        ("Hungary, Hungarian Workers' Party", ("Hungarian Workers' Party", "Hungary")),
        ("Hungary - Hungarian Workers' Party", ("Hungarian Workers' Party", "Hungary")),
        ("Britain – Communist Party of Britain", ("Communist Party of Britain", "Britain")),
        ("Communist Party (Italy)", ("Communist Party", "Italy")),
        ("Turkey – Communist Party of Turkey", ("Communist Party of Turkey", "Turkey")),
        ("Communist Party of Greece, KKE, Greece", ("Communist Party of Greece, KKE", "Greece")),
        ("Communist Party of India (Marxist)", ("Communist Party of India (Marxist)", None)),
        ("Communist Party of the Russian Federation (KPRF)",
         ("Communist Party of the Russian Federation (KPRF)", None)),
        ("Russian Communist Workers' Party ‐ Communist Party of Soviet Union (RCWP‐CPSU)",
         ("Russian Communist Workers' Party ‐ Communist Party of Soviet Union (RCWP‐CPSU)", None)),
        ("UCP-CPSU", ("UCP-CPSU", None)),
        ("Communist Party of Kurdistan - Iraq", ("Communist Party of Kurdistan", "Iraq")),
        ("Democratic Progressive Tribune", ("Democratic Progressive Tribune", None)),
    ],
)
def test_split_country(name: str, expected: tuple[str, str | None]) -> None:
    assert split_country(name) == expected
