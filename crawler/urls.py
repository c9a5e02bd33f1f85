"""URL forms of the site: one page, one canonical URL, one id."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit, urlunsplit

UUID_PATH = re.compile(r"^/article/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/?$", re.I)
SITE_HOSTS = ("solidnet.org", "www.solidnet.org")
SKIPPED_PREFIXES = ("/system/", "/export/", "/pdflink/", "/.galleries/")
SKIPPED_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".gif", ".css", ".js", ".zip", ".doc", ".docx")


def is_article_path(path: str) -> bool:
    return path.startswith("/article/") and len(path.strip("/")) > len("article")


def is_event_path(path: str) -> bool:
    return path.startswith("/event/") and len(path.strip("/")) > len("event")


def site_domain(host: str) -> str:
    """The site's domain of a host name: `www.` and the bare domain are one site."""
    return host.removeprefix("www.")


def on_site(url: str, base_url: str) -> bool:
    """Whether a URL belongs to the site: its own host with or without `www.`, or any solidnet.org form of it."""
    host = urlsplit(url).hostname or ""
    return site_domain(host) == site_domain(urlsplit(base_url).hostname or "") or host in SITE_HOSTS


def canonical_url(url: str, base_url: str) -> str:
    """The one URL of a page: the base URL's scheme and host, no fragment; articles and events
    end in a slash except the migrated `/article/<uuid>` form; Mercury's `?instancedate=` goes."""
    parts = urlsplit(url)
    base = urlsplit(base_url)
    path = parts.path or "/"
    query = parts.query
    if is_article_path(path) or is_event_path(path):
        query = ""
        path = path.rstrip("/") if UUID_PATH.match(path) else path.rstrip("/") + "/"
    return urlunsplit((base.scheme, base.netloc, path, query, ""))


def page_id(url: str) -> str:
    """A stable id from the path alone: the same for http/https, www or not, slash or not."""
    key = urlsplit(url).path.strip("/").lower()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def worth_following(url: str, base_url: str) -> bool:
    """Internal HTML pages; not assets, not the CMS's system paths."""
    if not on_site(url, base_url) or urlsplit(url).scheme not in ("http", "https"):
        return False
    path = urlsplit(url).path.lower()
    return not path.startswith(SKIPPED_PREFIXES) and not path.endswith(SKIPPED_SUFFIXES)
