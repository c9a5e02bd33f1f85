"""Party names in Spanish, French, Portuguese and Russian: English forms, resolution, near misses."""

from __future__ import annotations

import pytest

from crawler.parties.foreign import english_forms
from crawler.parties.resolver import PartyResolver

# (name as written, expected party_id or None)
FOREIGN: list[tuple[str, str | None]] = [
    # Spanish
    ("Partido Comunista de Grecia", "kke"),
    ("Partido Comunista de Turquía", "tkp"),
    ("Partido del Trabajo de Bélgica", "workers-party-of-belgium"),
    ("Partido Comunista Sudafricano", "sacp"),
    ("Partido Comunista de la India", "cp-of-india"),
    ("Partido Comunista de la India (Marxista)", "cp-of-india-marxist"),
    ("Partido Comunista Alemán", "german-communist-party"),
    ("Partido Comunista de Alemania", "cp-of-germany"),
    ("Partido Comunista de la Federación de Rusia", "cprf"),
    ("Partido Comunista de Bohemia y Moravia", "cp-of-bohemia-and-moravia"),
    ("Partido del Trabajo de Corea", "workers-party-of-korea"),
    ("Partido Comunista de Gran Bretaña", "cp-of-britain"),
    ("Nuevo Partido Comunista de Gran Bretaña", "new-cp-of-britain"),
    ("Partido Comunista de la Unión Soviética", "cpsu"),
    ("Partido Comunista Libanés", "lebanese-communist-party"),
    ("Partido Comunista de Brasil", "cp-of-brazil"),
    # French
    ("Parti communiste de Grèce", "kke"),
    ("Parti communiste portugais", "portuguese-communist-party"),
    ("Parti communiste des peuples d'Espagne", "cp-of-the-peoples-of-spain"),
    ("Parti communiste d'Espagne", "cp-of-spain"),
    ("Parti communiste d'Inde (marxiste)", "cp-of-india-marxist"),
    ("Parti communiste d'Inde", "cp-of-india"),
    ("Parti communiste sud-africain", "sacp"),
    ("Parti communiste colombien", "colombian-communist-party"),
    ("Parti communiste allemand", "german-communist-party"),
    ("Parti communiste d'Allemagne", "cp-of-germany"),
    ("Parti communiste de la Fédération de Russie (Russie)", "cprf"),
    ("Parti communiste de Bohême et Moravie", "cp-of-bohemia-and-moravia"),
    ("Parti communiste au Danemark", "cp-in-denmark"),
    ("Parti communiste du Danemark", "cp-of-denmark"),
    ("Parti communiste brésilien", "brazilian-communist-party"),
    ("Parti communiste du Brésil", "cp-of-brazil"),
    ("Parti des travailleurs de Corée", "workers-party-of-korea"),
    ("Parti communiste (Suisse)", "communist-party-switzerland"),
    # Portuguese
    ("Partido Comunista da Grécia", "kke"),
    ("Partido Comunista dos Povos de Espanha", "cp-of-the-peoples-of-spain"),
    ("Partido Comunista de Espanha", "cp-of-spain"),
    ("Partido Comunista dos Trabalhadores de Espanha", "cp-of-the-workers-of-spain"),
    ("Partido Comunista da Índia (Marxista)", "cp-of-india-marxist"),
    ("Partido Comunista da Índia", "cp-of-india"),
    ("Partido Comunista Sul-Africano", "sacp"),
    ("Partido Comunista do Uruguai", "cp-of-uruguay"),
    ("Partido Comunista Alemão", "german-communist-party"),
    ("Partido Comunista da Alemanha", "cp-of-germany"),
    ("Partido dos Trabalhadores da Coreia", "workers-party-of-korea"),
    # Russian
    ("Коммунистическая партия Греции", "kke"),
    ("Португальская коммунистическая партия", "portuguese-communist-party"),
    ("Коммунистическая партия Кубы", "cp-of-cuba"),
    ("Коммунистическая партия Вьетнама", "cp-of-vietnam"),
    ("Лаосская народно-революционная партия", "lao-peoples-revolutionary-party"),
    ("Трудовая партия Кореи", "workers-party-of-korea"),
    ("Коммунистическая партия Беларуси", "cp-of-belarus"),
    ("Коммунистическая партия Чехии и Моравии", "cp-of-bohemia-and-moravia"),
    ("Венгерская рабочая партия", "hungarian-workers-party"),
    ("Южноафриканская коммунистическая партия", "sacp"),
    ("Сирийская коммунистическая партия", "syrian-communist-party"),
    ("Коммунистическая партия Индии (марксистская)", "cp-of-india-marxist"),
    ("Коммунистическая партия Индии", "cp-of-india"),
    ("Коммунистическая партия Испании", "cp-of-spain"),
    ("Коммунистическая партия народов Испании", "cp-of-the-peoples-of-spain"),
    ("Коммунистическая партия Германии", "cp-of-germany"),
    ("Германская коммунистическая партия", "german-communist-party"),
    ("Коммунистическая партия Украины", "cp-of-ukraine"),
    ("Союз коммунистов Украины", "union-of-communists-of-ukraine"),
    ("Коммунистическая партия Британии", "cp-of-britain"),
    ("Новая коммунистическая партия Британии", "new-cp-of-britain"),
    ("Коммунистическая партия в Дании", "cp-in-denmark"),
    ("Коммунистическая партия Дании", "cp-of-denmark"),
    ("Коммунистическая партия Советского Союза", "cpsu"),
    ("Коммунистическая партия Соединённых Штатов Америки", "cpusa"),
    ("Партия коммунистов Кыргызстана", "party-of-the-communists-of-kyrgyzstan"),
    ("Российская коммунистическая рабочая партия", "rcwp-cpsu"),
    # near misses that must not match anything
    ("Partido Comunista de la India (Maoísta)", None),
    ("Partido Comunista de España (marxista-leninista)", None),
    ("Parti communiste d'Inde (maoïste)", None),
    ("Parti communiste de Grèce (marxiste-léniniste)", None),
    ("Коммунистическая партия Индии (маоистская)", None),
    ("Коммунистическая партия", None),
    ("Коммунистическая партия Ирана", None),
    ("Partido Comunista de Irán", None),
]


@pytest.fixture(scope="module")
def resolver() -> PartyResolver:
    return PartyResolver.shared()


@pytest.mark.parametrize(("name", "expected"), FOREIGN)
def test_foreign_name_resolves_to_party(resolver: PartyResolver, name: str, expected: str | None) -> None:
    assert resolver.resolve(name).party_id == expected


def test_table_is_large_enough() -> None:
    assert sum(expected is not None for _, expected in FOREIGN) >= 30


@pytest.mark.parametrize(
    ("name", "hint", "code"),
    [
        ("Коммунистическая партия Ирана", None, "IR"),
        ("Partido Comunista Suizo", None, "CH"),
        ("Parti communiste de Grèce (marxiste-léniniste)", None, "GR"),
        ("Partido Comunista", "Irán", "IR"),
    ],
)
def test_unresolved_foreign_name_keeps_its_name_and_gets_a_country(
    resolver: PartyResolver, name: str, hint: str | None, code: str
) -> None:
    resolved = resolver.resolve(name, hint)
    assert (resolved.name, resolved.party_id, resolved.country_code) == (name, None, code)


def test_generic_foreign_name_takes_the_party_of_the_hinted_country(resolver: PartyResolver) -> None:
    assert resolver.resolve("Коммунистическая партия", "Grèce").party_id == "kke"
    assert resolver.resolve("Parti communiste", "Danemark").party_id == "cp-of-denmark"


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Parti communiste d'Inde (marxiste)", ["communist party of india (marxist)"]),
        ("Partido Comunista Português", ["portuguese communist party"]),
        ("Коммунистическая партия Чехии и Моравии", ["communist party of bohemia and moravia"]),
        ("Коммунистическая партия Российской Федерации", ["communist party of russian federation"]),
        ("Parti suisse du travail", ["swiss party of labour", "swiss workers party"]),
        ("Parti communiste (Suisse)", ["communist party (switzerland)"]),
        ("Трудовая партия Кореи", ["labour party of korea", "workers party of korea"]),
        ("Communist Party of Greece", []),
        ("AKEL", []),
    ],
)
def test_english_forms(name: str, forms: list[str]) -> None:
    assert english_forms(name) == forms
