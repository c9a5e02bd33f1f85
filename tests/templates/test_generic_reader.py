"""Rules of the generic reader, each on a small page: where categories, dates, titles and languages come from."""

from __future__ import annotations

import pytest

from crawler.extract.statement import read_statement
from crawler.templates import parse_article, parse_event_page
from crawler.templates.generic import strip_site_name

URL = "https://example.org/article/x/"


def page(head: str, body: str, lang: str = ' lang="en"') -> str:
    return f"<!DOCTYPE html><html{lang}><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


ARTICLE_TEXT = "<div class='text'><p>The parties condemn the war and call for solidarity with the peoples.</p><p>Athens, 3 May 2020</p></div>"


@pytest.mark.parametrize(
    ("title", "site", "heading", "expected"),
    [
        ("Statement on peace | SolidNet", "SolidNet", None, "Statement on peace"),
        ("SolidNet - Statement on peace", "SolidNet", None, "Statement on peace"),
        ("CP of Turkey - CP of Greece, joint statement | SolidNet", "SolidNet", None, "CP of Turkey - CP of Greece, joint statement"),
        ("Statement on peace :: Portal", None, "Statement on peace", "Statement on peace"),
        ("CP of Turkey - CP of Greece, joint statement", None, None, "CP of Turkey - CP of Greece, joint statement"),
    ],
)
def test_titles_lose_the_site_name(title: str, site: str | None, heading: str | None, expected: str) -> None:
    assert strip_site_name(title, site, heading) == expected


def test_the_title_tag_is_read_without_the_site_name() -> None:
    html = page("<title>Statement on peace | SolidNet</title><meta property='og:site_name' content='SolidNet'>", f"<main>{ARTICLE_TEXT}</main>")
    found = parse_article(html, URL)
    assert found is not None and found.title == "Statement on peace"


@pytest.mark.parametrize(
    "markup",
    [
        "<article><h1>T</h1>{text}<p class='tags'><a href='/t/1' rel='tag'>Greece, Communist Party of Greece</a> <a rel='tag' href='/t/2'>En</a></p></article>",
        "<article><h1>T</h1>{text}<ul class='post-categories'><li>Greece, Communist Party of Greece</li><li>En</li></ul></article>",
        "<article><h1>T</h1>{text}<div class='field--name-field-topics'><a href='/1'>Greece, Communist Party of Greece</a><a href='/2'>En</a></div></article>",
    ],
    ids=["rel-tag", "category-list", "topic-field"],
)
def test_categories_from_tag_markup_one_per_badge(markup: str) -> None:
    aside = "<aside class='widget'><a rel='tag' href='/t/9'>Popular tag</a></aside>"
    found = parse_article(page("<meta property='og:type' content='article'>", markup.format(text=ARTICLE_TEXT) + aside), URL)
    assert found is not None and found.categories == ["Greece, Communist Party of Greece", "En"]


def test_categories_from_meta_and_json_ld_when_the_page_prints_none() -> None:
    meta = "<meta property='article:tag' content='Joint Statement'><meta property='article:section' content='En'>"
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "T", "keywords": ["Cuba, Communist Party of Cuba"], "articleSection": "Es"}</script>'
    from_meta, from_ld = (parse_article(page(head, f"<main>{ARTICLE_TEXT}</main>"), URL) for head in (meta, ld))
    assert from_meta is not None and from_meta.categories == ["Joint Statement", "En"]
    assert from_ld is not None and from_ld.categories == ["Cuba, Communist Party of Cuba", "Es"]


def test_dates_come_from_the_article_never_from_widgets_or_the_page_frame() -> None:
    frame = "<header><time datetime='2026-11-30'>today</time></header>"
    widget = "<aside><h2>Upcoming</h2><time datetime='2027-01-01'>1 Jan</time></aside><div class='sidebar'><time datetime='2027-02-02'>x</time></div>"
    footer = "<footer><time datetime='2026-01-01'>2026</time></footer>"
    undated = parse_article(page("", frame + f"<article><h1>T</h1>{ARTICLE_TEXT}</article>" + widget + footer), URL)
    assert undated is not None and undated.published is None and "no date" in undated.problems
    dated = parse_article(page("", frame + f"<article><header><h1>T</h1><time datetime='2020-05-03T10:00'>3 May</time></header>{ARTICLE_TEXT}</article>" + widget), URL)
    assert dated is not None and dated.published == "2020-05-03T10:00"


@pytest.mark.parametrize(
    ("lang", "head", "expected"),
    [
        (' lang="es-ES"', "", ["es"]),
        ("", "<meta http-equiv='Content-Language' content='pt'>", ["pt"]),
        ("", "<meta property='og:locale' content='fr_FR'>", ["fr"]),
        ("", '<script type="application/ld+json">{"@type": "Article", "inLanguage": "ru"}</script>', ["ru"]),
        ("", "", []),
    ],
)
def test_a_page_without_language_badges_has_its_own_language(lang: str, head: str, expected: list[str]) -> None:
    found = parse_article(page(head, f"<article><h1>T</h1>{ARTICLE_TEXT}</article>", lang), URL)
    assert found is not None
    assert read_statement(found).classified.languages == expected


def test_language_badges_win_over_the_page_language() -> None:
    html = page("", f"<article><h1>T</h1>{ARTICLE_TEXT}<p class='tags'><a rel='tag' href='/1'>Es</a></p></article>")
    found = parse_article(html, URL)
    assert found is not None and read_statement(found).classified.languages == ["es"]


def test_an_event_page_reads_dates_from_a_labelled_line_and_the_place_from_its_label() -> None:
    html = page(
        "<title>Festival | Site</title><meta property='og:site_name' content='Site'>",
        "<main><h1>Festival of Youth</h1><p class='event-dates'>3-5 September 2021</p>"
        "<p><span class='label'>Venue:</span> <span class='event-venue'>Seixal, Portugal</span></p>"
        "<div class='body'><p>Three days of politics and music.</p></div></main>"
        "<aside><time datetime='2021-10-01'>1 Oct</time> - <time datetime='2021-10-09'>9 Oct</time></aside>",
    )
    event = parse_event_page(html, "https://example.org/event/festival/")
    assert event is not None
    assert (event.title, event.date_text, event.location, event.start_iso) == ("Festival of Youth", "3-5 September 2021", "Seixal, Portugal", None)


def test_a_separator_inside_the_title_is_kept() -> None:
    assert strip_site_name("Peace | Bread | Land | SolidNet", "SolidNet") == "Peace | Bread | Land"


def test_the_link_home_names_the_site_when_no_meta_does() -> None:
    html = page("<title>SolidNet - Congress of the party</title>", "<header><a href='/' rel='home'>SolidNet</a></header><main><p class='when'>3 May 2020</p></main>")
    event = parse_event_page(html, "https://example.org/event/congress/")
    assert event is not None and event.title == "Congress of the party"
