"""The recrawl policy: which known statements a run fetches again, and what counts as a change."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

TIME_FIELDS = ("crawled_at", "first_seen", "last_seen", "last_changed", "removed_at")


@dataclass(frozen=True)
class RecrawlPolicy:
    """Recent statements every run; older ones on a rolling schedule; everything when `full`."""

    recent_days: int
    recheck_runs: int
    full: bool = False

    def is_due(self, statement_id: str, posted_at: str | None, checked_run: int, run: int, now: datetime) -> bool:
        if self.full or posted_at is None:
            return True
        if datetime.fromisoformat(posted_at) >= now - timedelta(days=self.recent_days):
            return True
        if run - checked_run >= self.recheck_runs:
            return True
        # spread the older pages evenly over the runs of one cycle
        return int(statement_id[:8], 16) % self.recheck_runs == run % self.recheck_runs


def content_hash(record: dict[str, Any]) -> str:
    """A hash of what was extracted, blind to the time fields."""
    stable = {k: v for k, v in record.items() if k not in TIME_FIELDS}
    stable["signatories"] = [{k: v for k, v in s.items() if k != "first_seen"} for s in record.get("signatories", [])]
    raw = json.dumps(stable, ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()
