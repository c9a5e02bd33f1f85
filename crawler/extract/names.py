"""Party names as listed: white space, the display form of an entry, party-likeness."""

from __future__ import annotations

import re
from functools import lru_cache

from crawler.parties.countries import is_country_name, split_country
from crawler.parties.names import clean_name, repair_lookalikes

_WHITESPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*['’ʼ]?")
_TRAILING_PUNCTUATION = re.compile(r"[\s;,.:]+$")
_INITIALS_END = re.compile(r"(?:\b[A-Z]\.){2,}$")      # 'U.S.A.' keeps its last dot

# Organisation nouns: a name holding one is party-like even when only its first word is capitalised.
_PARTY_NOUNS = frozenset({
    "party", "parti", "partis", "partido", "partidos", "partito", "partiti", "partei", "partij",
    "partia", "partiya", "partija", "partidul", "union", "unión", "união", "league", "liga", "ligue",
    "movement", "movimiento", "mouvement", "movimento", "front", "frente", "alliance", "alianza",
    "congress", "organisation", "organization", "organización", "organização", "pôle", "pole",
    "rassemblement", "союз", "движение", "фронт", "κόμμα", "ένωση", "μέτωπο",
})
_PARTY_NOUN_PREFIXES = ("парти", "компарт")
# Descriptive stems typical of party names.
_PARTY_STEMS = (
    "commun", "comun", "komun", "kommun", "коммун", "worker", "labour", "labor", "socialis",
    "социалис", "рабоч", "trabaj", "trabalh", "travaill", "ouvri", "obrer", "operári", "operari",
    "marxis", "leninis", "марксис", "ленинис", "bolshevi", "большеви", "revolution", "revoluci",
    "révolution", "progressive", "toilers", "κομμουνισ", "εργατ", "εργαζ", "σοσιαλισ", "μαρξισ",
)
_ARABIC_NOUN = "حزب"
_ARABIC_STEMS = ("شيوع", "عمال")
_STOPWORDS = frozenset({
    "of", "the", "and", "for", "in", "on", "de", "del", "la", "las", "los", "el", "y", "des", "du",
    "le", "les", "et", "do", "da", "dos", "das", "e", "di", "della", "dei", "per", "und", "der",
    "die", "den", "van", "von", "в", "и", "l", "d",
})
_SENTENCE_WORDS = frozenset({
    "is", "are", "was", "were", "be", "been", "should", "must", "will", "shall", "would", "can",
    "we", "our", "you", "they", "their", "which", "that", "this", "these", "those", "es", "son",
    "debe", "deben", "nosotros", "nuestro", "nuestra", "que", "est", "sont", "nous", "notre",
    "doit", "deve", "devem", "nós", "nosso", "nossa", "мы", "наш", "должны",
})
_ACRONYM = re.compile(r"[A-ZА-ЯΑ-Ω][A-Za-zА-Яа-яΑ-Ωα-ω]*(?:[-‐/][A-Za-zА-Яа-я]+)*")
_NOT_PARTY_ACRONYMS = frozenset({"NATO", "EU", "UN", "UNO", "IMF", "WTO", "OECD", "NGO", "WFTU", "WFDY",
                                 "WIDF", "COVID", "AM", "PM"})


def clean_raw(text: str) -> str:
    """Outer white space stripped, inner runs of white space (tabs, line breaks) collapsed to one space."""
    return _WHITESPACE.sub(" ", text).strip()


def repair_name(raw: str) -> str:
    """The entry's `clean_name` with trailing ';,.:' stripped ('U.S.A.' keeps its dot)."""
    text = clean_name(raw)
    return text if _INITIALS_END.search(text) else _TRAILING_PUNCTUATION.sub("", text)


def fold_word(word: str) -> str:
    """Case-folded word without apostrophes ('Workers’' -> 'workers')."""
    return re.sub(r"['’ʼ]", "", word.casefold())


def _is_party_noun(folded: str) -> bool:
    return folded in _PARTY_NOUNS or folded.startswith(_PARTY_NOUN_PREFIXES) or _ARABIC_NOUN in folded


def _is_party_stem(folded: str) -> bool:
    return folded.startswith(_PARTY_STEMS) or any(stem in folded for stem in _ARABIC_STEMS)


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word.upper() == word.lower()     # caseless scripts count as capitalised


def _is_acronym(token: str) -> bool:
    token = token.strip("()[],.;:")
    if not _ACRONYM.fullmatch(token) or token in _NOT_PARTY_ACRONYMS or is_country_name(token):
        return False
    letters = [ch for ch in token if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return upper >= 2 and upper * 2 >= len(letters) and len(token) <= 15


@lru_cache(maxsize=8192)
def looks_party_like(text: str) -> bool:
    """Does `text` read like a party's name ('Communist Party of Britain', 'AKEL, Cyprus', 'KKE')?
    Judged with look-alike letters repaired ('Pаrty' with a Cyrillic 'а' is 'Party'). Cached: list entries
    repeat from statement to statement (each is asked about twice per list, too)."""
    text = repair_lookalikes(text.strip())
    if not text or len(text) > 160 or text[-1] in "!?":
        return False
    party, _ = split_country(text)
    words = _WORD.findall(party)
    if not words or len(words) > 18:
        return False
    folded = [fold_word(w) for w in words]
    if any(f in _SENTENCE_WORDS for f in folded):
        return False
    content = [w for w, f in zip(words, folded, strict=True) if f not in _STOPWORDS]
    if not content or not _capitalised(content[0]):
        return False
    has_noun = any(map(_is_party_noun, folded))
    if has_noun and len(words) <= 8:
        return True
    if has_noun or any(map(_is_party_stem, folded)):
        return sum(map(_capitalised, content)) * 2 >= len(content)
    tokens = party.split()
    if party.isupper() and len(tokens) > 1:        # shouted slogans are not acronyms
        return False
    return len(content) <= 4 and any(map(_is_acronym, tokens))
