"""The main job on the bundled sample site: serve it on a loopback port, crawl statements and events, write exports/.

`python -m crawler.demo` (what `make demo` runs); no internet needed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from .commands.crawl import worst_exit
from .dataset import OUTPUTS
from .files import read_jsonl
from .sample_site.server import SampleServer
from .terminal import summary

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--exports", type=Path, default=ROOT / "exports")
    parser.add_argument("--state", type=Path, default=ROOT / "state" / "sample-site")
    args = parser.parse_args()
    codes = []
    with SampleServer() as server:
        print(f"sample site at {server.url}", flush=True)
        for spider in ("statements", "events"):
            command = [
                sys.executable, "-m", "scrapy", "crawl", spider,
                "-s", f"SOLIDNET_URL={server.url}",
                "-s", f"EXPORTS_DIR={args.exports}",
                "-s", f"STATE_DIR={args.state}",
                "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING",
                "-s", "RUN_SUMMARY=False",   # one summary of both runs at the end
                "-s", "DERIVED_OUTPUTS=False",   # built once, after both runs
            ]
            code = subprocess.run(command, cwd=ROOT, check=False).returncode
            print(f"{spider}: exit {code}", flush=True)
            codes.append(code)
    build = [sys.executable, "-m", "scrapy", "build", "-s", f"EXPORTS_DIR={args.exports}", "-s", "LOG_LEVEL=WARNING"]
    code = subprocess.run(build, cwd=ROOT, check=False, stdout=subprocess.DEVNULL).returncode
    print(f"build: exit {code}", flush=True)
    codes.append(code)
    for name in ("statements", "signatories", "parties", "events", "runs"):
        path = args.exports / f"{name}.jsonl"
        lines = sum(1 for _ in path.open(encoding="utf-8")) if path.exists() else 0
        print(f"{path}: {lines} lines")
    for name in OUTPUTS:
        path = args.exports / name
        print(f"{path}: {path.stat().st_size if path.exists() else 'missing'} bytes")
    runs = {run["spider"]: run for run in read_jsonl(args.exports / "runs.jsonl")}   # the last run of each spider
    report, feed = args.exports / "report" / "index.html", args.exports / "changes.atom"
    print()
    print(summary([runs[s] for s in ("statements", "events") if s in runs], args.exports,
                  report if report.exists() else None, feed if feed.exists() else None))
    return worst_exit(codes)


if __name__ == "__main__":
    sys.exit(main())
