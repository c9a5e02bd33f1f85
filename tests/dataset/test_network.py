"""cosignature_pairs and texts: pairs of parties counted per text (a translation group once), live statements only."""

from __future__ import annotations

from typing import Any

from crawler.dataset.network import Pair, cosignature_pairs, texts, texts_signed


def statement(sid: str, parties: list[str], *, date: str = "2020-05-01", removed: bool = False, initiator: str | None = None) -> dict[str, Any]:
    return {
        "id": sid, "posted_at": f"{date}T10:00:00", "dateline": None, "removed_at": "2024-01-01T00:00:00+00:00" if removed else None,
        "initiators": [{"raw": initiator, "name": initiator, "party_id": initiator}] if initiator else [],
        "signatories": [{"position": i, "raw": p or "someone", "name": p or "someone", "party_id": p} for i, p in enumerate(parties, 1)],
    }


def test_pairs_count_texts_and_their_years() -> None:
    records = [statement("s1", ["a", "b", "c"], date="2001-01-01"), statement("s2", ["b", "a"], date="2010-06-01")]
    assert cosignature_pairs(records, {"s1": "s1", "s2": "s2"}) == [
        Pair("a", "b", 2, 2001, 2010), Pair("a", "c", 1, 2001, 2001), Pair("b", "c", 1, 2001, 2001),
    ]


def test_a_translation_group_counts_once_and_removed_or_unresolved_entries_not_at_all() -> None:
    records = [
        statement("en", ["a", "b"], date="2005-01-01"), statement("es", ["a", "b"], date="2005-01-01"),
        statement("gone", ["a", "b"], removed=True), statement("s3", ["a", None], initiator="c"),
    ]
    groups = {"en": "en", "es": "en", "gone": "gone", "s3": "s3"}
    assert cosignature_pairs(records, groups) == [Pair("a", "b", 1, 2005, 2005), Pair("a", "c", 1, 2020, 2020)]
    assert texts_signed(texts(records, groups)) == {"a": 2, "b": 1, "c": 1}


def test_groups_default_to_the_translation_function() -> None:
    assert [p.weight for p in cosignature_pairs([statement("s1", ["a", "b"]), statement("s2", ["a", "b"])])] == [2]
