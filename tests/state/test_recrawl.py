"""The recrawl policy and the content hash."""

from __future__ import annotations

import copy
import itertools
from datetime import datetime

import pytest

from crawler.records import content_hash
from crawler.recrawl import RecrawlPolicy
from crawler.timefields import TIME_FIELDS
from crawler.urls import page_id

NOW = datetime(2025, 6, 1, 12, 0)
OLD = "2010-01-01T00:00:00"
IDS = [page_id(f"/article/statement-{n}/") for n in range(200)]


def test_full_undated_and_recent_statements_are_due_every_run() -> None:
    policy = RecrawlPolicy(recent_days=60, recheck_runs=30)
    for statement_id in IDS[:20]:
        assert RecrawlPolicy(60, 30, full=True).is_due(statement_id, OLD, 5, 5, NOW)
        assert policy.is_due(statement_id, None, 5, 5, NOW)
        assert policy.is_due(statement_id, "2025-05-01T10:00:00", 5, 5, NOW)
        assert policy.is_due(statement_id, "2025-07-01T10:00:00", 5, 5, NOW)   # dated after now


def test_a_huge_recent_window_makes_every_dated_statement_due() -> None:
    policy = RecrawlPolicy(recent_days=100_000_000, recheck_runs=30)
    assert all(policy.is_due(i, "1901-01-01T00:00:00", 7, 7, NOW) for i in IDS)


def test_old_statements_are_due_once_per_cycle_when_checked_each_time_they_are_due() -> None:
    recheck = 7
    policy = RecrawlPolicy(recent_days=60, recheck_runs=recheck)
    checked = dict.fromkeys(IDS, 1)
    due_runs: dict[str, list[int]] = {i: [] for i in IDS}
    for run in range(2, 2 + 5 * recheck):
        for statement_id in IDS:
            if policy.is_due(statement_id, OLD, checked[statement_id], run, NOW):
                due_runs[statement_id].append(run)
                checked[statement_id] = run
    for runs in due_runs.values():
        assert runs[0] < 2 + recheck
        assert all(b - a == recheck for a, b in itertools.pairwise(runs))
    per_run = [sum(run in runs for runs in due_runs.values()) for run in range(2 + recheck, 2 + 2 * recheck)]
    assert max(per_run) < 2 * len(IDS) / recheck, per_run   # spread, not all at once


def test_an_old_statement_not_checked_for_a_whole_cycle_is_due() -> None:
    policy = RecrawlPolicy(recent_days=60, recheck_runs=10)
    assert all(policy.is_due(i, OLD, 3, 13, NOW) for i in IDS)


def test_recheck_runs_must_be_positive() -> None:
    with pytest.raises(ValueError):
        RecrawlPolicy(recent_days=60, recheck_runs=0)


RECORD = {
    "id": "abc",
    "title": "Joint statement",
    "body": "We, the undersigned ...",
    "signatories": [
        {"position": 1, "name": "Communist Party of Greece", "party_id": "kke", "first_seen": "2024-01-01T00:00:00+00:00"},
    ],
    "crawled_at": "2024-01-01T00:00:00+00:00",
    "first_seen": "2024-01-01T00:00:00+00:00",
    "last_seen": "2024-01-01T00:00:00+00:00",
    "last_changed": "2024-01-01T00:00:00+00:00",
    "removed_at": None,
}


def test_the_hash_is_blind_to_time_fields() -> None:
    later = copy.deepcopy(RECORD)
    for field in TIME_FIELDS:
        later[field] = "2025-02-02T00:00:00+00:00"
    later["signatories"][0]["first_seen"] = "2025-02-02T00:00:00+00:00"
    assert content_hash(later) == content_hash(RECORD)


def test_the_hash_sees_a_new_signatory_and_a_changed_body() -> None:
    more = copy.deepcopy(RECORD)
    more["signatories"].append({"position": 2, "name": "Portuguese Communist Party", "party_id": "pcp"})
    edited = {**RECORD, "body": RECORD["body"] + "."}
    assert len({content_hash(RECORD), content_hash(more), content_hash(edited)}) == 3
