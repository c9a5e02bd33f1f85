"""Party name -> registry party: exact key, parts and acronyms, country hint, then guarded fuzzy matching.

A name in Spanish, Portuguese, French or Russian is also tried in English words (`foreign.english_forms`):
exact matches of every form come before fuzzy ones."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from crawler.parties.countries import country_from_party_name, country_of, split_country
from crawler.parties.foreign import english_forms
from crawler.parties.names import clean_name, name_key
from crawler.parties.registry import Party, load_registry

FUZZY_CUTOFF = 85.0          # fuzz.ratio on whole keys
WORD_SIMILARITY = 0.75       # normalised Levenshtein similarity for a typo pair of words
_MIN_FUZZY_KEY = 8           # acronyms and short keys never match fuzzily
# Words that tell two parties apart: a differing one is never taken for a typo of another.
_QUALIFIERS = frozenset({
    "marxist", "leninist", "maoist", "ml", "uml", "unified", "united", "new", "revolutionary",
    "peoples", "workers", "socialist", "socialists", "communist", "communists", "labour", "labor",
    "democratic", "extraordinary", "congress", "in", "of", "and", "union", "front", "movement",
    "party", "parties", "national", "popular", "progressive", "left", "refoundation", "reconstruction",
})
_PAREN = re.compile(r"\s*\(([^()]*)\)")
# a two-word name ('Partido Comunista') is too generic to take a near spelling for another party's
_MIN_FUZZY_WORDS = 3
# One written form of a name: (name, party part, country hint as written, country of the hint).
_Form = tuple[str, str, str | None, tuple[str, str] | None]


@dataclass(frozen=True)
class Resolved:
    """A resolved (party_id set) or unresolved (party_id None) party name with its country."""

    name: str
    party_id: str | None
    country: str | None
    country_code: str | None


def _typo_pairs(query: list[str], candidate: list[str]) -> bool:
    """True when the words that differ pair up one to one as typos, none a different qualifier."""
    extra = list(candidate)
    missing = []
    for word in query:
        if word in extra:
            extra.remove(word)
        else:
            missing.append(word)
    if len(missing) != len(extra):
        return False
    for word in missing:
        scored = [(Levenshtein.normalized_similarity(word, other), other) for other in extra]
        similarity, partner = max(scored)
        if similarity < WORD_SIMILARITY or (word in _QUALIFIERS and partner in _QUALIFIERS):
            return False
        extra.remove(partner)
    return True


class PartyResolver:
    """Resolves party names against the registry; indexes are built once, results cached per instance."""

    def __init__(self, parties: Sequence[Party] | None = None) -> None:
        self.parties = list(load_registry() if parties is None else parties)
        self._by_id = {party.party_id: party for party in self.parties}
        self._exact: dict[str, str] = {}
        for party in self.parties:
            for alias in party.names:
                self._exact.setdefault(name_key(alias), party.party_id)
        self._fuzzy_keys = [key for key in self._exact if len(key) >= _MIN_FUZZY_KEY]
        self._cache: dict[tuple[str, str | None], Resolved] = {}

    @classmethod
    @cache
    def shared(cls, registry: str | None = None) -> PartyResolver:
        """One process-wide resolver over a registry CSV (`PARTY_REGISTRY`), by default the bundled one."""
        return cls(load_registry(Path(registry))) if registry else cls()

    def resolve(self, name: str, country_hint: str | None = None) -> Resolved:
        """Resolve a party name; unresolved names keep the cleaned input and a country from hint or name."""
        cache_key = (name, country_hint)
        if cache_key not in self._cache:
            self._cache[cache_key] = self._resolve(name, country_hint)
        return self._cache[cache_key]

    def _resolve(self, name: str, country_hint: str | None) -> Resolved:
        cleaned = clean_name(name)
        forms = [self._parts(form, country_hint) for form in (cleaned, *english_forms(cleaned))]
        party_id = self._match(forms)
        if party_id is not None:
            party = self._by_id[party_id]
            return Resolved(party.name, party.party_id, party.country, party.country_code)
        named = (country_from_party_name(form[0]) for form in forms)
        country = forms[0][3] or next(filter(None, named), None)
        return Resolved(cleaned, None, *(country or (None, None)))

    def _match(self, forms: list[_Form]) -> str | None:
        """Exact match of any written form (original first), else a fuzzy match of one, in the same order."""
        for form in forms:
            party_id = self._exact_match(self._variants(*form))
            if party_id is not None:
                return party_id
        for _, party_part, _, hint_country in forms:
            named = hint_country or country_from_party_name(party_part)
            party_id = self._fuzzy_match(name_key(party_part), named[1] if named else None)
            if party_id is not None:
                return party_id
        return None

    @staticmethod
    def _parts(written: str, country_hint: str | None) -> _Form:
        """A written form split into party part and country hint (a given hint wins over one in the name)."""
        party_part, split_hint = split_country(written)
        hint = country_hint or split_hint
        return written, party_part, hint, country_of(hint) if hint else None

    @staticmethod
    def _variants(
        cleaned: str, party: str, hint: str | None, hint_country: tuple[str, str] | None
    ) -> list[str]:
        """The name, an alias in its parentheses ('(KPRF)'), the party part alone and with the country."""
        variants = [cleaned, *_PAREN.findall(cleaned), party]
        for country in dict.fromkeys(filter(None, (hint, hint_country[0] if hint_country else None))):
            variants += [f"{party} ({country})", f"{party} of {country}"]
        return variants

    def _exact_match(self, variants: Iterable[str]) -> str | None:
        for variant in variants:
            party_id = self._exact.get(name_key(variant))
            if party_id is not None:
                return party_id
        return None

    def _fuzzy_match(self, key: str, country_code: str | None) -> str | None:
        """Best fuzzy candidate of a compatible country whose differing words are typos; None if ambiguous."""
        words = key.split()
        if len(key) < _MIN_FUZZY_KEY or len(words) < _MIN_FUZZY_WORDS:
            return None
        found: dict[str, float] = {}
        for candidate, score, _ in process.extract(
            key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=10
        ):
            party = self._by_id[self._exact[candidate]]
            if country_code and party.country_code and party.country_code != country_code:
                continue
            if _typo_pairs(words, candidate.split()):
                found[party.party_id] = max(score, found.get(party.party_id, 0.0))
        ranked = sorted(found.items(), key=lambda item: -item[1])
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]
