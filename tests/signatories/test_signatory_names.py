"""Name cleaning, party-likeness, headings, entry splitting (party/country split: tests/parties)."""
from __future__ import annotations

import pytest

from crawler.extract.list_headings import is_group_heading, match_heading
from crawler.extract.list_layouts import split_entries
from crawler.extract.names import looks_party_like, repair_name
from crawler.extract.signatories import split_names


@pytest.mark.parametrize(("raw", "name"), [
    ("The Worker\uFFFDs Party of Ireland;", "The Worker's Party of Ireland"),
    ("Communist Party of Gr\u0435ece,", "Communist Party of Greece"),          # Cyrillic е
    ("\u0399rish Communist Party.", "Irish Communist Party"),                  # Greek Ι
    ("\u0421\u0420 of Britain", "CP of Britain"),                               # Cyrillic СР
    ("Workers Party of Zanzi\u03baar", "Workers Party of Zanzikar"),            # Greek κ
    ("\u0405ocialist Party of S\u051deden", "Socialist Party of Sweden"),        # Cyrillic Ѕ ԝ
    ("Коммунистическая партия Греции", "Коммунистическая партия Греции"),
    ("Partido Comunista de Espa\uFFFDa", "Partido Comunista de Espaa"),
    ("Communist Party U.S.A.", "Communist Party U.S.A."),
    ("  Communist   Party\tof Canada ", "Communist Party of Canada"),
])
def test_repair_name(raw: str, name: str) -> None:
    assert repair_name(raw) == name


@pytest.mark.parametrize("text", [
    "Communist Party of Britain", "KKE", "AKEL, Cyprus", "UCP-CPSU", "NCP of Britain",
    "Parti communiste français", "Российская коммунистическая рабочая партия", "الحزب الشيوعي السوري",
    "Socialist Movement of Kazakhstan", "Communists of Serbia",
])
def test_party_like(text: str) -> None:
    assert looks_party_like(text)


@pytest.mark.parametrize("text", [
    "To strengthen the struggle of the communist parties against imperialist wars.",
    "Workers of the world, unite", "NO TO NATO", "Down with imperialism!", "Solidarity with Cuba",
    "November 25, 2018 Athens, Greece", "Cuba", "Open for further subscriptions.",
])
def test_not_party_like(text: str) -> None:
    assert not looks_party_like(text)


@pytest.mark.parametrize(("line", "kind", "rest"), [
    ("Initiated by the Hungarian Workers’ Party", "initiators", "the Hungarian Workers’ Party"),
    ("Proposed by A, B and C", "initiators", "A, B and C"),
    ("Propuesto por el PCE", "initiators", "PCE"),
    ("À l'initiative du PCF", "initiators", "PCF"),
    ("Proposto pelo PCP", "initiators", "PCP"),
    ("По инициативе КПРФ", "initiators", "КПРФ"),
    ("Предложено КПРФ", "initiators", "КПРФ"),
    ("Subscribing Parties:", "list", ""),
    ("The list of the signatories parties (signatures till 13 February):", "list", ""),
    ("Signed by: KKE, AKEL", "list", "KKE, AKEL"),
    ("Firman: PCE, PCPE", "list", "PCE, PCPE"),
    ("Partis signataires :", "list", ""),
    ("Partidos signatários", "list", ""),
    ("Партии:", "list", ""),
    ("الأحزاب الموقعة", "list", ""),
    ("We, the undersigned parties, condemn the blockade of Cuba.", "undersigned", ""),
    # the same headings with a leading article, in each language
    ("The Signatories:", "list", ""),
    ("The Parties:", "list", ""),
    ("Los partidos firmantes:", "list", ""),
    ("Partidos signatarios:", "list", ""),
    ("Los partidos:", "list", ""),
    ("Les partis signataires :", "list", ""),
    ("Les signataires :", "list", ""),
    ("Partis souscripteurs :", "list", ""),
    ("Les partis :", "list", ""),
    ("Os partidos signatários:", "list", ""),
    ("Os partidos:", "list", ""),
    ("Initié par le PCF", "initiators", "PCF"),
    ("Proposé par le PCF, le PCB et le PTB", "initiators", "PCF, le PCB et le PTB"),
    ("Iniciado pelo PCP", "initiators", "PCP"),
    ("Iniciado por el PCE", "initiators", "PCE"),
])
def test_match_heading(line: str, kind: str, rest: str) -> None:
    heading = match_heading(line)
    assert heading is not None and (heading.kind, heading.rest) == (kind, rest)


@pytest.mark.parametrize("line", [
    "The parties of the meeting agreed on the following.", "Parties", "We, participants in the meeting",
])
def test_not_a_heading(line: str) -> None:
    assert match_heading(line) is None


def test_group_headings() -> None:
    assert is_group_heading("Other parties") and is_group_heading("Observers:")
    assert not is_group_heading("Communist Party of Greece")


def test_split_names_rejoins_pieces_that_are_no_party() -> None:
    assert split_names("the CP of Greece, AKEL, Cyprus and the Communist Party of Bohemia and Moravia") == [
        "CP of Greece", "AKEL, Cyprus", "Communist Party of Bohemia and Moravia",
    ]
    assert split_names("el PCE y el PCPE") == ["PCE", "PCPE"]


@pytest.mark.parametrize(("text", "entries"), [
    ("1. KKE\n2.AKEL\n\n10.PCP", ["KKE", "AKEL", "PCP"]),
    ("• KKE\n· AKEL\n* PCP\n● TKP\n- CPRF\n– PADS", ["KKE", "AKEL", "PCP", "TKP", "CPRF", "PADS"]),
    ("1. Algeria, PADS 2. Cyprus, AKEL 3. Greece, KKE", ["Algeria, PADS", "Cyprus, AKEL", "Greece, KKE"]),
    ("Party\t\tWorkers' Party of Belgium\t\tCommunist Party of\nCanada\t\tAKEL",
     ["Workers' Party of Belgium", "Communist Party of Canada", "AKEL"]),   # 'Party': the table's column label
    ("الحزب الشيوعي السوري، الحزب الشيوعي اللبناني", ["الحزب الشيوعي السوري", "الحزب الشيوعي اللبناني"]),
])
def test_split_entries(text: str, entries: list[str]) -> None:
    assert split_entries(text) == entries
