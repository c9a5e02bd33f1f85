"""`python -m crawler.dataset [EXPORTS_DIR]`: rebuild the derived outputs from the JSON Lines exports (default exports/).

Exit status: 0 built, 1 the build failed (logged), 2 no exports there."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import build_derived
from .tables import TABLES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.dataset", description=__doc__)
    parser.add_argument("exports_dir", nargs="?", type=Path, default=Path("exports"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if not any((args.exports_dir / table.source).exists() for table in TABLES):
        print(f"no JSON Lines exports in {args.exports_dir}: nothing to build from", file=sys.stderr)
        return 2
    try:
        written = build_derived(args.exports_dir)
    except Exception:
        logging.getLogger("crawler.dataset").exception("could not build the derived outputs in %s", args.exports_dir)
        return 1
    for path in written:
        print(f"{path}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
