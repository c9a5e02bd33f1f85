"""Speed of the derived outputs (SQLite, CSV + data package, network) against reading the exports they come from.

Crawls a scaled copy of the sample site once (`--statements`, as in crawl_site.py), then, in this process, times
`--rounds` times each: parsing the JSON Lines exports alone (the baseline), and `build_derived` whole and by
stage. Prints medians, the ratio to the baseline, peak RSS of this process and the size of every output.

    .venv/bin/python benchmarks/derived_outputs.py [--statements N] [--rounds N]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawl_site import build_content  # noqa: E402  (this folder is on sys.path when run as a script)

from crawler.dataset import OUTPUTS, build_derived  # noqa: E402
from crawler.dataset.datapackage import write_datapackage  # noqa: E402
from crawler.dataset.network import write_network  # noqa: E402
from crawler.dataset.rows import Dataset  # noqa: E402
from crawler.dataset.sqlite import write_database  # noqa: E402
from crawler.dataset.tables import TABLES  # noqa: E402
from crawler.files import read_jsonl  # noqa: E402
from crawler.sample_site.server import SampleServer  # noqa: E402
from tests.crawl_support import crawl_command  # noqa: E402


def median_time(work: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=1200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        articles, _events = build_content(folder / "content", args.statements, 0)
        with SampleServer(folder / "content") as server:
            command = crawl_command("statements", server.url, folder / "work")
            subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        exports = folder / "work" / "exports"
        statements = len(read_jsonl(exports / "statements.jsonl"))
        print(f"{articles} article files served, {statements} statements exported")

        def parse() -> None:
            for table in TABLES:
                read_jsonl(exports / table.source)

        data = Dataset.read(exports)
        baseline = median_time(parse, args.rounds)
        figures = {
            "read exports + translation groups + texts": median_time(lambda: Dataset.read(exports), args.rounds),
            "solidnet.sqlite": median_time(lambda: write_database(exports, data), args.rounds),
            "CSV + datapackage.json": median_time(lambda: write_datapackage(exports, data), args.rounds),
            "GraphML + GEXF": median_time(lambda: write_network(exports, data.parties, data.texts), args.rounds),
            "build_derived (all)": median_time(lambda: build_derived(exports), args.rounds),
        }
        print(f"baseline: parsing the JSON Lines exports {baseline * 1000:.0f} ms (median of {args.rounds})")
        for name, seconds in figures.items():
            print(f"{name:45} {seconds * 1000:8.0f} ms  {seconds / baseline:6.1f} x baseline")
        print(f"per statement (build_derived): {figures['build_derived (all)'] / statements * 1000:.2f} ms")
        print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
        for name in OUTPUTS:
            print(f"{name:25} {(exports / name).stat().st_size / 1024:9.0f} KiB")


if __name__ == "__main__":
    main()
