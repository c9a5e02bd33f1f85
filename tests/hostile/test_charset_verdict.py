"""A Content-Type charset that the content contradicts: what the page is read as instead."""

from __future__ import annotations

from crawler.charset import contradiction

TEXT = "<html><head><meta charset='{meta}'></head><body><p>Resolución, Партия, Ελλάδα</p></body></html>"


def page(meta: str, encoding: str, text: str = TEXT) -> bytes:
    return text.format(meta=meta).encode(encoding)


def test_utf8_content_under_a_latin1_header_is_read_as_utf8() -> None:
    verdict = contradiction("iso-8859-1", page("utf-8", "utf-8"))
    assert verdict is not None and verdict.charset == "utf-8"


def test_agreeing_header_ascii_bodies_and_no_header_give_no_verdict() -> None:
    assert contradiction("utf-8", page("utf-8", "utf-8")) is None
    assert contradiction("iso-8859-1", b"<html><body>plain</body></html>") is None
    assert contradiction(None, page("utf-8", "utf-8")) is None
    latin = "<html><head><meta charset='{meta}'></head><body><p>Resolución</p></body></html>"
    assert contradiction("windows-1252", page("iso-8859-1", "cp1252", latin)) is None   # the same charset in WHATWG's mapping


def test_the_page_declaration_wins_when_the_header_charset_does_not_fit() -> None:
    cyrillic = "<html><head><meta charset='{meta}'></head><body><p>Коммунистическая партия</p></body></html>"
    verdict = contradiction("utf-8", page("windows-1251", "cp1251", cyrillic))
    assert verdict is not None and verdict.charset == "cp1251"
    verdict = contradiction("iso-8859-1", page("windows-1251", "cp1251", cyrillic))
    assert verdict is not None and verdict.charset == "cp1251"


def test_a_byte_order_mark_wins() -> None:
    verdict = contradiction("iso-8859-1", b"\xef\xbb\xbf" + page("utf-8", "utf-8"))
    assert verdict is not None and verdict.charset == "utf-8"


def test_a_body_valid_in_no_named_charset_is_a_verdict_without_charset() -> None:
    verdict = contradiction("utf-8", b"<html><body>caf\xe9 \xff\xfe\xfd</body></html>")
    assert verdict is not None and verdict.charset is None and "not valid utf-8" in verdict.reason
