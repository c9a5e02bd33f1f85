"""The crawler's own page readers against trafilatura, htmldate and extruct, on every page of the
sample site in every markup (OpenCms, WordPress, Drupal): share of fields right and time per page.

Fields: title, posting day (the day of `posted_at`; libraries give days), categories, language
(ISO 639-1) of statement pages; dates and location of event pages. "Ours" is the template the
registry picks. The libraries are not dependencies of the crawler: install them with
`pip install -e ".[compare]"`.

    .venv/bin/python benchmarks/compare_libraries.py
"""

from __future__ import annotations

import sys
import time
import tomllib
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import extruct  # noqa: E402
import htmldate  # noqa: E402
import trafilatura  # noqa: E402

from crawler.extract.events import EventRecord, event_from_page  # noqa: E402
from crawler.extract.statement import read_statement  # noqa: E402
from crawler.sample_site.cms_markup import event_path  # noqa: E402
from crawler.sample_site.cms_site import CmsSite  # noqa: E402
from crawler.sample_site.content import SiteContent  # noqa: E402
from crawler.sample_site.site import SampleSite  # noqa: E402
from crawler.templates import Page, parse_article, parse_event_page, template_for  # noqa: E402

BASE = "http://127.0.0.1:8123"
Reader = Callable[[str, str], dict[str, Any]]


def ours(html: str, url: str) -> dict[str, Any]:
    page = parse_article(html, url)
    if page is None:
        return {}
    read = read_statement(page)
    return {
        "title": read.title,
        "day": read.posted_at.date().isoformat() if read.posted_at else None,
        "categories": read.categories,
        "language": read.classified.languages[:1] or None,
    }


def with_trafilatura(html: str, url: str) -> dict[str, Any]:
    meta = trafilatura.extract_metadata(html, default_url=url)
    if meta is None:
        return {}
    language = (meta.language or "").split("-")[0].split("_")[0].lower() or None
    return {
        "title": meta.title,
        "day": meta.date,
        "categories": [*(meta.categories or []), *(meta.tags or [])],
        "language": [language] if language else None,
    }


def with_htmldate(html: str, url: str) -> dict[str, Any]:
    return {"day": htmldate.find_date(html, url=url, original_date=True, extensive_search=False)}


def statement_expected(site_content: SiteContent) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, name, expected fields) of every statement."""
    found = []
    for article in site_content.articles:
        want = tomllib.loads((site_content.root / "articles" / f"{article.name}.toml").read_text(encoding="utf-8"))
        posted = want.get("expected", {}).get("posted_at")
        languages = want.get("expected", {}).get("languages", [])
        found.append((article.path, article.name, {
            "title": article.title, "day": posted[:10] if posted else None,
            "categories": article.categories, "language": languages[:1] or None,
        }))
    return found


def score(reader: Reader, pages: list[tuple[str, str, dict[str, Any]]], fields: tuple[str, ...]) -> tuple[dict[str, float], float]:
    right = dict.fromkeys(fields, 0)
    for html, url, _want in pages:   # warm-up: caches and lazy imports are not what is measured
        reader(html, url)
    started = time.perf_counter()
    results = [(reader(html, url), want) for html, url, want in pages]
    elapsed = (time.perf_counter() - started) / len(pages) * 1000
    for got, want in results:
        for field in fields:
            right[field] += got.get(field, None) == want[field]
    return {f: right[f] / len(pages) for f in fields}, elapsed


def extruct_event(html: str, url: str) -> dict[str, Any]:
    """Start, end and place from extruct's JSON-LD and microdata Event, if any."""
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "microdata", "opengraph"], uniform=True)
    for item in [*data.get("json-ld", []), *data.get("microdata", [])]:
        if "Event" in str(item.get("@type")):
            place = item.get("location")
            name = place.get("name") if isinstance(place, dict) else place
            return {"start": str(item.get("startDate", ""))[:10] or None, "location": name}
    return {}


def our_event(html: str, url: str) -> dict[str, Any]:
    page = parse_event_page(html, url)
    record = event_from_page(page) if page else None
    if not isinstance(record, EventRecord):
        return {}
    return {"start": record.start_date, "location": record.location}


def shared_signals(html: str, url: str) -> dict[str, Any]:
    """What extruct reads (JSON-LD, microdata, OpenGraph) as our `Page` reads it."""
    page = Page(html, url)
    return {"json_ld": len(page.json_ld), "og": len([k for k in page.metas if k.startswith("og:")])}


def main() -> None:
    warnings.simplefilter("ignore")
    content = SiteContent()
    content.refresh()
    print("statement pages: share of fields right, ms per page (the crawler's readers vs libraries)")
    print(f"{'markup':10} {'reader':12} {'title':>6} {'day':>6} {'cats':>6} {'lang':>6} {'ms/page':>8}")
    fields = ("title", "day", "categories", "language")
    for markup in ("opencms", "wordpress", "drupal"):
        site = SampleSite(content) if markup == "opencms" else CmsSite(content, markup)
        pages = [(site.get(path, "", BASE).body, BASE + path, want) for path, _name, want in statement_expected(content)]
        for name, reader in (("ours", ours), ("trafilatura", with_trafilatura), ("htmldate", with_htmldate)):
            shares, ms = score(reader, pages, fields if name != "htmldate" else ("day",))
            cells = " ".join(f"{shares[f]:6.0%}" if f in shares else f"{'-':>6}" for f in fields)
            print(f"{markup:10} {name:12} {cells} {ms:8.2f}")
    print("\nevent pages: share with the right start day and location, ms per page")
    for markup in ("opencms", "wordpress", "drupal"):
        site = SampleSite(content) if markup == "opencms" else CmsSite(content, markup)
        events = [e for e in content.events if (e.path or markup != "opencms") and not e.expected.get("excluded")]
        pages = [
            (site.get(event_path(e), "", BASE).body, BASE + event_path(e), {"start": e.start.isoformat(), "location": e.expected["location"]})
            for e in events
        ]
        for name, reader in (("ours", our_event), ("extruct", extruct_event)):
            shares, ms = score(reader, pages, ("start", "location"))
            print(f"{markup:10} {name:12} start {shares['start']:5.0%}  location {shares['location']:5.0%}  {ms:7.2f} ms")
    print("\nreading the shared signals (JSON-LD, OpenGraph) of the Drupal pages, ms per page")
    drupal = CmsSite(content, "drupal")
    pages = [(drupal.get(path, "", BASE).body, BASE + path, {}) for path, _n, _w in statement_expected(content)]
    for name, reader in (
        ("ours (Page)", shared_signals),
        ("extruct", lambda h, u: extruct.extract(h, base_url=u, syntaxes=["json-ld", "microdata", "opengraph"])),
        ("template pick", lambda h, u: {"t": template_for(h, u).name}),
    ):
        _shares, ms = score(reader, pages, ())
        print(f"{name:14} {ms:7.2f}")


if __name__ == "__main__":
    main()
