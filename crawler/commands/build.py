"""`scrapy build`: the dataset files, the report and its feed, made from the JSON Lines exports in EXPORTS_DIR.

`bin/nightly` and `make demo` run it once after both crawls (which then skip it: `-s DERIVED_OUTPUTS=False`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand

from .crawl import EXIT_DEGRADED, EXIT_OK, build_outputs


class Command(ScrapyCommand):
    requires_project = True

    def syntax(self) -> str:
        return ""

    def short_desc(self) -> str:
        return "Build the SQLite, CSV, network files, report and feed from the exports"

    def long_desc(self) -> str:
        return (
            "Rebuild every output made from the JSON Lines exports in EXPORTS_DIR: solidnet.sqlite, the CSV "
            "files and datapackage.json, the co-signature network, report/index.html and changes.atom. "
            "Exit codes: 0 built, 3 something could not be built (logged; what was there is kept), "
            "2 no exports to build from."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-a", dest="spargs", action="append", default=[], metavar="NAME=VALUE",
                            help="accepted for bin/nightly, which passes the same arguments to every step; not used")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        exports_dir = Path(self.settings.get("EXPORTS_DIR"))
        if not (exports_dir / "statements.jsonl").exists() and not (exports_dir / "events.jsonl").exists():
            print(f"solidnet-crawler: no JSON Lines exports in {exports_dir}: nothing to build from", file=sys.stderr)
            self.exitcode = 2
            return
        built, paths = build_outputs(exports_dir)
        self.exitcode = EXIT_OK if built else EXIT_DEGRADED
        for path in paths:
            print(f"{path}: {path.stat().st_size:,} bytes")
