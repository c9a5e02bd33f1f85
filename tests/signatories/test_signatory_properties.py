"""Property test: random party lists rendered in every layout of the site read back exactly, in order."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.extract.signatories import ListedParty, extract_party_list
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


# --- The hard cases: names as the site's pages really write them -------------------------------------
# Each generated entry is (written, name, party, country_hint), all four fixed by how it was built.
Entry = tuple[str, str, str, str | None]

QUALIFIERS = [" (Marxist)", " (Marxist-Leninist)", " (Unified)", " (Reconstruction)", " (Extraordinary Congress)",
              " - For Peace and Socialism", " – Communist Party of the Soviet Union", ", Marxist-Leninist",
              " (Bakdash)", " of Bohemia and Moravia"]
OTHER_SCRIPTS = [
    "Коммунистическая партия Греции", "Португальская коммунистическая партия", "Трудовая партия Кореи",
    "Коммунистическая партия Индии (марксистская)", "Лаосская народно-революционная партия",
    "Κομμουνιστικό Κόμμα Ελλάδας", "Ανορθωτικό Κόμμα Εργαζόμενου Λαού",
    "الحزب الشيوعي اللبناني", "حزب الشعب الفلسطيني", "الحزب الشيوعي السوري الموحد", "حزب توده إيران",
]
# Latin letters and a Cyrillic or Greek letter drawn the same (chosen here, not taken from the code).
LOOKALIKES = {"C": "\u0421", "o": "\u043e", "e": "\u0435", "a": "\u0430", "p": "\u0440", "I": "\u0399",
              "A": "\u0391", "O": "\u039f", "K": "\u041a", "T": "\u0422"}


@st.composite
def hard_entries(draw: st.DrawFn) -> Entry:
    kind = draw(st.sampled_from(["qualified", "other_script", "lookalike", "lost_apostrophe", "plain"]))
    if kind == "other_script":
        name = draw(st.sampled_from(OTHER_SCRIPTS))
        return name, name, name, None
    name = draw(names)
    if kind == "qualified":
        name += draw(st.sampled_from(QUALIFIERS))
        return name, name, name, None
    if kind == "lookalike":
        places = [i for i, ch in enumerate(name) if ch in LOOKALIKES]
        if places:
            i = draw(st.sampled_from(places))
            return name[:i] + LOOKALIKES[name[i]] + name[i + 1:], name, name, None
    if kind == "lost_apostrophe" and "'" in name:
        return name.replace("'", "\ufffd"), name, name, None
    return name, name, name, None


def _unique_names(entries: list[Entry]) -> bool:
    return len({name.casefold() for _, name, _, _ in entries}) == len(entries)


hard_lists = st.lists(hard_entries(), min_size=2, max_size=12).filter(_unique_names)
# Headings of a signatory list in the languages of the site.
HEADINGS = ["Signatories:", "Signed by:", "The signatory parties:", "Subscribing Parties:", "Signing parties:",
            "Partidos firmantes:", "Firmantes:", "Firmado por:", "Partis signataires :", "Signataires :",
            "Partidos signatários:", "Assinado por:", "Подписавшие партии:", "Партии, подписавшие заявление:"]
GROUP_HEADINGS = ["Other parties", "Other parties:", "Otros partidos", "Autres partis", "Outros partidos",
                  "Другие партии:", "Observers:"]
LIST_LAYOUTS = ["ol", "one_per_line", "typed_numbers", "dashes", "one_per_paragraph_blank_between", "tabs_wrapped_br"]


def _body(heading: str, list_html: str) -> str:
    return ("<p>The communist and workers' parties express their solidarity with the struggling peoples.</p>"
            f"<p>{heading}</p>{list_html}<p>Athens, 5 May 2020</p>")


def _entries(found_entries: list[ListedParty]) -> list[Entry]:
    return [(e.raw, e.name, e.party, e.country_hint) for e in found_entries]


@pytest.mark.parametrize("layout", LIST_LAYOUTS)
@given(entries=hard_lists, heading=st.sampled_from(HEADINGS))
def test_names_with_qualifiers_other_scripts_and_look_alikes_read_back(layout: str, entries: list[Entry], heading: str) -> None:
    html = _body(heading, LAYOUTS[layout]([written for written, *_ in entries]))
    found = extract_party_list(html_to_blocks(html))
    assert _entries(found.entries) == entries
    assert found.heading == heading.rstrip(" :") and found.duplicates_dropped == 0


@given(entries=hard_lists, repeats=st.lists(st.integers(min_value=0, max_value=11), min_size=1, max_size=4),
       layout=st.sampled_from(LIST_LAYOUTS))
def test_duplicates_are_dropped_and_counted(entries: list[Entry], repeats: list[int], layout: str) -> None:
    written = [w for w, *_ in entries]
    again = [written[i % len(written)] for i in repeats]      # the same entries written a second time, at the end
    found = extract_party_list(html_to_blocks(_body("Signatories:", LAYOUTS[layout](written + again))))
    assert _entries(found.entries) == entries
    assert found.duplicates_dropped == len(again)


@given(entries=hard_lists, split=st.integers(min_value=1, max_value=11), heading=st.sampled_from(HEADINGS),
       group=st.sampled_from(GROUP_HEADINGS), layout=st.sampled_from(["ol", "one_per_line", "dashes"]))
def test_groups_name_the_heading_each_entry_stands_under(
    entries: list[Entry], split: int, heading: str, group: str, layout: str
) -> None:
    cut = 1 + split % (len(entries) - 1)
    first, second = [w for w, *_ in entries[:cut]], [w for w, *_ in entries[cut:]]
    html = _body(heading, LAYOUTS[layout](first) + f"<p>{group}</p>" + LAYOUTS[layout](second))
    found = extract_party_list(html_to_blocks(html))
    assert _entries(found.entries) == entries
    groups = [heading.rstrip(" :")] * cut + [group.rstrip(":")] * (len(entries) - cut)
    assert [e.group for e in found.entries] == groups


# Names with no word a party name usually holds: kept when they stand inside a list of parties.
UNMARKED = ["Die Linke", "Izquierda Unida", "Sinn Féin", "Al-Minbar", "Tudeh", "Bloque Nacionalista Galego"]


@pytest.mark.parametrize("layout", LIST_LAYOUTS)
@given(entries=hard_lists, unmarked=st.sampled_from(UNMARKED), at=st.integers(min_value=0, max_value=10))
def test_a_name_without_party_words_inside_a_list_is_kept(layout: str, entries: list[Entry], unmarked: str, at: int) -> None:
    place = at % (len(entries) - 1)          # never last: a list's trailing lines must read as parties
    wanted = [*entries[:place], (unmarked, unmarked, unmarked, None), *entries[place:]]
    found = extract_party_list(html_to_blocks(_body("Signatories:", LAYOUTS[layout]([w for w, *_ in wanted]))))
    assert _entries(found.entries) == wanted


@pytest.mark.parametrize("layout", HINTED)
@given(entries=hard_lists, countries=st.lists(st.sampled_from(COUNTRIES), min_size=12, max_size=12))
def test_hard_names_with_a_country_hint_read_back(layout: str, entries: list[Entry], countries: list[str]) -> None:
    write, inline = HINTED[layout]
    wanted = [(write(w, c), write(n, c), n, c) for (w, n, _, _), c in zip(entries, countries, strict=False)]
    written = [w for w, *_ in wanted]
    if inline:
        html = "<p>" + " ".join(f"{i}. {w}" for i, w in enumerate(written, 1)) + "</p>"
    else:
        html = "<ol>" + "".join(f"<li>{w}</li>" for w in written) + "</ol>"
    assert _entries(extract_party_list(html_to_blocks(_page(html))).entries) == wanted
