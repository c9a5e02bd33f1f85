"""`scrapy crawl`, with a lock against overlapping runs and an exit code that says how the run went."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from ..context import Status, current_context
from ..lock import RunLock

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_DEGRADED = 3
EXIT_FAILED = 4
EXIT_LOCKED = 75   # EX_TEMPFAIL: another run of the spider is still going

EXIT_CODES = {Status.OK: EXIT_OK, Status.DEGRADED: EXIT_DEGRADED, Status.FAILED: EXIT_FAILED}
SEVERITY = (EXIT_OK, EXIT_DEGRADED, EXIT_LOCKED, EXIT_FAILED)   # a lock held is a passing trouble; a failure is not


def worst_exit(codes: list[int]) -> int:
    """The exit status of several runs: the most severe (bin/nightly ranks the same way)."""
    return max(codes, key=lambda code: SEVERITY.index(code) if code in SEVERITY else len(SEVERITY), default=EXIT_OK)


class Command(ScrapyCrawl):
    def long_desc(self) -> str:
        return (
            "Run a spider. Exit codes: 0 ok, 3 degraded beyond thresholds, 4 failed "
            "(exports left as they were), 75 another run of the spider holds the lock."
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give one spider: statements or events")
        assert self.settings is not None and self.crawler_process is not None
        name = args[0]
        lock = RunLock(Path(self.settings.get("STATE_DIR")) / f"{name}.lock")
        if not lock.acquire():
            print(f"solidnet-crawler: another '{name}' run holds {lock.path}; not starting.", file=sys.stderr)
            self.exitcode = EXIT_LOCKED
            return
        try:
            crawler = self._create_crawler(name)
            self.crawler_process.crawl(crawler, **opts.spargs)
            self.crawler_process.start()
        finally:
            lock.release()
        context = current_context(crawler)
        if self.crawler_process.bootstrap_failed or context is None:
            self.exitcode = EXIT_FAILED
            return
        self.exitcode = EXIT_CODES.get(context.status or Status.FAILED, EXIT_FAILED)
        derived: list[Path] | None = None
        if context.published and self.settings.getbool("DERIVED_OUTPUTS"):
            built, derived = build_outputs(context.exports_dir)
            if not built:
                self.exitcode = worst_exit([self.exitcode, EXIT_DEGRADED])
        if self.settings.getbool("RUN_SUMMARY"):
            from ..terminal import print_summary

            print_summary(context.run_id, context.exports_dir, derived)


def build_outputs(exports_dir: Path) -> tuple[bool, list[Path]]:
    """What is made from the published exports: the dataset files (SQLite, CSV, data package, network), then
    the report and its feed. Returns whether all of it was built, and the paths written. A failure is logged
    with its cause; the JSON Lines exports stand, and what could not be built stays as it was."""
    from ..dataset import build_derived
    from ..dataset.rows import Dataset
    from ..report import build_after_run
    from ..report.loader import exports_of

    data = None
    try:
        data = Dataset.read(exports_dir)   # read once, for the dataset files and the report alike
        written: list[Path] | None = build_derived(exports_dir, data)
    except Exception:
        logger.exception("solidnet-crawler: the derived outputs (SQLite, CSV, network) could not be built from %s", exports_dir)
        written = None
    report = build_after_run(exports_dir, exports_of(data.records) if data is not None else None)
    return written is not None and report is not None, [*(written or ()), *(report or ())]
