"""translation_groups: the same text in other languages gets one group id; everything else stays apart."""

from __future__ import annotations

from typing import Any

from crawler.dataset.translations import translation_groups

PARTIES = ["kke", "tkp", "portuguese-communist-party", "cp-of-cuba", "sacp"]


def statement(sid: str, languages: list[str], *, title: str = "23rd IMCWP, Resolution on Palestine", body: str = "Since 1967, Resolution 194, two million in 2023.",
              posted: str = "2023-10-31T11:11:00", dateline: str | None = "2023-10-01", meeting: str | None = "23rd IMCWP",
              parties: list[str] = PARTIES) -> dict[str, Any]:
    return {
        "id": sid, "title": title, "languages": languages, "posted_at": posted, "body": body,
        "dateline": {"text": "Izmir, October 2023", "date": dateline, "end_date": dateline} if dateline else None,
        "meeting": {"name": meeting, "number": 23} if meeting else None,
        "initiators": [], "parties": [],
        "signatories": [{"position": i, "raw": p.upper(), "name": p, "party_id": p} for i, p in enumerate(parties, 1)],
    }


def groups_of(*records: dict[str, Any]) -> dict[str, str]:
    return translation_groups(list(records))


def test_a_page_alone_is_its_own_group() -> None:
    assert groups_of(statement("a", ["en"])) == {"a": "a"}


def test_the_same_text_in_two_languages_is_one_group_named_after_the_earliest_page() -> None:
    en = statement("b", ["en"], posted="2023-10-31T11:11:00")
    es = statement("a", ["es"], title="23º EIPCO, Resolución sobre Palestina", body="Desde 1967, Resolución 194, dos millones en 2023.",
                   posted="2023-11-02T09:40:00")
    assert groups_of(en, es) == {"b": "b", "a": "b"}


def test_a_page_in_the_same_language_is_never_a_translation() -> None:
    assert groups_of(statement("a", ["en"]), statement("b", ["en"])) == {"a": "a", "b": "b"}


def test_an_unmarked_language_is_never_grouped() -> None:
    assert groups_of(statement("a", ["en"]), statement("b", [])) == {"a": "a", "b": "b"}


def test_another_text_of_the_same_meeting_day_and_parties_stays_apart() -> None:
    palestine = statement("a", ["en"])
    cuba = statement("b", ["es"], title="23º EIPCO, Resolución de solidaridad con Cuba",
                     body="El bloqueo impuesto desde 1962, condenado 31 veces por la ONU.")
    assert groups_of(palestine, cuba) == {"a": "a", "b": "b"}


def test_other_signatories_or_another_date_keep_pages_apart() -> None:
    assert groups_of(statement("a", ["en"]), statement("b", ["es"], parties=["kke", "cpusa"]))["b"] == "b"
    assert groups_of(statement("a", ["en"]), statement("b", ["es"], dateline="2022-10-27"))["b"] == "b"


def test_a_late_signature_missing_from_a_translation_still_groups() -> None:
    many = [f"p{i}" for i in range(10)]
    assert groups_of(statement("a", ["en"], parties=many), statement("b", ["fr"], parties=many[:-1]))["b"] == "a"


def test_without_a_dateline_the_meeting_and_a_week_of_posting_decide() -> None:
    en = statement("a", ["en"], dateline=None, posted="2023-10-31T11:11:00")
    assert groups_of(en, statement("b", ["pt"], dateline=None, posted="2023-11-04T10:00:00"))["b"] == "a"
    assert groups_of(en, statement("b", ["pt"], dateline=None, posted="2023-12-04T10:00:00"))["b"] == "b"
    assert groups_of(statement("a", ["en"], dateline=None, meeting=None), statement("b", ["pt"], dateline=None, meeting=None))["b"] == "b"


def test_titles_decide_when_the_bodies_have_no_numbers() -> None:
    en = statement("a", ["en"], title="Solidarity with the Palestinian people", body="We stand with Palestine.")
    es = statement("b", ["es"], title="Solidaridad con el pueblo palestino", body="Estamos con Palestina.")
    other = statement("c", ["pt"], title="Contra a NATO", body="Abaixo a guerra.")
    assert groups_of(en, es, other) == {"a": "a", "b": "a", "c": "c"}


def test_a_group_holds_one_page_per_language_and_may_grow_to_three() -> None:
    en, es, fr = statement("a", ["en"]), statement("b", ["es"]), statement("c", ["fr"])
    second_en = statement("d", ["en"], posted="2023-11-05T10:00:00")
    groups = groups_of(en, es, fr, second_en)
    assert groups["a"] == groups["b"] == groups["c"] == "a"
    assert groups["d"] == "d"


def test_a_bilingual_page_joins_a_third_language_but_not_one_of_its_own() -> None:
    bilingual = statement("a", ["en", "es"])
    assert groups_of(bilingual, statement("b", ["fr"]))["b"] == "a"
    assert groups_of(bilingual, statement("b", ["es"]))["b"] == "b"
