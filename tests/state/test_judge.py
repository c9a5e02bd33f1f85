"""The run verdict: ok, degraded or failed, and why."""

from __future__ import annotations

from crawler.runrecord import COUNTS, Thresholds, judge


def counts(**given: int) -> dict[str, int]:
    return dict.fromkeys(COUNTS, 0) | given


def verdict(finish: str = "finished", **given: int) -> tuple[str, str | None]:
    return judge("statements", finish, counts(**given), Thresholds(errors=0.2, untitled=0.2, undated=0.25))


def test_a_clean_run_is_ok() -> None:
    assert verdict(pages=40, items=37, new=37) == ("ok", None)


def test_an_unfinished_or_empty_run_fails() -> None:
    assert verdict("shutdown", pages=40, items=37)[0] == "failed"
    assert verdict(pages=0, items=0)[0] == "failed"
    assert verdict(pages=3, items=0)[0] == "failed"


def test_a_run_that_only_found_removals_or_kept_records_fails() -> None:
    status, why = verdict(pages=40, items=37, removed=30, gone=2, kept=5)
    assert status == "failed" and why is not None and "no statements found" in why
    assert verdict(pages=40, items=37, removed=36, unchanged=1)[0] == "ok"


def test_too_many_errors_or_untitled_pages_degrade() -> None:
    assert verdict(pages=10, items=10, errors=2)[0] == "ok"
    assert verdict(pages=10, items=10, errors=2, invalid=1)[0] == "degraded"
    assert verdict(pages=10, items=10, read=10, untitled=2)[0] == "ok"
    assert verdict(pages=10, items=10, read=10, untitled=3) == ("degraded", "30% of statement pages had no title (limit 20%)")


def test_too_many_undated_pages_degrade() -> None:
    assert verdict(pages=10, items=10, read=8, undated=2)[0] == "ok"
    assert verdict(pages=10, items=10, read=8, undated=3) == ("degraded", "38% of statement pages had no date (limit 25%)")


def test_forbidden_lists_degrade() -> None:
    status, why = verdict(pages=10, items=10, read=10, lists_forbidden=2)
    assert status == "degraded" and why is not None and "robots.txt forbids 2 list request(s)" in why
