"""Which charset a page is in when its Content-Type header says one thing and its content another."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from w3lib.encoding import html_body_declared_encoding, read_bom, resolve_encoding

UTF8 = "utf-8"


@dataclass(frozen=True)
class CharsetVerdict:
    """`charset`: what to read the page as (None: nothing better than the header); `reason`: why, for the log."""

    charset: str | None
    reason: str


def _name(label: str | None) -> str | None:
    """A charset label in one spelling (WHATWG's mapping: `iso-8859-1` reads as `cp1252`), None if unknown."""
    if not label:
        return None
    resolved = resolve_encoding(label)
    return codecs.lookup(resolved).name if resolved else None


def _decodes(body: bytes, charset: str) -> bool:
    try:
        body.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def contradiction(header_charset: str | None, body: bytes) -> CharsetVerdict | None:
    """None when the header names no charset, the body is ASCII, or the content agrees with the header.
    Otherwise, in this order: a byte-order mark; a body that is valid UTF-8 with non-ASCII bytes (text
    in another charset almost never is); the charset the page declares (`<meta charset>`) when the
    body decodes in it; else, when the body is not valid in the header's charset either, a verdict
    without a charset (the page is read as the header says, and the problem logged)."""
    if header_charset is None or body.isascii():
        return None
    header = _name(header_charset)
    bom, _ = read_bom(body)
    if bom:
        found = _name(bom)
        return None if found == header else CharsetVerdict(found, f"its byte-order mark says {bom}")
    if _decodes(body, UTF8):
        return None if header == UTF8 else CharsetVerdict(UTF8, "its content is valid UTF-8")
    declared = _name(html_body_declared_encoding(body))
    if declared and declared != header and _decodes(body, declared):
        return CharsetVerdict(declared, f"the page declares {declared}")
    if header is not None and _decodes(body, header):
        return None
    return CharsetVerdict(None, f"it is not valid {header_charset}")
