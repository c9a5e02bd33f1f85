"""The PDFs the sample site serves for its Apollo pages ("Show PDF"): small real PDF 1.4 files, one A4 page
printing the title and the start of the body, byte-for-byte the same for the same article."""

from __future__ import annotations

import re
import textwrap
from html import unescape

from .content import Article

LINES = 40
WIDTH = 95


def _pdf_text(text: str) -> str:
    """A PDF string literal's content: Latin-1 (other letters as '?'), with \\ ( ) escaped."""
    latin = text.encode("latin-1", "replace").decode("latin-1")
    return latin.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _lines(article: Article) -> list[str]:
    text = unescape(re.sub(r"<[^>]+>", "\n", article.body))
    paragraphs = [" ".join(p.split()) for p in text.split("\n") if p.strip()]
    return [line for p in paragraphs for line in textwrap.wrap(p, WIDTH)][:LINES]


def statement_pdf(article: Article) -> bytes:
    """The article as a one-page PDF."""
    shown = "\n".join(f"0 -16 Td ({_pdf_text(line)}) Tj" for line in _lines(article))
    content = f"BT /F1 14 Tf 50 800 Td ({_pdf_text(article.title[:80])}) Tj /F1 9 Tf\n{shown}\nET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
