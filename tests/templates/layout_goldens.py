"""The layout fixtures: page HTML, a meta file (url, template, kind, what it models; `html` when the page is\na fixture other tests hold already) and the expected fields."""

from __future__ import annotations

import json
import tomllib
from dataclasses import asdict
from pathlib import Path
from typing import Any

from crawler.extract.text import blocks_to_text, html_to_blocks
from crawler.templates import parse_article, parse_event_page

LAYOUTS = Path(__file__).parent / "layouts"


def fixtures() -> list[str]:
    return sorted(p.name.removesuffix(".meta.toml") for p in LAYOUTS.glob("*.meta.toml"))


def meta(name: str) -> dict[str, Any]:
    return tomllib.loads((LAYOUTS / f"{name}.meta.toml").read_text(encoding="utf-8"))


def html(name: str) -> str:
    """The fixture page: `<name>.html` beside the meta file, or the page its `html` key names."""
    path = LAYOUTS / meta(name).get("html", f"{name}.html")
    return path.read_text(encoding="utf-8")


def read_fields(name: str) -> dict[str, Any] | None:
    """What the template reads off the fixture: the article's or event page's raw fields (body and
    description as text lines, which is what the extractors make of them)."""
    about = meta(name)
    if about["kind"] == "article":
        page = parse_article(html(name), about["url"])
        if page is None:
            return None
        fields = asdict(page)
        fields["body_html"] = blocks_to_text(html_to_blocks(fields["body_html"])).splitlines()
        return fields
    event = parse_event_page(html(name), about["url"])
    if event is None:
        return None
    fields = asdict(event)
    fields["description_html"] = blocks_to_text(html_to_blocks(fields["description_html"] or "")).splitlines()
    return fields


def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((LAYOUTS / f"{name}.expected.json").read_text(encoding="utf-8"))
    return data
