"""The recrawl policy: which known statements a run fetches again, and what counts as a change."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

TIME_FIELDS = ("crawled_at", "first_seen", "last_seen", "last_changed", "removed_at")
NOT_CONTENT = (*TIME_FIELDS, "capture")   # where the page is archived is no part of what it says


@dataclass(frozen=True)
class RecrawlPolicy:
    """Recent statements every run; older ones on a rolling schedule; everything when `full`."""

    recent_days: int
    recheck_runs: int
    full: bool = False

    def __post_init__(self) -> None:
        if self.recheck_runs < 1:
            raise ValueError(f"RECHECK_RUNS must be at least 1, not {self.recheck_runs}")

    def is_due(self, statement_id: str, posted_at: str | None, checked_run: int, run: int, now: datetime) -> bool:
        """Whether run number `run` fetches a known statement again (conditionally unless `full`).

        Due: on a full recrawl; when the page gives no date; when posted within `recent_days` of `now`
        (naive, like `posted_at`); when not checked for `recheck_runs` runs; and in the one run of each
        cycle of `recheck_runs` runs that the id's slot picks, which spreads old pages evenly.
        """
        if self.full or posted_at is None:
            return True
        if now - datetime.fromisoformat(posted_at).replace(tzinfo=None) <= timedelta(days=self.recent_days):
            return True
        if run - checked_run >= self.recheck_runs:
            return True
        return int(statement_id[:8], 16) % self.recheck_runs == run % self.recheck_runs


def content_hash(record: dict[str, Any]) -> str:
    """A hash of what was extracted, blind to the time fields (also each signatory's `first_seen`) and the capture."""
    stable = {k: v for k, v in record.items() if k not in NOT_CONTENT}
    stable["signatories"] = [{k: v for k, v in s.items() if k != "first_seen"} for s in record.get("signatories", [])]
    raw = json.dumps(stable, ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()
