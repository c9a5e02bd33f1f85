"""Golden exports of the sample site: a crawl's exports with the time fields, the captures (where the archive
holds each page: a new record id every run) and the server's address blanked.

The test (`tests/integration/test_golden_exports.py`) crawls the bundled sample site and compares
its exports with the files in `tests/golden/`. After a change meant to alter the exports,
regenerate them with one command and review the diff:

    .venv/bin/python -m tests.golden_exports
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from crawler.sample_site.server import SampleServer
from crawler.timefields import TIME_FIELDS
from tests.crawl_support import run_crawl

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
SITE = "http://sample.test"   # stands for the server's address, which changes from run to run
EXPORTS = {"statements": ("statements.jsonl", "signatories.jsonl", "parties.jsonl"), "events": ("events.jsonl",)}
TIME_VALUES = re.compile('"(' + "|".join((*TIME_FIELDS, "capture")) + r')": (?:"[^"]*"|null|\{[^{}]*\})')


def without_times(text: str) -> str:
    """An export's text with every time field's and capture's value replaced by `_`."""
    return TIME_VALUES.sub(r'"\1": _', text)


def blanked(text: str, base_url: str) -> str:
    """An export's text with every time field's and capture's value replaced by `_` and the server's address by SITE."""
    return without_times(text.replace(base_url, SITE))


def crawl_exports(server: SampleServer, workdir: Path) -> dict[str, str]:
    """Both spiders over the sample site on a fresh state: every export file, blanked."""
    found: dict[str, str] = {}
    for spider, names in EXPORTS.items():
        result = run_crawl(spider, server.url, workdir)
        if result.returncode != 0:
            raise RuntimeError(f"{spider} exited {result.returncode}: {result.stderr[-3000:]}")
        for name in names:
            found[name] = blanked((workdir / "exports" / name).read_text(encoding="utf-8"), server.url)
    return found


def main() -> int:
    with SampleServer() as server, tempfile.TemporaryDirectory() as tmp:
        exports = crawl_exports(server, Path(tmp))
    GOLDEN_DIR.mkdir(exist_ok=True)
    for name, text in exports.items():
        (GOLDEN_DIR / name).write_text(text, encoding="utf-8")
        print(f"{GOLDEN_DIR / name}: {text.count(chr(10))} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
