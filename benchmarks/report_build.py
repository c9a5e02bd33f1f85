"""Report build time and size: `build_report` on the exports of a real sample-site crawl, and on a
synthetic copy of those exports scaled to `--statements` statements.

The sample site is crawled (statements, then events) by the real `scrapy crawl` into a temp folder.
The scaled copy repeats every statement with a new id, URL and title (dates, bodies and signatory
lists kept), spreads their `first_seen` over the two years before the last run (so the last 30 days
hold a realistic share of changes, and one in twenty copies gains a signatory in a later run), and
multiplies the parties' counts. Each build is timed in this process after a warm-up build (which
pays the imports, shown apart); the bare figure is reading the same exports (JSON parsing only).

    .venv/bin/python benchmarks/report_build.py [--statements N] [--rounds R]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.sample_site.server import SampleServer  # noqa: E402
from tests.crawl_support import crawl_command  # noqa: E402

FILES = ("statements", "signatories", "parties", "events", "runs")


def crawl_sample(workdir: Path) -> Path:
    with SampleServer() as server:
        for spider in ("statements", "events"):
            command = crawl_command(spider, server.url, workdir, "-s", "LOG_LEVEL=ERROR", "-s", "RUN_SUMMARY=False")
            subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return workdir / "exports"


def write_lines(path: Path, records: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def scaled_copy(exports: Path, target: Path, statements: int) -> Path:
    """The exports with every statement repeated up to `statements` statements (see the module's docstring)."""
    from crawler.files import read_jsonl

    target.mkdir(parents=True)
    originals = read_jsonl(exports / "statements.jsonl")
    runs = read_jsonl(exports / "runs.jsonl")
    last = datetime.fromisoformat(runs[-1]["started_at"])
    copies = []
    for n in range(statements):
        source, k = originals[n % len(originals)], n // len(originals)
        copy = json.loads(json.dumps(source))
        if k:
            copy["id"] = f"{source['id']}{k:04d}"
            copy["url"] = source["url"].rstrip("/") + f"-copy-{k}/"
            copy["title"] = f"{source['title']} ({k})"
        seen = (last - timedelta(hours=(n * 17) % (2 * 365 * 24))).isoformat(timespec="seconds")
        later = (datetime.fromisoformat(seen) + timedelta(days=3)).isoformat(timespec="seconds")
        grows = n % 20 == 0 and later <= last.isoformat()
        for field in ("first_seen", "last_changed", "last_seen"):
            copy[field] = seen
        for position, entry in enumerate(copy["signatories"]):
            entry["first_seen"] = later if grows and position == len(copy["signatories"]) - 1 else seen
        if grows:
            copy["last_changed"] = later
        copies.append(copy)
    write_lines(target / "statements.jsonl", sorted(copies, key=lambda s: s["id"]))
    factor = statements / len(originals)
    parties = read_jsonl(exports / "parties.jsonl")
    for party in parties:
        party["statements_signed"] = round(party["statements_signed"] * factor)
    write_lines(target / "parties.jsonl", parties)
    for name in ("signatories", "events", "runs"):   # signatories.jsonl is not read by the report
        shutil.copy(exports / f"{name}.jsonl", target / f"{name}.jsonl")
    return target


def timed(action: Callable[[], Any], rounds: int) -> tuple[float, float]:
    """The median wall time and the median CPU time of this process, over `rounds` calls."""
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def measure(label: str, exports: Path, rounds: int) -> None:
    from crawler.report import build_report
    from crawler.report.loader import load_exports

    count = sum(1 for _ in (exports / "statements.jsonl").open(encoding="utf-8"))
    first, first_cpu = timed(lambda: build_report(exports), 1)
    (build, build_cpu), (load, load_cpu) = timed(lambda: build_report(exports), rounds), timed(lambda: load_exports(exports), rounds)
    page = exports / "report" / "index.html"
    feed = exports / "changes.atom"
    exports_size = sum((exports / f"{name}.jsonl").stat().st_size for name in FILES)
    print(f"{label}: {count:,} statements, exports {exports_size / 1e6:.1f} MB")
    print(f"  build_report   median {build:.2f} s wall, {build_cpu:.2f} s CPU over {rounds} builds"
          f" (first build of the process {first:.2f} s wall, {first_cpu:.2f} s CPU, with the imports)")
    print(f"  bare read      median {load:.2f} s wall, {load_cpu:.2f} s CPU (load_exports: JSON parsing only);"
          f" build / read = {build_cpu / load_cpu:.1f}x in CPU")
    print(f"  report         index.html {page.stat().st_size / 1e3:,.0f} kB; changes.atom {feed.stat().st_size / 1e3:,.0f} kB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        exports = crawl_sample(Path(temp) / "crawl")
        measure("sample site", exports, args.rounds)
        measure("scaled copy", scaled_copy(exports, Path(temp) / "scaled", args.statements), args.rounds)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (both builds): {peak:.0f} MiB; load average then {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
