"""`python -m crawler.report EXPORTS_DIR`: build the report and the feed from the exports in EXPORTS_DIR."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .build import build_report


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.report", description=__doc__)
    parser.add_argument("exports_dir", type=Path, nargs="?", default=Path("exports"), help="the exports folder (default: exports)")
    args = parser.parse_args()
    if not (args.exports_dir / "statements.jsonl").exists():
        print(f"{args.exports_dir}: no statements.jsonl here; run a crawl first", file=sys.stderr)
        return 2
    started = time.perf_counter()
    paths = build_report(args.exports_dir)
    print(f"built in {time.perf_counter() - started:.2f} s:")
    for path in paths:
        print(f"  {path}  ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
