"""Property test: random party lists rendered in every layout of the site read back exactly, in order."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.extract.signatories import extract_party_list
from crawler.extract.text import html_to_blocks

COUNTRIES = ["Greece", "Cyprus", "Algeria", "Turkey", "Britain", "Italy", "Portugal", "Spain", "Brazil",
             "Guinea-Bissau", "Venezuela", "Russia", "Lithuania", "Sri Lanka", "Czech Republic", "Korea"]
ADJECTIVES = ["Hungarian", "Palestinian", "Brazilian", "Portuguese", "South African", "Lebanese", "Marxist-Leninist"]
TEMPLATES = ["Communist Party of {c}", "{a} Communist Party", "Workers' Party of {c}", "Party of Labour of {c}",
             "Socialist Workers' Party of {c}", "New Communist Party of {c}", "Party of the Communists of {c}",
             "Union of Communists of {c}", "{a} Workers' Party", "People's Party of {c}", "{a} Socialist Movement"]
ACRONYMS = ["KKE", "AKEL", "PCP", "TKP", "CPRF", "PADS", "UCP-CPSU"]

names = st.one_of(
    st.builds(lambda t, c, a: t.format(c=c, a=a), st.sampled_from(TEMPLATES), st.sampled_from(COUNTRIES),
              st.sampled_from(ADJECTIVES)),
    st.sampled_from(ACRONYMS),
)
name_lists = st.lists(names, min_size=2, max_size=14, unique_by=str.casefold)
hinted_lists = st.lists(st.tuples(names, st.sampled_from(COUNTRIES)), min_size=2, max_size=14,
                        unique_by=lambda pair: pair[0].casefold())

Expected = list[tuple[str, str, str | None]]       # (name, party, country_hint)


def _page(list_html: str) -> str:
    return ("<p>The communist and workers' parties express their solidarity with the struggling peoples.</p>"
            f"<p>Signatories:</p>{list_html}<p>Athens, 5 May 2020</p>")


def _read(list_html: str) -> Expected:
    found = extract_party_list(html_to_blocks(_page(list_html)))
    return [(entry.name, entry.party, entry.country_hint) for entry in found.entries]


def _plain(items: list[str]) -> Expected:
    return [(name, name, None) for name in items]


def _wrapped(items: list[str], width: int = 60) -> str:
    """Tab-separated entries hard-wrapped at `width` columns; a line breaks only where a space stood."""
    tokens = [token for name in items for token in [*((w, " ") for w in name.split(" ")[:-1]),
                                                      (name.split(" ")[-1], "\t\t")]]
    lines, line, breakable = [], "", False
    for word, separator in tokens:
        if breakable and len(line) + len(word) > width:
            lines.append(line.rstrip(" "))
            line = ""
        line += word + separator
        breakable = separator == " "
    return "\n".join([*lines, line.rstrip()])


LAYOUTS: dict[str, Callable[[list[str]], str]] = {
    "ol": lambda items: "<ol>" + "".join(f"<li>{n}</li>" for n in items) + "</ol>",
    "ul": lambda items: "<ul>" + "".join(f"<li>{n}</li>" for n in items) + "</ul>",
    "typed_numbers": lambda items: "<p>" + "<br>".join(f"{i}. {n}" for i, n in enumerate(items, 1)) + "</p>",
    "numbers_no_space_blank_paragraphs": lambda items: "".join(
        f"<p>{i}.{n}</p>" + ("<p>&nbsp;</p>" if i % 3 == 0 else "") for i, n in enumerate(items, 1)),
    "bullets": lambda items: "<p>" + "<br>".join(f"{'•·*●'[i % 4]} {n}" for i, n in enumerate(items)) + "</p>",
    "one_per_line": lambda items: "<p>" + "<br>".join(items) + "</p>",
    "one_per_paragraph_blank_between": lambda items: "<p></p>".join(f"<p>{n}</p>" for n in items),
    "blank_lines_between": lambda items: "<p>" + "<br><br>".join(items) + "</p>",
    "dashes": lambda items: "<p>" + "<br>".join(f"{'-–'[i % 2]} {n}" for i, n in enumerate(items)) + "</p>",
    "arabic_comma": lambda items: "<p>" + "، ".join(items) + "</p>",
    "tabs_wrapped_pre": lambda items: f"<pre>{_wrapped(items)}</pre>",
    "tabs_wrapped_br": lambda items: "<p>" + _wrapped(items).replace("\n", "<br>") + "</p>",
}


@pytest.mark.parametrize("layout", LAYOUTS)
@settings(max_examples=50, deadline=None)
@given(items=name_lists)
def test_plain_layouts_read_back(layout: str, items: list[str]) -> None:
    assert _read(LAYOUTS[layout](items)) == _plain(items)


def test_wrapping_breaks_names_across_lines() -> None:
    wrapped = _wrapped(["Communist Party of Greece", "Algerian Party for Democracy and Socialism",
                        "Party of Labour of Austria"])
    assert wrapped == ("Communist Party of Greece\t\tAlgerian Party for Democracy and\n"
                       "Socialism\t\tParty of Labour of Austria")


HINTED: dict[str, tuple[Callable[[str, str], str], bool]] = {
    # layout: (entry as written from (party, country), rendered as <li> or as running numbers)
    "country_dash_party": (lambda p, c: f"{c} - {p}", False),
    "country_en_dash_party": (lambda p, c: f"{c} – {p}", False),
    "party_comma_country": (lambda p, c: f"{p}, {c}", False),
    "party_parenthesised_country": (lambda p, c: f"{p} ({c})", False),
    "inline_numbering": (lambda p, c: f"{c}, {p}", True),
}


@pytest.mark.parametrize("layout", HINTED)
@settings(max_examples=50, deadline=None)
@given(pairs=hinted_lists)
def test_country_hint_layouts_read_back(layout: str, pairs: list[tuple[str, str]]) -> None:
    write, inline = HINTED[layout]
    written = [write(party, country) for party, country in pairs]
    if inline:
        html = "<p>" + " ".join(f"{i}. {w}" for i, w in enumerate(written, 1)) + "</p>"
    else:
        html = "<ol>" + "".join(f"<li>{w}</li>" for w in written) + "</ol>"
    assert _read(html) == [(w, p, c) for w, (p, c) in zip(written, pairs, strict=True)]
