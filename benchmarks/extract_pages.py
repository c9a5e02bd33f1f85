"""Per-page extraction speed over every statement page of the bundled sample site, in-process, no network.

Each page is rendered once by `SampleSite`, then timed as the pipelines handle it: `parse_article` ->
`read_statement` -> resolving every category party, initiator and signatory with the shared resolver.
One warm-up round (its total is printed too: cold resolver cache), then `--rounds` timed rounds.
A second pass per round times each stage alone with the functions `read_statement` calls.

    .venv/bin/python benchmarks/extract_pages.py [--rounds N]
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.extract.categories import classify_categories  # noqa: E402
from crawler.extract.datelines import find_dateline  # noqa: E402
from crawler.extract.signatories import extract_party_list  # noqa: E402
from crawler.extract.statement import ExtractedStatement, posted_at, read_statement  # noqa: E402
from crawler.extract.text import blocks_to_text, html_to_blocks  # noqa: E402
from crawler.parties.resolver import PartyResolver  # noqa: E402
from crawler.sample_site.content import SiteContent  # noqa: E402
from crawler.sample_site.site import SampleSite  # noqa: E402
from crawler.templates import parse_article  # noqa: E402

BASE_URL = "http://127.0.0.1:8123"
SEED = "01-seed"
STAGES = ("template parse", "body blocks + text", "stamp", "dateline", "signatory list", "categories", "party resolution")


def render_pages() -> list[tuple[str, str, str]]:
    """(file name, URL, HTML) of every statement page of the bundled site."""
    content = SiteContent()
    site = SampleSite(content)
    content.refresh()
    pages = []
    for article in content.articles:
        page = site.get(article.path, "", BASE_URL)
        if page.status != 200:
            raise SystemExit(f"{article.name}: the sample site answered {page.status}")
        pages.append((article.name, BASE_URL + article.path, page.body))
    return pages


def resolve_parties(extracted: ExtractedStatement, resolver: PartyResolver) -> None:
    """What NormalizePipeline resolves: category parties, initiators, signatories."""
    for party in extracted.classified.parties:
        resolver.resolve(party.name, party.country_hint)
    for name in extracted.party_list.initiators:
        resolver.resolve(name, None)
    for entry in extracted.party_list.entries:
        resolver.resolve(entry.party, entry.country_hint)


def extract(html: str, url: str, resolver: PartyResolver) -> None:
    """A statement page read as an extraction worker reads it (its links aside: `page_links`), and its parties resolved as the record step resolves them."""
    page = parse_article(html, url)
    if page is None:
        raise SystemExit(f"{url} is not an article page")
    resolve_parties(read_statement(page), resolver)


def _timed(samples: list[float], fn: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = fn()
    samples.append((time.perf_counter() - start) * 1000)
    return result


def time_stages(html: str, url: str, resolver: PartyResolver, samples: dict[str, list[float]]) -> None:
    """One page, stage by stage, in read_statement's order."""
    page = _timed(samples["template parse"], lambda: parse_article(html, url))
    blocks, body = _timed(samples["body blocks + text"], lambda: (b := html_to_blocks(page.body_html), blocks_to_text(b)))
    lines = [line for line in body.splitlines() if line.strip()]
    _timed(samples["stamp"], lambda: posted_at(page, lines))
    dateline = _timed(samples["dateline"], lambda: find_dateline(lines))
    party_list = _timed(samples["signatory list"], lambda: extract_party_list(blocks))
    classified = _timed(samples["categories"], lambda: classify_categories(page.categories, page.title or ""))
    extracted = ExtractedStatement(page.title, None, page.categories, classified, body, dateline, party_list)
    _timed(samples["party resolution"], lambda: resolve_parties(extracted, resolver))


def _p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="timed rounds after the warm-up round (default 20)")
    args = parser.parse_args()

    pages = render_pages()
    resolver = PartyResolver.shared()
    start = time.perf_counter()
    for _name, url, html in pages:
        extract(html, url, resolver)
    warmup = time.perf_counter() - start

    per_page: dict[str, list[float]] = defaultdict(list)
    stages: dict[str, list[float]] = defaultdict(list)
    timed_total = 0.0
    for _ in range(args.rounds):
        round_start = time.perf_counter()
        for name, url, html in pages:
            _timed(per_page[name], functools.partial(extract, html, url, resolver))
        timed_total += time.perf_counter() - round_start
        for _name, url, html in pages:
            time_stages(html, url, resolver, stages)

    samples = [ms for values in per_page.values() for ms in values]
    medians = {name: statistics.median(values) for name, values in per_page.items()}
    seed = next(name for name in medians if name.startswith(SEED))
    slowest = max(medians, key=medians.__getitem__)
    stage_total = sum(sum(values) for values in stages.values())

    print(f"extract_pages: {len(pages)} pages x {args.rounds} rounds (after 1 warm-up round)")
    print(f"  warm-up round (cold resolver cache): {warmup * 1000:8.1f} ms total, {warmup * 1000 / len(pages):.2f} ms/page")
    print(f"  per page  median {statistics.median(samples):7.2f} ms   p90 {_p90(samples):7.2f} ms   max {max(samples):7.2f} ms")
    print(f"  throughput       {len(pages) * args.rounds / timed_total:7.1f} pages/s")
    print(f"  seed page ({seed}) median {medians[seed]:.2f} ms")
    print(f"  slowest page by median: {slowest} {medians[slowest]:.2f} ms")
    print("  stage breakdown (each stage timed alone):")
    print(f"    {'stage':<20} {'median ms':>10} {'mean ms':>9} {'share':>7}")
    for stage in STAGES:
        values = stages[stage]
        share = sum(values) / stage_total * 100
        print(f"    {stage:<20} {statistics.median(values):10.3f} {statistics.fmean(values):9.3f} {share:6.1f}%")


if __name__ == "__main__":
    main()
