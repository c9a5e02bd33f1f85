"""Formats of real pages that were misread: a `Party` column label, a bare `Party` badge, a one-line
dash list at the end, Arabic-comma lists with a comma inside an entry, Persian and Arabic names."""

from __future__ import annotations

import pytest

from crawler.extract.categories import classify_categories
from crawler.extract.list_layouts import split_entries
from crawler.extract.signatories import extract_party_list
from crawler.extract.text import html_to_blocks
from crawler.parties.countries import country_from_party_name, country_of
from crawler.parties.resolver import PartyResolver

PROSE = "<p>The parties condemn the aggression against the peoples of the region and demand peace.</p>"


def entries(html: str) -> list[tuple[str, str | None]]:
    return [(e.raw, e.country_hint) for e in extract_party_list(html_to_blocks(html)).entries]


def test_the_party_column_label_of_a_tab_table_is_not_a_signatory() -> None:
    table = "Party\t\tWorkers' Party of Belgium\t\tCommunist Party of\nCanada\t\tAKEL"
    assert split_entries(table) == ["Workers' Party of Belgium", "Communist Party of Canada", "AKEL"]


@pytest.mark.parametrize("badge", ["Party", "Parties", "Communist Party", "Workers' Party"])
def test_a_bare_generic_badge_is_not_a_party(badge: str) -> None:
    assert classify_categories([badge, "En"]).parties == []


def test_a_named_party_badge_still_is() -> None:
    assert [p.name for p in classify_categories(["Workers' Party of Korea"]).parties] == ["Workers' Party of Korea"]


def test_a_one_line_dash_list_at_the_end_is_a_signatory_list() -> None:
    assert entries(PROSE + "<p>- Communist Party of Greece</p>") == [("Communist Party of Greece", None)]
    assert entries(PROSE + "<p>– AKEL, Cyprus</p><p>Nicosia, 20 July 2022</p>") == [("AKEL, Cyprus", "Cyprus")]


def test_a_closing_line_without_a_dash_is_not_a_list_of_one() -> None:
    assert entries(PROSE + "<p>Communist Party of Greece</p>") == []


def test_an_arabic_comma_inside_an_entry_joins_a_party_and_its_country() -> None:
    text = "حزب کمونیست یونان، آکل، قبرس، حزب کمونیست ترکیه"
    assert split_entries(text) == ["حزب کمونیست یونان", "آکل، قبرس", "حزب کمونیست ترکیه"]
    found = entries("<p>احزاب امضاکننده:</p><p>" + text + "</p>")
    assert found == [("حزب کمونیست یونان", None), ("آکل، قبرس", "قبرس"), ("حزب کمونیست ترکیه", None)]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("حزب توده ایران", "IR"), ("حزب توده إيران", "IR"), ("حزب کمونیست یونان", "GR"), ("حزب کمونیست ترکیه", "TR"),
        ("الحزب الشيوعي اليوناني", "GR"), ("الحزب الشيوعي اللبناني", "LB"), ("الحزب الشيوعي السوري الموحد", "SY"),
        ("حزب الشعب الفلسطيني", "PS"), ("الحزب الشيوعي الأردني", "JO"), ("الحزب الشيوعي السوداني", "SD"),
    ],
)
def test_persian_and_arabic_party_names_resolve_to_their_country(name: str, code: str) -> None:
    found = country_from_party_name(name)
    assert found is not None and found[1] == code
    assert PartyResolver.shared().resolve(name).country_code == code


@pytest.mark.parametrize(("place", "code"), [("قبرس", "CY"), ("قبرص", "CY"), ("اليونان", "GR"), ("یونان", "GR"), ("ایران", "IR"), ("سوريا", "SY")])
def test_persian_and_arabic_country_names(place: str, code: str) -> None:
    found = country_of(place)
    assert found is not None and found[1] == code


def test_persian_party_with_a_country_hint() -> None:
    assert PartyResolver.shared().resolve("آکل", "قبرس").country_code == "CY"
