"""The sample site's content: article and event files (TOML) loaded into plain records."""

from __future__ import annotations

import os
import time
import tomllib
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).parent / "content"
RESCAN_SECONDS = 0.2   # how stale the server's view of the content folder may be
PARAGRAPH_BREAK = "<!-- paragraph -->"


@dataclass(frozen=True)
class Article:
    """One statement page of the sample site."""

    name: str
    path: str
    template: str
    title: str
    stamp: str | None
    published: datetime
    categories: list[str]
    listed: bool
    body: str
    expected: dict[str, Any]
    mtime: float
    truncate_after: str | None = None   # the server sends the page only up to this text (a cut-off transfer)
    in_sitemap: bool = True             # listed in /sitemap.xml
    in_feed: bool = True                # may be among the newest items of /rss.xml
    content_language: str | None = None   # sent as the Content-Language header (a plain page then has no <html lang>)

    @property
    def paragraphs(self) -> list[str]:
        """The body split into the CMS's paragraph elements."""
        return [p.strip() for p in self.body.split(PARAGRAPH_BREAK) if p.strip()]

    @property
    def slug(self) -> str:
        return self.path.removeprefix("/article/").strip("/")

    @property
    def pdf_path(self) -> str:
        """Where OpenCms serves the page as PDF (`<cms:pdf>`: /pdflink/<locale>/<structure id>/<name>.pdf)."""
        return f"/pdflink/en/{uuid.uuid5(uuid.NAMESPACE_URL, self.path)}/{self.slug.rsplit('/', 1)[-1]}.pdf"


@dataclass(frozen=True)
class Event:
    """One event of the sample site."""

    name: str
    title: str
    path: str | None
    start: date
    end: date
    location: str
    teaser_location: str
    sidebar: bool
    listed: bool
    template: str
    lang: str
    description: str
    expected: dict[str, Any] = field(default_factory=dict)


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _article(path: Path) -> Article:
    data = _load(path)
    return Article(
        name=path.stem,
        path=data["path"],
        template=data.get("template", "apollo"),
        title=data["title"],
        stamp=data.get("stamp"),
        published=datetime.fromisoformat(data["published"]),
        categories=list(data.get("categories", [])),
        listed=data.get("listed", True),
        body=data.get("body", ""),
        expected=data.get("expected", {}),
        mtime=path.stat().st_mtime,
        truncate_after=data.get("truncate_after"),
        in_sitemap=data.get("sitemap", True),
        in_feed=data.get("feed", data.get("listed", True)),
        content_language=data.get("content_language"),
    )


def _event(path: Path) -> Event:
    data = _load(path)
    start = date.fromisoformat(str(data["start"]))
    location = data.get("location", "")
    return Event(
        name=path.stem,
        title=data["title"],
        path=data.get("path"),
        start=start,
        end=date.fromisoformat(str(data.get("end", start))),
        location=location,
        teaser_location=data.get("teaser_location", location),
        sidebar=data.get("sidebar", False),
        listed=data.get("listed", True),
        template=data.get("template", "apollo"),
        lang=data.get("lang", "en"),
        description=data.get("description", ""),
        expected=data.get("expected", {}),
    )


class SiteContent:
    """All articles and events under a content folder, re-read when a file changes."""

    def __init__(self, root: Path = CONTENT_DIR) -> None:
        self.root = Path(root)
        self._signature: dict[str, float] = {}
        self._scanned = 0.0
        self.articles: list[Article] = []
        self.events: list[Event] = []
        self._by_path: dict[str, Article] = {}
        self._by_pdf: dict[str, Article] = {}

    def _scan(self) -> dict[str, float]:
        signature: dict[str, float] = {}
        for folder in ("articles", "events"):
            if (self.root / folder).is_dir():
                with os.scandir(self.root / folder) as entries:
                    signature.update((e.path, e.stat().st_mtime) for e in entries if e.name.endswith(".toml"))
        return signature

    def refresh(self) -> None:
        """Reload the content when any file was added, removed or modified (looked at every RESCAN_SECONDS)."""
        now = time.monotonic()
        if now - self._scanned < RESCAN_SECONDS:
            return
        self._scanned = now
        signature = self._scan()
        if signature == self._signature:
            return
        files = [Path(name) for name in signature]
        self.articles = sorted(
            (_article(f) for f in files if f.parent.name == "articles"),
            key=lambda a: (a.published, a.path),
            reverse=True,
        )
        self.events = sorted(
            (_event(f) for f in files if f.parent.name == "events"),
            key=lambda e: (e.start, e.title),
        )
        self._by_path = {a.path.rstrip("/"): a for a in self.articles}
        self._by_pdf = {a.pdf_path: a for a in self.articles if a.template == "apollo"}
        self._signature = signature

    @property
    def last_modified(self) -> float:
        return max(self._signature.values(), default=0.0)

    def article_paths(self) -> set[str]:
        """The URL paths of every statement (without the trailing slash)."""
        self.refresh()
        return set(self._by_path)

    def article_at(self, path: str) -> Article | None:
        """The article at a URL path, with or without the trailing slash."""
        return self._by_path.get(path.rstrip("/"))

    def pdf_at(self, path: str) -> Article | None:
        """The article whose PDF is at a URL path (Apollo pages link one)."""
        return self._by_pdf.get(path)

    def event_at(self, path: str) -> Event | None:
        wanted = path.rstrip("/")
        return next((e for e in self.events if e.path and e.path.rstrip("/") == wanted), None)
