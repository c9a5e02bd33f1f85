"""The Recrawl component: every recrawl decision of a run, against a real state store."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.items import Carry, Statement
from crawler.recrawl import Fetch, Recrawl, RecrawlPolicy
from crawler.state import KEEP_LINES, StateStore, StoredRow
from crawler.urls import page_id

NOW = datetime(2025, 6, 1, 12, 0)
BASE = "https://www.solidnet.org"


def stored(store: StateStore, slug: str, posted_at: str | None, *, removed_at: str | None = None, etag: str | None = '"e1"') -> str:
    url = f"{BASE}/article/{slug}/"
    record: dict[str, Any] = {
        "id": page_id(url), "url": url, "title": slug, "posted_at": posted_at, "categories": [], "body": "text",
        "dateline": None, "initiators": [], "signatories": [{"raw": "KKE", "group": None}], "duplicates_dropped": 0,
        "template": "apollo", "removed_at": removed_at,
    }
    store.save(StoredRow(page_id(url), url, posted_at, "hash", etag, "Mon, 01 Jan 2024 00:00:00 GMT", 1), record, KEEP_LINES)
    return url


@pytest.fixture
def state(tmp_path: Path) -> StateStore:
    store = StateStore(tmp_path)
    yield store
    store.close()


def recrawl(state: StateStore, full: bool = False) -> tuple[Recrawl, Counter[str]]:
    counts: Counter[str] = Counter()
    return Recrawl(state, RecrawlPolicy(60, 30, full), 2, NOW, lambda key: counts.update([key])), counts


def test_new_and_recent_statements_are_fetched_old_ones_carried_over(state: StateStore) -> None:
    old = stored(state, "old", "2010-01-01T00:00:00")
    recent = stored(state, "recent", "2025-05-30T00:00:00")
    decide, counts = recrawl(state)
    new = decide.discovered(f"{BASE}/article/new/")
    assert isinstance(new, Fetch) and new.headers == {}
    due = decide.discovered(recent)
    assert isinstance(due, Fetch) and due.headers == {"If-None-Match": '"e1"', "If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"}
    carried = decide.discovered(old)
    assert isinstance(carried, Statement) and carried.carried is Carry.NOT_DUE
    assert carried.extracted is None   # its record is built from the stored one
    assert carried.previous is not None and carried.previous["title"] == "old"
    assert [e["raw"] for e in carried.previous["signatories"]] == ["KKE"]
    assert decide.discovered(old) is None, "decided twice"
    assert counts == {"incremental/not_due": 1, "incremental/requests_saved": 1}


def test_a_full_recrawl_fetches_everything_unconditionally(state: StateStore) -> None:
    old = stored(state, "old", "2010-01-01T00:00:00")
    decide, _ = recrawl(state, full=True)
    fetch = decide.discovered(old)
    assert isinstance(fetch, Fetch) and fetch.headers == {}


def test_a_removed_statement_is_fetched_it_may_be_back(state: StateStore) -> None:
    gone = stored(state, "gone", "2010-01-01T00:00:00", removed_at="2024-01-01T00:00:00+00:00")
    decide, _ = recrawl(state)
    assert isinstance(decide.discovered(gone), Fetch)


def test_unseen_statements_are_rechecked_or_kept_when_discovery_was_incomplete(state: StateStore) -> None:
    stored(state, "unseen", "2010-01-01T00:00:00")
    stored(state, "removed", "2010-01-01T00:00:00", removed_at="2024-01-01T00:00:00+00:00")
    decide, _ = recrawl(state)
    fetches, carried = decide.unseen(discovery_complete=True)
    assert [f.url for f in fetches] == [f"{BASE}/article/unseen/"]
    assert [(c.url, c.carried) for c in carried] == [(f"{BASE}/article/removed/", Carry.GONE)]
    again, _ = recrawl(state)
    fetches, carried = again.unseen(discovery_complete=False)
    assert fetches == [] and sorted(c.carried for c in carried) == [Carry.GONE, Carry.UNSEEN]


def test_requests_never_answered_are_lost_and_carried_over(state: StateStore) -> None:
    known = stored(state, "known", "2025-05-30T00:00:00")
    answered = stored(state, "answered", "2025-05-30T00:00:00")
    decide, _ = recrawl(state)
    for url in (known, answered, f"{BASE}/article/new/"):
        assert isinstance(decide.discovered(url), Fetch)
    not_modified = decide.answered(page_id(answered), Carry.NOT_MODIFIED)
    assert not_modified is not None and not_modified.carried is Carry.NOT_MODIFIED
    decide.dropped[page_id(known)] = "the duplicate filter dropped it"
    lost = {item.url: item for item in decide.lost()}
    assert set(lost) == {known, f"{BASE}/article/new/"}
    assert lost[known].reason == "the duplicate filter dropped it"
    assert lost[known].statement is not None and lost[known].statement.carried is Carry.FAILED
    assert lost[f"{BASE}/article/new/"].statement is None
    assert list(decide.lost()) == [], "lost twice"
