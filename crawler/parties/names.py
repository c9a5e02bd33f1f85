"""Party name cleaning (look-alike letters, U+FFFD, white space) and the matching key."""

from __future__ import annotations

import re
import unicodedata

from crawler.parties.countries import fold

# Greek and Cyrillic letters drawn like Latin ones, as they slip into Latin words.
_LOOKALIKES = str.maketrans(
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνρυχ" "АВЕКМНОРСТХУЅІЈаеорсухѕіјһԁԛԝ",
    "ABEZHIKMNOPTYXoikvpux" "ABEKMHOPCTXYSIJaeopcyxsijhdqw",
)
_LOOKALIKE_SET = frozenset(chr(code) for code in _LOOKALIKES)
_WORD = re.compile(r"[^\W\d_]+")
# `Worker�s`, `Workers� Party`: a lost apostrophe (a contraction, or the plural possessive)
_APOSTROPHE_FFFD = re.compile(r"(?<=[^\W\d_])\uFFFD(?=(?:s|t|d|m|ll|re|ve)\b)|(?<=[^\W\d_]s)\uFFFD(?=\s)")
_OUTER = " \t\r\n-–—‐•*·;:,"
_EXPANSIONS = {"cp": "communist party", "wp": "workers party", "ncp": "new communist party"}
_DROPPED = frozenset({"the"})
_SPELLED_OUT = re.compile(r"\b(?:\w )+\w\b")  # 'c p', 'u s a' from 'C.P.', 'U.S.A.'


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def repair_lookalikes(text: str) -> str:
    """Replace Greek/Cyrillic look-alikes inside Latin words (and in all-look-alike words of Latin text)."""
    letters = [char for char in text if char.isalpha()]
    latin_text = sum(map(_is_latin, letters)) > len(letters) / 2

    def repair(match: re.Match[str]) -> str:
        word = match.group()
        has_latin = any(map(_is_latin, word))
        only_lookalikes = all(_is_latin(char) or char in _LOOKALIKE_SET for char in word)
        if has_latin or (latin_text and only_lookalikes):
            return word.translate(_LOOKALIKES)
        return word

    return _WORD.sub(repair, text)


def clean_name(text: str) -> str:
    """Display form: NFC, look-alikes repaired, U+FFFD read as a lost apostrophe or dropped, spaces collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = _APOSTROPHE_FFFD.sub("'", repair_lookalikes(text)).replace("\uFFFD", "")
    return " ".join(text.split()).strip(_OUTER)


def name_key(text: str) -> str:
    """Matching key of `clean_name`: folded, 'C.P.' joined, 'CP'/'WP'/'NCP' expanded, 'the' dropped."""
    folded = fold(clean_name(text).replace("&", " and "))
    folded = _SPELLED_OUT.sub(lambda match: match.group().replace(" ", ""), folded)
    words = (_EXPANSIONS.get(word, word) for word in folded.split() if word not in _DROPPED)
    return " ".join(words)
